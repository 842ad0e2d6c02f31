//! An organization's standing: its plan today, its contracts and hand-overs, included minutes,
//! onboarding entitlements, and whether it is a plan candidate.

use super::*;
use podpora_core::plan::{PastRequest, UpsellReason, upsell_reasons};
use podpora_store::repo::plans::PaidServiceRow;

/// Why an organization should be offered a plan.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct UpsellSignal {
    /// What was seen, e.g. "paid service 2 times in the last six months".
    pub reason: String,
    /// `paid_service`, `repeated_category` or `similar_questions`.
    pub kind: String,
    /// How many times or requests.
    pub count: i64,
    /// The category's code or one question's subject; none for paid service.
    pub detail: Option<String>,
}

impl From<UpsellReason> for UpsellSignal {
    fn from(r: UpsellReason) -> Self {
        let reason = r.to_string();
        let n = |x: usize| i64::try_from(x).unwrap_or(i64::MAX);
        let (kind, count, detail) = match r {
            UpsellReason::PaidService { times } => ("paid_service", n(times), None),
            UpsellReason::RepeatedCategory { category, requests } => {
                ("repeated_category", n(requests), Some(category))
            }
            UpsellReason::SimilarQuestions { questions, subject } => {
                ("similar_questions", n(questions), Some(subject))
            }
        };
        Self {
            reason,
            kind: kind.into(),
            count,
            detail,
        }
    }
}

/// Everything about an organization's support plan, on one page.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct PlanStatus {
    /// The organization.
    pub organization_id: i64,
    /// Its entitlement today (the organization-wide contract, else the basic service).
    pub entitlement: Entitlement,
    /// Each channel of that entitlement now: whether it is within its hours, and when it next
    /// opens.
    pub channel_hours: Vec<intake::ChannelHours>,
    /// Its contracts, oldest first.
    pub contracts: Vec<Contract>,
    /// Recorded hand-over dates.
    pub handovers: Vec<Handover>,
    /// This month's ledgers of included minutes.
    pub ledgers: Vec<Ledger>,
    /// Onboarding entitlements.
    pub onboarding: Vec<OnboardingEntitlement>,
    /// Flagged as a candidate for a plan: no plan, and the signals below.
    pub plan_candidate: bool,
    /// The signals.
    pub upsell_signals: Vec<UpsellSignal>,
    /// The day this was read for (`YYYY-MM-DD`), in a customer's own zone.
    #[serde(skip)]
    pub today: String,
}

/// Similar requests needed to count as repeated questions.
const REPEATED: usize = 3;

/// An organization's plan status, with the upsell signals of the last six months. Staff read
/// any organization's; a portal customer only its own (see [`require_plan_reader`]).
pub async fn plan_status(db: &Db, actor: &Actor, organization_id: i64) -> Result<PlanStatus> {
    require_plan_reader(actor, organization_id)?;
    let now = now_ms();
    let today = customer_today(db, actor, organization_id, now).await?;
    let mut tx = db.read().await?;
    repo::customers::get_org(&mut tx, organization_id)
        .await
        .not_found(|| format!("organization {organization_id}"))?;
    let entitlement = entitlement_at(&mut tx, Some(organization_id), None, now).await?;
    let channel_hours = intake::channel_hours(&mut tx, &entitlement, now).await?;
    let plans = repo::plans::list_plans(&mut tx).await?;
    let contracts = repo::plans::contracts_of(&mut tx, organization_id)
        .await?
        .into_iter()
        .filter_map(|c| {
            let p = plans.iter().find(|p| p.id == c.plan_id)?;
            Some(contracts::to_contract(c, p))
        })
        .collect();
    let handovers = repo::plans::handovers(&mut tx, organization_id)
        .await?
        .into_iter()
        .map(|h| Handover {
            organization_id: h.organization_id,
            asset_id: h.asset_id,
            handed_over_on: h.handed_over_on,
        })
        .collect();
    drop(tx);
    let ledgers = ledger::ledgers(
        db,
        actor,
        organization_id,
        LedgerQuery {
            month: Some(today.strftime("%Y-%m").to_string()),
        },
    )
    .await?;
    let mut tx = db.read().await?;
    let onboarding =
        ledger::entitlements_view(&mut tx, organization_id, &today.to_string()).await?;
    let six_months_ago = today
        .checked_sub(jiff::Span::new().months(6))
        .unwrap_or(today);
    let since_ms = now - 183 * 86_400_000;
    let signals = if entitlement.plan_id.is_none() {
        // Paid work recorded by hand, and interventions the rating actually billed.
        let paid =
            repo::plans::paid_services_since(&mut tx, organization_id, &six_months_ago.to_string())
                .await?;
        let billed =
            crate::billing::billed_interventions_since(&mut tx, organization_id, since_ms).await?;
        let paid = paid.saturating_add(i64::try_from(billed).unwrap_or(i64::MAX));
        let requests: Vec<PastRequest> =
            repo::plans::requests_since(&mut tx, organization_id, since_ms)
                .await?
                .into_iter()
                .map(|(category, subject)| PastRequest { category, subject })
                .collect();
        upsell_reasons(usize::try_from(paid).unwrap_or(0), &requests, REPEATED)
    } else {
        Vec::new()
    };
    Ok(PlanStatus {
        organization_id,
        entitlement,
        channel_hours,
        contracts,
        handovers,
        ledgers,
        onboarding,
        plan_candidate: !signals.is_empty(),
        upsell_signals: signals.into_iter().map(UpsellSignal::from).collect(),
        today: today.to_string(),
    })
}

