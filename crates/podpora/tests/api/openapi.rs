//! The OpenAPI document is 3.1, generated, and lists every route the server answers.

use crate::helpers::TestApp;
use podpora_testkit::Backend;
use reqwest::Method;

#[tokio::test]
async fn openapi_lists_every_route_and_every_listed_route_answers() {
    let app = TestApp::spawn(Backend::Sqlite).await;
    let doc = app
        .call_as(None, Method::GET, "/api/openapi.json", None)
        .await;
    assert_eq!(doc.status, 200);
    assert!(doc.body["openapi"].as_str().unwrap().starts_with("3.1"));
    let paths = doc.body["paths"].as_object().unwrap();
    for required in [
        "/api/v1/tickets",
        "/api/v1/tickets/{number}",
        "/api/v1/tickets/{number}/articles",
        "/api/v1/tickets/{number}/history",
        "/api/v1/organizations",
        "/api/v1/contacts",
        "/api/v1/assets",
        "/api/v1/agents",
        "/api/v1/teams",
        "/healthz",
        "/readyz",
        "/metrics",
        "/api/openapi.json",
    ] {
        assert!(
            paths.contains_key(required),
            "{required} missing from the document"
        );
    }
    let mut checked = 0;
    for (path, item) in paths {
        let concrete = path
            .replace("{number}", "2026-000001")
            .replace("{id}", "1")
            .replace("{contact_id}", "1");
        for method in ["get", "post", "put", "patch", "delete"] {
            if item.get(method).is_none() {
                continue;
            }
            let m = Method::from_bytes(method.to_uppercase().as_bytes()).unwrap();
            let r = app
                .call(
                    m,
                    &concrete,
                    matches!(method, "post" | "put" | "patch").then(|| serde_json::json!({})),
                )
                .await;
            let no_route = r.status == 404
                && r.body["detail"]
                    .as_str()
                    .is_some_and(|d| d.contains("no such route"));
            assert!(
                !no_route && r.status != 405,
                "{method} {path} is documented but not served"
            );
            checked += 1;
        }
    }
    assert!(checked >= 30, "only {checked} operations documented");
}

#[test]
fn the_document_is_generated_from_the_handlers() {
    let doc = podpora_web::openapi();
    let json = serde_json::to_value(&doc).unwrap();
    assert!(json["components"]["schemas"]["NewTicket"]["properties"]["description"].is_object());
    assert!(json["components"]["securitySchemes"]["bearer"].is_object());
}
