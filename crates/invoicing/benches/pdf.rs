//! 1,000 invoice PDFs (Slovak, Czech and Polish in turn), the payment QR code made and drawn
//! where one applies, on one thread (issue
//! target: ≤ 20 s on one core). Prints the time and the PDFs a second; `PDF_BENCH_N` sets
//! how many.

use podpora_invoicing::pdf::{self, Labels, NumberStyle, PaymentQr, Style};
use podpora_invoicing::{Invoice, examples, issue};
use podpora_payments::{Beneficiary, PaymentRequest, QrStandard, qr};
use std::hint::black_box;
use std::time::Instant;

fn invoices() -> Vec<Invoice> {
    let series = examples::series_2026();
    let mut last = None;
    let mut out = Vec::new();
    for draft in [
        examples::invoice_sk(),
        examples::invoice_cz(),
        examples::invoice_pl(),
    ] {
        let number = series.next(last.as_ref()).expect("a number");
        last = Some(number.clone());
        out.push(issue(draft, number).expect("issued"));
    }
    out
}

fn request(inv: &Invoice) -> PaymentRequest {
    let p = inv.content().payment.clone().expect("bank details");
    PaymentRequest {
        amount: inv.totals().vat.total,
        beneficiary: Beneficiary {
            name: inv.content().supplier.name.clone(),
            iban: p.iban,
            bic: p.bic,
        },
        variable_symbol: p.variable_symbol,
        reference: None,
        due: inv.content().due_date,
        message: format!("Faktura {}", inv.number()),
    }
}

#[allow(clippy::float_arithmetic)]
fn main() {
    let n: usize = std::env::var("PDF_BENCH_N")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1000);
    let invoices = invoices();
    let labels =
        Labels::from_messages(|key| key.trim_start_matches("invoice-pdf-").replace('-', " "));
    let date = |d: jiff::civil::Date| format!("{}. {}. {}", d.day(), d.month(), d.year());
    let style = Style {
        labels: &labels,
        numbers: NumberStyle::Comma,
        date: &date,
        language: "sk",
    };
    // As the application chooses: PAY by square for the Slovak invoice, QR Platba for the
    // Czech one, none for the Polish one in złoty (paid by a transfer title).
    let standards = [Some(QrStandard::PayBySquare), Some(QrStandard::Spayd), None];
    // The first one pays for reading the font once, as a running server does.
    let warm = pdf::write(&invoices[0], &style, None).expect("a PDF");
    let started = Instant::now();
    let mut bytes = 0usize;
    for i in 0..n {
        let inv = &invoices[i % invoices.len()];
        let png = standards[i % 3].map(|s| qr::request_png(s, &request(inv)).expect("a QR code"));
        let code = png.as_deref().map(|png| PaymentQr {
            png,
            standard: "QR",
        });
        let pdf = pdf::write(black_box(inv), &style, code).expect("a PDF");
        bytes += pdf.len();
    }
    let took = started.elapsed();
    println!(
        "{n} invoice PDFs (QR code included) in {:.2} s: {:.0} a second, {:.1} ms each, {} KiB on average (first: {} KiB)",
        took.as_secs_f64(),
        n as f64 / took.as_secs_f64(),
        took.as_secs_f64() * 1000.0 / n as f64,
        bytes / n.max(1) / 1024,
        warm.len() / 1024
    );
}
