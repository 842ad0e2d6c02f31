//! ISDOC 6.0.2, the Czech e-invoice (namespace `http://isdoc.cz/namespace/2013`).
//!
//! ISDOC states amounts in the supplier's national currency (`LocalCurrencyCode`); an invoice
//! in another currency carries `ForeignCurrencyCode`, `CurrRate` and the original amounts in
//! the `…Curr` elements. A credit note (`DocumentType` 2) states the correction as negative
//! quantities and amounts, so that summing documents gives the corrected base, and names the
//! invoice it corrects in `OriginalDocumentReferences`.

use crate::einvoice::{document_uuid, domestic_account, line_vat, street_and_number, unit_price};
use crate::exchange::national_currency;
use crate::invoice::{DocumentKind, Invoice};
use crate::party::Party;
use crate::xml::{Xml, amount, fixed, percent};
use podpora_billing::{Money, MoneyError};

const NAMESPACE: &str = "http://isdoc.cz/namespace/2013";

fn party(x: &mut Xml, wrapper: &'static str, p: &Party) {
    x.open(wrapper, &[]).open("Party", &[]);
    x.open("PartyIdentification", &[])
        .leaf("ID", p.ids.legal_id().unwrap_or_default())
        .close();
    x.open("PartyName", &[]).leaf("Name", &p.name).close();
    let (street, number) = street_and_number(&p.address);
    x.open("PostalAddress", &[])
        .leaf("StreetName", &street)
        .leaf("BuildingNumber", &number)
        .leaf("CityName", &p.address.city)
        .leaf("PostalZone", &p.address.postal_code)
        .open("Country", &[])
        .leaf("IdentificationCode", &p.address.country)
        .leaf("Name", "")
        .close()
        .close();
    if let Some(vat) = &p.ids.vat_id {
        x.open("PartyTaxScheme", &[])
            .leaf("CompanyID", vat.as_str())
            .leaf("TaxScheme", "VAT")
            .close();
    }
    if let Some(dic) = &p.ids.sk_tax_number {
        x.open("PartyTaxScheme", &[])
            .leaf("CompanyID", dic.as_str())
            .leaf("TaxScheme", "TIN")
            .close();
    }
    if let Some(email) = &p.email {
        x.open("Contact", &[]).leaf("ElectronicMail", email).close();
    }
    x.close().close();
}

