//! The workspace's payments page: the billing role decides about the credits matching could
//! not settle. A refused decision shows the reason at the field and keeps what was typed; a
//! credit assigned to a prepayment lets its ticket resume; on SQLite and PostgreSQL.

use crate::helpers::TestApp;
use crate::{signed_in, unescaped};
use podpora_testkit::Backend;
use reqwest::Method;
use serde_json::json;

fn statement() -> String {
    r#"<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt>
<GrpHdr><MsgId>M7</MsgId><CreDtTm>2026-12-04T20:00:00+01:00</CreDtTm></GrpHdr>
<Stmt><Id>SK-2026-351</Id><CreDtTm>2026-12-04T20:00:00+01:00</CreDtTm>
<Acct><Id><IBAN>SK3112000000198742637541</IBAN></Id><Ccy>EUR</Ccy></Acct>
<Ntry><Amt Ccy="EUR">246.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts><BookgDt><Dt>2026-12-04</Dt></BookgDt>
<AcctSvcrRef>E1</AcctSvcrRef><NtryDtls><TxDtls><RltdPties><Dbtr><Nm>Jana Kovacova</Nm></Dbtr></RltdPties>
<RmtInf><Ustrd>zaloha brana</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry>
</Stmt></BkToCstmrStmt></Document>"#
        .to_string()
}

