use crate::helpers::TestApp;
use podpora_testkit::Backend;
use reqwest::Method;
use serde_json::json;

#[tokio::test]
async fn health_readiness_and_metrics() {
    let app = TestApp::spawn(Backend::Sqlite).await;
    assert_eq!(
        app.call_as(None, Method::GET, "/healthz", None)
            .await
            .status,
        200
    );
    assert_eq!(
        app.call_as(None, Method::GET, "/readyz", None).await.status,
        200
    );
    let (_, contact, _) = app.customer("27082440", "a@firma.example").await;
    assert_eq!(
        app.post(
            "/api/v1/tickets",
            json!({"subject": "m", "description": "m", "requester_id": contact})
        )
        .await
        .status,
        201
    );
    let m = app.call_as(None, Method::GET, "/metrics", None).await;
    let text = m.body.as_str().unwrap();
    assert!(text.contains("podpora_tickets_created_total"), "{text}");
    assert!(text.contains("podpora_http_requests_total"), "{text}");
    assert!(text.contains("route=\"/api/v1/tickets\""), "{text}");
    assert!(
        text.contains("podpora_http_request_duration_seconds"),
        "{text}"
    );
}
