//! The supplier: who invoices and which account customers pay into. Set once by the billing
//! role or an administrator, kept in the settings; each request and invoice copies what it uses,
//! so a later change leaves what was sent as it was.

use super::*;
use crate::audit;
use crate::now_ms;
use podpora_core::{Ico, Nip, ValidationError, VatId, text};
use podpora_invoicing::{Address, Party, PartyIds, SkTaxNumber};
use podpora_payments::{Beneficiary, Bic, Iban};
use podpora_store::{Tx, repo};
use serde::{Deserialize, Serialize};

const KEY: &str = "billing.supplier";

/// The supplier's name, address, company ids, bank account and invoice series.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Supplier {
    /// Registered name; the bank shows it to the payer.
    pub name: String,
    /// Street and number.
    pub street: String,
    /// City.
    pub city: String,
    /// Postal code.
    pub postal_code: String,
    /// SK, CZ or PL: the VAT country of the invoices.
    pub country: String,
    /// IČO (SK, CZ).
    #[serde(default)]
    pub ico: Option<String>,
    /// Slovak DIČ, 10 digits.
    #[serde(default)]
    pub dic: Option<String>,
    /// EU VAT id (IČ DPH, Czech DIČ, NIP UE), e.g. `SK2020317068`.
    #[serde(default)]
    pub vat_id: Option<String>,
    /// Polish NIP.
    #[serde(default)]
    pub nip: Option<String>,
    /// Where customers write about invoices.
    #[serde(default)]
    pub email: Option<String>,
    /// The account customers pay into.
    pub iban: String,
    /// The bank's BIC.
    #[serde(default)]
    pub bic: Option<String>,
    /// Up to 6 capital letters or digits before invoice numbers (may be empty):
    /// `{prefix}{year}{sequence}`.
    #[serde(default)]
    pub invoice_prefix: String,
    /// Days from issue to the due date of invoices and payment requests (1–120, default 14).
    #[serde(default = "default_due_days")]
    pub due_days: u32,
}

fn default_due_days() -> u32 {
    14
}

fn opt(s: &Option<String>) -> Option<&str> {
    s.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

impl Supplier {
    /// Checks every field, naming each bad one.
    fn validate(&self) -> std::result::Result<(), ValidationError> {
        let mut v = ValidationError::new();
        for (field, value, max) in [
            ("name", &self.name, 200),
            ("street", &self.street, 200),
            ("city", &self.city, 100),
            ("postal_code", &self.postal_code, 20),
        ] {
            v.check(field, text::required_line(value, max));
        }
        if !matches!(self.country.as_str(), "SK" | "CZ" | "PL") {
            v.push(
                "country",
                "use SK, CZ or PL: the country whose VAT the invoices carry",
            );
        }
        v.check("iban", Iban::parse(&self.iban));
        if let Some(b) = opt(&self.bic) {
            v.check("bic", Bic::parse(b));
        }
        if let Some(i) = opt(&self.ico) {
            v.check("ico", Ico::parse(i));
        }
        if let Some(d) = opt(&self.dic) {
            v.check("dic", SkTaxNumber::parse(d));
        }
        if let Some(d) = opt(&self.vat_id) {
            v.check("vat_id", VatId::parse(d));
        }
        if let Some(n) = opt(&self.nip) {
            v.check("nip", Nip::parse(n));
        }
        if self.invoice_prefix.len() > 6
            || !self
                .invoice_prefix
                .bytes()
                .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
        {
            v.push(
                "invoice_prefix",
                "use at most 6 capital letters or digits (e.g. FV), or leave it empty",
            );
        }
        if !(1..=120).contains(&self.due_days) {
            v.push("due_days", "must be between 1 and 120");
        }
        v.into_result()
    }

    /// The account as a QR code's beneficiary.
    pub(crate) fn beneficiary(&self) -> Result<Beneficiary> {
        Ok(Beneficiary {
            name: self.name.clone(),
            iban: Iban::parse(&self.iban)
                .map_err(|e| AppError::Conflict(format!("the supplier's IBAN: {e}")))?,
            bic: opt(&self.bic).and_then(|b| Bic::parse(b).ok()),
        })
    }

    /// The supplier as an invoice's party.
    pub(crate) fn party(&self) -> Party {
        Party {
            name: self.name.clone(),
            address: Address {
                street: self.street.clone(),
                city: self.city.clone(),
                postal_code: self.postal_code.clone(),
                country: self.country.clone(),
            },
            ids: PartyIds {
                ico: opt(&self.ico).and_then(|i| Ico::parse(i).ok()),
                sk_tax_number: opt(&self.dic).and_then(|d| SkTaxNumber::parse(d).ok()),
                nip: opt(&self.nip).and_then(|n| Nip::parse(n).ok()),
                vat_id: opt(&self.vat_id).and_then(|v| VatId::parse(v).ok()),
            },
            email: opt(&self.email).map(str::to_string),
        }
    }
}

/// The supplier, or a clear error saying how to set it up.
pub(crate) async fn load(tx: &mut Tx<'_>) -> Result<Supplier> {
    let text = repo::settings::get(tx, KEY).await?.ok_or_else(|| {
        AppError::Conflict(
            "the supplier (name, address, IBAN) is not set up: PUT /api/v1/supplier first".into(),
        )
    })?;
    serde_json::from_str(&text)
        .map_err(|e| AppError::Conflict(format!("the stored supplier cannot be read: {e}")))
}

/// The supplier, if set up (the billing role and administrators).
pub async fn get_supplier(db: &podpora_store::Db, actor: &Actor) -> Result<Option<Supplier>> {
    require_billing(actor)?;
    let mut tx = db.read().await?;
    match load(&mut tx).await {
        Ok(s) => Ok(Some(s)),
        Err(AppError::Conflict(_)) => Ok(None),
        Err(e) => Err(e),
    }
}

/// Sets the supplier (the billing role and administrators); the change goes to the audit log.
pub async fn put_supplier(db: &podpora_store::Db, actor: &Actor, s: Supplier) -> Result<Supplier> {
    require_billing(actor)?;
    let mut s = s;
    s.iban = s.iban.split_whitespace().collect::<String>().to_uppercase();
    s.country = s.country.trim().to_uppercase();
    s.validate()?;
    let json = serde_json::to_string(&s)
        .map_err(|e| AppError::Conflict(format!("the supplier cannot be stored: {e}")))?;
    let mut tx = db.begin().await?;
    let old = repo::settings::get(&mut tx, KEY).await?;
    repo::settings::put(&mut tx, KEY, &json).await?;
    audit::changed(
        &mut tx,
        "supplier",
        0,
        actor,
        now_ms(),
        vec![("supplier", old, Some(json))],
        None,
    )
    .await?;
    tx.commit().await?;
    Ok(s)
}
