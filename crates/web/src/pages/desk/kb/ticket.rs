//! A ticket's knowledge-base page: articles in the customer's language to insert into the
//! reply, what the customer read before asking, and replies that can become draft articles.

use super::*;

#[derive(Deserialize, Default)]
pub(super) struct TicketKbQuery {
    #[serde(default)]
    q: Option<String>,
}

#[derive(Serialize)]
struct TicketHit {
    id: i64,
    title: String,
    language: &'static str,
    fallback: bool,
    link: String,
}

#[derive(Serialize)]
struct TicketKbView {
    number: String,
    q: String,
    language_name: String,
    hits: Vec<TicketHit>,
    searched: bool,
    read_before: Vec<(String, String, String)>,
    replies: Vec<(i64, String)>,
}

/// `GET /desk/tickets/{number}/kb?q=…`: articles for this ticket's customer, in their
/// language, to insert into the reply; what the customer read before asking; the replies that
/// can become draft articles.
pub(super) async fn for_ticket(
    State(state): State<AppState>,
    v: Visitor,
    Staff(agent): Staff,
    Path(number): Path<String>,
    Query(q): Query<TicketKbQuery>,
) -> Response {
    let lang = match kb::customer_language(&state.app, &agent.actor, &number).await {
        Ok(l) => l,
        Err(AppError::NotFound(_)) => return not_found(&state, &v),
        Err(e) => return failed(&state, &v, &e),
    };
    let text = q.q.unwrap_or_default();
    let searched = !text.trim().is_empty();
    let hits = if searched {
        let query = KbQuery {
            q: text.chars().take(200).collect(),
            lang: Some(lang),
            category: None,
        };
        match kb::search(&state.app, Some(&agent.actor), &query, 20).await {
            Ok(h) => h,
            Err(e) => return failed(&state, &v, &e),
        }
    } else {
        Vec::new()
    };
    let hits = hits
        .into_iter()
        .map(|h| TicketHit {
            link: format!("/portal/help/{}", h.article_id),
            id: h.article_id,
            title: h.title,
            language: h.language.as_str(),
            fallback: h.fallback,
        })
        .collect();
    let read_before = kb::read_before(&state.app, &agent.actor, &number)
        .await
        .unwrap_or_default()
        .into_iter()
        .map(|r| {
            (
                format!("/desk/kb/{}", r.article_id),
                r.title,
                when_in(v.lang, &agent.zone, &r.read_at),
            )
        })
        .collect();
    let replies = match podpora_app::tickets::get(&state.app, &agent.actor, &number).await {
        Ok(t) => t
            .articles
            .unwrap_or_default()
            .into_iter()
            .filter(|a| a.kind == podpora_core::ArticleKind::PublicReply)
            .map(|a| (a.id, a.body.chars().take(120).collect()))
            .collect(),
        Err(e) => return failed(&state, &v, &e),
    };
    Page {
        template: "desk/kb/ticket",
        title: tr(
            &state,
            v.lang,
            "desk-kb-ticket-title",
            &[("number", number.clone().into())],
        ),
        notice: None,
        view: &TicketKbView {
            number,
            q: text,
            language_name: tr(
                &state,
                v.lang,
                &format!("web-kb-lang-{}", lang.as_str()),
                &[],
            ),
            hits,
            searched,
            read_before,
            replies,
        },
        status: StatusCode::OK,
    }
    .render(&state, &v)
}
