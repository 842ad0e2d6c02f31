//! UBL 2.1 invoices and credit notes by Peppol BIS Billing 3.0 (EN 16931), the e-invoice of
//! Slovakia's 2027 mandate and of any Peppol access point.
//!
//! Amounts are in the invoice's currency; where that is not the supplier's national
//! currency, `TaxCurrencyCode` and a second `TaxTotal` state the VAT in the national one
//! (BR-53), and a note gives the rate. Supplier and customer are addressed by their VAT ids
//! (`EndpointID`, schemes 9950 SK, 9929 CZ, 9945 PL and the other EU VAT schemes). A credit
//! note (type 381) lists positive amounts and refers to the invoice in `BillingReference`.

use crate::einvoice::EInvoiceError;
use crate::exchange::national_currency;
use crate::invoice::{DocumentKind, Invoice};
use crate::party::Party;
use crate::xml::{Xml, amount, fixed, percent};
use podpora_billing::{Currency, Money, VatRate};

const CUSTOMIZATION: &str =
    "urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0";
const PROFILE: &str = "urn:fdc:peppol.eu:2017:poacc:billing:01:1.0";
const CAC: &str = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2";
const CBC: &str = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2";

/// Peppol electronic address schemes (EAS) of VAT ids, by the id's country prefix.
const EAS: &[(&str, &str)] = &[
    ("AT", "9914"),
    ("BE", "9925"),
    ("BG", "9926"),
    ("CY", "9928"),
    ("CZ", "9929"),
    ("DE", "9930"),
    ("EE", "9931"),
    ("EL", "9933"),
    ("ES", "9920"),
    ("FR", "9957"),
    ("HR", "9934"),
    ("HU", "9910"),
    ("IE", "9935"),
    ("IT", "0211"),
    ("LT", "9937"),
    ("LU", "9938"),
    ("LV", "9939"),
    ("MT", "9943"),
    ("NL", "9944"),
    ("PL", "9945"),
    ("PT", "9946"),
    ("RO", "9947"),
    ("SI", "9949"),
    ("SK", "9950"),
];

fn money(x: &mut Xml, name: &str, m: Money) {
    x.leaf_attrs(name, &[("currencyID", m.currency().code())], &amount(m));
}

/// `S` (standard rate) for a positive rate, `Z` (zero rated) for 0 %.
fn category(rate: VatRate) -> &'static str {
    if rate.0 == 0 { "Z" } else { "S" }
}

fn tax_category(x: &mut Xml, element: &'static str, rate: VatRate) {
    x.open(element, &[])
        .leaf("cbc:ID", category(rate))
        .leaf("cbc:Percent", &percent(rate))
        .open("cac:TaxScheme", &[])
        .leaf("cbc:ID", "VAT")
        .close()
        .close();
}

fn party(
    x: &mut Xml,
    wrapper: &'static str,
    role: &'static str,
    p: &Party,
) -> Result<(), EInvoiceError> {
    let vat = p
        .ids
        .vat_id
        .as_ref()
        .ok_or(EInvoiceError::NoEndpoint(role))?;
    let scheme = EAS
        .iter()
        .find(|(c, _)| *c == vat.country())
        .map(|(_, s)| *s)
        .ok_or(EInvoiceError::NoEndpoint(role))?;
    x.open(wrapper, &[]).open("cac:Party", &[]);
    x.leaf_attrs("cbc:EndpointID", &[("schemeID", scheme)], vat.as_str());
    x.open("cac:PartyName", &[])
        .leaf("cbc:Name", &p.name)
        .close();
    x.open("cac:PostalAddress", &[])
        .leaf("cbc:StreetName", &p.address.street)
        .leaf("cbc:CityName", &p.address.city)
        .leaf("cbc:PostalZone", &p.address.postal_code)
        .open("cac:Country", &[])
        .leaf("cbc:IdentificationCode", &p.address.country)
        .close()
        .close();
    x.open("cac:PartyTaxScheme", &[])
        .leaf("cbc:CompanyID", vat.as_str())
        .open("cac:TaxScheme", &[])
        .leaf("cbc:ID", "VAT")
        .close()
        .close();
    x.open("cac:PartyLegalEntity", &[])
        .leaf("cbc:RegistrationName", &p.name);
    if let Some(id) = p.ids.legal_id() {
        x.leaf("cbc:CompanyID", id);
    }
    x.close();
    if let Some(email) = &p.email {
        x.open("cac:Contact", &[])
            .leaf("cbc:ElectronicMail", email)
            .close();
    }
    x.close().close();
    Ok(())
}

