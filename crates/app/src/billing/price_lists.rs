//! The supplier's price lists: set by code through the API or as `[[price_lists]]` of the
//! catalogue, in the TOML form of `podpora_billing::PriceList` with a name, the supplier's VAT
//! country and whether it is the default (the list every customer is rated by).

use super::*;
use crate::{audit, now_ms, rfc3339};
use podpora_core::{ValidationError, text};
use serde::{Deserialize, Serialize};

/// A price list to store.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PriceListInput {
    /// Name shown to staff.
    pub name: String,
    /// The supplier's country for VAT: SK, CZ or PL.
    pub vat_country: String,
    /// Whether customers are rated by this list (the one default).
    #[serde(default)]
    pub default: bool,
    /// Whether paid work of a customer without a plan needs an accepted offer before it is
    /// billed; such work is held until then.
    #[serde(default)]
    pub agreement_required: bool,
    /// The rates and fees in TOML: `currency`, `[[rates]]`, `[[fees]]` (see the billing docs).
    pub toml: String,
}

/// A stored price list.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct PriceListView {
    /// Code.
    pub code: String,
    /// Name.
    pub name: String,
    /// The supplier's VAT country.
    pub vat_country: String,
    /// Currency of every amount.
    pub currency: String,
    /// Whether customers are rated by it.
    pub default: bool,
    /// Whether paid work without a plan needs an accepted offer before it is billed.
    pub agreement_required: bool,
    /// Rates and fees in TOML.
    pub toml: String,
    /// Last change (RFC 3339).
    pub updated_at: String,
}

fn view(r: PriceListRow) -> PriceListView {
    PriceListView {
        code: r.code,
        name: r.name,
        vat_country: r.vat_country,
        currency: r.currency,
        default: r.is_default,
        agreement_required: r.agreement_required,
        toml: r.body,
        updated_at: rfc3339(r.updated_at),
    }
}

/// Checks a price list; the row to store (`id` 0, times unset).
pub(crate) fn checked(code: &str, p: &PriceListInput) -> Result<PriceListRow> {
    let mut v = ValidationError::new();
    let code_ok = v.check(
        "code",
        if !code.is_empty()
            && code.len() <= 40
            && code
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        {
            Ok(code.to_string())
        } else {
            Err("use 1 to 40 letters, digits, '-' or '_'")
        },
    );
    let name = v.check("name", text::required_line(&p.name, 200));
    let country = p.vat_country.trim().to_ascii_uppercase();
    if vat_country(&country).is_none() {
        v.push("vat_country", "use SK, CZ or PL");
    }
    let list = v.check("toml", PriceList::from_toml(&p.toml));
    v.into_result()?;
    let (Some(code), Some(name), Some(list)) = (code_ok, name, list) else {
        return Err(AppError::field("toml", "is missing"));
    };
    Ok(PriceListRow {
        id: 0,
        code,
        name,
        vat_country: country,
        currency: list.currency.code().into(),
        body: p.toml.clone(),
        is_default: p.default,
        agreement_required: p.agreement_required,
        created_at: 0,
        updated_at: 0,
    })
}

/// A `[[price_lists]]` table of the catalogue: its code and the list.
pub(crate) fn from_catalogue(t: &toml::Table, i: usize) -> Result<(String, PriceListInput)> {
    let field = |k: &str| format!("price_lists[{i}].{k}");
    let mut t = t.clone();
    let mut take = |k: &str| -> Result<Option<toml::Value>> { Ok(t.remove(k)) };
    let s = |v: Option<toml::Value>, k: &str| -> Result<String> {
        match v {
            Some(toml::Value::String(s)) => Ok(s),
            _ => Err(AppError::field(&field(k), "must be a string")),
        }
    };
    let code = s(take("code")?, "code")?;
    let name = s(take("name")?, "name")?;
    let vat_country = s(take("vat_country")?, "vat_country")?;
    let default = match take("default")? {
        None => false,
        Some(toml::Value::Boolean(b)) => b,
        Some(_) => return Err(AppError::field(&field("default"), "must be true or false")),
    };
    let agreement_required = match take("agreement_required")? {
        None => false,
        Some(toml::Value::Boolean(b)) => b,
        Some(_) => {
            return Err(AppError::field(
                &field("agreement_required"),
                "must be true or false",
            ));
        }
    };
    let toml = toml::to_string(&t).map_err(|e| AppError::field(&field("rates"), e.to_string()))?;
    let input = PriceListInput {
        name,
        vat_country,
        default,
        agreement_required,
        toml,
    };
    checked(&code, &input).map_err(|e| match e {
        AppError::Validation(v) => AppError::field(&format!("price_lists[{i}]"), v.to_string()),
        e => e,
    })?;
    Ok((code, input))
}

/// Creates or replaces the price list `code` (administrators and the billing role).
pub async fn put_price_list(
    db: &podpora_store::Db,
    actor: &Actor,
    code: &str,
    p: PriceListInput,
) -> Result<PriceListView> {
    require_billing(actor)?;
    let mut row = checked(code, &p)?;
    let now = now_ms();
    row.created_at = now;
    row.updated_at = now;
    let mut tx = db.begin().await?;
    let id = repo::billing::put_price_list(&mut tx, &row).await?;
    audit::changed(
        &mut tx,
        "price_list",
        id,
        actor,
        now,
        vec![(
            "price_list",
            None,
            Some(format!("{} ({})", row.code, row.currency)),
        )],
        None,
    )
    .await?;
    let stored = repo::billing::price_list(&mut tx, code).await?;
    tx.commit().await?;
    Ok(view(stored))
}

/// Every price list, the default first (staff).
pub async fn list_price_lists(db: &podpora_store::Db, actor: &Actor) -> Result<Vec<PriceListView>> {
    actor.require(Permission::ReadCustomers)?;
    let mut tx = db.read().await?;
    Ok(repo::billing::price_lists(&mut tx)
        .await?
        .into_iter()
        .map(view)
        .collect())
}

/// One price list (staff).
pub async fn get_price_list(
    db: &podpora_store::Db,
    actor: &Actor,
    code: &str,
) -> Result<PriceListView> {
    actor.require(Permission::ReadCustomers)?;
    let mut tx = db.read().await?;
    Ok(view(
        repo::billing::price_list(&mut tx, code)
            .await
            .not_found(|| format!("price list {code}"))?,
    ))
}

/// The default price list's visit fee, the lowest of its entries, for the forms that record a
/// visit; `None` without a list or a visit fee. Staff only.
pub async fn visit_fee(
    db: &podpora_store::Db,
    actor: &Actor,
) -> Result<Option<podpora_core::plan::Money>> {
    actor.require(Permission::ReadCustomers)?;
    let mut tx = db.read().await?;
    let Some(row) = repo::billing::default_price_list(&mut tx).await? else {
        return Ok(None);
    };
    let Ok(list) = PriceList::from_toml(&row.body) else {
        return Ok(None);
    };
    Ok(list
        .fees
        .iter()
        .filter(|f| f.fee == podpora_billing::Fee::Visit)
        .map(|f| f.amount)
        .min_by_key(|m| m.minor())
        .map(money))
}
