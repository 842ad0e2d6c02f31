//! The PDF of an issued invoice or credit note, made in the process (krilla; no external
//! tool): supplier and customer with their ids, number, dates, variable symbol, lines, VAT per
//! rate, totals (and the VAT in the national currency where the invoice is in another), the
//! bank account and the payment QR code as an image. The words come from the caller in the
//! customer's language ([`Labels`]); the font (DejaVu Sans) is embedded, subset to what the
//! document uses.

// Positions on a page are points, not money: floats are right here, and amounts are
// formatted from their integer minor units before they are placed.
#![allow(clippy::float_arithmetic)]

mod canvas;
mod format;
mod labels;

use crate::invoice::{DocumentKind, Invoice, Line, Unit};
use crate::party::Party;
use canvas::{Canvas, GREY, MARGIN, WIDTH};
pub use format::NumberStyle;
use jiff::civil::Date;
pub use labels::Labels;

/// Why no PDF was made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PdfError {
    /// The embedded font could not be read (a broken build).
    #[error("the embedded font cannot be read")]
    Font,
    /// The QR image is not a PNG.
    #[error("the payment QR image cannot be read: {0}")]
    Image(String),
    /// A size or path out of range.
    #[error("the invoice's layout failed")]
    Layout,
    /// krilla refused the document.
    #[error("the PDF could not be written: {0}")]
    Write(String),
}

/// The payment QR code printed on the invoice.
#[derive(Debug, Clone, Copy)]
pub struct PaymentQr<'a> {
    /// The QR code as a PNG, as [`podpora_payments::qr::request_png`] makes it.
    pub png: &'a [u8],
    /// Its standard's name, printed under it: `PAY by square`, `QR Platba`, `EPC QR`.
    pub standard: &'a str,
}

/// How the invoice is written: words, numbers and dates in the customer's language.
pub struct Style<'a> {
    /// The words.
    pub labels: &'a Labels,
    /// How numbers are written.
    pub numbers: NumberStyle,
    /// How a day is written, e.g. `4. 12. 2026`.
    pub date: &'a dyn Fn(Date) -> String,
    /// The document's language tag (`sk`, `cs`, `pl`, `en`), for readers and screen readers.
    pub language: &'a str,
}

const LEFT: f32 = MARGIN;
const RIGHT: f32 = WIDTH - MARGIN;
const MIDDLE: f32 = WIDTH / 2.0 + 8.0;
const BODY: f32 = 9.0;
const SMALL: f32 = 7.5;
const LINE: f32 = 12.5;

/// The PDF of `invoice`, with the payment QR code where one is given.
///
/// ```
/// use podpora_invoicing::{examples, issue, pdf};
/// let invoice = issue(examples::invoice_sk(), examples::series_2026().next(None)?)?;
/// let labels = pdf::Labels::from_messages(|key| key.to_string());
/// let style = pdf::Style {
///     labels: &labels,
///     numbers: pdf::NumberStyle::Comma,
///     date: &|d| d.to_string(),
///     language: "sk",
/// };
/// let bytes = pdf::write(&invoice, &style, None)?;
/// assert!(bytes.starts_with(b"%PDF-"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn write(
    invoice: &Invoice,
    style: &Style<'_>,
    qr: Option<PaymentQr<'_>>,
) -> Result<Vec<u8>, PdfError> {
    let mut c = Canvas::new()?;
    let l = style.labels;
    let d = invoice.content();
    let title = format!(
        "{} {}",
        if invoice.is_credit_note() {
            &l.credit_note
        } else {
            &l.invoice
        },
        invoice.number()
    );
    c.text(LEFT, c.y, 18.0, &title);
    c.y += 30.0;
    if let DocumentKind::CreditNote {
        corrects,
        corrects_issued,
        reason,
    } = &d.kind
    {
        let text = format!(
            "{}: {corrects} ({})",
            l.corrects,
            (style.date)(*corrects_issued)
        );
        c.text(LEFT, c.y, 10.0, &text);
        c.y += LINE + 1.0;
        for line in c.wrap(&format!("{}: {reason}", l.reason), BODY, RIGHT - LEFT) {
            c.text(LEFT, c.y, BODY, &line);
            c.y += LINE;
        }
        c.y += 6.0;
    }
    parties(&mut c, l, &d.supplier, &d.customer);
    facts(&mut c, invoice, style);
    lines(&mut c, invoice, style);
    summary(&mut c, invoice, style);
    payment(&mut c, invoice, style, qr)?;
    if let Some(note) = d.note.as_deref().filter(|n| !n.trim().is_empty()) {
        c.y += 8.0;
        for line in c.wrap(note, BODY, RIGHT - LEFT) {
            c.ensure(LINE);
            c.text(LEFT, c.y, BODY, &line);
            c.y += LINE;
        }
    }
    let supplier = d.supplier.name.clone();
    let contact = d.supplier.email.clone().unwrap_or_default();
    c.finish(&title, style.language, |page, pages| {
        let mut footer = format!("{supplier} · {title}");
        if !contact.is_empty() {
            footer.push_str(&format!(" · {contact}"));
        }
        format!("{footer} · {} {page}/{pages}", l.page)
    })
}

