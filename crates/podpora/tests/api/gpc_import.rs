//! A Czech ABO/GPC statement imported through the same endpoint as camt.053, on SQLite and
//! PostgreSQL: told apart by its content, read in Windows-1250, its credit matched by variable
//! symbol, and the same file again changes nothing.

use crate::helpers::TestApp;
use crate::payments::import;
use podpora_testkit::Backend;
use reqwest::Method;
use serde_json::json;

crate::on_both!(a_gpc_statement_pays_a_czech_request);

/// A GPC file of account 19-2000145399 crediting `haler` with variable symbol `vs`, the
/// payer's name in Windows-1250.
fn gpc(vs: &str, haler: &str) -> Vec<u8> {
    let head = format!(
        "074{:0>16}{:<20}031226{:0>14}+{:0>14}+{:0>14}+{:0>14}+012041226",
        "0000192000145399", "NOVAK IT SRO", "0", haler, "0", haler
    );
    let line = format!(
        "075{:0>16}{:0>16}{:0>13}{:0>12}2{:0>10}0008000308{:0>10}041226{:<20}00203041226",
        "0000192000145399", "19123456", "88001", haler, vs, "0", "Pekárna Novotný"
    );
    let text = format!("{head:<128}\r\n{line}\r\n078Faktura dekujeme\r\n");
    text.chars()
        .map(|c| match c {
            'á' => 0xE1,
            'ý' => 0xFD,
            c => u8::try_from(u32::from(c)).unwrap(),
        })
        .collect()
}

async fn post_bytes(app: &TestApp, body: Vec<u8>) -> crate::helpers::Reply {
    let res = app
        .client
        .post(format!("{}/api/v1/bank-statements", app.base))
        .bearer_auth(&app.token)
        .header("content-type", "text/plain")
        .body(body)
        .send()
        .await
        .unwrap();
    let status = res.status();
    let content_type = res
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    let body = res.json().await.unwrap_or(serde_json::Value::Null);
    crate::helpers::Reply {
        status,
        body,
        content_type,
    }
}

async fn a_gpc_statement_pays_a_czech_request(b: Backend) {
    let app = TestApp::spawn(b).await;
    let r = app
        .call(
            Method::PUT,
            "/api/v1/supplier",
            Some(json!({
                "name": "Novák IT s.r.o.", "street": "Václavské náměstí 1", "city": "Praha",
                "postal_code": "11000", "country": "CZ", "ico": "27082440", "vat_id": "CZ27082440",
                "iban": "CZ65 0800 0000 1920 0014 5399", "bic": "GIBACZPX"
            })),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let o = app
        .post(
            "/api/v1/organizations",
            json!({"name": "Pekárna Novotný", "country": "CZ"}),
        )
        .await;
    let org = o.body["id"].as_i64().unwrap();
    let p = app
        .post(
            "/api/v1/payment-requests",
            json!({"organization_id": org, "amount": {"amount_minor": 108_900, "currency": "CZK"},
                   "due_date": "2099-12-31"}),
        )
        .await;
    assert_eq!(p.status, 201, "{}", p.body);
    let vs = p.body["variable_symbol"].as_str().unwrap().to_string();

    let file = gpc(&vs, "108900");
    let s = post_bytes(&app, file.clone()).await;
    assert_eq!(s.status, 201, "{}", s.body);
    assert_eq!(s.body["account"], "19-2000145399");
    let e = &s.body["entries"][0];
    assert_eq!(e["outcome"], "paid");
    assert_eq!(
        e["amount"],
        json!({"amount_minor": 108_900, "currency": "CZK"})
    );
    assert_eq!(e["counterparty"], "Pekárna Novotný");
    assert_eq!(e["counterparty_account"], "19123456/0800");
    assert_eq!(e["remittance"], "Faktura dekujeme");
    let r = app
        .get(&format!("/api/v1/payment-requests/{}", p.body["id"]))
        .await;
    assert_eq!(r.body["status"], "paid");

    let again = post_bytes(&app, file).await;
    assert_eq!(again.status, 200, "{}", again.body);
    assert_eq!(again.body["unchanged"], true);

    // A damaged GPC file: the line and the field are named, nothing is imported.
    let mut bad = gpc(&vs, "108900");
    let at = 130 + 50;
    bad[at] = b'X';
    let r = post_bytes(&app, bad).await;
    assert_eq!(r.problem(422), ["statement"]);
    assert!(
        r.body["errors"][0]["message"]
            .as_str()
            .unwrap()
            .starts_with("line 2: the amount"),
        "{}",
        r.body
    );
    // camt.053 still goes the camt way.
    let bad = import(&app, &app.token, "<Document>nothing</Document>").await;
    assert_eq!(bad.problem(422), ["statement"]);
    assert_eq!(
        app.get("/api/v1/bank-statements")
            .await
            .body
            .as_array()
            .unwrap()
            .len(),
        1
    );
}
