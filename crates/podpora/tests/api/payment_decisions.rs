//! A person's decisions on the credits matching could not settle, through the API on SQLite
//! and PostgreSQL: an unknown credit assigned to a prepayment lets the ticket resume as a
//! matched payment does; a partial payment accepted keeps the rest due; an overpayment kept as
//! credit; a refund due, then returned; refusals name the field and change nothing; every
//! decision is in the audit history.

use crate::helpers::TestApp;
use crate::payments::{Credit, camt, customer_ticket, import, supplier};
use podpora_store::repo;
use podpora_testkit::Backend;
use serde_json::{Value, json};

crate::on_both!(a_person_decides_about_unknown_partial_and_over_credits);

async fn ask(app: &TestApp, org: i64, minor: i64) -> Value {
    let r = app
        .post(
            "/api/v1/payment-requests",
            json!({"organization_id": org, "amount": {"amount_minor": minor, "currency": "EUR"},
                   "due_date": "2099-12-31"}),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.body);
    r.body
}

async fn unmatched(app: &TestApp) -> Vec<Value> {
    let u = app.get("/api/v1/bank-entries/unmatched").await;
    assert_eq!(u.status, 200, "{}", u.body);
    u.body.as_array().unwrap().clone()
}

fn by_ref(list: &[Value], amount_minor: i64) -> &Value {
    list.iter()
        .find(|e| e["amount"]["amount_minor"] == amount_minor)
        .unwrap_or_else(|| panic!("no credit of {amount_minor} in {list:?}"))
}

