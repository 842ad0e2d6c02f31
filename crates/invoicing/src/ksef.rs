//! The Polish KSeF structured invoice FA(3) (`kodSystemowy="FA (3)"`, namespace
//! `http://crd.gov.pl/wzor/2025/06/25/13775/`), as a file to upload; sending it is not ours.
//!
//! The seller (`Podmiot1`) is named by NIP, the buyer (`Podmiot2`) by NIP, or by an EU VAT id
//! (`KodUE`, `NrVatUE`), or marked as having none (`BrakID`). VAT per rate goes into the fixed
//! fields of FA(3): `P_13_1`/`P_14_1` for 23 % (22 %), `_2` for 8 % (7 %), `_3` for 5 %; an
//! invoice in another currency adds the VAT in złoty (`P_14_xW`). Corrective invoices (`KOR`)
//! are not written yet.

use crate::einvoice::{EInvoiceError, unit_price};
use crate::invoice::Invoice;
use crate::party::Party;
use crate::xml::{Xml, amount, fixed, percent};
use jiff::Timestamp;
use podpora_billing::{Currency, VatRate};

const NAMESPACE: &str = "http://crd.gov.pl/wzor/2025/06/25/13775/";

/// The FA(3) field number of a rate: 1 for 23 % or 22 %, 2 for 8 % or 7 %, 3 for 5 %.
fn field(rate: VatRate) -> Result<u8, EInvoiceError> {
    match rate.0 {
        2300 | 2200 => Ok(1),
        800 | 700 => Ok(2),
        500 => Ok(3),
        _ => Err(EInvoiceError::KsefRate(rate)),
    }
}

fn address(x: &mut Xml, p: &Party) {
    let a = &p.address;
    x.open("Adres", &[])
        .leaf("KodKraju", &a.country)
        .leaf("AdresL1", &a.street)
        .leaf("AdresL2", format!("{} {}", a.postal_code, a.city).trim())
        .close();
}

/// The FA(3) XML of an issued invoice; `created` is the moment the file is made
/// (`DataWytworzeniaFa`).
///
/// ```
/// use podpora_invoicing::{examples, issue, ksef};
/// let invoice = issue(examples::invoice_pl(), examples::series_2026().next(None)?)?;
/// let xml = ksef::write(&invoice, "2026-12-04T09:00:00Z".parse()?)?;
/// assert!(xml.contains("<P_14_1>46.00</P_14_1>"));
/// assert!(xml.contains("<NIP>8567346215</NIP>"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn write(invoice: &Invoice, created: Timestamp) -> Result<String, EInvoiceError> {
    if invoice.is_credit_note() {
        return Err(EInvoiceError::KsefCreditNote);
    }
    let d = invoice.content();
    let t = invoice.totals();
    let seller_nip = d.supplier.ids.nip.as_ref().ok_or(EInvoiceError::NoNip)?;
    let mut x = Xml::new();
    x.open("Faktura", &[("xmlns", NAMESPACE)]);
    x.open("Naglowek", &[])
        .leaf_attrs(
            "KodFormularza",
            &[("kodSystemowy", "FA (3)"), ("wersjaSchemy", "1-0E")],
            "FA",
        )
        .leaf("WariantFormularza", "3")
        .leaf(
            "DataWytworzeniaFa",
            &created.strftime("%Y-%m-%dT%H:%M:%SZ").to_string(),
        )
        .leaf("SystemInfo", "podpora")
        .close();
    x.open("Podmiot1", &[]).open("DaneIdentyfikacyjne", &[]);
    x.leaf("NIP", seller_nip.as_str())
        .leaf("Nazwa", &d.supplier.name)
        .close();
    address(&mut x, &d.supplier);
    x.close();
    x.open("Podmiot2", &[]).open("DaneIdentyfikacyjne", &[]);
    let c = &d.customer.ids;
    match (&c.nip, &c.vat_id) {
        (Some(nip), _) => {
            x.leaf("NIP", nip.as_str());
        }
        (None, Some(vat)) => {
            x.leaf("KodUE", vat.country())
                .leaf("NrVatUE", &vat.as_str()[2..]);
        }
        (None, None) => {
            x.leaf("BrakID", "1");
        }
    }
    x.leaf("Nazwa", &d.customer.name).close();
    address(&mut x, &d.customer);
    // JST and GV: the buyer is not a local government unit nor a VAT group member.
    x.leaf("JST", "2").leaf("GV", "2").close();
    x.open("Fa", &[])
        .leaf("KodWaluty", d.currency.code())
        .leaf("P_1", &d.issue_date.to_string())
        .leaf("P_2", &invoice.number().to_string())
        .leaf("P_6", &d.supply_date.to_string());
    let mut fields: Vec<(u8, usize)> = Vec::new();
    for (i, l) in t.vat.by_rate.iter().enumerate() {
        fields.push((field(l.rate)?, i));
    }
    fields.sort_unstable();
    for (f, i) in fields {
        let l = &t.vat.by_rate[i];
        x.leaf(&format!("P_13_{f}"), &amount(l.base))
            .leaf(&format!("P_14_{f}"), &amount(l.vat));
        if let Some(national) = &t.national {
            x.leaf(&format!("P_14_{f}W"), &amount(national[i].vat));
        }
    }
    x.leaf("P_15", &amount(t.vat.total));
    // The annotations FA(3) requires, all "no": no cash accounting, self-billing, reverse
    // charge, split payment, exemption, new means of transport, simplified triangulation or
    // margin scheme.
    x.open("Adnotacje", &[])
        .leaf("P_16", "2")
        .leaf("P_17", "2")
        .leaf("P_18", "2")
        .leaf("P_18A", "2")
        .open("Zwolnienie", &[])
        .leaf("P_19N", "1")
        .close()
        .open("NoweSrodkiTransportu", &[])
        .leaf("P_22N", "1")
        .close()
        .leaf("P_23", "2")
        .open("PMarzy", &[])
        .leaf("P_PMarzyN", "1")
        .close()
        .close();
    x.leaf("RodzajFaktury", "VAT");
    for (i, line) in d.lines.iter().enumerate() {
        x.open("FaWiersz", &[])
            .leaf("NrWierszaFa", &(i + 1).to_string())
            .leaf("P_7", &line.description)
            .leaf("P_8A", line.unit.code())
            .leaf("P_8B", &fixed(i128::from(line.quantity_milli), 3))
            .leaf("P_9A", &unit_price(line, None))
            .leaf("P_11", &amount(line.net()?))
            .leaf("P_12", &percent(line.vat_rate));
        if let (Some(rate), true) = (&d.exchange_rate, d.currency != Currency::PLN) {
            x.leaf("KursWaluty", &rate.to_decimal());
        }
        x.close();
    }
    if let Some(p) = &d.payment {
        x.open("Platnosc", &[])
            .open("TerminPlatnosci", &[])
            .leaf("Termin", &d.due_date.to_string())
            .close()
            // 6: bank transfer
            .leaf("FormaPlatnosci", "6")
            .open("RachunekBankowy", &[])
            .leaf("NrRB", p.iban.as_str());
        if let Some(bic) = &p.bic {
            x.leaf("SWIFT", bic.as_str());
        }
        x.close().close();
    }
    Ok(x.finish())
}
