//! The access matrix: every operation of the OpenAPI document × every kind of caller, with the
//! answer each must get. An operation without a row fails the test, so a new route cannot be
//! added without deciding who may use it.
//!
//! The objects addressed belong to organization A (its ticket sits in the technician's team).
//! `ok` means the caller passes the access rules (the answer may still be 404 or 409 or 422
//! for the empty bodies sent here, never 401 or 403); a number is the exact refusal. Another
//! organization's key gets the same 404 as for something that does not exist. A refused
//! call writes nothing.

use crate::helpers::TestApp;
use base64::Engine;
use podpora_testkit::Backend;
use reqwest::Method;
use serde_json::{Value, json};

crate::on_both!(every_route_answers_every_caller_as_the_matrix_says);

/// Callers, in the order of the matrix's columns.
const CALLERS: [&str; 7] = [
    "anonymous",
    "key_a",
    "key_b",
    "billing",
    "technician",
    "dispatcher",
    "admin",
];

/// `METHOD path | anonymous key_a key_b billing technician dispatcher admin`
const MATRIX: &str = "
GET /api/openapi.json | ok ok ok ok ok ok ok
GET /healthz | ok ok ok ok ok ok ok
GET /readyz | ok ok ok ok ok ok ok
GET /metrics | ok ok ok ok ok ok ok
GET /api/v1/agents | 401 403 403 ok ok ok ok
POST /api/v1/agents | 401 403 403 403 403 403 ok
GET /api/v1/agents/{id} | 401 403 403 ok ok ok ok
PATCH /api/v1/agents/{id} | 401 403 403 403 403 403 ok
POST /api/v1/agents/{id}/tokens | 401 403 403 403 403 403 ok
GET /api/v1/teams | 401 403 403 ok ok ok ok
POST /api/v1/teams | 401 403 403 403 403 403 ok
GET /api/v1/teams/{id} | 401 403 403 ok ok ok ok
PUT /api/v1/teams/{id} | 401 403 403 403 403 403 ok
DELETE /api/v1/teams/{id} | 401 403 403 403 403 403 ok
GET /api/v1/organizations | 401 403 403 ok ok ok ok
POST /api/v1/organizations | 401 403 403 403 403 ok ok
GET /api/v1/organizations/{id} | 401 ok 403 ok ok ok ok
PATCH /api/v1/organizations/{id} | 401 403 403 403 403 ok ok
DELETE /api/v1/organizations/{id} | 401 403 403 403 403 ok ok
GET /api/v1/organizations/{id}/history | 401 403 403 ok ok ok ok
POST /api/v1/organizations/{id}/api-keys | 401 403 403 403 403 403 ok
GET /api/v1/organizations/{id}/contracts | 401 403 403 ok ok ok ok
GET /api/v1/organizations/{id}/entitlements | 401 403 403 ok ok ok ok
PUT /api/v1/organizations/{id}/handover | 401 403 403 403 403 ok ok
PUT /api/v1/organizations/{id}/contracts/{contract_id}/end | 401 403 403 403 403 ok ok
GET /api/v1/organizations/{id}/ledgers | 401 403 403 ok ok ok ok
POST /api/v1/organizations/{id}/paid-services | 401 403 403 403 403 ok ok
GET /api/v1/organizations/{id}/plan | 401 403 403 ok ok ok ok
GET /api/v1/contacts | 401 403 403 ok ok ok ok
POST /api/v1/contacts | 401 403 403 403 403 ok ok
GET /api/v1/contacts/{id} | 401 403 403 ok ok ok ok
PATCH /api/v1/contacts/{id} | 401 403 403 403 403 ok ok
DELETE /api/v1/contacts/{id} | 401 403 403 403 403 ok ok
GET /api/v1/contacts/{id}/history | 401 403 403 ok ok ok ok
POST /api/v1/contacts/{id}/invite | 401 403 403 403 403 ok ok
POST /api/v1/organizations/{id}/invite | 401 403 403 403 403 ok ok
GET /api/v1/assets | 401 403 403 ok ok ok ok
POST /api/v1/assets | 401 403 403 403 403 ok ok
GET /api/v1/assets/{id} | 401 403 403 ok ok ok ok
PATCH /api/v1/assets/{id} | 401 403 403 403 403 ok ok
DELETE /api/v1/assets/{id} | 401 403 403 403 403 ok ok
PUT /api/v1/assets/{id}/rights/{contact_id} | 401 403 403 403 403 ok ok
DELETE /api/v1/assets/{id}/rights/{contact_id} | 401 403 403 403 403 ok ok
GET /api/v1/tickets | 401 ok ok ok ok ok ok
POST /api/v1/tickets | 401 ok ok 403 ok ok ok
GET /api/v1/tickets/{number} | 401 ok 404 ok ok ok ok
PATCH /api/v1/tickets/{number} | 401 403 403 403 ok ok ok
POST /api/v1/tickets/{number}/articles | 401 ok 404 403 ok ok ok
GET /api/v1/tickets/{number}/history | 401 403 404 ok ok ok ok
GET /api/v1/tickets/{number}/mail | 401 ok 404 ok ok ok ok
GET /api/v1/tickets/{number}/time-entries | 401 403 404 ok ok ok ok
POST /api/v1/tickets/{number}/time-entries | 401 403 404 403 ok ok ok
PATCH /api/v1/tickets/{number}/time-entries/{id} | 401 403 404 ok ok ok ok
GET /api/v1/tickets/{number}/charges | 401 ok 404 ok ok ok ok
GET /api/v1/organizations/{id}/usage | 401 ok 403 ok ok ok ok
GET /api/v1/organizations/{id}/prepaid | 401 ok 403 ok ok ok ok
POST /api/v1/organizations/{id}/prepaid | 401 403 403 ok 403 403 ok
GET /api/v1/usage | 401 403 403 ok ok ok ok
GET /api/v1/price-lists | 401 403 403 ok ok ok ok
GET /api/v1/price-lists/{code} | 401 403 403 ok ok ok ok
PUT /api/v1/price-lists/{code} | 401 403 403 ok 403 403 ok
GET /api/v1/tickets/{number}/agreements | 401 ok 404 ok ok ok ok
POST /api/v1/tickets/{number}/agreements | 401 403 404 403 ok ok ok
POST /api/v1/tickets/{number}/agreements/{id}/accept | 401 ok 404 ok 403 ok ok
POST /api/v1/tickets/{number}/events/acknowledgement-delivered | 401 403 403 403 ok ok ok
POST /api/v1/tickets/{number}/events/visit-started | 401 403 403 403 ok ok ok
POST /api/v1/tickets/{number}/out-of-scope | 401 403 403 403 ok ok ok
GET /api/v1/attachments/{id} | 401 ok 404 ok ok ok ok
GET /api/v1/articles/{id}/original | 401 403 403 ok ok ok ok
GET /api/v1/mail/inbound | 401 403 403 403 403 ok ok
POST /api/v1/mail/inbound | 401 403 403 403 403 ok ok
GET /api/v1/mail/inbound/{id} | 401 403 403 403 403 ok ok
GET /api/v1/mail/inbound/{id}/raw | 401 403 403 403 403 ok ok
POST /api/v1/mail/inbound/{id}/reprocess | 401 403 403 403 403 ok ok
GET /api/v1/mail/outbox | 401 403 403 403 403 ok ok
GET /api/v1/calendars | 401 403 403 ok ok ok ok
POST /api/v1/calendars | 401 403 403 403 403 403 ok
PUT /api/v1/calendars/{id} | 401 403 403 403 403 403 ok
GET /api/v1/sla-policies | 401 403 403 ok ok ok ok
POST /api/v1/sla-policies | 401 403 403 403 403 403 ok
PUT /api/v1/sla-policies/{id} | 401 403 403 403 403 403 ok
DELETE /api/v1/sla-policies/{id} | 401 403 403 403 403 403 ok
GET /api/v1/reports/sla | 401 403 403 ok ok ok ok
GET /api/v1/plans | 401 403 403 ok ok ok ok
POST /api/v1/plans | 401 403 403 403 403 403 ok
GET /api/v1/plans/{id} | 401 403 403 ok ok ok ok
PUT /api/v1/plans/{id} | 401 403 403 403 403 403 ok
GET /api/v1/basic-service | 401 403 403 ok ok ok ok
PUT /api/v1/basic-service | 401 403 403 403 403 403 ok
GET /api/v1/categories | 401 ok ok ok ok ok ok
POST /api/v1/categories | 401 403 403 403 403 403 ok
POST /api/v1/catalogue | 401 403 403 403 403 403 ok
POST /api/v1/contracts | 401 403 403 403 403 ok ok
POST /api/v1/entitlements/{id}/use | 401 403 403 403 403 ok ok
GET /api/v1/queue | 401 403 403 ok ok ok ok
GET /api/v1/search | 401 ok ok ok ok ok ok
GET /api/v1/scope-items | 401 ok ok ok ok ok ok
POST /api/v1/scope-items | 401 403 403 403 403 403 ok
GET /api/v1/supplier | 401 403 403 ok 403 403 ok
PUT /api/v1/supplier | 401 403 403 ok 403 403 ok
POST /api/v1/payment-requests | 401 403 403 ok 403 403 ok
GET /api/v1/payment-requests | 401 ok ok ok 403 403 ok
GET /api/v1/payment-requests/{id} | 401 ok 404 ok 403 403 ok
GET /api/v1/payment-requests/{id}/qr.png | 401 ok 404 ok 403 403 ok
POST /api/v1/tickets/{number}/prepayment | 401 403 403 ok ok ok ok
POST /api/v1/bank-statements | 401 403 403 ok 403 403 ok
GET /api/v1/bank-statements | 401 403 403 ok 403 403 ok
GET /api/v1/bank-statements/{id} | 401 403 403 ok 403 403 ok
GET /api/v1/bank-entries/unmatched | 401 403 403 ok 403 403 ok
POST /api/v1/organizations/{id}/invoices | 401 403 403 ok 403 403 ok
GET /api/v1/invoices | 401 ok ok ok 403 403 ok
GET /api/v1/invoices/{id} | 401 ok 404 ok 403 403 ok
POST /api/v1/invoices/{id}/credit-note | 401 403 403 ok 403 403 ok
GET /api/v1/invoices/{id}/pdf | 401 ok 404 ok 403 403 ok
POST /api/v1/invoices/{id}/send | 401 403 403 ok 403 403 ok
GET /api/v1/accounting/invoices.csv | 401 403 403 ok 403 403 ok
GET /api/v1/tickets/{number}/links | 401 403 403 ok ok ok ok
POST /api/v1/tickets/{number}/links | 401 403 403 403 ok ok ok
DELETE /api/v1/tickets/{number}/links/{other} | 401 403 403 403 ok ok ok
POST /api/v1/tickets/{number}/merge | 401 403 403 403 ok ok ok
GET /api/v1/prepared-answers | 401 403 403 ok ok ok ok
POST /api/v1/prepared-answers | 401 403 403 403 403 ok ok
GET /api/v1/prepared-answers/{id} | 401 403 403 ok ok ok ok
PUT /api/v1/prepared-answers/{id} | 401 403 403 403 403 ok ok
DELETE /api/v1/prepared-answers/{id} | 401 403 403 403 403 ok ok
GET /api/v1/tickets/{number}/prepared-answers | 401 403 403 ok ok ok ok
GET /api/v1/kb/articles | 401 403 403 ok ok ok ok
POST /api/v1/kb/articles | 401 403 403 403 ok ok ok
GET /api/v1/kb/articles/{id} | 401 403 403 ok ok ok ok
PUT /api/v1/kb/articles/{id} | 401 403 403 403 ok ok ok
PUT /api/v1/kb/articles/{id}/texts/{lang} | 401 403 403 403 ok ok ok
POST /api/v1/kb/articles/{id}/texts/{lang}/publish | 401 403 403 403 ok ok ok
POST /api/v1/kb/articles/{id}/texts/{lang}/withdraw | 401 403 403 403 ok ok ok
GET /api/v1/kb/articles/{id}/texts/{lang}/versions | 401 403 403 ok ok ok ok
POST /api/v1/kb/articles/{id}/texts/{lang}/versions/{version}/restore | 401 403 403 403 ok ok ok
POST /api/v1/kb/from-reply/{article_id} | 401 403 403 403 ok ok ok
GET /api/v1/kb/search | 401 ok ok ok ok ok ok
GET /api/v1/kb/read/{id} | 401 ok ok ok ok ok ok
GET /api/v1/kb/report | 401 403 403 ok ok ok ok
GET /api/v1/kb/read-before/{number} | 401 403 403 ok ok ok ok
GET /api/v1/tickets/{number}/quotes | 401 ok 404 ok ok ok ok
POST /api/v1/tickets/{number}/quotes | 401 403 404 403 ok ok ok
POST /api/v1/tickets/{number}/quotes/{id}/accept | 401 ok 404 403 403 ok ok
POST /api/v1/tickets/{number}/quotes/{id}/decline | 401 ok 404 403 403 ok ok
POST /api/v1/kb/articles/{id}/files | 401 403 403 403 ok ok ok
GET /api/v1/kb/articles/{id}/files | 401 403 403 ok ok ok ok
DELETE /api/v1/kb/articles/{id}/files/{file_id} | 401 403 403 403 ok ok ok
GET /api/v1/kb/files/{file_id} | 401 ok ok ok ok ok ok
POST /api/v1/kb/read/{id}/vote | 401 ok ok ok ok ok ok
PUT /api/v1/contacts/{id}/portal-access | 401 403 403 403 403 ok ok
PUT /api/v1/organizations/{id}/portal-access | 401 403 403 403 403 ok ok
POST /api/v1/bank-entries/{id}/decision | 401 403 403 ok 403 403 ok
GET /api/v1/accounting/payments.csv | 401 403 403 ok 403 403 ok
";

