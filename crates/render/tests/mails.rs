//! Every mail in every language, through the public API.

use podpora_core::Language;
use podpora_render::{Arg, ClockKind, MailTemplate, RenderedMail, Renderer};

fn renderer() -> Renderer {
    Renderer::new().expect("the built-in templates and messages load")
}

fn all_parts(mail: &RenderedMail) -> [(&'static str, &str); 3] {
    [
        ("subject", mail.subject.as_str()),
        ("text", mail.text.as_str()),
        ("html", mail.html.as_str()),
    ]
}

#[test]
fn every_template_renders_in_every_language_with_nothing_left_unfilled() {
    let renderer = renderer();
    let samples = MailTemplate::samples();
    let names: std::collections::BTreeSet<&str> = samples.iter().map(MailTemplate::name).collect();
    assert_eq!(
        names.len(),
        MailTemplate::NAMES.len(),
        "a sample of every mail"
    );
    for sample in &samples {
        for lang in Language::ALL {
            let mail = renderer
                .mail(sample, lang)
                .unwrap_or_else(|e| panic!("{} in {lang}: {e}", sample.name()));
            for (part, text) in all_parts(&mail) {
                let context = format!("{} {part} in {lang}: {text}", sample.name());
                assert!(!text.trim().is_empty(), "{context}");
                for leftover in [
                    "{{", "}}", "{%", "%}", "{$", "{ $", "\u{2068}", "\u{2069}", "none",
                ] {
                    assert!(!text.contains(leftover), "{leftover:?} left in {context}");
                }
                if let Some(number) = sample.ticket_number().filter(|_| part != "subject") {
                    assert!(text.contains(number), "no ticket number in {context}");
                }
            }
            assert!(!mail.subject.contains('\n'), "{}", mail.subject);
            assert!(mail.html.starts_with("<!DOCTYPE html>"), "{}", mail.html);
            assert!(mail.html.contains(&format!("<html lang=\"{lang}\">")));
        }
    }
}

#[test]
fn the_languages_say_different_things() {
    let renderer = renderer();
    for sample in MailTemplate::samples() {
        let texts: Vec<String> = Language::ALL
            .iter()
            .map(|lang| renderer.mail(&sample, *lang).expect("renders").text)
            .collect();
        for (i, a) in texts.iter().enumerate() {
            for b in &texts[i + 1..] {
                assert_ne!(a, b, "two languages render {} alike", sample.name());
            }
        }
    }
}

#[test]
fn the_confirmation_quotes_the_number_and_the_reaction_time_in_the_language() {
    let renderer = renderer();
    let due = jiff::civil::date(2026, 11, 2)
        .at(11, 30, 0, 0)
        .to_zoned(jiff::tz::TimeZone::UTC)
        .expect("a valid time");
    let mail = MailTemplate::Confirmation {
        ticket_number: "2026-000777".to_string(),
        subject: "Nefunguje VPN".to_string(),
        contact_name: Some("Eva Malá".to_string()),
        reaction_due: Some(due.clone()),
        team_name: "Servis IT".to_string(),
    };
    let sk = renderer.mail(&mail, Language::Sk).expect("renders");
    assert!(sk.subject.contains("Nefunguje VPN"));
    assert!(
        !sk.subject.contains("2026-000777"),
        "the caller adds the tag"
    );
    assert!(sk.text.contains("pod číslom 2026-000777"), "{}", sk.text);
    assert!(
        sk.text
            .contains(&podpora_render::format_datetime(Language::Sk, &due))
    );
    assert!(sk.text.contains("Servis IT"));
    let en = renderer.mail(&mail, Language::En).expect("renders");
    assert!(en.text.starts_with("Hello Eva Malá,"), "{}", en.text);
    assert!(
        en.text
            .contains(&podpora_render::format_datetime(Language::En, &due))
    );

    let without = MailTemplate::Confirmation {
        ticket_number: "2026-000777".to_string(),
        subject: "Nefunguje VPN".to_string(),
        contact_name: None,
        reaction_due: None,
        team_name: "Servis IT".to_string(),
    };
    let pl = renderer.mail(&without, Language::Pl).expect("renders");
    assert!(pl.text.starts_with("Dzień dobry,"));
    assert!(
        !pl.text.contains("najpóźniej"),
        "no SLA, no promise: {}",
        pl.text
    );
}

#[test]
fn html_escapes_what_users_wrote() {
    let renderer = renderer();
    let evil = "<script>alert('x')</script> & \"quotes\"";
    let mails = [
        MailTemplate::Confirmation {
            ticket_number: "2026-000001".to_string(),
            subject: evil.to_string(),
            contact_name: Some(evil.to_string()),
            reaction_due: None,
            team_name: evil.to_string(),
        },
        MailTemplate::AgentReply {
            ticket_number: "2026-000001".to_string(),
            subject: evil.to_string(),
            agent_name: evil.to_string(),
            body_text: format!("{evil}\n\nsecond paragraph"),
        },
        MailTemplate::OutOfScope {
            ticket_number: "2026-000001".to_string(),
            subject: evil.to_string(),
            answer_text: evil.to_string(),
        },
        MailTemplate::UnknownSender {
            support_address: evil.to_string(),
            company_name: evil.to_string(),
            sender: evil.to_string(),
        },
    ];
    for mail in &mails {
        for lang in Language::ALL {
            let out = renderer.mail(mail, lang).expect("renders");
            assert!(!out.html.contains("<script>"), "{}", out.html);
            assert!(out.html.contains("&lt;script&gt;"), "{}", out.html);
            assert!(!out.html.contains("\"quotes\""), "{}", out.html);
            // The plain-text part is not HTML and keeps the text as written.
            assert!(out.text.contains("<script>"), "{}", out.text);
        }
    }
    let reply = renderer.mail(&mails[1], Language::En).expect("renders");
    assert!(
        reply.html.contains("<p>second paragraph</p>"),
        "{}",
        reply.html
    );
}

#[test]
fn a_subject_with_a_line_break_stays_one_header_line() {
    let renderer = renderer();
    let mail = MailTemplate::Reopened {
        ticket_number: "2026-000002".to_string(),
        subject: "Hello\r\nBcc: victim@example.com".to_string(),
    };
    let out = renderer.mail(&mail, Language::En).expect("renders");
    assert!(!out.subject.contains(['\r', '\n']), "{:?}", out.subject);
    assert!(out.subject.ends_with("Hello Bcc: victim@example.com"));
}

#[test]
fn sla_mails_name_the_clock_in_the_language() {
    let renderer = renderer();
    let due = jiff::Timestamp::UNIX_EPOCH.to_zoned(jiff::tz::TimeZone::UTC);
    for clock in ClockKind::ALL {
        let mail = MailTemplate::SlaBreach {
            ticket_number: "2026-000003".to_string(),
            subject: "Server".to_string(),
            clock,
            due: due.clone(),
        };
        for lang in Language::ALL {
            let name = renderer.clock_name(lang, clock);
            assert_ne!(name, clock.message_id(), "{lang} names {clock:?}");
            let out = renderer.mail(&mail, lang).expect("renders");
            assert!(out.text.contains(&name), "{}", out.text);
        }
    }
    let warning = MailTemplate::SlaWarning {
        ticket_number: "2026-000003".to_string(),
        subject: "Server".to_string(),
        clock: ClockKind::Visit,
        due,
        percent: 75,
    };
    let cs = renderer.mail(&warning, Language::Cs).expect("renders");
    assert!(cs.subject.contains("75\u{a0}%"), "{}", cs.subject);
    assert!(cs.text.contains("Výjezd technika"), "{}", cs.text);
}

#[test]
fn plurals_follow_cldr_through_fluent() {
    let renderer = renderer();
    let hours = |lang, n: i64| renderer.text(lang, "duration-hours", &[("count", Arg::from(n))]);
    let expected = [
        (
            Language::Sk,
            [
                (1, "1 hodina"),
                (2, "2 hodiny"),
                (4, "4 hodiny"),
                (5, "5 hodín"),
                (22, "22 hodín"),
            ],
        ),
        (
            Language::Cs,
            [
                (1, "1 hodina"),
                (2, "2 hodiny"),
                (4, "4 hodiny"),
                (5, "5 hodin"),
                (22, "22 hodin"),
            ],
        ),
        (
            Language::Pl,
            [
                (1, "1 godzina"),
                (2, "2 godziny"),
                (5, "5 godzin"),
                (12, "12 godzin"),
                (22, "22 godziny"),
            ],
        ),
        (
            Language::En,
            [
                (1, "1 hour"),
                (2, "2 hours"),
                (5, "5 hours"),
                (12, "12 hours"),
                (22, "22 hours"),
            ],
        ),
    ];
    for (lang, cases) in expected {
        for (n, text) in cases {
            assert_eq!(hours(lang, n), text, "{lang} {n}");
        }
    }
    let days = |lang, n: i64| renderer.text(lang, "duration-days", &[("count", Arg::from(n))]);
    assert_eq!(days(Language::Sk, 3), "3 dni");
    assert_eq!(days(Language::Cs, 5), "5 dní");
    assert_eq!(days(Language::Pl, 0), "0 dni");
    let minutes =
        |lang, n: i64| renderer.text(lang, "duration-minutes", &[("count", Arg::from(n))]);
    assert_eq!(minutes(Language::Pl, 25), "25 minut");
    assert_eq!(minutes(Language::Pl, 24), "24 minuty");
    assert_eq!(minutes(Language::Sk, 1), "1 minúta");
}

#[test]
fn text_falls_back_to_the_key_for_an_unknown_message() {
    let renderer = renderer();
    assert_eq!(
        renderer.text(Language::Sk, "no-such-message", &[]),
        "no-such-message"
    );
    assert_eq!(
        renderer.text(
            Language::Pl,
            "ticket-number",
            &[("ticket", Arg::from("2026-000009"))]
        ),
        "Numer zgłoszenia: 2026-000009"
    );
}

#[test]
fn the_renderer_can_be_shared_between_threads() {
    fn shareable<T: Send + Sync>() {}
    shareable::<Renderer>();
    let renderer = std::sync::Arc::new(renderer());
    let handles: Vec<_> = Language::ALL
        .into_iter()
        .map(|lang| {
            let renderer = std::sync::Arc::clone(&renderer);
            std::thread::spawn(move || {
                renderer.text(lang, "duration-hours", &[("count", Arg::from(2))])
            })
        })
        .collect();
    let texts: Vec<String> = handles
        .into_iter()
        .map(|h| h.join().expect("no panic"))
        .collect();
    assert_eq!(texts, ["2 hodiny", "2 hodiny", "2 godziny", "2 hours"]);
}