/// The UBL 2.1 XML (Peppol BIS Billing 3.0) of an issued invoice or credit note.
///
/// ```
/// use podpora_invoicing::{examples, issue, ubl};
/// let invoice = issue(examples::invoice_sk(), examples::series_2026().next(None)?)?;
/// let xml = ubl::write(&invoice)?;
/// assert!(xml.contains(r#"<cbc:PayableAmount currencyID="EUR">246.00</cbc:PayableAmount>"#));
/// assert!(xml.contains(r#"<cbc:EndpointID schemeID="9950">SK2020317068</cbc:EndpointID>"#));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn write(invoice: &Invoice) -> Result<String, EInvoiceError> {
    let d = invoice.content();
    let t = invoice.totals();
    let credit = invoice.is_credit_note();
    let national: Currency = national_currency(d.vat_country);
    let mut x = Xml::new();
    let root = if credit { "CreditNote" } else { "Invoice" };
    let ns = format!("urn:oasis:names:specification:ubl:schema:xsd:{root}-2");
    x.open(
        root,
        &[("xmlns", &ns), ("xmlns:cac", CAC), ("xmlns:cbc", CBC)],
    );
    x.leaf("cbc:CustomizationID", CUSTOMIZATION)
        .leaf("cbc:ProfileID", PROFILE)
        .leaf("cbc:ID", &invoice.number().to_string())
        .leaf("cbc:IssueDate", &d.issue_date.to_string());
    let mut notes: Vec<String> = d.note.iter().cloned().collect();
    if let DocumentKind::CreditNote { reason, .. } = &d.kind {
        notes.push(reason.clone());
    }
    if let (Some(rate), true) = (&d.exchange_rate, d.currency != national) {
        notes.push(format!(
            "{} {} = {} {} ({}, {})",
            rate.amount,
            rate.from,
            rate.to_decimal(),
            rate.to,
            rate.source,
            rate.date
        ));
    }
    let note = notes.join("; ");
    if credit {
        x.leaf("cbc:TaxPointDate", &d.supply_date.to_string())
            .leaf("cbc:CreditNoteTypeCode", "381");
        if !note.is_empty() {
            x.leaf("cbc:Note", &note);
        }
    } else {
        x.leaf("cbc:DueDate", &d.due_date.to_string())
            .leaf("cbc:InvoiceTypeCode", "380");
        if !note.is_empty() {
            x.leaf("cbc:Note", &note);
        }
        x.leaf("cbc:TaxPointDate", &d.supply_date.to_string());
    }
    x.leaf("cbc:DocumentCurrencyCode", d.currency.code());
    if d.currency != national {
        x.leaf("cbc:TaxCurrencyCode", national.code());
    }
    let number = invoice.number().to_string();
    x.leaf(
        "cbc:BuyerReference",
        d.buyer_reference.as_deref().unwrap_or(&number),
    );
    if let DocumentKind::CreditNote {
        corrects,
        corrects_issued,
        ..
    } = &d.kind
    {
        x.open("cac:BillingReference", &[])
            .open("cac:InvoiceDocumentReference", &[])
            .leaf("cbc:ID", corrects)
            .leaf("cbc:IssueDate", &corrects_issued.to_string())
            .close()
            .close();
    }
    party(
        &mut x,
        "cac:AccountingSupplierParty",
        "supplier",
        &d.supplier,
    )?;
    party(
        &mut x,
        "cac:AccountingCustomerParty",
        "customer",
        &d.customer,
    )?;
    if let (Some(p), false) = (&d.payment, credit) {
        // 58: SEPA credit transfer; 30: any other credit transfer.
        let code = if d.currency == Currency::EUR {
            "58"
        } else {
            "30"
        };
        let payment_id = p
            .variable_symbol
            .as_ref()
            .map(|v| v.as_str().to_string())
            .unwrap_or_else(|| number.clone());
        x.open("cac:PaymentMeans", &[])
            .leaf("cbc:PaymentMeansCode", code)
            .leaf("cbc:PaymentID", &payment_id)
            .open("cac:PayeeFinancialAccount", &[])
            .leaf("cbc:ID", p.iban.as_str());
        if let Some(bic) = &p.bic {
            x.open("cac:FinancialInstitutionBranch", &[])
                .leaf("cbc:ID", bic.as_str())
                .close();
        }
        x.close().close();
    }
    x.open("cac:TaxTotal", &[]);
    money(&mut x, "cbc:TaxAmount", t.vat.vat);
    for l in &t.vat.by_rate {
        x.open("cac:TaxSubtotal", &[]);
        money(&mut x, "cbc:TaxableAmount", l.base);
        money(&mut x, "cbc:TaxAmount", l.vat);
        tax_category(&mut x, "cac:TaxCategory", l.rate);
        x.close();
    }
    x.close();
    if let Some(vat) = t.national_vat {
        x.open("cac:TaxTotal", &[]);
        money(&mut x, "cbc:TaxAmount", vat);
        x.close();
    }
    x.open("cac:LegalMonetaryTotal", &[]);
    money(&mut x, "cbc:LineExtensionAmount", t.vat.net);
    money(&mut x, "cbc:TaxExclusiveAmount", t.vat.net);
    money(&mut x, "cbc:TaxInclusiveAmount", t.vat.total);
    money(&mut x, "cbc:PayableAmount", t.vat.total);
    x.close();
    let (line_el, qty_el) = if credit {
        ("cac:CreditNoteLine", "cbc:CreditedQuantity")
    } else {
        ("cac:InvoiceLine", "cbc:InvoicedQuantity")
    };
    for (i, line) in d.lines.iter().enumerate() {
        x.open(line_el, &[])
            .leaf("cbc:ID", &(i + 1).to_string())
            .leaf_attrs(
                qty_el,
                &[("unitCode", line.unit.code())],
                &fixed(i128::from(line.quantity_milli), 3),
            );
        money(&mut x, "cbc:LineExtensionAmount", line.net()?);
        if !line.discount.is_zero() {
            x.open("cac:AllowanceCharge", &[])
                .leaf("cbc:ChargeIndicator", "false")
                .leaf("cbc:AllowanceChargeReasonCode", "95")
                .leaf("cbc:AllowanceChargeReason", "Discount");
            money(&mut x, "cbc:Amount", line.discount);
            x.close();
        }
        x.open("cac:Item", &[]).leaf("cbc:Name", &line.description);
        tax_category(&mut x, "cac:ClassifiedTaxCategory", line.vat_rate);
        x.close().open("cac:Price", &[]);
        money(&mut x, "cbc:PriceAmount", line.price);
        if line.base_quantity != 1 {
            x.leaf_attrs(
                "cbc:BaseQuantity",
                &[("unitCode", line.unit.code())],
                &line.base_quantity.to_string(),
            );
        }
        x.close().close();
    }
    Ok(x.finish())
}