struct Row {
    method: Method,
    path: String,
    expect: Vec<Option<u16>>,
}

fn rows() -> Vec<Row> {
    MATRIX
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let (op, cells) = l.split_once('|').expect("METHOD path | cells");
            let (method, path) = op.trim().split_once(' ').expect("METHOD path");
            let expect: Vec<Option<u16>> = cells
                .split_whitespace()
                .map(|c| (c != "ok").then(|| c.parse().expect("ok or a status")))
                .collect();
            assert_eq!(expect.len(), CALLERS.len(), "{l}");
            Row {
                method: Method::from_bytes(method.as_bytes()).unwrap(),
                path: path.to_owned(),
                expect,
            }
        })
        .collect()
}

async fn every_route_answers_every_caller_as_the_matrix_says(b: Backend) {
    let app = TestApp::spawn(b).await;
    let (org_a, contact_a, asset_a) = app.customer("27082440", "a@firma.example").await;
    let (org_b, _, _) = app.customer("35697270", "b@firma.example").await;
    let team = app
        .post("/api/v1/teams", json!({"name": "Servis"}))
        .await
        .body["id"]
        .as_i64()
        .unwrap();
    let (tech, technician) = app
        .agent_token("t@podpora.example", &["technician"], &[team])
        .await;
    let (_, billing) = app
        .agent_token("b@podpora.example", &["billing"], &[])
        .await;
    let (_, dispatcher) = app
        .agent_token("d@podpora.example", &["dispatcher"], &[])
        .await;
    let cal = app.post("/api/v1/calendars", json!({"name": "SK", "time_zone": "Europe/Bratislava", "hours": "mon-fri 08:00-16:00", "holidays": "SK"})).await;
    let cal = cal.body["id"].as_i64().unwrap();
    let policy = app
        .post(
            "/api/v1/sla-policies",
            json!({"name": "Std", "calendar_id": cal, "reaction": "4h"}),
        )
        .await;
    let policy = policy.body["id"].as_i64().unwrap();
    let t = app
        .post(
            "/api/v1/tickets",
            json!({"subject": "Ústredňa", "description": "nevolá", "requester_id": contact_a,
                   "asset_id": asset_a, "team_id": team,
                   "attachments": [{"filename": "log.txt", "content_type": "text/plain",
                       "content_base64": base64::engine::general_purpose::STANDARD.encode(b"log")}]}),
        )
        .await;
    assert_eq!(t.status, 201, "{}", t.body);
    let number = t.body["number"].as_str().unwrap().to_string();
    let article = t.body["articles"][0]["id"].as_i64().unwrap();
    let attachment = t.body["articles"][0]["attachments"][0]["id"]
        .as_i64()
        .unwrap();
    let key_a = app.org_key(org_a).await;
    let key_b = app.org_key(org_b).await;
    let admin = app.token.clone();
    let tokens: [Option<&str>; 7] = [
        None,
        Some(&key_a),
        Some(&key_b),
        Some(&billing),
        Some(&technician),
        Some(&dispatcher),
        Some(&admin),
    ];

    let doc = app
        .call_as(None, Method::GET, "/api/openapi.json", None)
        .await;
    let mut rows = rows();
    let mut documented = Vec::new();
    for (path, item) in doc.body["paths"].as_object().unwrap() {
        for method in item.as_object().unwrap().keys() {
            documented.push(format!("{} {path}", method.to_uppercase()));
        }
    }
    for op in &documented {
        assert!(
            rows.iter()
                .any(|r| format!("{} {}", r.method, r.path) == *op),
            "{op} has no row in the access matrix: decide who may use it"
        );
    }
    for r in &rows {
        let op = format!("{} {}", r.method, r.path);
        assert!(
            documented.contains(&op),
            "{op} is in the matrix but not served"
        );
    }
    // Deletions last, so every other call finds the objects.
    rows.sort_by_key(|r| r.method == Method::DELETE);

    let mut wrong = Vec::new();
    for r in &rows {
        let id = match r.path.split('/').nth(3) {
            Some("agents") => tech,
            Some("teams") => team,
            Some("organizations") => org_a,
            Some("contacts") => contact_a,
            Some("assets") => asset_a,
            Some("attachments") => attachment,
            Some("articles") => article,
            Some("calendars") => cal,
            Some("sla-policies") => policy,
            _ => 1,
        };
        let path = if r.path == "/api/v1/reports/sla" {
            "/api/v1/reports/sla?from=2026-01-01&to=2026-02-01".to_string()
        } else {
            r.path.clone()
        };
        let path = path
            .replace("{number}", &number)
            .replace("{contact_id}", &contact_a.to_string())
            .replace("{contract_id}", "1")
            .replace("{id}", &id.to_string())
            .replace("{lang}", "sk")
            .replace("{version}", "1")
            .replace("{file_id}", "1")
            .replace("{article_id}", &article.to_string());
        // A body of the documented shape, so a refusal cannot hide behind a shape error.
        let body = matches!(r.method, Method::POST | Method::PUT | Method::PATCH).then(|| {
            let op = &doc.body["paths"][&r.path][r.method.as_str().to_lowercase()];
            match op["requestBody"]["content"]["application/json"]["schema"].as_object() {
                Some(schema) => sample(&Value::Object(schema.clone()), &doc.body, 0),
                None => json!({}),
            }
        });
        for (i, token) in tokens.iter().enumerate() {
            let before = app.counts().await;
            let got = app
                .call_as(*token, r.method.clone(), &path, body.clone())
                .await
                .status
                .as_u16();
            let fine = match r.expect[i] {
                Some(refusal) => {
                    let unchanged = app.counts().await == before;
                    got == refusal && unchanged
                }
                None => !matches!(got, 401 | 403 | 405) && got < 500,
            };
            if !fine {
                wrong.push(format!(
                    "{} {} as {}: got {got}, expected {}",
                    r.method,
                    r.path,
                    CALLERS[i],
                    r.expect[i].map_or("ok".to_string(), |s| s.to_string())
                ));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "{} answers differ:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}

/// The smallest value of a schema: its required properties, each of its type (the first value
/// of an enumeration).
fn sample(schema: &Value, doc: &Value, depth: usize) -> Value {
    if depth > 8 {
        return Value::Null;
    }
    if let Some(r) = schema["$ref"].as_str() {
        let name = r.rsplit('/').next().unwrap_or("");
        return sample(&doc["components"]["schemas"][name], doc, depth + 1);
    }
    if let Some(first) = schema["enum"].as_array().and_then(|e| e.first()) {
        return first.clone();
    }
    for key in ["oneOf", "anyOf", "allOf"] {
        if let Some(first) = schema[key].as_array().and_then(|e| e.first()) {
            return sample(first, doc, depth + 1);
        }
    }
    let ty = match &schema["type"] {
        Value::String(t) => t.clone(),
        Value::Array(ts) => ts
            .iter()
            .filter_map(Value::as_str)
            .find(|t| *t != "null")
            .unwrap_or("null")
            .to_string(),
        _ => "object".to_string(),
    };
    match ty.as_str() {
        "object" => {
            let mut out = serde_json::Map::new();
            for name in schema["required"].as_array().into_iter().flatten() {
                let name = name.as_str().unwrap_or("");
                out.insert(
                    name.to_string(),
                    sample(&schema["properties"][name], doc, depth + 1),
                );
            }
            Value::Object(out)
        }
        "array" => json!([]),
        "string" => json!("x"),
        "integer" | "number" => json!(1),
        "boolean" => json!(false),
        _ => Value::Null,
    }
}
