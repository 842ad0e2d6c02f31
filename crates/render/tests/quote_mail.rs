//! The quote mail as the customer reads it in each language.

use podpora_core::Language;
use podpora_render::{MailTemplate, Renderer};

fn quote() -> MailTemplate {
    let zone = jiff::tz::TimeZone::get("Europe/Prague").unwrap();
    MailTemplate::QuoteOffered {
        ticket_number: "2026-000042".into(),
        subject: "Ústředna nevolá".into(),
        price_minor: 1_234_550,
        currency: "CZK".into(),
        covers: "Výměna zdroje a nastavení ústředny".into(),
        deadline: jiff::civil::date(2026, 12, 10)
            .at(16, 0, 0, 0)
            .to_zoned(zone)
            .unwrap(),
    }
}

#[test]
fn the_quote_says_price_what_it_covers_and_deadline_in_the_readers_language() {
    let r = Renderer::new().unwrap();
    let cs = r.mail(&quote(), Language::Cs).unwrap();
    assert_eq!(
        cs.subject,
        "Cenová nabídka k vašemu požadavku: Ústředna nevolá"
    );
    for text in [
        "Cena: 12\u{a0}345,50\u{a0}CZK",
        "Co zahrnuje: Výměna zdroje a nastavení ústředny",
        "2026-000042",
        "v zákaznickém portálu",
    ] {
        assert!(cs.text.contains(text), "{text} in {}", cs.text);
    }
    let en = r.mail(&quote(), Language::En).unwrap();
    assert!(en.text.contains("Price: 12,345.50\u{a0}CZK"), "{}", en.text);
    assert!(
        en.subject.starts_with("Quote for your request"),
        "{}",
        en.subject
    );
    let pl = r.mail(&quote(), Language::Pl).unwrap();
    assert!(
        pl.subject.starts_with("Oferta do Państwa zgłoszenia"),
        "{}",
        pl.subject
    );
    let sk = r.mail(&quote(), Language::Sk).unwrap();
    assert!(sk.text.contains("Termín:"), "{}", sk.text);
}
