//! The list and record templates every configuration area shares: a table of records with
//! links, and one record as facts, tables (such as a calendar's days off) and its history.

use crate::AppState;
use crate::pages::layout::{Page, tr, when};
use crate::pages::session::Visitor;
use axum::http::StatusCode;
use axum::response::Response;
use podpora_app::dto::HistoryEntry;
use podpora_core::Language;
use serde::Serialize;

/// A table: column headings and rows of cells; a row may link to its record.
#[derive(Serialize, Default)]
pub struct Table {
    /// The table's heading, if it has its own.
    pub title: Option<String>,
    /// Column headings.
    pub columns: Vec<String>,
    /// The rows.
    pub rows: Vec<Row>,
    /// What is shown instead of an empty table.
    pub empty: String,
    /// Links under the table, such as "new contract": address and text.
    pub links: Vec<(String, String)>,
    /// Links to the previous and next page of a long list.
    pub pager: Option<Pager>,
}

/// Where the previous and next pages of a list are, and which page this is.
#[derive(Serialize)]
pub struct Pager {
    /// "Page 2 of 5".
    pub label: String,
    /// The navigation's accessible name.
    pub name: String,
    /// The previous page and its link text, if there is one.
    pub prev: Option<(String, String)>,
    /// The next page and its link text, if there is one.
    pub next: Option<(String, String)>,
}

/// Page size of the configuration lists.
pub const PER_PAGE: u32 = 50;

/// The `?page=` of a list; anything that is no page number means the first page.
#[derive(serde::Deserialize, Default)]
pub struct PageQuery {
    page: Option<String>,
}

impl PageQuery {
    /// The page asked for, from 1.
    pub fn number(&self) -> u32 {
        self.page
            .as_deref()
            .and_then(|p| p.trim().parse().ok())
            .filter(|p: &u32| *p > 0)
            .unwrap_or(1)
    }

    /// The app's page of [`PER_PAGE`] items.
    pub fn page(&self) -> podpora_app::Page {
        podpora_app::Page {
            page: Some(self.number()),
            per_page: Some(PER_PAGE),
        }
    }
}

/// The pager of page `page` of a list of `total` items at `base` (which may carry a query
/// already); `None` when everything fits on one page.
pub fn pager(state: &AppState, lang: Language, base: &str, page: u32, total: i64) -> Option<Pager> {
    let pages = u32::try_from((total.max(0) + i64::from(PER_PAGE) - 1) / i64::from(PER_PAGE))
        .unwrap_or(u32::MAX)
        .max(1);
    if pages <= 1 && page <= 1 {
        return None;
    }
    let sep = if base.contains('?') { '&' } else { '?' };
    let at = |p: u32| format!("{base}{sep}page={p}");
    Some(Pager {
        label: tr(
            state,
            lang,
            "desk-set-page-of",
            &[("page", page.into()), ("pages", pages.into())],
        ),
        name: tr(state, lang, "desk-set-pages", &[]),
        prev: (page > 1).then(|| {
            (
                at(page.min(pages + 1) - 1),
                tr(state, lang, "desk-set-page-prev", &[]),
            )
        }),
        next: (page < pages).then(|| (at(page + 1), tr(state, lang, "desk-set-page-next", &[]))),
    })
}

/// One row; the first cell links to `href` when there is one.
#[derive(Serialize)]
pub struct Row {
    /// The record's page.
    pub href: Option<String>,
    /// The cells, as text.
    pub cells: Vec<String>,
}

impl Table {
    /// A table with headings from the message ids `columns`.
    pub fn new(state: &AppState, lang: Language, columns: &[&str]) -> Self {
        Self {
            title: None,
            columns: columns.iter().map(|c| tr(state, lang, c, &[])).collect(),
            rows: Vec::new(),
            empty: tr(state, lang, "desk-cfg-none", &[]),
            links: Vec::new(),
            pager: None,
        }
    }

    /// Adds a row.
    pub fn push(&mut self, href: Option<String>, cells: Vec<String>) {
        self.rows.push(Row { href, cells });
    }
}

