//! The service queue: open requests in service order, each with the reason for its place.

use super::Staff;
use crate::AppState;
use crate::pages::layout::{Page, failed, tr};
use crate::pages::session::Visitor;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use podpora_app::plans::{QueueEntry, QueueQuery};
use serde::Serialize;

#[derive(Serialize)]
struct Row {
    position: u32,
    number: String,
    subject: String,
    status: String,
    reason: String,
}

#[derive(Serialize)]
struct View {
    total: usize,
    rows: Vec<Row>,
}

fn row(state: &AppState, v: &Visitor, e: QueueEntry) -> Row {
    Row {
        position: e.position,
        status: tr(
            state,
            v.lang,
            &format!("web-status-{}", e.status.replace('_', "-")),
            &[],
        ),
        number: e.number,
        subject: e.subject,
        reason: e.reason,
    }
}

/// `GET /desk/queue`.
pub async fn show(State(state): State<AppState>, v: Visitor, Staff(agent): Staff) -> Response {
    let entries =
        match podpora_app::plans::queue(&state.app.db, &agent.actor, QueueQuery::default()).await {
            Ok(e) => e,
            Err(e) => return failed(&state, &v, &e),
        };
    let rows: Vec<Row> = entries.into_iter().map(|e| row(&state, &v, e)).collect();
    Page {
        template: "desk/queue",
        title: tr(&state, v.lang, "desk-queue-title", &[]),
        notice: None,
        view: &View {
            total: rows.len(),
            rows,
        },
        status: StatusCode::OK,
    }
    .render(&state, &v)
}