/// The names of a party's ids as its country's invoices print them.
fn ids(p: &Party) -> Vec<String> {
    let country = p.address.country.to_ascii_uppercase();
    let mut out = Vec::new();
    if let Some(i) = &p.ids.ico {
        out.push(format!("IČO: {}", i.as_str()));
    }
    if let Some(n) = &p.ids.nip {
        out.push(format!("NIP: {}", n.as_str()));
    }
    if let Some(t) = &p.ids.sk_tax_number {
        out.push(format!("DIČ: {}", t.as_str()));
    }
    if let Some(v) = &p.ids.vat_id {
        let name = match country.as_str() {
            "SK" => "IČ DPH",
            "CZ" => "DIČ",
            "PL" => "NIP UE",
            _ => "VAT",
        };
        out.push(format!("{name}: {}", v.as_str()));
    }
    out
}

/// One party's block; its height.
fn party(c: &mut Canvas, x: f32, y: f32, caption: &str, p: &Party) -> f32 {
    let width = MIDDLE - LEFT - 16.0;
    let mut y2 = y;
    c.text_grey(x, y2, SMALL, GREY, &caption.to_uppercase());
    y2 += 12.0;
    for line in c.wrap(&p.name, 11.0, width) {
        c.text(x, y2, 11.0, &line);
        y2 += 14.0;
    }
    let a = &p.address;
    let city = [a.postal_code.trim(), a.city.trim()]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    for line in [a.street.trim(), city.as_str(), a.country.trim()] {
        if !line.is_empty() {
            c.text(x, y2, BODY, line);
            y2 += LINE;
        }
    }
    y2 += 3.0;
    for id in ids(p) {
        c.text(x, y2, BODY, &id);
        y2 += LINE;
    }
    y2 - y
}

fn parties(c: &mut Canvas, l: &Labels, supplier: &Party, customer: &Party) {
    let y = c.y;
    let a = party(c, LEFT, y, &l.supplier, supplier);
    let b = party(c, MIDDLE, y, &l.customer, customer);
    c.y += a.max(b) + 10.0;
    c.rule(LEFT, RIGHT, c.y, 0.5);
    c.y += 10.0;
}

/// Label and value pairs in two columns.
fn pairs(c: &mut Canvas, x: f32, y: f32, rows: &[(&str, String)]) -> f32 {
    let mut y2 = y;
    let indent = rows
        .iter()
        .map(|(label, _)| c.width(label, BODY))
        .fold(0.0, f32::max)
        + 10.0;
    for (label, value) in rows {
        c.text_grey(x, y2, BODY, GREY, label);
        c.text(x + indent, y2, BODY, value);
        y2 += LINE;
    }
    y2 - y
}

