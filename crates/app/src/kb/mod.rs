//! The knowledge base: articles in Markdown with a translation per language, drafts,
//! publishing and versions (staff); reading, searching, "did this help?" and suggestions while
//! a request is typed (customers and anonymous visitors, each seeing only what they may); and
//! the reports of what readers did.

mod files;
mod markdown;
mod read;
mod report;
mod suggest;
mod write;

pub use files::{FILES_PER_ARTICLE, KbFile, add_file, fetch, files, remove_file, shown_as_image};
pub use markdown::{FILES_PATH, plain_text, render_markdown};
pub use podpora_store::repo::kb::VoteOutcome;
pub use read::{
    KbHit, KbQuery, QUERY_MAX_CHARS, ReaderArticle, browse, categories, read, search, vote, voter,
};
pub use report::{
    EmptySearch, KbReport, ReadBefore, ReportLine, customer_language, read_before, report,
};
pub use suggest::{new_form_token, request_sent, suggest, suggestion_opened};
pub use write::{
    ArticleInput, ArticleMeta, ArticleSummary, ArticleView, PlanChoice, TextInput, TranslationView,
    VersionView, create, from_reply, get, list, plan_choices, publish, restore, save_text, update,
    versions,
};

use crate::{Actor, AppError, Result};
use podpora_core::{Language, auth::Permission};
use podpora_store::repo::kb::KbReader;
use serde::{Deserialize, Serialize};

/// Who may read an article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Visibility {
    /// Anyone, without signing in.
    Public,
    /// Signed-in customers.
    Customers,
    /// Customers whose organization has a running contract on one of the article's plans.
    Plans,
    /// Staff only.
    Staff,
}

impl Visibility {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Visibility::Public => "public",
            Visibility::Customers => "customers",
            Visibility::Plans => "plans",
            Visibility::Staff => "staff",
        }
    }

    /// The visibility of a stored name; an unknown one is read as staff only, so no customer
    /// sees an article whose audience is not known.
    pub fn from_stored(s: &str) -> Self {
        match s {
            "public" => Visibility::Public,
            "customers" => Visibility::Customers,
            "plans" => Visibility::Plans,
            _ => Visibility::Staff,
        }
    }
}

/// The languages to show an article in, best first: the reader's, then the nearest.
pub fn fallbacks(lang: Language) -> [Language; 4] {
    use Language::*;
    match lang {
        Sk => [Sk, Cs, En, Pl],
        Cs => [Cs, Sk, En, Pl],
        Pl => [Pl, En, Sk, Cs],
        En => [En, Sk, Cs, Pl],
    }
}

/// Whether the caller is staff (or podpora itself), who write and read everything.
fn is_staff(actor: Option<&Actor>) -> bool {
    matches!(actor, Some(Actor::Agent(_) | Actor::Cli | Actor::System))
}

/// Fails unless the caller is staff holding `p`; customers never edit the knowledge base.
fn require_staff(actor: &Actor, p: Permission) -> Result<()> {
    if !is_staff(Some(actor)) {
        return Err(AppError::Forbidden(
            "only staff edit the knowledge base and read its reports".into(),
        ));
    }
    actor.require(p)
}

/// What `actor` (or an anonymous visitor) may read; `drafts` for editors.
fn reader(actor: Option<&Actor>, drafts: bool, now: i64) -> KbReader {
    let staff = is_staff(actor);
    KbReader {
        staff,
        drafts: staff && drafts,
        signed_in: actor.is_some(),
        organization_id: actor.and_then(Actor::organization_scope),
        today: day(now),
    }
}

/// The UTC day of an instant, YYYY-MM-DD.
fn day(ms: i64) -> String {
    jiff::Timestamp::from_millisecond(ms)
        .map(|t| t.strftime("%Y-%m-%d").to_string())
        .unwrap_or_default()
}

/// The UTC month of an instant, YYYY-MM.
pub(crate) fn month(ms: i64) -> String {
    jiff::Timestamp::from_millisecond(ms)
        .map(|t| t.strftime("%Y-%m").to_string())
        .unwrap_or_default()
}

/// The contact and organization a customer event is counted for.
fn who(actor: Option<&Actor>) -> (Option<i64>, Option<i64>) {
    match actor {
        Some(a) if a.is_customer() => (a.contact_scope(), a.organization_scope()),
        _ => (None, None),
    }
}