/// The ISDOC 6.0.2 XML of an issued invoice or credit note.
///
/// ```
/// use podpora_invoicing::{examples, isdoc, issue};
/// let invoice = issue(examples::invoice_cz(), examples::series_2026().next(None)?)?;
/// let xml = isdoc::write(&invoice)?;
/// assert!(xml.contains("<PayableAmount>6974.27</PayableAmount>"));
/// assert!(xml.contains("<VariableSymbol>202600015</VariableSymbol>"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn write(invoice: &Invoice) -> Result<String, MoneyError> {
    let d = invoice.content();
    let t = invoice.totals();
    let local = national_currency(d.vat_country);
    let foreign = (d.currency != local)
        .then_some(d.exchange_rate.as_ref())
        .flatten();
    let credit = invoice.is_credit_note();
    // Credit notes state the correction as negative amounts.
    let signed = |m: Money| {
        if credit {
            Money::from_minor(-m.minor(), m.currency())
        } else {
            m
        }
    };
    let local_of = |m: Money| -> Result<Money, MoneyError> {
        match foreign {
            Some(rate) => rate.convert(m),
            None => Ok(m),
        }
    };
    let mut x = Xml::new();
    x.open("Invoice", &[("xmlns", NAMESPACE), ("version", "6.0.2")]);
    x.leaf("DocumentType", if credit { "2" } else { "1" })
        .leaf("ID", &invoice.number().to_string())
        .leaf("UUID", &document_uuid(invoice))
        .leaf("IssuingSystem", "podpora")
        .leaf("IssueDate", &d.issue_date.to_string())
        .leaf("TaxPointDate", &d.supply_date.to_string())
        .leaf("VATApplicable", "true")
        .leaf("ElectronicPossibilityAgreementReference", "");
    let mut notes: Vec<String> = d.note.iter().cloned().collect();
    if let DocumentKind::CreditNote { reason, .. } = &d.kind {
        notes.push(reason.clone());
    }
    if !notes.is_empty() {
        x.leaf("Note", &notes.join("; "));
    }
    x.leaf("LocalCurrencyCode", local.code());
    match foreign {
        Some(rate) => {
            x.leaf("ForeignCurrencyCode", d.currency.code())
                .leaf("CurrRate", &rate.to_decimal())
                .leaf("RefCurrRate", &rate.amount.to_string());
        }
        None => {
            x.leaf("CurrRate", "1").leaf("RefCurrRate", "1");
        }
    }
    party(&mut x, "AccountingSupplierParty", &d.supplier);
    party(&mut x, "AccountingCustomerParty", &d.customer);
    if let DocumentKind::CreditNote {
        corrects,
        corrects_issued,
        ..
    } = &d.kind
    {
        x.open("OriginalDocumentReferences", &[])
            .open("OriginalDocumentReference", &[])
            .leaf("ID", corrects)
            .leaf("IssueDate", &corrects_issued.to_string())
            .close()
            .close();
    }
    x.open("InvoiceLines", &[]);
    for (i, line) in d.lines.iter().enumerate() {
        let net = line.net()?;
        let vat = line_vat(line)?;
        let gross = net.checked_add(vat)?;
        let quantity = if credit {
            -line.quantity_milli
        } else {
            line.quantity_milli
        };
        x.open("InvoiceLine", &[])
            .leaf("ID", &(i + 1).to_string())
            .leaf_attrs(
                "InvoicedQuantity",
                &[("unitCode", line.unit.code())],
                &fixed(i128::from(quantity), 3),
            );
        if foreign.is_some() {
            x.leaf("LineExtensionAmountCurr", &amount(signed(net)));
        }
        x.leaf("LineExtensionAmount", &amount(signed(local_of(net)?)));
        if foreign.is_some() {
            x.leaf(
                "LineExtensionAmountTaxInclusiveCurr",
                &amount(signed(gross)),
            );
        }
        x.leaf(
            "LineExtensionAmountTaxInclusive",
            &amount(signed(local_of(gross)?)),
        )
        .leaf("LineExtensionTaxAmount", &amount(signed(local_of(vat)?)))
        .leaf("UnitPrice", &unit_price(line, foreign));
        let mut incl = line.clone();
        incl.price = incl
            .price
            .checked_add(incl.price.percent(line.vat_rate.0)?)?;
        x.leaf("UnitPriceTaxInclusive", &unit_price(&incl, foreign))
            .open("ClassifiedTaxCategory", &[])
            .leaf("Percent", &percent(line.vat_rate))
            .leaf("VATCalculationMethod", "0")
            .leaf("VATApplicable", "true")
            .close()
            .open("Item", &[])
            .leaf("Description", &line.description)
            .close()
            .close();
    }
    x.close();
    // VAT per rate: local amounts from the totals' national lines where converted.
    let mut local_net = Money::zero(local);
    let mut local_vat = Money::zero(local);
    x.open("TaxTotal", &[]);
    for (i, l) in t.vat.by_rate.iter().enumerate() {
        let (base, vat) = match &t.national {
            Some(n) => (n[i].base, n[i].vat),
            None => (l.base, l.vat),
        };
        local_net = local_net.checked_add(base)?;
        local_vat = local_vat.checked_add(vat)?;
        let incl = base.checked_add(vat)?;
        x.open("TaxSubTotal", &[]);
        if foreign.is_some() {
            x.leaf("TaxableAmountCurr", &amount(signed(l.base)));
        }
        x.leaf("TaxableAmount", &amount(signed(base)));
        if foreign.is_some() {
            x.leaf("TaxAmountCurr", &amount(signed(l.vat)));
        }
        x.leaf("TaxAmount", &amount(signed(vat)));
        if foreign.is_some() {
            x.leaf(
                "TaxInclusiveAmountCurr",
                &amount(signed(l.base.checked_add(l.vat)?)),
            );
        }
        x.leaf("TaxInclusiveAmount", &amount(signed(incl)))
            .leaf("AlreadyClaimedTaxableAmount", "0")
            .leaf("AlreadyClaimedTaxAmount", "0")
            .leaf("AlreadyClaimedTaxInclusiveAmount", "0")
            .leaf("DifferenceTaxableAmount", &amount(signed(base)))
            .leaf("DifferenceTaxAmount", &amount(signed(vat)))
            .leaf("DifferenceTaxInclusiveAmount", &amount(signed(incl)))
            .open("TaxCategory", &[])
            .leaf("Percent", &percent(l.rate))
            .leaf("VATApplicable", "true")
            .close()
            .close();
    }
    if foreign.is_some() {
        x.leaf("TaxAmountCurr", &amount(signed(t.vat.vat)));
    }
    x.leaf("TaxAmount", &amount(signed(local_vat))).close();
    let local_total = local_net.checked_add(local_vat)?;
    let curr = |x: &mut Xml, name: &str, m: Money| {
        if foreign.is_some() {
            x.leaf(name, &amount(signed(m)));
        }
    };
    x.open("LegalMonetaryTotal", &[]);
    x.leaf("TaxExclusiveAmount", &amount(signed(local_net)));
    curr(&mut x, "TaxExclusiveAmountCurr", t.vat.net);
    x.leaf("TaxInclusiveAmount", &amount(signed(local_total)));
    curr(&mut x, "TaxInclusiveAmountCurr", t.vat.total);
    x.leaf("AlreadyClaimedTaxExclusiveAmount", "0")
        .leaf("AlreadyClaimedTaxInclusiveAmount", "0")
        .leaf("DifferenceTaxExclusiveAmount", &amount(signed(local_net)))
        .leaf("DifferenceTaxInclusiveAmount", &amount(signed(local_total)))
        .leaf("PaidDepositsAmount", "0")
        .leaf("PayableAmount", &amount(signed(local_total)));
    curr(&mut x, "PayableAmountCurr", t.vat.total);
    x.close();
    if let (Some(p), false) = (&d.payment, credit) {
        let (account, bank) = domestic_account(&p.iban).unwrap_or_default();
        x.open("PaymentMeans", &[])
            .open("Payment", &[])
            .leaf("PaidAmount", &amount(local_total))
            .leaf("PaymentMeansCode", "42")
            .open("Details", &[])
            .leaf("PaymentDueDate", &d.due_date.to_string())
            .leaf("ID", &account)
            .leaf("BankCode", &bank)
            .leaf("Name", "")
            .leaf("IBAN", p.iban.as_str())
            .leaf(
                "BIC",
                p.bic.as_ref().map(|b| b.as_str()).unwrap_or_default(),
            );
        if let Some(vs) = &p.variable_symbol {
            x.leaf("VariableSymbol", vs.as_str());
        }
        x.close().close().close();
    }
    Ok(x.finish())
}