fn facts(c: &mut Canvas, invoice: &Invoice, style: &Style<'_>) {
    let (l, d) = (style.labels, invoice.content());
    let date = style.date;
    let left = [
        (l.number.as_str(), invoice.number().to_string()),
        (l.issue_date.as_str(), date(d.issue_date)),
        (l.supply_date.as_str(), date(d.supply_date)),
        (l.due_date.as_str(), date(d.due_date)),
    ];
    let mut right = Vec::new();
    if let Some(p) = &d.payment {
        if let Some(vs) = &p.variable_symbol {
            right.push((l.variable_symbol.as_str(), vs.as_str().to_string()));
        }
        right.push((l.payment_method.as_str(), l.bank_transfer.clone()));
    }
    if d.supplier.ids.vat_id.is_none() {
        right.push((l.vat.as_str(), l.not_vat_payer.clone()));
    }
    let y = c.y;
    let a = pairs(c, LEFT, y, &left);
    let b = pairs(c, MIDDLE, y, &right);
    c.y += a.max(b) + 12.0;
}

/// Column right edges of the lines table.
const QTY: f32 = 330.0;
const PRICE: f32 = 405.0;
const RATE: f32 = 462.0;

fn quantity(line: &Line, l: &Labels, n: NumberStyle) -> (String, String) {
    // An hourly rate on minutes reads as hours: 120 min at 50.00 / 60 min is 2 h at 50.00.
    let (milli, unit) = match line.unit {
        Unit::Minute if line.base_quantity == 60 => (line.quantity_milli / 60, &l.unit_hour),
        Unit::Minute => (line.quantity_milli, &l.unit_minute),
        Unit::Hour => (line.quantity_milli, &l.unit_hour),
        Unit::Piece => (line.quantity_milli, &l.unit_piece),
        Unit::Month => (line.quantity_milli, &l.unit_month),
    };
    let exact =
        line.unit != Unit::Minute || line.base_quantity != 60 || line.quantity_milli % 60 == 0;
    let q = if exact {
        format!("{} {unit}", n.quantity(milli))
    } else {
        format!("{} {}", n.quantity(line.quantity_milli), l.unit_minute)
    };
    let price = if exact || line.base_quantity == 1 {
        n.amount(line.price)
    } else {
        format!(
            "{} / {} {}",
            n.amount(line.price),
            line.base_quantity,
            l.unit_minute
        )
    };
    (q, price)
}

fn lines(c: &mut Canvas, invoice: &Invoice, style: &Style<'_>) {
    let (l, n) = (style.labels, style.numbers);
    let d = invoice.content();
    let header = |c: &mut Canvas| {
        c.text_grey(LEFT, c.y, SMALL, GREY, &l.description);
        c.text_right(QTY, c.y, SMALL, &l.quantity);
        c.text_right(PRICE, c.y, SMALL, &l.unit_price);
        c.text_right(RATE, c.y, SMALL, &l.vat_rate);
        c.text_right(
            RIGHT,
            c.y,
            SMALL,
            &format!("{} ({})", l.net, d.currency.code()),
        );
        c.y += 11.0;
        c.rule(LEFT, RIGHT, c.y, 0.5);
        c.y += 5.0;
    };
    c.ensure(40.0);
    header(c);
    for line in &d.lines {
        let text = c.wrap(&line.description, BODY, QTY - LEFT - 75.0);
        let height = text.len() as f32 * LINE + 3.0;
        let y0 = c.y;
        c.ensure(height);
        if c.y < y0 {
            header(c);
        }
        let (q, price) = quantity(line, l, n);
        let net = line.net().map(|m| n.amount(m)).unwrap_or_default();
        c.text_right(QTY, c.y, BODY, &q);
        c.text_right(PRICE, c.y, BODY, &price);
        c.text_right(RATE, c.y, BODY, &n.rate(line.vat_rate));
        c.text_right(RIGHT, c.y, BODY, &net);
        if line.discount.minor() != 0 {
            let discount = format!("−{}", n.amount(line.discount));
            c.text_right(RIGHT, c.y + LINE, SMALL, &discount);
        }
        for t in text {
            c.text(LEFT, c.y, BODY, &t);
            c.y += LINE;
        }
        if line.discount.minor() != 0 && height < 2.0 * LINE {
            c.y += LINE;
        }
        c.y += 3.0;
    }
    c.rule(LEFT, RIGHT, c.y, 0.5);
    c.y += 10.0;
}

