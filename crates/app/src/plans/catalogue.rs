//! Loading a catalogue from TOML: calendars, plans, SLA policies, categories, the out-of-scope
//! list, the basic service and price lists (`[[price_lists]]`: `code`, `name`, `vat_country`,
//! `default` and the rates of `podpora_billing::PriceList`), as the presets in `examples/presets/` describe a company.
//!
//! In the file, calendars and plans are referred to by name and code (`support_calendar`,
//! `calendar`, `plan`) instead of ids. The whole file is checked before anything is written;
//! each part is then written by its own use case, in file order.

use super::*;
use crate::sla::{self, NewCalendar, SlaPolicy};
use std::collections::HashMap;
use toml::Value;

/// What a catalogue file is about.
#[derive(Debug, Clone, Default, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PresetInfo {
    /// Short name.
    pub name: String,
    /// What kind of company it configures.
    #[serde(default)]
    pub description: String,
}

/// What a catalogue load created.
#[derive(Debug, Clone, Default, Serialize, utoipa::ToSchema)]
pub struct LoadReport {
    /// The file's `[preset]` section.
    pub preset: Option<PresetInfo>,
    /// Calendars created.
    pub calendars: usize,
    /// Plans created.
    pub plans: usize,
    /// SLA policies created.
    pub sla_policies: usize,
    /// Categories created.
    pub categories: usize,
    /// Out-of-scope items created.
    pub scope_items: usize,
    /// Whether the basic service was set.
    pub basic_service: bool,
    /// Price lists created or replaced.
    pub price_lists: usize,
}

fn bad(field: impl Into<String>, e: impl std::fmt::Display) -> AppError {
    AppError::field(&field.into(), e.to_string())
}

fn list<'a>(root: &'a toml::Table, key: &str) -> Result<Vec<&'a toml::Table>> {
    match root.get(key) {
        None => Ok(Vec::new()),
        Some(Value::Array(a)) => a
            .iter()
            .enumerate()
            .map(|(i, v)| {
                v.as_table()
                    .ok_or_else(|| bad(format!("{key}[{i}]"), "must be a table ([[...]])"))
            })
            .collect(),
        Some(_) => Err(bad(key, "must be an array of tables ([[...]])")),
    }
}

/// Replaces a name reference (`from`) by the id it names (`to`).
fn resolve(
    t: &mut toml::Table,
    field: &str,
    from: &str,
    to: &str,
    ids: &HashMap<String, i64>,
) -> Result<()> {
    if let Some(v) = t.remove(from) {
        let name = v
            .as_str()
            .ok_or_else(|| bad(format!("{field}.{from}"), "must be a string"))?;
        let id = ids.get(name).ok_or_else(|| {
            bad(
                format!("{field}.{from}"),
                format!("{name:?} is not defined earlier in the file"),
            )
        })?;
        t.insert(to.into(), Value::Integer(*id));
    }
    Ok(())
}

fn plan_value(t: &toml::Table, i: usize, calendars: &HashMap<String, i64>) -> Result<Plan> {
    let field = format!("plans[{i}]");
    let mut t = t.clone();
    resolve(
        &mut t,
        &field,
        "support_calendar",
        "support_calendar_id",
        calendars,
    )?;
    if let Some(Value::Array(chs)) = t.get_mut("channels") {
        for (j, c) in chs.iter_mut().enumerate() {
            if let Some(ct) = c.as_table_mut() {
                resolve(
                    ct,
                    &format!("{field}.channels[{j}]"),
                    "calendar",
                    "calendar_id",
                    calendars,
                )?;
            }
        }
    }
    Value::Table(t)
        .try_into::<Plan>()
        .map_err(|e| bad(field, e.message()))
}

fn policy_value(
    t: &toml::Table,
    i: usize,
    calendars: &HashMap<String, i64>,
    plans: &HashMap<String, i64>,
) -> Result<SlaPolicy> {
    let field = format!("sla_policies[{i}]");
    let mut t = t.clone();
    resolve(&mut t, &field, "calendar", "calendar_id", calendars)?;
    resolve(&mut t, &field, "plan", "plan_id", plans)?;
    Value::Table(t)
        .try_into::<SlaPolicy>()
        .map_err(|e| bad(field, e.message()))
}

fn typed<T: serde::de::DeserializeOwned>(t: &toml::Table, field: String) -> Result<T> {
    Value::Table(t.clone())
        .try_into::<T>()
        .map_err(|e| bad(field, e.message()))
}

