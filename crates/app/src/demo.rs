//! Demo data: a few customers with valid identifiers, staff in several roles, and tickets in
//! several states, loaded once (running it again only issues a fresh admin token).

use crate::{
    Actor, App, Result,
    actor::issue_agent_token,
    assets::{self, NewAsset},
    contacts::{self, NewContact},
    organizations::{self, NewOrganization},
    staff::{self, NewAgent, TeamInput},
    tickets::{self, NewTicket, TicketPatch},
};
use podpora_store::repo;
use serde::Serialize;

/// The password every demo agent has.
pub const DEMO_PASSWORD: &str = "podpora-demo";

/// What a person needs to try the demo.
#[derive(Debug, Clone, Serialize)]
pub struct DemoInfo {
    /// Base URL, filled in by the caller.
    pub url: String,
    /// A fresh admin API token.
    pub admin_token: String,
    /// Demo agents: e-mail, password, roles.
    pub agents: Vec<DemoLogin>,
    /// Demo customer contacts: e-mail and organization; each signs in to the portal (`/portal`)
    /// with the demo password.
    pub contacts: Vec<DemoContact>,
}

/// A demo agent login.
#[derive(Debug, Clone, Serialize)]
pub struct DemoLogin {
    /// E-mail.
    pub email: String,
    /// Password.
    pub password: String,
    /// Roles.
    pub roles: Vec<String>,
}

/// A demo customer contact.
#[derive(Debug, Clone, Serialize)]
pub struct DemoContact {
    /// Contact id.
    pub id: i64,
    /// E-mail.
    pub email: String,
    /// Organization name.
    pub organization: String,
}

/// E-mail, name, language, roles, teams.
type DemoAgent = (
    &'static str,
    &'static str,
    &'static str,
    &'static [&'static str],
    &'static [&'static str],
);

const AGENTS: &[DemoAgent] = &[
    (
        "admin@podpora.example",
        "Alena Adminová",
        "sk",
        &["admin"],
        &["Support"],
    ),
    (
        "dispecer@podpora.example",
        "Dušan Dispečer",
        "sk",
        &["dispatcher"],
        &["Support", "Sales"],
    ),
    (
        "technik@podpora.example",
        "Tomáš Technik",
        "cs",
        &["technician"],
        &["Support"],
    ),
    (
        "serwis@podpora.example",
        "Paweł Serwisant",
        "pl",
        &["technician"],
        &["Region Poland"],
    ),
    (
        "fakturacia@podpora.example",
        "Beáta Billingová",
        "sk",
        &["billing"],
        &[],
    ),
];

/// Loads the demo data unless it is there already, and returns fresh credentials.
pub async fn load(app: &App) -> Result<DemoInfo> {
    let cli = Actor::Cli;
    let mut tx = app.db.read().await?;
    let loaded = repo::settings::get(&mut tx, "demo_loaded").await?.is_some();
    drop(tx);
    if !loaded {
        seed(app, &cli).await?;
        let mut tx = app.db.begin().await?;
        repo::settings::put(&mut tx, "demo_loaded", "1").await?;
        tx.commit().await?;
    }
    let admin_id = staff::agent_id_by_email(&app.db, AGENTS[0].0).await?;
    let admin_token = issue_agent_token(&app.db, &cli, admin_id, "demo").await?;
    let mut contacts_out = Vec::new();
    let all = contacts::list(
        &app.db,
        &cli,
        None,
        crate::Page {
            page: Some(1),
            per_page: Some(50),
        },
    )
    .await?;
    for c in all.items {
        let org = match c.organization_id {
            Some(o) => organizations::get(&app.db, &cli, o).await?.name,
            None => String::new(),
        };
        if let Some(e) = c.emails.first() {
            contacts_out.push(DemoContact {
                id: c.id,
                email: e.clone(),
                organization: org,
            });
        }
    }
    Ok(DemoInfo {
        url: String::new(),
        admin_token,
        agents: AGENTS
            .iter()
            .map(|(e, _, _, roles, _)| DemoLogin {
                email: e.to_string(),
                password: DEMO_PASSWORD.into(),
                roles: roles.iter().map(|r| r.to_string()).collect(),
            })
            .collect(),
        contacts: contacts_out,
    })
}