/// Right edges of the VAT summary's columns.
const S_RATE: f32 = 300.0;
const S_BASE: f32 = 380.0;
const S_VAT: f32 = 460.0;

fn summary(c: &mut Canvas, invoice: &Invoice, style: &Style<'_>) {
    let (l, n) = (style.labels, style.numbers);
    let t = invoice.totals();
    let rows = t.vat.by_rate.len() + t.national.as_ref().map_or(0, |v| v.len() + 2);
    c.ensure(60.0 + rows as f32 * LINE);
    c.text_grey(LEFT, c.y, SMALL, GREY, &l.vat_summary);
    c.text_right(S_RATE, c.y, SMALL, &l.vat_rate);
    c.text_right(S_BASE, c.y, SMALL, &l.base);
    c.text_right(S_VAT, c.y, SMALL, &l.vat);
    c.text_right(RIGHT, c.y, SMALL, &l.total);
    c.y += 12.0;
    for r in &t.vat.by_rate {
        let total = r
            .base
            .checked_add(r.vat)
            .map(|m| n.money(m))
            .unwrap_or_default();
        c.text_right(S_RATE, c.y, BODY, &n.rate(r.rate));
        c.text_right(S_BASE, c.y, BODY, &n.money(r.base));
        c.text_right(S_VAT, c.y, BODY, &n.money(r.vat));
        c.text_right(RIGHT, c.y, BODY, &total);
        c.y += LINE;
    }
    if let (Some(national), Some(rate)) = (&t.national, &invoice.content().exchange_rate) {
        c.y += 4.0;
        let per = if rate.amount > 1 {
            format!("{} ", rate.amount)
        } else {
            String::new()
        };
        let rate_text = format!(
            "{}: {per}{} = {} {} ({}, {})",
            l.exchange_rate,
            rate.from.code(),
            rate.to_decimal()
                .replace('.', if n == NumberStyle::Comma { "," } else { "." }),
            rate.to.code(),
            rate.source,
            (style.date)(rate.date)
        );
        c.text_grey(
            LEFT,
            c.y,
            BODY,
            GREY,
            &format!("{} ({})", l.national_vat, rate.to.code()),
        );
        c.y += LINE;
        c.text_grey(LEFT, c.y, SMALL, GREY, &rate_text);
        c.y += LINE;
        for r in national {
            c.text_right(S_RATE, c.y, BODY, &n.rate(r.rate));
            c.text_right(S_BASE, c.y, BODY, &n.money(r.base));
            c.text_right(S_VAT, c.y, BODY, &n.money(r.vat));
            c.y += LINE;
        }
        if let Some(v) = t.national_vat {
            c.text_grey(S_BASE - 60.0, c.y, BODY, GREY, &l.total_vat);
            c.text_right(S_VAT, c.y, BODY, &n.money(v));
            c.y += LINE;
        }
    }
    c.y += 6.0;
    c.rule(S_RATE - 40.0, RIGHT, c.y, 0.5);
    c.y += 8.0;
    for (label, value) in [(&l.total_net, t.vat.net), (&l.total_vat, t.vat.vat)] {
        c.text_grey(S_RATE - 40.0, c.y, BODY, GREY, label);
        c.text_right(RIGHT, c.y, BODY, &n.money(value));
        c.y += LINE;
    }
    c.y += 4.0;
    let due = if invoice.is_credit_note() {
        &l.total_credited
    } else {
        &l.total_due
    };
    c.text(S_RATE - 40.0, c.y, 12.0, due);
    c.text_right(RIGHT, c.y, 12.0, &n.money(t.vat.total));
    c.y += 26.0;
}