const SECTIONS: [&str; 8] = [
    "preset",
    "basic",
    "calendars",
    "plans",
    "sla_policies",
    "categories",
    "scope",
    "price_lists",
];

/// Checks a catalogue file and creates what it describes. Names referred to must be defined
/// earlier in the file; a file with any error writes nothing.
pub async fn load(db: &Db, actor: &Actor, text: &str) -> Result<LoadReport> {
    actor.require(Permission::ManageStaff)?;
    let root: toml::Table = text
        .parse()
        .map_err(|e: toml::de::Error| bad("catalogue", e.message()))?;
    if let Some(k) = root.keys().find(|k| !SECTIONS.contains(&k.as_str())) {
        return Err(bad(
            k.as_str(),
            format!("unknown section; use {}", SECTIONS.join(", ")),
        ));
    }
    let preset: Option<PresetInfo> = match root.get("preset") {
        Some(Value::Table(t)) => Some(typed(t, "preset".into())?),
        Some(_) => return Err(bad("preset", "must be a table")),
        None => None,
    };
    let basic: Option<BasicService> = match root.get("basic") {
        Some(Value::Table(t)) => Some(typed(t, "basic".into())?),
        Some(_) => return Err(bad("basic", "must be a table")),
        None => None,
    };
    let calendar_tables = list(&root, "calendars")?;
    let plan_tables = list(&root, "plans")?;
    let policy_tables = list(&root, "sla_policies")?;
    let mut calendars_in = Vec::new();
    for (i, t) in calendar_tables.iter().enumerate() {
        calendars_in.push(typed::<NewCalendar>(t, format!("calendars[{i}]"))?);
    }
    let categories: Vec<Category> = list(&root, "categories")?
        .iter()
        .enumerate()
        .map(|(i, t)| typed(t, format!("categories[{i}]")))
        .collect::<Result<_>>()?;
    let scope: Vec<NewScopeItem> = list(&root, "scope")?
        .iter()
        .enumerate()
        .map(|(i, t)| typed(t, format!("scope[{i}]")))
        .collect::<Result<_>>()?;
    let price_lists: Vec<(String, crate::billing::PriceListInput)> = list(&root, "price_lists")?
        .iter()
        .enumerate()
        .map(|(i, t)| crate::billing::price_lists::from_catalogue(t, i))
        .collect::<Result<_>>()?;
    // Dry run: every reference resolves and every table has the right shape, before writing.
    let names = |tables: &[&toml::Table], key: &str| -> HashMap<String, i64> {
        tables
            .iter()
            .filter_map(|t| t.get(key).and_then(Value::as_str))
            .map(|n| (n.to_string(), 0))
            .collect()
    };
    let dry_cal = names(&calendar_tables, "name");
    let dry_plan = names(&plan_tables, "code");
    for (i, t) in plan_tables.iter().enumerate() {
        plan_value(t, i, &dry_cal)?;
    }
    for (i, t) in policy_tables.iter().enumerate() {
        policy_value(t, i, &dry_cal, &dry_plan)?;
    }

    let mut report = LoadReport {
        preset,
        ..Default::default()
    };
    let mut calendars = HashMap::new();
    for c in calendars_in {
        let made = sla::create_calendar(db, actor, c).await?;
        calendars.insert(made.name, made.id);
        report.calendars += 1;
    }
    let mut plans = HashMap::new();
    for (i, t) in plan_tables.iter().enumerate() {
        let made = create_plan(db, actor, plan_value(t, i, &calendars)?).await?;
        plans.insert(made.code, made.id);
        report.plans += 1;
    }
    for (i, t) in policy_tables.iter().enumerate() {
        sla::create_policy(db, actor, policy_value(t, i, &calendars, &plans)?).await?;
        report.sla_policies += 1;
    }
    for c in categories {
        create_category(db, actor, c).await?;
        report.categories += 1;
    }
    for s in scope {
        create_scope_item(db, actor, s).await?;
        report.scope_items += 1;
    }
    if let Some(b) = basic {
        set_basic_service(db, actor, b).await?;
        report.basic_service = true;
    }
    for (code, p) in price_lists {
        crate::billing::put_price_list(db, actor, &code, p).await?;
        report.price_lists += 1;
    }
    Ok(report)
}
