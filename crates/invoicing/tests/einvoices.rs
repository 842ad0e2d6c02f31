//! E-invoices written from the examples validate against the official schemas in
//! `../shared/schemas/` with `xmllint`.

use podpora_invoicing::{Draft, Invoice, examples, isdoc, issue};
use std::path::{Path, PathBuf};
use std::process::Command;

fn schemas() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/schemas")
}

/// Writes `xml` under the test's scratch directory and validates it against `xsd`.
fn xmllint(xsd: &Path, name: &str, xml: &str) {
    let file = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    std::fs::write(&file, xml).unwrap();
    let out = Command::new("xmllint")
        .args(["--noout", "--nonet", "--schema"])
        .arg(xsd)
        .arg(&file)
        .output()
        .expect("xmllint (Debian package libxml2-utils) must be installed");
    assert!(
        out.status.success(),
        "{name} does not validate: {}\n{xml}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn issued(draft: Draft) -> Invoice {
    issue(draft, examples::series_2026().next(None).unwrap()).unwrap()
}

fn isdoc_xsd() -> PathBuf {
    schemas().join("isdoc-6.0.2/isdoc-invoice-6.0.2.xsd")
}

#[test]
fn isdoc_of_a_czech_invoice_is_valid_and_exact() {
    let xml = isdoc::write(&issued(examples::invoice_cz())).unwrap();
    xmllint(&isdoc_xsd(), "isdoc-cz.isdoc", &xml);
    for expected in [
        "<DocumentType>1</DocumentType>",
        "<ID>202600001</ID>",
        "<LocalCurrencyCode>CZK</LocalCurrencyCode>",
        "<TaxableAmount>5115.00</TaxableAmount>",
        "<TaxAmount>1074.15</TaxAmount>",
        "<TaxableAmount>701.00</TaxableAmount>",
        "<TaxAmount>84.12</TaxAmount>",
        "<TaxAmount>1158.27</TaxAmount>",
        "<PayableAmount>6974.27</PayableAmount>",
        "<ID>27082440</ID>",
        "<CompanyID>CZ25596641</CompanyID>",
        "<ID>19-2000145399</ID>",
        "<BankCode>0800</BankCode>",
        "<UnitPrice>15</UnitPrice>",
        "<InvoicedQuantity unitCode=\"MIN\">47</InvoicedQuantity>",
    ] {
        assert!(xml.contains(expected), "missing {expected}\n{xml}");
    }
}

#[test]
fn isdoc_in_a_foreign_currency_states_both() {
    let xml = isdoc::write(&issued(examples::invoice_cz_in_eur())).unwrap();
    xmllint(&isdoc_xsd(), "isdoc-cz-eur.isdoc", &xml);
    for expected in [
        "<ForeignCurrencyCode>EUR</ForeignCurrencyCode>",
        "<CurrRate>24.335</CurrRate>",
        "<TaxableAmountCurr>80.00</TaxableAmountCurr>",
        "<TaxableAmount>1946.80</TaxableAmount>",
        "<TaxAmountCurr>16.80</TaxAmountCurr>",
        "<TaxAmount>408.83</TaxAmount>",
        "<PayableAmount>2355.63</PayableAmount>",
        "<PayableAmountCurr>96.80</PayableAmountCurr>",
    ] {
        assert!(xml.contains(expected), "missing {expected}\n{xml}");
    }
}

#[test]
fn isdoc_credit_note_refers_to_its_invoice() {
    let xml = isdoc::write(&issued(examples::credit_note_sk())).unwrap();
    xmllint(&isdoc_xsd(), "isdoc-credit-note.isdoc", &xml);
    for expected in [
        "<DocumentType>2</DocumentType>",
        "<OriginalDocumentReference>",
        "<ID>202600001</ID>",
        "<PayableAmount>-123.00</PayableAmount>",
        "<InvoicedQuantity unitCode=\"C62\">-1</InvoicedQuantity>",
    ] {
        assert!(xml.contains(expected), "missing {expected}\n{xml}");
    }
    assert!(
        !xml.contains("<PaymentMeans>"),
        "a credit note asks for no payment"
    );
}

#[test]
fn isdoc_of_a_slovak_invoice_is_valid() {
    let xml = isdoc::write(&issued(examples::invoice_sk())).unwrap();
    xmllint(&isdoc_xsd(), "isdoc-sk.isdoc", &xml);
    assert!(xml.contains("<CompanyID>2020317068</CompanyID>"));
    assert!(xml.contains("<TaxScheme>TIN</TaxScheme>"));
}
