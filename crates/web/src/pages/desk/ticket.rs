//! One ticket as an agent works on it: the conversation with public replies, customer messages
//! and internal notes told apart; reply and internal note; assignment, status and urgency (a
//! downgrade needs its reason); the SLA clocks with due times in the agent's zone; who else is
//! on it; and a warning before sending a reply written on an out-of-date view.

use super::Staff;
use super::words::{self, clock_name, span};
use crate::AppState;
use crate::pages::layout::{Page, csrf_refused, failed, not_found, tr, when_in};
use crate::pages::session::Visitor;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use podpora_app::AppError;
use podpora_app::desk::StaffSession;
use podpora_app::tickets::{NewArticle, Ticket, TicketPatch};
use podpora_core::ArticleKind;
use serde::{Deserialize, Serialize};

#[derive(Serialize)]
struct ArticleView {
    id: i64,
    /// `reply`, `customer` or `note`: how the page tells them apart.
    class: &'static str,
    kind: String,
    author: String,
    when: String,
    body: String,
    /// A mail's HTML, sanitised (no script or styles; remote images blocked unless asked
    /// for), shown instead of the text.
    html: Option<String>,
    /// Remote images in the HTML: the page offers to show them when there are any.
    remote_images: usize,
    /// Whether this response shows them.
    images_shown: bool,
    /// Its files and original message.
    files: super::files::ArticleFiles,
}

#[derive(Serialize)]
struct ClockRow {
    name: String,
    due: String,
    state: String,
    left: String,
}

#[derive(Serialize)]
struct Choice {
    value: String,
    name: String,
    current: bool,
}

#[derive(Serialize, Default)]
pub(super) struct Draft {
    pub(super) body: String,
    pub(super) kind: String,
    /// The newest article the agent saw when the draft was written.
    pub(super) stale: bool,
}

#[derive(Serialize)]
pub(super) struct View {
    number: String,
    subject: String,
    status: String,
    urgent: bool,
    channel: String,
    category: String,
    articles: Vec<ArticleView>,
    last_article: i64,
    clocks: Vec<ClockRow>,
    statuses: Vec<Choice>,
    agents: Vec<Choice>,
    teams: Vec<Choice>,
    others: Vec<String>,
    can_write: bool,
    pub(super) draft: Draft,
    pub(super) error: Option<String>,
    /// Prepared answers, categories, out-of-scope items, the customer's panel, the history.
    pub(super) extra: super::extras::Extras,
    /// The knowledge-base search box and what it found.
    pub(super) kb: super::kb::InlineSearch,
    /// Service time: entries, the charge preview, offers of paid work and their forms.
    pub(super) billing: Option<super::billing::Panel>,
    /// Quotes with a deadline and the form to make one.
    pub(super) quotes: Option<super::quotes::DeskQuotes>,
    /// Linked and merged tickets, and the link and merge forms' state.
    pub(super) duplicates: super::links::Duplicates,
    /// The attachment limit, stated next to the file field.
    file_limit: String,
}

fn class_of(kind: ArticleKind) -> &'static str {
    match kind {
        ArticleKind::InternalNote => "note",
        ArticleKind::PublicReply => "reply",
        _ => "customer",
    }
}

