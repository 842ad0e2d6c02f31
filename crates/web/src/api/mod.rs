//! The REST API under `/api/v1`, and the operational endpoints.

mod answers;
mod bank_entries;
mod billing;
mod customers;
mod error_answers;
mod invoice_documents;
mod kb;
mod links;
mod mail;
mod ops;
mod payments;
mod plans;
mod portal;
mod portal_access;
mod quotes;
mod search;
mod sla;
mod staff;
pub(crate) use invoice_documents::pdf_response;
pub(crate) mod tickets;

use crate::{AppState, WebConfig, observe, problem::Problem};
use axum::{Router, extract::DefaultBodyLimit, http::StatusCode, middleware};
use tower_http::trace::TraceLayer;
use utoipa::{
    Modify, OpenApi,
    openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme},
};
use utoipa_axum::router::OpenApiRouter;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "podpora",
        description = "Service desk for companies that sell technical support: tickets, customers, assets, staff.\n\nAuthenticate with `Authorization: Bearer <token>`: agent tokens (role-scoped) or per-organization API keys. Errors are RFC 9457 problem+json.",
        license(name = "AGPL-3.0-or-later")
    ),
    paths(ops::openapi_json),
    modifiers(&BearerAuth),
    security(("bearer" = [])),
    tags(
        (name = "tickets", description = "Requests and their articles"),
        (name = "customers", description = "Organizations, contacts, assets and asset rights"),
        (name = "staff", description = "Agents and teams"),
        (name = "sla", description = "Business calendars, SLA policies and clock events"),
        (name = "mail", description = "The e-mail channel: received messages, originals, reprocessing, the outbox"),
        (name = "plans", description = "Support plans, contracts, entitlements, the service queue and the out-of-scope catalogue"),
        (name = "billing", description = "Service time, charges, a customer's month, price lists and prepaid minutes"),
        (name = "operations", description = "Health, readiness, metrics and this document"),
        (name = "kb", description = "The knowledge base: articles in several languages, their versions, search, suggestions and reports")
    )
)]
struct ApiDoc;

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    }
}

fn api_router() -> OpenApiRouter<AppState> {
    OpenApiRouter::with_openapi(ApiDoc::openapi())
        .merge(tickets::routes())
        .merge(customers::routes())
        .merge(staff::routes())
        .merge(sla::routes())
        .merge(mail::routes())
        .merge(plans::routes())
        .merge(billing::routes())
        .merge(portal::routes())
        .merge(search::routes())
        .merge(ops::routes())
        .merge(payments::routes())
        .merge(answers::routes())
        .merge(kb::routes())
        .merge(quotes::routes())
        .merge(links::routes())
        .merge(portal_access::routes())
        .merge(invoice_documents::routes())
        .merge(bank_entries::routes())
}

/// The OpenAPI document alone (for `podpora openapi` and tests).
pub fn openapi_only() -> utoipa::openapi::OpenApi {
    let mut doc = api_router().into_openapi();
    error_answers::document(&mut doc);
    doc
}

/// Every route, with state, limits, tracing and metrics.
pub fn router(state: AppState, cfg: &WebConfig) -> Router {
    let (router, mut doc) = api_router().split_for_parts();
    error_answers::document(&mut doc);
    let doc = std::sync::Arc::new(doc);
    let settings = crate::pages::PageSettings {
        secure_cookies: cfg.secure_cookies,
        public_url: cfg.public_url.clone(),
        trusted_proxies: cfg.trusted_proxies.clone(),
    };
    let pages = crate::pages::router(state.clone(), settings.clone());
    router
        .merge(pages)
        .route(
            "/api/openapi.json",
            axum::routing::get(move || {
                let doc = doc.clone();
                async move { axum::Json(doc.as_ref().clone()) }
            }),
        )
        .fallback(|| async {
            Problem::new(
                StatusCode::NOT_FOUND,
                "not-found",
                "no such route; the API is described at /api/openapi.json",
            )
        })
        .layer(DefaultBodyLimit::max(cfg.body_max_bytes))
        // Pages, styles and JSON travel gzip-compressed to clients that accept it.
        .layer(tower_http::compression::CompressionLayer::new())
        .layer(axum::Extension(settings))
        .layer(middleware::from_fn(observe::track))
        .layer(TraceLayer::new_for_http())
        .with_state(state)
}