async fn seed(app: &App, cli: &Actor) -> Result<()> {
    let db = &app.db;
    let mut team_ids = std::collections::HashMap::new();
    for name in ["Support", "Sales", "Logistics", "Region Poland"] {
        let t = staff::create_team(
            db,
            cli,
            TeamInput {
                name: name.into(),
                email: None,
                lead_agent_id: None,
            },
        )
        .await?;
        team_ids.insert(name, t.id);
    }
    let mut agent_ids = Vec::new();
    for (email, name, lang, roles, teams) in AGENTS {
        let a = staff::create_agent(
            db,
            cli,
            NewAgent {
                email: email.to_string(),
                name: name.to_string(),
                language: Some(lang.to_string()),
                roles: roles.iter().map(|r| r.to_string()).collect(),
                team_ids: teams
                    .iter()
                    .filter_map(|t| team_ids.get(t).copied())
                    .collect(),
                password: Some(DEMO_PASSWORD.into()),
            },
        )
        .await?;
        agent_ids.push(a.id);
    }
    // The dispatcher leads Support: SLA breaches of its tickets are mailed to them.
    if let (Some(&support), Some(&dispatcher)) = (team_ids.get("Support"), agent_ids.get(1)) {
        staff::update_team(
            db,
            cli,
            support,
            TeamInput {
                name: "Support".into(),
                email: None,
                lead_agent_id: Some(dispatcher),
            },
        )
        .await?;
    }
    let orgs = [
        (
            "Inteligentný dom s.r.o.",
            "SK",
            Some("35697270"),
            None,
            "Jana Horváthová",
            "jana.horvathova@inteligentny-dom.example",
            "central-unit",
            "CU-2024-00871",
            "Centrálna jednotka, Bratislava",
        ),
        (
            "Servis Telefonie a.s.",
            "CZ",
            Some("27082440"),
            None,
            "Petr Novák",
            "petr.novak@servis-telefonie.example",
            "pbx",
            "PBX-7731",
            "Ústředna Praha",
        ),
        (
            "Naprawa Komputerów Sp. z o.o.",
            "PL",
            None,
            Some("8567346215"),
            "Łukasz Żółkiewski",
            "lukasz@naprawa.example",
            "licence",
            "LIC-PL-0042",
            "Licencja serwisowa",
        ),
    ];
    // A preset loaded before brings its own calendars and policies.
    let mut tx = app.db.read().await?;
    let has_policies = !repo::sla::list_policies(&mut tx).await?.is_empty();
    drop(tx);
    if !has_policies {
        let cal = crate::sla::create_calendar(
            db,
            cli,
            crate::sla::NewCalendar {
                name: "Kancelária SK".into(),
                time_zone: "Europe/Bratislava".into(),
                hours: "mon-fri 08:30-17:00".into(),
                holidays: Some("SK".into()),
                closures: vec![],
                extra_working_days: vec![],
            },
        )
        .await?;
        let policy =
            |name: &str, category: Option<&str>, reaction: Option<&str>, resolution: &str| {
                crate::sla::SlaPolicy {
                    id: 0,
                    name: name.into(),
                    calendar_id: cal.id,
                    category: category.map(Into::into),
                    reaction: reaction.map(Into::into),
                    first_answer: reaction.map(|_| "8h".into()),
                    remote_resolution: None,
                    visit: None,
                    resolution: Some(resolution.into()),
                    warn_percent: Some(80),
                    escalate_team_id: None,
                    plan_id: None,
                }
            };
        crate::sla::create_policy(db, cli, policy("Štandard", None, Some("4h"), "2bd")).await?;
        crate::sla::create_policy(
            db,
            cli,
            policy("Platby", Some("payments"), Some("2h"), "same-day"),
        )
        .await?;
    }
    let mut contact_ids = Vec::new();
    for (name, country, ico, nip, person, email, kind, ident, asset_name) in orgs {
        let o = organizations::create(
            db,
            cli,
            NewOrganization {
                name: name.into(),
                country: country.into(),
                language: None,
                price_level: None,
                ico: ico.map(Into::into),
                nip: nip.map(Into::into),
                regon: None,
                vat_id: None,
                address: None,
                billing_email: None,
            },
        )
        .await?;
        let c = contacts::create(
            db,
            cli,
            NewContact {
                organization_id: Some(o.id),
                name: person.into(),
                language: None,
                emails: vec![email.into()],
                phones: vec!["+421 2 1234 5678".into()],
            },
        )
        .await?;
        let a = assets::create(
            db,
            cli,
            NewAsset {
                organization_id: o.id,
                kind: kind.into(),
                identifier: ident.into(),
                name: Some(asset_name.into()),
                contact_ids: vec![c.id],
            },
        )
        .await?;
        contact_ids.push((c.id, a.id));
    }
    let stories: [(&str, &str, &[&str]); 5] = [
        (
            "Centrálna jednotka nereaguje",
            "Od rána nejde ovládanie svetiel ani žalúzií.",
            &[],
        ),
        (
            "Nefunguje přesměrování hovorů",
            "Po aktualizaci ústředny se hovory nepřesměrovávají na mobil.",
            &["acknowledged", "in_progress"],
        ),
        (
            "Błąd licencji po aktualizacji",
            "Program zgłasza wygasłą licencję.",
            &["acknowledged", "waiting_for_customer"],
        ),
        (
            "Zmena nastavenia scény",
            "Prosím upraviť scénu Večer.",
            &["in_progress", "resolved"],
        ),
        (
            "Výměna telefonu na recepci",
            "Telefon na recepci nejde zapnout.",
            &["in_progress", "resolved", "closed"],
        ),
    ];
    for (i, (subject, body, path)) in stories.iter().enumerate() {
        let (contact, asset) = contact_ids[i % contact_ids.len()];
        let t = tickets::open(
            app,
            cli,
            NewTicket {
                subject: subject.to_string(),
                description: body.to_string(),
                requester_id: Some(contact),
                requester_email: None,
                reply_to: None,
                organization_id: None,
                asset_id: Some(asset),
                category: None,
                urgency: Some(if i == 0 { "urgent" } else { "normal" }.into()),
                channel: Some("email".into()),
                team_id: team_ids.get("Support").copied(),
                assignee_id: agent_ids.get(2).copied(),
                attachments: vec![],
                reported_at: None,
            },
        )
        .await?;
        for s in *path {
            tickets::update(
                app,
                cli,
                &t.number,
                TicketPatch {
                    status: Some(s.to_string()),
                    ..Default::default()
                },
            )
            .await?;
        }
    }
    // Every demo contact can sign in to the portal with the demo password.
    let all = contacts::list(
        &app.db,
        cli,
        None,
        crate::Page {
            page: Some(1),
            per_page: Some(50),
        },
    )
    .await?;
    for c in all.items {
        let token = crate::portal::issue_link(
            app,
            cli,
            Some(c.id),
            None,
            crate::portal::LinkPurpose::Invite,
        )
        .await?;
        crate::portal::set_password_by_link(app, &token, DEMO_PASSWORD).await?;
    }
    Ok(())
}