async fn view(
    state: &AppState,
    v: &Visitor,
    agent: &StaffSession,
    t: Ticket,
    others: Vec<String>,
    images: Option<i64>,
) -> View {
    let lang = v.lang;
    let extra = super::extras::build(state, lang, agent, &t).await;
    let billing = super::billing::build(state, lang, agent, &t.number).await;
    let duplicates = super::links::build(state, lang, agent, &t.number).await;
    let mut articles: Vec<ArticleView> = Vec::new();
    for a in t.articles.unwrap_or_default() {
        let images_shown = images == Some(a.id);
        let shown = match a.body_html.as_deref().filter(|h| !h.trim().is_empty()) {
            Some(stored) => {
                Some(super::mail_html::shown(state, lang, agent, &a, stored, images_shown).await)
            }
            None => None,
        };
        articles.push(ArticleView {
            files: super::files::of_article(&a),
            id: a.id,
            class: class_of(a.kind),
            kind: tr(
                state,
                lang,
                &format!("desk-article-{}", a.kind.as_str().replace('_', "-")),
                &[],
            ),
            author: a.author_name,
            when: when_in(lang, &agent.zone, &a.created_at),
            remote_images: shown.as_ref().map_or(0, |s| s.remote_images),
            images_shown,
            html: shown.map(|s| s.html),
            body: a.body,
        });
    }
    let clocks = t
        .clocks
        .unwrap_or_default()
        .into_iter()
        .map(|c| ClockRow {
            name: clock_name(state, lang, &c.metric),
            due: c
                .due_at
                .as_deref()
                .map(|d| when_in(lang, &agent.zone, d))
                .unwrap_or_default(),
            left: c
                .remaining_business_minutes
                .map(|m| {
                    let key = if m >= 0 {
                        "desk-countdown-left"
                    } else {
                        "desk-countdown-over"
                    };
                    tr(state, lang, key, &[("time", span(state, lang, m).into())])
                })
                .unwrap_or_default(),
            state: tr(state, lang, &format!("desk-clock-{}", c.state), &[]),
        })
        .collect();
    let mut statuses = vec![Choice {
        value: t.status.as_str().into(),
        name: words::status(state, lang, t.status.as_str()),
        current: true,
    }];
    statuses.extend(t.next_statuses.iter().map(|s| Choice {
        value: s.as_str().into(),
        name: words::status(state, lang, s.as_str()),
        current: false,
    }));
    let agents = podpora_app::staff::list_agents(&state.app.db, &agent.actor)
        .await
        .unwrap_or_default()
        .into_iter()
        .filter(|a| a.active)
        .map(|a| Choice {
            current: Some(a.id) == t.assignee_id,
            value: a.id.to_string(),
            name: a.name,
        })
        .collect();
    let teams = podpora_app::staff::list_teams(&state.app.db, &agent.actor)
        .await
        .unwrap_or_default()
        .into_iter()
        .map(|x| Choice {
            current: Some(x.id) == t.team_id,
            value: x.id.to_string(),
            name: x.name,
        })
        .collect();
    let quotes = super::quotes::build(state, lang, agent, &t.number, t.status.is_open()).await;
    View {
        last_article: articles.iter().map(|a| a.id).max().unwrap_or(0),
        number: t.number,
        subject: t.subject,
        status: words::status(state, lang, t.status.as_str()),
        urgent: t.urgency == podpora_core::Urgency::Urgent,
        channel: tr(
            state,
            lang,
            &format!("web-channel-{}", t.channel.as_str()),
            &[],
        ),
        category: t.category.unwrap_or_default(),
        articles,
        clocks,
        statuses,
        agents,
        teams,
        others,
        can_write: agent
            .actor
            .can(podpora_core::auth::Permission::WriteTickets),
        draft: Draft::default(),
        error: None,
        extra,
        kb: super::kb::InlineSearch::default(),
        billing,
        quotes,
        duplicates,
        file_limit: super::files::limit_hint(state, lang),
    }
}

/// The ticket page, after `edit` adjusted its view (a kept draft, an error, a notice).
pub(super) async fn render(
    state: &AppState,
    v: &Visitor,
    agent: &StaffSession,
    number: &str,
    edit: impl FnOnce(&mut View),
    status: StatusCode,
) -> Response {
    render_showing(state, v, agent, number, None, edit, status).await
}

/// [`render`], showing the remote images of article `images` (the response's policy lets
/// `https:` images in; every other response keeps them out).
async fn render_showing(
    state: &AppState,
    v: &Visitor,
    agent: &StaffSession,
    number: &str,
    images: Option<i64>,
    edit: impl FnOnce(&mut View),
    status: StatusCode,
) -> Response {
    let t = match podpora_app::tickets::get(&state.app, &agent.actor, number).await {
        Ok(t) => t,
        Err(AppError::NotFound(_) | AppError::Forbidden(_) | AppError::Validation(_)) => {
            return not_found(state, v);
        }
        Err(e) => return failed(state, v, &e),
    };
    let others = match podpora_app::desk::on_ticket(&state.app, agent, &t.number).await {
        Ok(o) => o,
        Err(e) => return failed(state, v, &e),
    };
    let mut view = view(state, v, agent, t, others, images).await;
    edit(&mut view);
    let shows_remote = view
        .articles
        .iter()
        .any(|a| a.images_shown && a.remote_images > 0);
    let mut res = Page {
        template: "desk/ticket",
        title: format!("{} – {}", view.number, view.subject),
        notice: None,
        view: &view,
        status,
    }
    .render(state, v);
    if shows_remote {
        res.headers_mut().insert(
            axum::http::header::CONTENT_SECURITY_POLICY,
            axum::http::HeaderValue::from_static(crate::pages::CSP_REMOTE_IMAGES),
        );
    }
    res
}