/// A list page's variables.
#[derive(Serialize)]
pub struct ListView {
    /// Where a new record is created, if the page offers it.
    pub new_href: Option<String>,
    /// The records.
    pub table: Table,
}

impl ListView {
    /// Renders the list with `title`.
    pub fn render(
        &self,
        state: &AppState,
        v: &Visitor,
        title: String,
        notice: Option<String>,
    ) -> Response {
        Page {
            template: "desk/config/list",
            title,
            notice,
            view: self,
            status: StatusCode::OK,
        }
        .render(state, v)
    }
}

/// One labelled value of a record.
#[derive(Serialize)]
pub struct Fact {
    /// Its label.
    pub label: String,
    /// Its value, as text.
    pub value: String,
}

/// A record page's variables.
#[derive(Serialize)]
pub struct RecordView {
    /// The record's values.
    pub facts: Vec<Fact>,
    /// Where it is edited, if the page offers it.
    pub edit_href: Option<String>,
    /// Where "back" leads.
    pub back: String,
    /// Further tables (days off, contacts of an organization …).
    pub tables: Vec<Table>,
    /// Links to other periods or views, such as the previous and next year.
    pub links: Vec<(String, String)>,
    /// Its changes, newest last; `None` where the record keeps no history.
    pub history: Option<Table>,
    /// Buttons that post to an address, such as "send an invitation".
    pub actions: Vec<Action>,
}

/// A button posting a form with only the CSRF token.
#[derive(Serialize)]
pub struct Action {
    /// Where it posts.
    pub action: String,
    /// The button's text.
    pub label: String,
}

impl RecordView {
    /// A record with no tables, links or history yet.
    pub fn new(facts: Vec<Fact>, back: impl Into<String>) -> Self {
        Self {
            facts,
            edit_href: None,
            back: back.into(),
            tables: Vec::new(),
            links: Vec::new(),
            history: None,
            actions: Vec::new(),
        }
    }

    /// Renders the record with `title`.
    pub fn render(
        &self,
        state: &AppState,
        v: &Visitor,
        title: String,
        notice: Option<String>,
    ) -> Response {
        Page {
            template: "desk/config/record",
            title,
            notice,
            view: self,
            status: StatusCode::OK,
        }
        .render(state, v)
    }
}

/// A fact labelled by `desk-cfg-field-{name}`.
pub fn fact(state: &AppState, lang: Language, name: &str, value: impl Into<String>) -> Fact {
    Fact {
        label: tr(
            state,
            lang,
            &format!("desk-cfg-field-{}", name.replace('_', "-")),
            &[],
        ),
        value: value.into(),
    }
}

/// An optional value, or a dash.
pub fn or_dash(v: Option<&str>) -> String {
    v.filter(|s| !s.is_empty()).unwrap_or("–").to_string()
}

/// The audit history as a table.
pub fn history(state: &AppState, lang: Language, entries: Vec<HistoryEntry>) -> Table {
    let mut t = Table::new(
        state,
        lang,
        &[
            "desk-cfg-col-when",
            "desk-cfg-col-who",
            "desk-cfg-col-what",
            "desk-cfg-col-before",
            "desk-cfg-col-after",
        ],
    );
    t.title = Some(tr(state, lang, "desk-cfg-history", &[]));
    for e in entries {
        t.push(
            None,
            vec![
                when(lang, &e.at),
                e.actor,
                e.field,
                or_dash(e.old_value.as_deref()),
                or_dash(e.new_value.as_deref()),
            ],
        );
    }
    t
}

/// The "saved" confirmation after a redirect with `?saved=1`.
pub fn saved(state: &AppState, lang: Language, q: &Saved) -> Option<String> {
    q.saved.map(|_| tr(state, lang, "desk-notice-saved", &[]))
}

/// The query of a page a form redirected to.
#[derive(serde::Deserialize)]
pub struct Saved {
    saved: Option<u8>,
}

/// A record id from the path; `None` (a 404) for anything else.
pub fn parse_id(s: &str) -> Option<i64> {
    s.parse().ok().filter(|i| *i > 0)
}
