//! The workspace's payments page: the billing role uploads a camt.053 statement and sees what
//! each credit was matched to and what waits for a person; other roles are refused, on SQLite
//! and PostgreSQL.

use crate::helpers::TestApp;
use crate::{signed_in, unescaped};
use podpora_testkit::Backend;
use reqwest::Method;
use serde_json::json;

fn statement(vs: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt>
<GrpHdr><MsgId>M1</MsgId><CreDtTm>2026-12-04T20:00:00+01:00</CreDtTm></GrpHdr>
<Stmt><Id>SK-2026-341</Id><CreDtTm>2026-12-04T20:00:00+01:00</CreDtTm>
<Acct><Id><IBAN>SK3112000000198742637541</IBAN></Id><Ccy>EUR</Ccy></Acct>
<Ntry><Amt Ccy="EUR">246.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts><BookgDt><Dt>2026-12-04</Dt></BookgDt>
<AcctSvcrRef>B1</AcctSvcrRef><NtryDtls><TxDtls><RltdPties><Dbtr><Nm>Jana Kovacova</Nm></Dbtr></RltdPties>
<RmtInf><Ustrd>/VS/{vs}</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry>
<Ntry><Amt Ccy="EUR">9.99</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts><BookgDt><Dt>2026-12-04</Dt></BookgDt>
<AcctSvcrRef>B2</AcctSvcrRef><NtryDtls><TxDtls><RltdPties><Dbtr><Nm>Neznamy Platitel</Nm></Dbtr></RltdPties>
<RmtInf><Ustrd>dar</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry>
</Stmt></BkToCstmrStmt></Document>"#
    )
}

async fn billing_uploads_a_statement_and_sees_the_matches(b: Backend) {
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
    let vs = p.body["request"]["variable_symbol"]
        .as_str()
        .unwrap()
        .to_string();

    let mut tech = signed_in(&app, "technik@podpora.example", &["technician"]).await;
    let page = tech.get("/desk/payments").await;
    assert_eq!(page.status, 403);
    assert!(!page.body.contains("href=\"&#x2f;desk&#x2f;payments\""));

    let mut br = signed_in(&app, "fakturacia@podpora.example", &["billing"]).await;
    let page = br.get("/desk/payments").await;
    assert_eq!(page.status, 200, "{}", page.body);
    let body = unescaped(&page.body);
    assert!(body.contains("Nahrať výpis z banky (camt.053)"), "{body}");
    assert!(
        body.contains("href=\"/desk/payments\""),
        "the menu links here: {body}"
    );

    // Not a statement: said on the page, nothing imported.
    let csrf = br.csrf();
    let bad = br
        .post_multipart(
            "/desk/payments/statements",
            &[("csrf", &csrf), ("file", "toto nie je výpis")],
        )
        .await;
    assert_eq!(bad.status, 422, "{}", bad.body);
    assert!(bad.body.contains("Výpis sa nedá načítať"), "{}", bad.body);
    let before = app.counts().await;
    let refused = br
        .post_multipart(
            "/desk/payments/statements",
            &[("csrf", "wrong"), ("file", &statement(&vs))],
        )
        .await;
    assert_eq!(refused.status, 403);
    assert_eq!(app.counts().await, before);

    let csrf = br.csrf();
    let done = br
        .post_multipart(
            "/desk/payments/statements",
            &[("csrf", &csrf), ("file", &statement(&vs))],
        )
        .await;
    assert_eq!(done.status, 303, "{}", done.body);
    let at = done.location.unwrap();
    assert!(at.starts_with("/desk/payments/statements/"), "{at}");
    let page = br.get(&at).await;
    assert_eq!(page.status, 200, "{}", page.body);
    let body = page.body.replace("&nbsp;", "\u{a0}");
    assert!(body.contains("Jana Kovacova"), "{body}");
    assert!(body.contains("246,00\u{a0}EUR"), "{body}");
    assert!(body.contains("Zaplatené"), "{body}");
    assert!(body.contains("Neznáma platba"), "{body}");
    let t = app.get(&format!("/api/v1/tickets/{number}")).await;
    assert_eq!(t.body["status"], "in_progress");

    // The same file again: the page says nothing changed.
    let csrf = br.csrf();
    let again = br
        .post_multipart(
            "/desk/payments/statements",
            &[("csrf", &csrf), ("file", &statement(&vs))],
        )
        .await;
    let again_at = format!("{at}?unchanged=1");
    assert_eq!(again.location.as_deref(), Some(again_at.as_str()));
    let page = br.get(&again_at).await;
    assert!(
        page.body
            .contains("Tento výpis už bol načítaný; nič sa nezmenilo.")
    );
}

crate::on_both!(billing_uploads_a_statement_and_sees_the_matches);