/// What the page is opened with: a form that redirected to it says what it did (`done`), and
/// the ticket's knowledge-base page may start the reply with an article.
#[derive(Deserialize, Default)]
pub struct ShowQuery {
    /// `scope` after marking the request out of scope.
    #[serde(default)]
    done: Option<String>,
    /// The article.
    #[serde(default)]
    kb_insert: Option<i64>,
    /// Its language (the customer's).
    #[serde(default)]
    kb_lang: Option<String>,
    /// `text` (its words) or `link` (its title and address).
    #[serde(default)]
    kb_as: Option<String>,
    /// Words to find articles by, listed on the page.
    #[serde(default)]
    kb_q: Option<String>,
    /// The article whose remote images to show.
    #[serde(default)]
    images: Option<String>,
}

/// `GET /desk/tickets/{number}`; `?done=scope` confirms marking it out of scope; with
/// `kb_insert`, the reply starts with that article; `?images=ID` shows article ID's remote
/// images.
pub async fn show(
    State(state): State<AppState>,
    v: Visitor,
    Staff(agent): Staff,
    Path(number): Path<String>,
    headers: axum::http::HeaderMap,
    Query(q): Query<ShowQuery>,
) -> Response {
    let notice = match q.done.as_deref() {
        Some("scope") => Some(tr(&state, v.lang, "desk-scope-done", &[])),
        Some("merged") => Some(tr(&state, v.lang, "desk-merge-done", &[])),
        Some(done) => super::billing::notice(&state, v.lang, done),
        None => None,
    };
    let mut draft = None;
    if let Some(id) = q.kb_insert {
        let lang = q
            .kb_lang
            .as_deref()
            .and_then(|l| l.parse().ok())
            .unwrap_or(v.lang);
        match podpora_app::kb::read(&state.app, Some(&agent.actor), id, lang, false).await {
            Ok(a) => {
                let base = crate::pages::portal_url(&v.settings, &headers);
                let body = if q.kb_as.as_deref() == Some("link") {
                    format!("{}: {base}/portal/help/{id}", a.title)
                } else {
                    super::kb::absolute_files(&format!("{}\n\n{}", a.title, a.body_text), &base)
                };
                draft = Some(body);
            }
            Err(AppError::NotFound(_)) => return not_found(&state, &v),
            Err(e) => return failed(&state, &v, &e),
        }
    }
    let kb = super::kb::inline_search(
        &state,
        &v,
        &agent,
        &number,
        q.kb_q.as_deref().unwrap_or(""),
        &headers,
    )
    .await;
    let images = q.images.as_deref().and_then(|i| i.trim().parse().ok());
    render_showing(
        &state,
        &v,
        &agent,
        &number,
        images,
        move |view| {
            view.kb = kb;
            view.extra.notice = notice;
            if let Some(body) = draft {
                view.draft = Draft {
                    body,
                    kind: "reply".into(),
                    stale: false,
                };
            }
        },
        StatusCode::OK,
    )
    .await
}

/// A reply or an internal note.
#[derive(Deserialize, Default)]
pub(super) struct ArticleForm {
    pub(super) csrf: String,
    pub(super) body: String,
    /// `reply` or `note`.
    #[serde(default)]
    pub(super) kind: String,
    /// The newest article on the page the text was written on.
    #[serde(default)]
    pub(super) last_seen: i64,
    /// Set when the agent confirms sending despite newer articles.
    #[serde(default)]
    pub(super) confirm_stale: Option<String>,
}