/// A paid intervention to record.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewPaidService {
    /// The day it was done, `YYYY-MM-DD`.
    pub performed_on: String,
    /// What it cost, excluding VAT.
    pub amount: Money,
    /// The ticket it was for.
    #[serde(default)]
    pub ticket_number: Option<String>,
    /// What was done.
    #[serde(default)]
    pub note: Option<String>,
}

/// A recorded paid intervention.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct PaidService {
    /// Id.
    pub id: i64,
    /// The organization.
    pub organization_id: i64,
    /// The day.
    pub performed_on: String,
    /// The amount.
    pub amount: Money,
    /// The ticket.
    pub ticket_id: Option<i64>,
    /// What was done.
    pub note: Option<String>,
}

/// Records a paid intervention of an organization (until billing writes them itself); paid
/// service more than once in six months flags a customer without a plan as a plan candidate.
pub async fn record_paid_service(
    db: &Db,
    actor: &Actor,
    organization_id: i64,
    p: NewPaidService,
) -> Result<PaidService> {
    actor.require(Permission::WriteCustomers)?;
    let mut v = ValidationError::new();
    let day = parse_date(&mut v, "performed_on", &p.performed_on);
    if let Err(e) = p.amount.validate() {
        v.push("amount", e);
    }
    let note = match p.note.as_deref().map(str::trim).filter(|n| !n.is_empty()) {
        Some(n) => v.check(
            "note",
            text::check_max_chars(n, 1000).map(|_| n.to_string()),
        ),
        None => None,
    };
    v.into_result()?;
    let now = now_ms();
    let mut tx = db.begin().await?;
    repo::customers::get_org(&mut tx, organization_id)
        .await
        .not_found(|| format!("organization {organization_id}"))?;
    let ticket_id = match p.ticket_number.as_deref() {
        Some(n) => Some(
            repo::tickets::get_by_number(&mut tx, n.trim())
                .await
                .map_err(|_| AppError::field("ticket_number", format!("there is no ticket {n}")))?
                .id,
        ),
        None => None,
    };
    let mut row = PaidServiceRow {
        id: 0,
        organization_id,
        ticket_id,
        performed_on: day.map(|d| d.to_string()).unwrap_or_default(),
        amount_minor: p.amount.amount_minor,
        currency: p.amount.currency.clone(),
        note,
        created_at: now,
    };
    row.id = repo::plans::insert_paid_service(&mut tx, &row).await?;
    audit::changed(
        &mut tx,
        "organization",
        organization_id,
        actor,
        now,
        vec![(
            "paid_service",
            None,
            Some(format!("{} on {}", p.amount, row.performed_on)),
        )],
        None,
    )
    .await?;
    tx.commit().await?;
    Ok(PaidService {
        id: row.id,
        organization_id,
        performed_on: row.performed_on,
        amount: p.amount,
        ticket_id,
        note: row.note,
    })
}