fn payment(
    c: &mut Canvas,
    invoice: &Invoice,
    style: &Style<'_>,
    qr: Option<PaymentQr<'_>>,
) -> Result<(), PdfError> {
    let l = style.labels;
    let d = invoice.content();
    let Some(p) = &d.payment else {
        return Ok(());
    };
    let side = 118.0;
    c.ensure(if qr.is_some() { side + 24.0 } else { 70.0 });
    c.rule(LEFT, RIGHT, c.y, 0.5);
    c.y += 12.0;
    let top = c.y;
    let x = if let Some(q) = qr {
        c.image(LEFT, top, side, q.png)?;
        c.text_grey(LEFT, top + side + 2.0, SMALL, GREY, q.standard);
        LEFT + side + 16.0
    } else {
        LEFT
    };
    let mut rows = vec![(l.bank_account.as_str(), format_iban(p.iban.as_str()))];
    if let Some(b) = &p.bic {
        rows.push(("BIC", b.as_str().to_string()));
    }
    if let Some(vs) = &p.variable_symbol {
        rows.push((l.variable_symbol.as_str(), vs.as_str().to_string()));
    }
    rows.push((l.due_date.as_str(), (style.date)(d.due_date)));
    rows.push((
        l.total_due.as_str(),
        style.numbers.money(invoice.totals().vat.total),
    ));
    let mut y = top;
    if qr.is_some() {
        for line in c.wrap(&l.qr_caption, BODY, RIGHT - x) {
            c.text(x, y, BODY, &line);
            y += LINE;
        }
        y += 4.0;
    }
    y += pairs(c, x, y, &rows);
    c.y = if qr.is_some() {
        (top + side + 14.0).max(y)
    } else {
        y
    };
    Ok(())
}

/// An IBAN in groups of four, as printed: `SK31 1200 0000 1987 4263 7541`.
fn format_iban(iban: &str) -> String {
    iban.as_bytes()
        .chunks(4)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{examples, issue};

    fn style_of<'a>(labels: &'a Labels) -> Style<'a> {
        Style {
            labels,
            numbers: NumberStyle::Comma,
            date: &|d: Date| format!("{}. {}. {}", d.day(), d.month(), d.year()),
            language: "sk",
        }
    }

    #[test]
    fn an_invoice_is_a_pdf_with_its_font_embedded() {
        let labels = Labels::from_messages(|k| k.to_string());
        let inv = issue(
            examples::invoice_cz(),
            examples::series_2026().next(None).unwrap(),
        )
        .unwrap();
        let png =
            podpora_payments::qr::png("SPD*1.0*ACC:CZ6508000000192000145399*AM:1.00", 4).unwrap();
        let pdf = write(
            &inv,
            &style_of(&labels),
            Some(PaymentQr {
                png: &png,
                standard: "QR Platba",
            }),
        )
        .unwrap();
        assert!(pdf.starts_with(b"%PDF-"));
        let text = String::from_utf8_lossy(&pdf);
        assert!(text.contains("DejaVuSans"), "the font is embedded");
        assert!(text.contains("/Subtype /Image") || text.contains("/Subtype/Image"));
    }

    #[test]
    fn a_long_invoice_goes_on_to_more_pages() {
        let labels = Labels::from_messages(|k| k.to_string());
        let mut draft = examples::invoice_sk();
        let line = draft.lines[1].clone();
        draft.lines = vec![line; 120];
        let inv = issue(draft, examples::series_2026().next(None).unwrap()).unwrap();
        let pdf = write(&inv, &style_of(&labels), None).unwrap();
        let text = String::from_utf8_lossy(&pdf);
        // Two rows a line (the description wraps), about forty rows a page.
        assert!(text.contains("/Count 6"), "120 lines take six pages");
    }

    #[test]
    fn ids_are_named_as_each_country_names_them() {
        assert_eq!(
            ids(&examples::customer_sk()),
            ["IČO: 46123458", "DIČ: 2120000003", "IČ DPH: SK2120000003"]
        );
        assert_eq!(
            ids(&examples::supplier_cz()),
            ["IČO: 27082440", "DIČ: CZ27082440"]
        );
        assert_eq!(
            ids(&examples::supplier_pl()),
            ["NIP: 8567346215", "NIP UE: PL8567346215"]
        );
        assert_eq!(
            format_iban("SK3112000000198742637541"),
            "SK31 1200 0000 1987 4263 7541"
        );
    }
}