/// `POST /desk/tickets/{number}/articles`: a reply to the customer or an internal note. A
/// reply written before newer articles arrived is not sent; the page shows them and asks again.
pub async fn add_article(
    State(state): State<AppState>,
    v: Visitor,
    Staff(agent): Staff,
    Path(number): Path<String>,
    req: axum::extract::Request,
) -> Response {
    let Some((f, files)) = super::files::read_article_form(&state, req).await else {
        let message = super::files::unreadable(&state, v.lang);
        return render(
            &state,
            &v,
            &agent,
            &number,
            move |view| view.error = Some(message),
            StatusCode::PAYLOAD_TOO_LARGE,
        )
        .await;
    };
    if !v.csrf_ok(&f.csrf) {
        return csrf_refused(&state, &v);
    }
    let kind = if f.kind == "note" {
        "internal_note"
    } else {
        "public_reply"
    };
    if kind == "public_reply" && f.confirm_stale.is_none() {
        let newest = match podpora_app::tickets::get(&state.app, &agent.actor, &number).await {
            Ok(t) => t
                .articles
                .unwrap_or_default()
                .iter()
                .map(|a| a.id)
                .max()
                .unwrap_or(0),
            Err(_) => return not_found(&state, &v),
        };
        if newest > f.last_seen {
            let (body, lang) = (f.body.clone(), v.lang);
            let message = tr(&state, lang, "desk-stale-warning", &[]);
            return render(
                &state,
                &v,
                &agent,
                &number,
                move |view| {
                    view.draft = Draft {
                        body,
                        kind: "reply".into(),
                        stale: true,
                    };
                    view.error = Some(message);
                },
                StatusCode::CONFLICT,
            )
            .await;
        }
    }
    let input = NewArticle {
        kind: Some(kind.into()),
        body: f.body.clone(),
        body_html: None,
        attachments: files,
    };
    match podpora_app::tickets::add_article(&state.app, &agent.actor, &number, input).await {
        Ok(_) => Redirect::to(&format!("/desk/tickets/{number}#reply")).into_response(),
        Err(AppError::Validation(e)) => {
            let message = super::files::file_refusal(&state, v.lang, &e).unwrap_or(e.to_string());
            let body = f.body;
            let draft_kind = if kind == "internal_note" {
                "note"
            } else {
                "reply"
            };
            render(
                &state,
                &v,
                &agent,
                &number,
                move |view| {
                    view.draft = Draft {
                        body,
                        kind: draft_kind.into(),
                        stale: false,
                    };
                    view.error = Some(message);
                },
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(AppError::NotFound(_)) => not_found(&state, &v),
        Err(e) => failed(&state, &v, &e),
    }
}

/// Changes to the ticket: status, assignee, team, urgency (with its reason).
#[derive(Deserialize)]
pub struct ChangeForm {
    csrf: String,
    #[serde(default)]
    status: Option<String>,
    #[serde(default)]
    assignee: Option<String>,
    #[serde(default)]
    team: Option<String>,
    #[serde(default)]
    urgency: Option<String>,
    #[serde(default)]
    reason: Option<String>,
    /// A category code; empty for none.
    #[serde(default)]
    category: Option<String>,
}

fn id_choice(v: &Option<String>) -> Option<Option<i64>> {
    match v.as_deref().map(str::trim) {
        None => None,
        Some("") | Some("none") => Some(None),
        Some(id) => id.parse().ok().map(Some),
    }
}

/// `POST /desk/tickets/{number}`: applies the changed fields; a refusal (such as a downgrade
/// without its reason) shows the page again with the API's message.
pub async fn change(
    State(state): State<AppState>,
    v: Visitor,
    Staff(agent): Staff,
    Path(number): Path<String>,
    Form(f): Form<ChangeForm>,
) -> Response {
    if !v.csrf_ok(&f.csrf) {
        return csrf_refused(&state, &v);
    }
    let current = match podpora_app::tickets::get(&state.app, &agent.actor, &number).await {
        Ok(t) => t,
        Err(_) => return not_found(&state, &v),
    };
    let patch = TicketPatch {
        status: f
            .status
            .filter(|s| !s.is_empty() && s != current.status.as_str()),
        assignee_id: id_choice(&f.assignee).filter(|a| *a != current.assignee_id),
        team_id: id_choice(&f.team).filter(|t| *t != current.team_id),
        urgency: f
            .urgency
            .filter(|u| !u.is_empty() && u != current.urgency.as_str()),
        reason: f.reason.filter(|r| !r.trim().is_empty()),
        category: f
            .category
            .map(|c| Some(c.trim().to_string()).filter(|c| !c.is_empty()))
            .filter(|c| *c != current.category),
        ..TicketPatch::default()
    };
    match podpora_app::tickets::update(&state.app, &agent.actor, &number, patch).await {
        Ok(_) => Redirect::to(&format!("/desk/tickets/{number}")).into_response(),
        Err(AppError::Validation(e)) => {
            let message = e.to_string();
            render(
                &state,
                &v,
                &agent,
                &number,
                move |view| view.error = Some(message),
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(AppError::Conflict(m)) => {
            render(
                &state,
                &v,
                &agent,
                &number,
                move |view| view.error = Some(m),
                StatusCode::CONFLICT,
            )
            .await
        }
        Err(AppError::NotFound(_)) => not_found(&state, &v),
        Err(e) => failed(&state, &v, &e),
    }
}