async fn a_person_decides_about_unknown_partial_and_over_credits(b: Backend) {
    let app = TestApp::spawn(b).await;
    supplier(&app).await;
    let (org, number) = customer_ticket(&app, "Rodina Malá", "SK").await;
    let p = app
        .post(
            &format!("/api/v1/tickets/{number}/prepayment"),
            json!({"amount": {"amount_minor": 24600, "currency": "EUR"}}),
        )
        .await;
    assert_eq!(p.status, 201, "{}", p.body);
    let prepayment = p.body["request"]["id"].as_i64().unwrap();
    let partial = ask(&app, org, 10_000).await;
    let over = ask(&app, org, 5_000).await;
    let vs = |v: &Value| v["variable_symbol"].as_str().unwrap().to_string();
    // The customer paid the prepayment with a mistyped symbol; 40.00 of 100.00; 80.00 of 50.00;
    // 9.99 from nobody known.
    let xml = camt(
        "SK-2026-350",
        &[
            Credit {
                amount: "246.00",
                vs: "1234",
                bank_ref: "D1",
            },
            Credit {
                amount: "40.00",
                vs: &vs(&partial),
                bank_ref: "D2",
            },
            Credit {
                amount: "80.00",
                vs: &vs(&over),
                bank_ref: "D3",
            },
            Credit {
                amount: "9.99",
                vs: "999",
                bank_ref: "D4",
            },
        ],
    );
    let s = import(&app, &app.token, &xml).await;
    assert_eq!(s.status, 201, "{}", s.body);
    let t = app.get(&format!("/api/v1/tickets/{number}")).await;
    assert_eq!(t.body["status"], "waiting_for_payment");

    let list = unmatched(&app).await;
    assert_eq!(list.len(), 4);
    let unknown = by_ref(&list, 24600).clone();
    let part = by_ref(&list, 4000).clone();
    let overpaid = by_ref(&list, 8000).clone();
    let stray = by_ref(&list, 999).clone();
    assert_eq!(unknown["actions"], json!(["assign", "refund", "ignore"]));
    assert_eq!(
        part["actions"],
        json!(["accept_partial", "refund", "ignore"])
    );
    assert_eq!(
        overpaid["actions"],
        json!(["keep_credit", "refund", "ignore"])
    );
    assert!(unknown["decision"].is_null());
    let decide = |entry: &Value, body: Value| {
        let path = format!("/api/v1/bank-entries/{}/decision", entry["id"]);
        let app = &app;
        async move { app.post(&path, body).await }
    };

    // Refusals name the field and change nothing.
    let before = unmatched(&app).await;
    let r = decide(&unknown, json!({"action": "assign"})).await;
    assert_eq!(r.problem(422), ["payment_request_id"]);
    let r = decide(
        &unknown,
        json!({"action": "assign", "payment_request_id": 999_999}),
    )
    .await;
    assert_eq!(r.problem(422), ["payment_request_id"]);
    let r = decide(
        &unknown,
        json!({"action": "assign", "payment_request_id": over["id"]}),
    )
    .await;
    assert_eq!(r.problem(422), ["payment_request_id"]);
    assert!(
        r.body["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("over already"),
        "{}",
        r.body
    );
    let r = decide(&unknown, json!({"action": "assign", "invoice_id": 999_999})).await;
    assert_eq!(r.problem(422), ["invoice_id"]);
    let r = decide(&unknown, json!({"action": "keep_credit"})).await;
    assert_eq!(r.problem(422), ["action"]);
    let r = decide(&unknown, json!({"action": "burn"})).await;
    assert_eq!(r.problem(422), ["action"]);
    let r = decide(&stray, json!({"action": "ignore", "reason": "  "})).await;
    assert_eq!(r.problem(422), ["reason"]);
    let r = decide(
        &part,
        json!({"action": "assign", "payment_request_id": prepayment}),
    )
    .await;
    assert_eq!(r.problem(422), ["action"]);
    let (_, tech) = app
        .agent_token("technik@podpora.example", &["technician"], &[])
        .await;
    let r = app
        .call_as(
            Some(&tech),
            reqwest::Method::POST,
            &format!("/api/v1/bank-entries/{}/decision", stray["id"]),
            Some(json!({"action": "ignore", "reason": "test"})),
        )
        .await;
    r.problem(403);
    let r = app
        .post(
            "/api/v1/bank-entries/999999/decision",
            json!({"action": "ignore", "reason": "x"}),
        )
        .await;
    r.problem(404);
    assert_eq!(unmatched(&app).await, before);

    // The mistyped prepayment assigned by hand: as if it had matched.
    let r = decide(
        &unknown,
        json!({"action": "assign", "payment_request_id": prepayment, "reason": "VS mistyped"}),
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.body["decision"], "assigned");
    assert_eq!(r.body["payment_request_id"], prepayment);
    assert_eq!(r.body["needs_person"], false);
    assert_eq!(r.body["actions"], json!([]));
    let req = app
        .get(&format!("/api/v1/payment-requests/{prepayment}"))
        .await;
    assert_eq!(req.body["status"], "paid");
    assert_eq!(req.body["received"]["amount_minor"], 24600);
    let t = app.get(&format!("/api/v1/tickets/{number}")).await;
    assert_eq!(t.body["status"], "in_progress");
    let paid = app.history_of(&number, "payment").await;
    assert_eq!(paid.len(), 1);
    assert!(
        paid[0]["new_value"]
            .as_str()
            .unwrap()
            .starts_with("246.00 EUR received"),
        "{paid:?}"
    );
    // Decided once.
    let again = decide(&unknown, json!({"action": "refund"})).await;
    assert_eq!(again.problem(422), ["action"]);

    // 40.00 of 100.00 accepted: the rest stays due.
    let r = decide(&part, json!({"action": "accept_partial"})).await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.body["decision"], "partial_accepted");
    let req = app
        .get(&format!("/api/v1/payment-requests/{}", partial["id"]))
        .await;
    assert_eq!(req.body["status"], "partial");
    assert_eq!(req.body["remaining"]["amount_minor"], 6000);

    // 30.00 too much kept as the customer's credit.
    let r = decide(
        &overpaid,
        json!({"action": "keep_credit", "reason": "set against the next invoice"}),
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.body["decision"], "credit_kept");
    assert_eq!(r.body["decision_note"], "set against the next invoice");

    // The stray 9.99 goes back: listed until it is returned.
    let r = decide(&stray, json!({"action": "refund"})).await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.body["decision"], "refund_due");
    assert_eq!(r.body["actions"], json!(["returned"]));
    let list = unmatched(&app).await;
    assert_eq!(list.len(), 1);
    assert_eq!(list[0]["decision"], "refund_due");
    let r = decide(&stray, json!({"action": "returned"})).await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.body["decision"], "returned");
    assert!(unmatched(&app).await.is_empty());

    // Each decision is in the audit history, with who decided and why.
    let mut tx = app.app.db.read().await.unwrap();
    let id = unknown["id"].as_i64().unwrap();
    let h = repo::audit::history(&mut tx, "bank_entry", id)
        .await
        .unwrap();
    let fields: Vec<(&str, Option<&str>)> = h
        .iter()
        .map(|a| (a.field.as_str(), a.new_value.as_deref()))
        .collect();
    let pre = prepayment.to_string();
    assert_eq!(
        fields,
        [
            ("decision", Some("assigned")),
            ("payment_request", Some(pre.as_str()))
        ]
    );
    assert_eq!(h[0].reason.as_deref(), Some("VS mistyped"));
    let stray_id = stray["id"].as_i64().unwrap();
    let h = repo::audit::history(&mut tx, "bank_entry", stray_id)
        .await
        .unwrap();
    let steps: Vec<Option<&str>> = h.iter().map(|a| a.new_value.as_deref()).collect();
    assert_eq!(steps, [Some("refund_due"), Some("returned")]);
    let h = repo::audit::history(&mut tx, "payment_request", prepayment)
        .await
        .unwrap();
    assert!(
        h.iter()
            .any(|a| a.field == "status" && a.new_value.as_deref() == Some("paid")),
        "{h:?}"
    );
    drop(tx);

    // The payments in the export for accounting: each with the document it paid, the returned
    // one flagged as paying nothing.
    let (status, ct, csv) = crate::invoice_pdf::bytes(
        &app,
        &app.token,
        "/api/v1/accounting/payments.csv?from=2026-12-01&to=2026-12-31",
    )
    .await;
    assert_eq!(status, 200, "{}", String::from_utf8_lossy(&csv));
    assert!(ct.starts_with("text/csv"), "{ct}");
    let mut reader = csv::Reader::from_reader(csv.as_slice());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    let rows: Vec<std::collections::HashMap<String, String>> = reader
        .records()
        .map(|r| {
            header
                .iter()
                .cloned()
                .zip(r.unwrap().iter().map(String::from))
                .collect()
        })
        .collect();
    assert_eq!(rows.len(), 4, "{}", String::from_utf8_lossy(&csv));
    let row = |amount: &str| {
        rows.iter()
            .find(|r| r["amount"] == amount)
            .unwrap_or_else(|| panic!("no {amount} in {rows:?}"))
    };
    let first = row("246.00");
    assert_eq!(first["booking_date"], "2026-12-04");
    assert_eq!(first["currency"], "EUR");
    assert_eq!(first["matched"], "yes");
    assert_eq!(first["decision"], "assigned");
    assert_eq!(first["payment_request"], prepayment.to_string());
    assert_eq!(first["ticket"], number);
    assert_eq!(first["organization"], "Rodina Malá");
    assert_eq!(first["payer"], "Jana Kovacova");
    assert_eq!(row("40.00")["matched"], "yes");
    assert_eq!(row("40.00")["variable_symbol"], vs(&partial));
    assert_eq!(row("80.00")["decision"], "credit_kept");
    let back = row("9.99");
    assert_eq!(
        (
            back["matched"].as_str(),
            back["decision"].as_str(),
            back["payment_request"].as_str()
        ),
        ("no", "returned", "")
    );
    let (_, _, later) = crate::invoice_pdf::bytes(
        &app,
        &app.token,
        "/api/v1/accounting/payments.csv?from=2026-12-05",
    )
    .await;
    assert_eq!(
        csv::Reader::from_reader(later.as_slice()).records().count(),
        0
    );
    let bad = app
        .get("/api/v1/accounting/payments.csv?from=4.12.2026")
        .await;
    assert_eq!(bad.problem(422), ["from"]);
}