async fn billing_decides_about_an_unknown_credit_on_the_page(b: Backend) {
    let app = TestApp::spawn(b).await;
    let r = app
        .call(
            Method::PUT,
            "/api/v1/supplier",
            Some(json!({"name": "Servis Novák s.r.o.", "street": "Hlavná 12", "city": "Bratislava",
                        "postal_code": "81101", "country": "SK", "iban": "SK3112000000198742637541"})),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let (_org, contact, _) = app.customer("35697270", "eva@firma.sk").await;
    let number = crate::ticket(&app, contact, "Nefunguje brána", "normal").await;
    let p = app
        .post(
            &format!("/api/v1/tickets/{number}/prepayment"),
            json!({"amount": {"amount_minor": 24600, "currency": "EUR"}}),
        )
        .await;
    assert_eq!(p.status, 201, "{}", p.body);
    let request = p.body["request"]["id"].as_i64().unwrap();

    let mut br = signed_in(&app, "fakturacia@podpora.example", &["billing"]).await;
    br.get("/desk/payments").await;
    let csrf = br.csrf();
    let done = br
        .post_multipart(
            "/desk/payments/statements",
            &[("csrf", &csrf), ("file", &statement())],
        )
        .await;
    assert_eq!(done.status, 303, "{}", done.body);
    let u = app.get("/api/v1/bank-entries/unmatched").await;
    let entry = u.body[0]["id"].as_i64().unwrap();
    let action = format!("/desk/payments/entries/{entry}/decision");

    let page = br.get("/desk/payments").await;
    let body = unescaped(&page.body);
    assert!(body.contains(&format!("action=\"{action}\"")), "{body}");
    assert!(body.contains("Priradiť k výzve alebo faktúre"), "{body}");

    // No request given: refused at the field, the reason typed is kept, nothing changes.
    let csrf = br.csrf();
    let refused = br
        .post(
            &action,
            &[
                ("csrf", &csrf),
                ("action", "assign"),
                ("payment_request_id", ""),
                ("invoice_id", ""),
                ("reason", "zlý variabilný symbol"),
            ],
        )
        .await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    let body = unescaped(&refused.body);
    assert!(
        body.contains("Rozhodnutie sa nedá uložiť"),
        "the reason is shown: {body}"
    );
    assert!(
        body.contains(&format!(
            "id=\"request-{entry}\" name=\"payment_request_id\" inputmode=\"numeric\" value=\"\" aria-invalid=\"true\""
        )),
        "at the field: {body}"
    );
    assert!(body.contains("value=\"zlý variabilný symbol\""), "{body}");
    assert!(
        body.contains("<option value=\"assign\" selected>"),
        "{body}"
    );
    let csrf = br.csrf();
    let refused = br
        .post(
            &action,
            &[
                ("csrf", &csrf),
                ("action", "assign"),
                ("payment_request_id", "abc"),
            ],
        )
        .await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert!(refused.body.contains("aria-invalid"), "{}", refused.body);
    let t = app.get(&format!("/api/v1/tickets/{number}")).await;
    assert_eq!(t.body["status"], "waiting_for_payment");

    // A wrong CSRF token: refused, nothing changes.
    let wrong = br
        .post(
            &action,
            &[("csrf", "wrong"), ("action", "ignore"), ("reason", "x")],
        )
        .await;
    assert_eq!(wrong.status, 403);
    assert_eq!(
        app.get("/api/v1/bank-entries/unmatched")
            .await
            .body
            .as_array()
            .unwrap()
            .len(),
        1
    );

    // Assigned to the prepayment: the ticket resumes, the page says what was decided.
    let csrf = br.csrf();
    let ok = br
        .post(
            &action,
            &[
                ("csrf", &csrf),
                ("action", "assign"),
                ("payment_request_id", &request.to_string()),
                ("invoice_id", ""),
                ("reason", "zlý variabilný symbol"),
            ],
        )
        .await;
    assert_eq!(ok.status, 303, "{}", ok.body);
    let at = ok.location.unwrap();
    let page = br.get(&at).await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(
        page.body.contains(&format!("Platba {entry}: priradená.")),
        "{}",
        page.body
    );
    assert!(!unescaped(&page.body).contains(&format!("action=\"{action}\"")));
    let t = app.get(&format!("/api/v1/tickets/{number}")).await;
    assert_eq!(t.body["status"], "in_progress");
    let r = app
        .get(&format!("/api/v1/payment-requests/{request}"))
        .await;
    assert_eq!(r.body["status"], "paid");

    // The payments export is offered beside the invoices' one.
    assert!(
        unescaped(&page.body).contains("action=\"/desk/payments/accounting-payments.csv\""),
        "{}",
        page.body
    );
    let csv = br
        .get("/desk/payments/accounting-payments.csv?from=2026-12-01&to=2026-12-31")
        .await;
    assert_eq!(csv.status, 200);
    assert!(
        csv.body.starts_with("booking_date,amount,currency"),
        "{}",
        csv.body
    );
    assert!(csv.body.contains("2026-12-04,246.00,EUR"), "{}", csv.body);

    // A GPC statement is uploaded through the same form; its unknown credit waits for a person.
    let head = format!(
        "074{:0>16}{:<20}031226{:0>14}+{:0>14}+{:0>14}+{:0>14}+012051226",
        "0000192000145399", "SERVIS NOVAK", "0", "1500", "0", "1500"
    );
    let line = format!(
        "075{:0>16}{:0>16}{:0>13}{:0>12}2{:0>10}0008000308{:0>10}051226{:<20}00978051226",
        "0000192000145399", "19123456", "77001", "1500", "123", "0", "Neznamy platitel"
    );
    let gpc = format!("{head:<128}\r\n{line}\r\n");
    let csrf = br.csrf();
    let done = br
        .post_multipart(
            "/desk/payments/statements",
            &[("csrf", &csrf), ("file", &gpc)],
        )
        .await;
    assert_eq!(done.status, 303, "{}", done.body);
    let page = br.get(&done.location.unwrap()).await;
    assert!(page.body.contains("Neznamy platitel"), "{}", page.body);
    let u = app.get("/api/v1/bank-entries/unmatched").await;
    assert_eq!(u.body[0]["outcome"], "unknown");
    assert_eq!(
        u.body[0]["amount"],
        json!({"amount_minor": 1500, "currency": "EUR"})
    );

    // Other roles are refused.
    let mut tech = signed_in(&app, "technik@podpora.example", &["technician"]).await;
    tech.get("/desk/queue").await;
    let csrf = tech.csrf();
    let no = tech
        .post(&action, &[("csrf", &csrf), ("action", "returned")])
        .await;
    assert_eq!(no.status, 403);
}

crate::on_both!(billing_decides_about_an_unknown_credit_on_the_page);
