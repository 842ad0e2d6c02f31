//! E-invoices written from the examples validate against the official schemas in
//! `../shared/schemas/` with `xmllint`.

use podpora_invoicing::{Draft, Invoice, examples, isdoc, issue, ksef, ubl};
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

/// Runs the EN 16931 and Peppol BIS 3.0 rules (XSLT 2, Saxon HE from Debian's
/// `libsaxonhe-java`) on a written file and returns the fatal failures.
fn peppol_rules(name: &str) -> Vec<String> {
    let jar = Path::new("/usr/share/java/Saxon-HE.jar");
    assert!(
        jar.exists(),
        "Saxon HE (Debian package libsaxonhe-java) must be installed to run the Peppol rules"
    );
    let file = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let rules = schemas().join("peppol-bis-billing-3.0.19-rules/xslt");
    let mut fatal = Vec::new();
    for xslt in ["EN16931-UBL-validation.xslt", "PEPPOL-EN16931-UBL.xslt"] {
        let out = Command::new("java")
            .arg("-jar")
            .arg(jar)
            .arg(format!("-s:{}", file.display()))
            .arg(format!("-xsl:{}", rules.join(xslt).display()))
            .output()
            .expect("java must be installed");
        assert!(
            out.status.success(),
            "{xslt}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let svrl = String::from_utf8_lossy(&out.stdout);
        // Each failed assert is an svrl:failed-assert element with its id, flag and text.
        for part in svrl.split("<svrl:failed-assert").skip(1) {
            let element = part
                .split("</svrl:failed-assert>")
                .next()
                .unwrap_or_default();
            let attr = |name: &str| {
                element
                    .split(&format!("{name}=\"")[..])
                    .nth(1)
                    .and_then(|v| v.split('"').next())
                    .unwrap_or_default()
                    .to_string()
            };
            let text = element
                .split("<svrl:text>")
                .nth(1)
                .and_then(|t| t.split("</svrl:text>").next())
                .unwrap_or_default()
                .trim()
                .to_string();
            if attr("flag") == "fatal" {
                fatal.push(format!("{xslt}: {text}"));
            } else {
                eprintln!("{name}: {} {}: {text}", attr("flag"), attr("id"));
            }
        }
    }
    fatal
}

fn ubl_checked(draft: Draft, name: &str, credit_note: bool) -> String {
    let xml = ubl::write(&issued(draft)).unwrap();
    let xsd = if credit_note {
        "ubl-2.1/maindoc/UBL-CreditNote-2.1.xsd"
    } else {
        "ubl-2.1/maindoc/UBL-Invoice-2.1.xsd"
    };
    xmllint(&schemas().join(xsd), name, &xml);
    let fatal = peppol_rules(name);
    assert!(
        fatal.is_empty(),
        "{name} breaks rules:\n{}\n{xml}",
        fatal.join("\n")
    );
    xml
}

#[test]
fn ubl_of_a_slovak_invoice_passes_schema_and_peppol_rules() {
    let xml = ubl_checked(examples::invoice_sk(), "ubl-sk.xml", false);
    for expected in [
        "<cbc:InvoiceTypeCode>380</cbc:InvoiceTypeCode>",
        r#"<cbc:TaxableAmount currencyID="EUR">200.00</cbc:TaxableAmount>"#,
        r#"<cbc:TaxAmount currencyID="EUR">46.00</cbc:TaxAmount>"#,
        r#"<cbc:PayableAmount currencyID="EUR">246.00</cbc:PayableAmount>"#,
        r#"<cbc:EndpointID schemeID="9950">SK2120000003</cbc:EndpointID>"#,
        "<cbc:CompanyID>35757442</cbc:CompanyID>",
        r#"<cbc:BaseQuantity unitCode="MIN">60</cbc:BaseQuantity>"#,
        "<cbc:PaymentID>202600001</cbc:PaymentID>",
    ] {
        assert!(xml.contains(expected), "missing {expected}\n{xml}");
    }
}

#[test]
fn ubl_of_a_czech_invoice_with_two_rates_and_a_discount_passes() {
    let xml = ubl_checked(examples::invoice_cz(), "ubl-cz.xml", false);
    assert!(xml.contains(r#"<cbc:Amount currencyID="CZK">490.00</cbc:Amount>"#));
    assert!(xml.contains(r#"<cbc:TaxAmount currencyID="CZK">1158.27</cbc:TaxAmount>"#));
}

#[test]
fn ubl_in_a_foreign_currency_states_vat_in_the_national_one() {
    let xml = ubl_checked(examples::invoice_cz_in_eur(), "ubl-cz-eur.xml", false);
    assert!(xml.contains("<cbc:TaxCurrencyCode>CZK</cbc:TaxCurrencyCode>"));
    assert!(xml.contains(r#"<cbc:TaxAmount currencyID="CZK">408.83</cbc:TaxAmount>"#));
    assert!(xml.contains("1 EUR = 24.335 CZK (ČNB, 2026-11-27)"));
}

#[test]
fn ubl_credit_note_passes_and_refers_to_its_invoice() {
    let xml = ubl_checked(examples::credit_note_sk(), "ubl-credit-note.xml", true);
    assert!(xml.contains("<cbc:CreditNoteTypeCode>381</cbc:CreditNoteTypeCode>"));
    assert!(xml.contains("<cac:InvoiceDocumentReference>\n      <cbc:ID>202600001</cbc:ID>"));
    assert!(xml.contains(r#"<cbc:PayableAmount currencyID="EUR">123.00</cbc:PayableAmount>"#));
}

#[test]
fn ubl_needs_vat_ids_to_address_the_parties() {
    let mut d = examples::invoice_sk();
    d.customer.ids.vat_id = None;
    let e = ubl::write(&issued(d)).unwrap_err();
    assert_eq!(
        e.to_string(),
        "the customer has no VAT id: a Peppol e-invoice addresses supplier and customer by their VAT ids; add it to the customer's details"
    );
}

#[test]
fn the_rules_catch_a_wrong_total() {
    // A control: the rule check is not vacuous.
    let xml = ubl::write(&issued(examples::invoice_sk()))
        .unwrap()
        .replace(
            r#"<cbc:PayableAmount currencyID="EUR">246.00"#,
            r#"<cbc:PayableAmount currencyID="EUR">245.00"#,
        );
    std::fs::write(
        Path::new(env!("CARGO_TARGET_TMPDIR")).join("ubl-wrong.xml"),
        xml,
    )
    .unwrap();
    let fatal = peppol_rules("ubl-wrong.xml");
    assert!(fatal.iter().any(|f| f.contains("[BR-CO-16]")), "{fatal:?}");
}

fn ksef_checked(draft: Draft, name: &str) -> String {
    let xml = ksef::write(&issued(draft), "2026-12-04T09:00:00Z".parse().unwrap()).unwrap();
    let dir = schemas().join("ksef-fa3");
    let file = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    std::fs::write(&file, &xml).unwrap();
    // The FA schemas import the ministry's base types by URL; the catalog maps them to the
    // local copies, so validation works offline.
    let out = Command::new("xmllint")
        .env("XML_CATALOG_FILES", dir.join("catalog.xml"))
        .args(["--noout", "--nonet", "--schema"])
        .arg(dir.join("schemat_FA3_v1-0E.xsd"))
        .arg(&file)
        .output()
        .expect("xmllint (Debian package libxml2-utils) must be installed");
    assert!(
        out.status.success(),
        "{name} does not validate: {}\n{xml}",
        String::from_utf8_lossy(&out.stderr)
    );
    xml
}

#[test]
fn ksef_fa3_of_a_polish_invoice_is_valid() {
    let xml = ksef_checked(examples::invoice_pl(), "ksef-pl.xml");
    for expected in [
        r#"<KodFormularza kodSystemowy="FA (3)" wersjaSchemy="1-0E">FA</KodFormularza>"#,
        "<DataWytworzeniaFa>2026-12-04T09:00:00Z</DataWytworzeniaFa>",
        "<NIP>8567346215</NIP>",
        "<KodUE>SK</KodUE>",
        "<NrVatUE>2120000003</NrVatUE>",
        "<P_13_1>200.00</P_13_1>",
        "<P_14_1>46.00</P_14_1>",
        "<P_15>246.00</P_15>",
        "<P_9A>0.833333</P_9A>",
        "<NrRB>PL61109010140000071219812874</NrRB>",
    ] {
        assert!(xml.contains(expected), "missing {expected}\n{xml}");
    }
}

#[test]
fn ksef_fa3_in_euro_states_vat_in_zloty() {
    let mut d = examples::invoice_pl();
    d.currency = podpora_billing::Currency::EUR;
    for l in &mut d.lines {
        l.price = podpora_billing::Money::from_minor(l.price.minor(), d.currency);
        l.discount = podpora_billing::Money::zero(d.currency);
    }
    d.exchange_rate = podpora_invoicing::ExchangeRate::parse(
        "4.2651",
        podpora_billing::Currency::EUR,
        podpora_billing::Currency::PLN,
        jiff::civil::date(2026, 12, 2),
        "NBP",
    )
    .ok();
    let xml = ksef_checked(d, "ksef-pl-eur.xml");
    assert!(xml.contains("<P_14_1W>196.19</P_14_1W>"), "{xml}");
    assert!(xml.contains("<KursWaluty>4.2651</KursWaluty>"));
}

#[test]
fn ksef_refuses_what_fa3_cannot_say() {
    let created = "2026-12-04T09:00:00Z".parse().unwrap();
    let note = issued(examples::credit_note_sk());
    assert!(matches!(
        ksef::write(&note, created),
        Err(podpora_invoicing::EInvoiceError::KsefCreditNote)
    ));
    let sk = issued(examples::invoice_sk());
    assert!(matches!(
        ksef::write(&sk, created),
        Err(podpora_invoicing::EInvoiceError::NoNip)
    ));
}
