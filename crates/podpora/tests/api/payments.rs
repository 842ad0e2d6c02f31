//! Payments through the API: a prepayment makes a ticket wait with its clocks paused, its QR
//! code is read back from the PNG, a camt.053 statement with the payment lets the ticket resume,
//! and importing the statement again changes nothing; who may do what.

use crate::helpers::TestApp;
use podpora_testkit::Backend;
use reqwest::Method;
use serde_json::{Value, json};
use std::path::{Path, PathBuf};
use std::process::Command;

crate::on_both!(
    basic_smart_home_customer_prepays_by_pay_by_square_and_the_ticket_resumes,
    statement_credits_partial_over_and_unknown_wait_for_a_person,
    payments_are_for_billing_and_each_customer_sees_only_its_own,
    a_month_is_invoiced_once_numbered_without_gaps_and_credited,
);

/// The supplier of the worked example: a Slovak company with an account at Tatra banka.
pub(crate) async fn supplier(app: &TestApp) {
    let r = app
        .call(
            Method::PUT,
            "/api/v1/supplier",
            Some(json!({
                "name": "Servis Novák s.r.o.", "street": "Hlavná 12", "city": "Bratislava",
                "postal_code": "81101", "country": "SK", "ico": "35757442", "dic": "2020317068",
                "vat_id": "SK2020317068", "email": "faktury@servis-novak.example",
                "iban": "SK31 1200 0000 1987 4263 7541", "bic": "TATRSKBX"
            })),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.body["iban"], "SK3112000000198742637541");
}

/// An organization in `country` with a contact and a ticket; returns (organization, ticket).
pub(crate) async fn customer_ticket(app: &TestApp, name: &str, country: &str) -> (i64, String) {
    let o = app
        .post(
            "/api/v1/organizations",
            json!({"name": name, "country": country}),
        )
        .await;
    assert_eq!(o.status, 201, "{}", o.body);
    let org = o.body["id"].as_i64().unwrap();
    let c = app
        .post(
            "/api/v1/contacts",
            json!({"organization_id": org, "name": format!("Kontakt {name}"),
                   "emails": [format!("{}@firma.example", name.to_lowercase().replace(' ', "-"))]}),
        )
        .await;
    assert_eq!(c.status, 201, "{}", c.body);
    let t = app
        .post(
            "/api/v1/tickets",
            json!({"subject": "Nefunguje kúrenie", "description": "Centrála hlási chybu 17.",
                   "requester_id": c.body["id"], "channel": "email"}),
        )
        .await;
    assert_eq!(t.status, 201, "{}", t.body);
    (org, t.body["number"].as_str().unwrap().to_string())
}

/// One credit of a statement: amount, variable symbol (in the end-to-end id) and bank reference.
pub(crate) struct Credit<'a> {
    pub amount: &'a str,
    pub vs: &'a str,
    pub bank_ref: &'a str,
}

/// A camt.053.001.08 statement of the supplier's account with `credits`.
pub(crate) fn camt(id: &str, credits: &[Credit]) -> String {
    let entries: String = credits
        .iter()
        .map(|c| {
            format!(
                r#"<Ntry><Amt Ccy="EUR">{amount}</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts>
<BookgDt><Dt>2026-12-04</Dt></BookgDt><ValDt><Dt>2026-12-04</Dt></ValDt><AcctSvcrRef>{r}</AcctSvcrRef>
<BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>RCDT</Cd><SubFmlyCd>ESCT</SubFmlyCd></Fmly></Domn></BkTxCd>
<NtryDtls><TxDtls><Refs><EndToEndId>/VS{vs}/SS/KS0308</EndToEndId></Refs><RltdPties><Dbtr><Pty><Nm>Jana Kovacova</Nm></Pty></Dbtr>
<DbtrAcct><Id><IBAN>SK4523585719461382368397</IBAN></Id></DbtrAcct></RltdPties><RmtInf><Ustrd>Zaloha</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry>
"#,
                amount = c.amount,
                r = c.bank_ref,
                vs = c.vs
            )
        })
        .collect();
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08"><BkToCstmrStmt>
<GrpHdr><MsgId>{id}-MSG</MsgId><CreDtTm>2026-12-04T20:00:00+01:00</CreDtTm></GrpHdr>
<Stmt><Id>{id}</Id><CreDtTm>2026-12-04T20:00:00+01:00</CreDtTm>
<Acct><Id><IBAN>SK3112000000198742637541</IBAN></Id><Ccy>EUR</Ccy></Acct>
{entries}</Stmt></BkToCstmrStmt></Document>"#
    )
}

/// Posts a statement file with `token`.
pub(crate) async fn import(app: &TestApp, token: &str, xml: &str) -> crate::helpers::Reply {
    let res = app
        .client
        .post(format!("{}/api/v1/bank-statements", app.base))
        .bearer_auth(token)
        .header("content-type", "application/xml")
        .body(xml.to_string())
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
    let body = res.json::<Value>().await.unwrap_or(Value::Null);
    crate::helpers::Reply {
        status,
        body,
        content_type,
    }
}

/// The bytes of a download, with its status and content type.
async fn bytes(app: &TestApp, token: &str, path: &str) -> (u16, String, Vec<u8>) {
    let res = app
        .client
        .get(format!("{}{path}", app.base))
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    let status = res.status().as_u16();
    let ct = res
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    (status, ct, res.bytes().await.unwrap().to_vec())
}

/// The text of the one QR code in a PNG.
fn read_qr(png_bytes: &[u8]) -> String {
    let decoder = png::Decoder::new(std::io::Cursor::new(png_bytes));
    let mut reader = decoder.read_info().expect("a PNG");
    let mut buf = vec![0; reader.output_buffer_size().expect("size")];
    let info = reader.next_frame(&mut buf).expect("a frame");
    let (w, h) = (info.width as usize, info.height as usize);
    let mut img = rqrr::PreparedImage::prepare_from_greyscale(w, h, |x, y| buf[y * w + x]);
    let grids = img.detect_grids();
    assert_eq!(grids.len(), 1, "one QR code in the image");
    grids[0].decode().expect("a readable QR code").1
}

fn clock<'a>(t: &'a Value, metric: &str) -> &'a Value {
    t["clocks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["metric"] == metric)
        .unwrap_or_else(|| panic!("no {metric} clock in {t}"))
}

async fn basic_smart_home_customer_prepays_by_pay_by_square_and_the_ticket_resumes(b: Backend) {
    let app = TestApp::spawn(b).await;
    let preset = podpora::presets::get("smart-home-integrator").unwrap();
    let r = app.post("/api/v1/catalogue", json!({"toml": preset})).await;
    assert_eq!(r.status, 201, "{}", r.body);
    supplier(&app).await;
    // A customer without a package: the basic service, paid work paid in advance (R-47).
    let (org, number) = customer_ticket(&app, "Rodina Kováčová", "SK").await;
    let t = app.get(&format!("/api/v1/tickets/{number}")).await;
    assert_eq!(clock(&t.body, "first_answer")["state"], "running");

    let p = app
        .post(
            &format!("/api/v1/tickets/{number}/prepayment"),
            json!({"amount": {"amount_minor": 24600, "currency": "EUR"}}),
        )
        .await;
    assert_eq!(p.status, 201, "{}", p.body);
    assert_eq!(p.body["ticket_status"], "waiting_for_payment");
    let req = &p.body["request"];
    assert_eq!(
        req["amount"],
        json!({"amount_minor": 24600, "currency": "EUR"})
    );
    assert_eq!(req["status"], "open");
    assert_eq!(req["qr_standard"], "pay_by_square");
    assert_eq!(req["organization_id"], org);
    assert_eq!(req["ticket_number"], number.as_str());
    assert_eq!(req["message"], format!("Záloha za zásah {number}"));
    let id = req["id"].as_i64().unwrap();
    let vs = req["variable_symbol"].as_str().unwrap().to_string();
    assert_eq!(vs.len(), 10, "{vs}");

    let t = app.get(&format!("/api/v1/tickets/{number}")).await;
    assert_eq!(t.body["status"], "waiting_for_payment");
    let paused = clock(&t.body, "first_answer");
    assert_eq!(paused["state"], "paused");
    assert!(paused["due_at"].is_null());
    let asked = app.history_of(&number, "payment_request").await;
    assert_eq!(asked.len(), 1);
    assert!(
        asked[0]["new_value"]
            .as_str()
            .unwrap()
            .contains("246.00 EUR"),
        "{asked:?}"
    );

    // The PAY by square code a Slovak bank app reads: read back from the image.
    let (status, ct, png) = bytes(
        &app,
        &app.token,
        &format!("/api/v1/payment-requests/{id}/qr.png"),
    )
    .await;
    assert_eq!((status, ct.as_str()), (200, "image/png"));
    let fields = podpora_payments::bysquare::decode(&read_qr(&png)).unwrap();
    assert_eq!(fields.amount, "246");
    assert_eq!(fields.currency, "EUR");
    assert_eq!(fields.variable_symbol, vs);
    assert_eq!(fields.iban, "SK3112000000198742637541");
    assert_eq!(fields.bic, "TATRSKBX");
    assert_eq!(fields.beneficiary, "Servis Novak s.r.o.");

    // The bank's statement with the payment: the request is paid and the ticket resumes.
    let xml = camt(
        "SK-2026-338",
        &[Credit {
            amount: "246.00",
            vs: &vs,
            bank_ref: "SK26120400001",
        }],
    );
    let s = import(&app, &app.token, &xml).await;
    assert_eq!(s.status, 201, "{}", s.body);
    assert_eq!(s.body["unchanged"], false);
    assert_eq!(s.body["credits"], 1);
    let e = &s.body["entries"][0];
    assert_eq!(e["outcome"], "paid");
    assert_eq!(e["payment_request_id"], id);
    assert_eq!(e["variable_symbol"], vs.as_str());
    assert_eq!(e["needs_person"], false);

    let r = app.get(&format!("/api/v1/payment-requests/{id}")).await;
    assert_eq!(r.body["status"], "paid");
    assert_eq!(r.body["remaining"]["amount_minor"], 0);
    assert!(r.body["paid_at"].is_string());
    let t = app.get(&format!("/api/v1/tickets/{number}")).await;
    assert_eq!(t.body["status"], "in_progress");
    assert_eq!(clock(&t.body, "first_answer")["state"], "running");
    let paid = app.history_of(&number, "payment").await;
    assert_eq!(paid.len(), 1);
    assert_eq!(
        paid[0]["new_value"],
        format!("246.00 EUR received, VS {vs}")
    );
    let status_changes = app.history_of(&number, "status").await;
    let last = status_changes.last().unwrap();
    assert_eq!(
        (&last["old_value"], &last["new_value"]),
        (&json!("waiting_for_payment"), &json!("in_progress"))
    );

    // The same file again: nothing changes.
    let history = app
        .get(&format!("/api/v1/tickets/{number}/history"))
        .await
        .body;
    let again = import(&app, &app.token, &xml).await;
    assert_eq!(again.status, 200, "{}", again.body);
    assert_eq!(again.body["unchanged"], true);
    assert_eq!(again.body["id"], s.body["id"]);
    assert_eq!(
        app.get(&format!("/api/v1/tickets/{number}/history"))
            .await
            .body,
        history
    );
    // Another file bringing the same entry: matched as imported before, nothing changes.
    let overlapping = camt(
        "SK-2026-339",
        &[Credit {
            amount: "246.00",
            vs: &vs,
            bank_ref: "SK26120400001",
        }],
    );
    let o = import(&app, &app.token, &overlapping).await;
    assert_eq!(o.status, 201, "{}", o.body);
    assert_eq!(o.body["already_imported"], 1);
    assert_eq!(o.body["entries"], json!([]));
    let r = app.get(&format!("/api/v1/payment-requests/{id}")).await;
    assert_eq!(r.body["received"]["amount_minor"], 24600);
    assert_eq!(r.body["status"], "paid");
    assert_eq!(app.history_of(&number, "payment").await.len(), 1);
}

async fn statement_credits_partial_over_and_unknown_wait_for_a_person(b: Backend) {
    let app = TestApp::spawn(b).await;
    supplier(&app).await;
    let (org, _) = customer_ticket(&app, "Byty Juh", "SK").await;
    let (cz_org, _) = customer_ticket(&app, "Pekárna Novotný", "CZ").await;
    let (at_org, _) = customer_ticket(&app, "Huber GmbH", "AT").await;
    let ask = |org: i64, minor: i64| {
        let app = &app;
        async move {
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
    };
    let a = ask(org, 10_000).await;
    let c = ask(cz_org, 5_000).await;
    let d = ask(at_org, 2_000).await;
    assert_eq!(a["qr_standard"], "pay_by_square");
    assert_eq!(c["qr_standard"], "spayd");
    assert_eq!(d["qr_standard"], "epc");
    assert_eq!(a["due_date"], "2099-12-31");
    let vs = |v: &Value| v["variable_symbol"].as_str().unwrap().to_string();
    let (va, vc, vd) = (vs(&a), vs(&c), vs(&d));
    let xml = camt(
        "SK-2026-340",
        &[
            Credit {
                amount: "40.00",
                vs: &va,
                bank_ref: "R1",
            },
            Credit {
                amount: "60.00",
                vs: &va,
                bank_ref: "R2",
            },
            Credit {
                amount: "80.00",
                vs: &vc,
                bank_ref: "R3",
            },
            Credit {
                amount: "5.00",
                vs: &vd,
                bank_ref: "R4",
            },
            Credit {
                amount: "9.99",
                vs: "999",
                bank_ref: "R5",
            },
        ],
    );
    let s = import(&app, &app.token, &xml).await;
    assert_eq!(s.status, 201, "{}", s.body);
    let outcomes: Vec<(&str, i64)> = s.body["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["outcome"].as_str().unwrap(),
                e["difference"]["amount_minor"].as_i64().unwrap(),
            )
        })
        .collect();
    // Two credits add up to the first request; the second request gets 30.00 too much, the
    // third 15.00 too little; 9.99 fits nothing.
    assert_eq!(
        outcomes,
        [
            ("partial", 6000),
            ("paid", 0),
            ("over", 3000),
            ("partial", 1500),
            ("unknown", 0)
        ]
    );
    let status = |v: &Value| v["status"].as_str().unwrap().to_string();
    let get = |id: &Value| {
        let path = format!("/api/v1/payment-requests/{id}");
        let app = &app;
        async move { app.get(&path).await }
    };
    assert_eq!(status(&get(&a["id"]).await.body), "paid");
    assert_eq!(status(&get(&c["id"]).await.body), "over");
    let d_now = get(&d["id"]).await.body;
    assert_eq!(status(&d_now), "partial");
    assert_eq!(d_now["remaining"]["amount_minor"], 1500);

    let u = app.get("/api/v1/bank-entries/unmatched").await;
    assert_eq!(u.status, 200, "{}", u.body);
    let listed: Vec<&str> = u
        .body
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["outcome"].as_str().unwrap())
        .collect();
    assert_eq!(listed, ["unknown", "partial", "over", "partial"]);
    let one = app
        .get(&format!("/api/v1/bank-statements/{}", s.body["id"]))
        .await;
    assert_eq!(one.body["entries"].as_array().unwrap().len(), 5);
    assert_eq!(
        app.get("/api/v1/bank-statements").await.body[0]["statement_ids"],
        "SK-2026-340"
    );

    // Not a statement: a clear error, nothing imported.
    let bad = import(&app, &app.token, "<Document>nothing</Document>").await;
    assert_eq!(bad.problem(422), ["statement"]);
    let bad = import(&app, &app.token, "{}").await;
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

async fn payments_are_for_billing_and_each_customer_sees_only_its_own(b: Backend) {
    let app = TestApp::spawn(b).await;
    // Before the supplier is set: a clear conflict naming what to do.
    let (org, number) = customer_ticket(&app, "Rodina Horváthová", "SK").await;
    let r = app
        .post(
            &format!("/api/v1/tickets/{number}/prepayment"),
            json!({"amount": {"amount_minor": 24600, "currency": "EUR"}}),
        )
        .await;
    r.problem(409);
    assert!(
        r.body["detail"]
            .as_str()
            .unwrap()
            .contains("/api/v1/supplier")
    );
    let bad = app
        .call(
            Method::PUT,
            "/api/v1/supplier",
            Some(
                json!({"name": "X", "street": "S 1", "city": "C", "postal_code": "1",
                        "country": "DE", "iban": "SK3112000000198742637542", "bic": "no"}),
            ),
        )
        .await;
    assert_eq!(bad.problem(422), ["country", "iban", "bic"]);
    supplier(&app).await;
    let bad = app
        .post(
            &format!("/api/v1/tickets/{number}/prepayment"),
            json!({"amount": {"amount_minor": 0, "currency": "USD"}, "due_date": "2001-01-01"}),
        )
        .await;
    assert_eq!(bad.problem(422), ["amount.currency", "due_date"]);
    let t = app.get(&format!("/api/v1/tickets/{number}")).await;
    assert_eq!(
        t.body["status"], "new",
        "a refused prepayment changes nothing"
    );

    let (other, _) = customer_ticket(&app, "Iná Firma", "SK").await;
    let mine = app.org_key(org).await;
    let theirs = app.org_key(other).await;
    let (_, billing) = app
        .agent_token("fakturacia@podpora.test", &["billing"], &[])
        .await;
    let (_, tech) = app
        .agent_token("technik@podpora.test", &["technician"], &[])
        .await;

    let r = app
        .call_as(
            Some(&billing),
            Method::POST,
            "/api/v1/payment-requests",
            Some(json!({"organization_id": org, "amount": {"amount_minor": 12300, "currency": "EUR"}})),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.body);
    let id = r.body["id"].as_i64().unwrap();
    assert_eq!(r.body["message"], "Úhrada za servis");
    let path = format!("/api/v1/payment-requests/{id}");
    let r = app
        .call_as(
            Some(&tech),
            Method::POST,
            "/api/v1/payment-requests",
            Some(
                json!({"organization_id": org, "amount": {"amount_minor": 100, "currency": "EUR"}}),
            ),
        )
        .await;
    r.problem(403);
    assert_eq!(
        app.call_as(Some(&mine), Method::GET, &path, None)
            .await
            .status,
        200
    );
    assert_eq!(
        app.call_as(Some(&theirs), Method::GET, &path, None)
            .await
            .status,
        404
    );
    let (status, _, _) = bytes(&app, &theirs, &format!("{path}/qr.png")).await;
    assert_eq!(status, 404);
    let (status, ct, _) = bytes(&app, &mine, &format!("{path}/qr.png")).await;
    assert_eq!((status, ct.as_str()), (200, "image/png"));
    let list = app
        .call_as(Some(&theirs), Method::GET, "/api/v1/payment-requests", None)
        .await;
    assert_eq!(list.body, json!([]));
    let list = app
        .call_as(Some(&mine), Method::GET, "/api/v1/payment-requests", None)
        .await;
    assert_eq!(list.body.as_array().unwrap().len(), 1);

    let xml = camt("X-1", &[]);
    import(&app, &mine, &xml).await.problem(403);
    import(&app, &tech, &xml).await.problem(403);
    assert_eq!(import(&app, &billing, &xml).await.status, 201);
    let u = app
        .call_as(
            Some(&mine),
            Method::GET,
            "/api/v1/bank-entries/unmatched",
            None,
        )
        .await;
    u.problem(403);
}

fn schemas() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/schemas")
}

/// Validates `xml` against an XSD of `../shared/schemas` with xmllint.
fn xmllint(xsd: &str, name: &str, xml: &[u8]) {
    let file = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    std::fs::write(&file, xml).unwrap();
    let out = Command::new("xmllint")
        .args(["--noout", "--nonet", "--schema"])
        .arg(schemas().join(xsd))
        .arg(&file)
        .output()
        .expect("xmllint (Debian package libxml2-utils) must be installed");
    assert!(
        out.status.success(),
        "{name} does not validate: {}\n{}",
        String::from_utf8_lossy(&out.stderr),
        String::from_utf8_lossy(xml)
    );
}

const LIST_000: &str = r#"currency = "EUR"
[[rates]]
kind = "on_site"
per_hour = "50.00"
rounding = "started_hour"
[[fees]]
fee = "visit"
amount = "100.00"
"#;

async fn a_month_is_invoiced_once_numbered_without_gaps_and_credited(b: Backend) {
    let app = TestApp::spawn(b).await;
    let r = app
        .call(
            Method::PUT,
            "/api/v1/price-lists/service",
            Some(json!({"name": "Servis", "vat_country": "SK", "default": true, "toml": LIST_000})),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    supplier(&app).await;
    let r = app.get("/api/v1/supplier").await;
    let mut s = r.body.clone();
    s["invoice_prefix"] = json!("FV");
    let r = app.call(Method::PUT, "/api/v1/supplier", Some(s)).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let o = app
        .post(
            "/api/v1/organizations",
            json!({"name": "Byty Juh s.r.o.", "country": "SK", "ico": "46123458",
                   "vat_id": "SK2120000003", "address": "Južná trieda 4, 040 01 Košice"}),
        )
        .await;
    assert_eq!(o.status, 201, "{}", o.body);
    let org = o.body["id"].as_i64().unwrap();
    let c = app
        .post(
            "/api/v1/contacts",
            json!({"organization_id": org, "name": "Eva Juhová", "emails": ["eva@bytyjuh.example"]}),
        )
        .await;
    let t = app
        .post(
            "/api/v1/tickets",
            json!({"subject": "Nefunguje osvetlenie", "description": "Svetlá v chodbe nesvietia.",
                   "requester_id": c.body["id"]}),
        )
        .await;
    let number = t.body["number"].as_str().unwrap().to_string();
    let e = app
        .post(
            &format!("/api/v1/tickets/{number}/time-entries"),
            json!({"kind": "on_site", "start": "2026-11-10T08:00:00Z", "end": "2026-11-10T09:15:00Z", "visits": 1}),
        )
        .await;
    assert_eq!(e.status, 201, "{}", e.body);
    let entry = e.body["id"].as_i64().unwrap();

    let empty = app
        .post(
            &format!("/api/v1/organizations/{org}/invoices"),
            json!({"month": "2026-10"}),
        )
        .await;
    empty.problem(409);
    let i = app
        .post(
            &format!("/api/v1/organizations/{org}/invoices"),
            json!({"month": "2026-11"}),
        )
        .await;
    assert_eq!(i.status, 201, "{}", i.body);
    let year = jiff::Zoned::now().year();
    assert_eq!(i.body["number"], format!("FV{year}00001"));
    assert_eq!(i.body["kind"], "invoice");
    assert_eq!(i.body["period"], "2026-11");
    let m = |v: &Value| v["amount_minor"].as_i64().unwrap();
    assert_eq!(
        [m(&i.body["net"]), m(&i.body["vat"]), m(&i.body["total"])],
        [20_000, 4_600, 24_600]
    );
    let id = i.body["id"].as_i64().unwrap();
    // The invoice's payment request carries the invoice number as variable symbol.
    let pr = app
        .get(&format!(
            "/api/v1/payment-requests/{}",
            i.body["payment_request_id"]
        ))
        .await;
    assert_eq!(pr.body["variable_symbol"], format!("{year}00001"));
    assert_eq!(m(&pr.body["amount"]), 24_600);
    // Invoiced time stays as it was.
    let edit = app
        .patch(
            &format!("/api/v1/tickets/{number}/time-entries/{entry}"),
            json!({"minutes": 10, "reason": "oprava"}),
        )
        .await;
    edit.problem(409);
    // A month is invoiced once.
    let again = app
        .post(
            &format!("/api/v1/organizations/{org}/invoices"),
            json!({"month": "2026-11"}),
        )
        .await;
    again.problem(409);
    assert!(
        again.body["detail"]
            .as_str()
            .unwrap()
            .contains(&format!("FV{year}00001"))
    );

    let (status, ct, isdoc) =
        bytes(&app, &app.token, &format!("/api/v1/invoices/{id}.isdoc")).await;
    assert_eq!(status, 200, "{}", String::from_utf8_lossy(&isdoc));
    assert!(ct.starts_with("application/xml"), "{ct}");
    xmllint(
        "isdoc-6.0.2/isdoc-invoice-6.0.2.xsd",
        &format!("{b:?}-invoice.isdoc"),
        &isdoc,
    );
    let (status, _, ubl) = bytes(&app, &app.token, &format!("/api/v1/invoices/{id}.ubl.xml")).await;
    assert_eq!(status, 200, "{}", String::from_utf8_lossy(&ubl));
    xmllint(
        "ubl-2.1/maindoc/UBL-Invoice-2.1.xsd",
        &format!("{b:?}-invoice.ubl.xml"),
        &ubl,
    );
    assert!(String::from_utf8_lossy(&ubl).contains("246.00"));
    let (status, _, _) = bytes(&app, &app.token, &format!("/api/v1/invoices/{id}.pdf")).await;
    assert_eq!(status, 404);

    // The customer reads its own invoice; another customer does not.
    let mine = app.org_key(org).await;
    let (other, _) = customer_ticket(&app, "Iná Firma", "SK").await;
    let theirs = app.org_key(other).await;
    let (status, _, same) = bytes(&app, &mine, &format!("/api/v1/invoices/{id}.ubl.xml")).await;
    assert_eq!(
        (status, same == ubl),
        (200, true),
        "the same file every time"
    );
    let (status, _, _) = bytes(&app, &theirs, &format!("/api/v1/invoices/{id}.isdoc")).await;
    assert_eq!(status, 404);
    let list = app
        .call_as(Some(&theirs), Method::GET, "/api/v1/invoices", None)
        .await;
    assert_eq!(list.body, json!([]));

    // A credit note takes it back and refers to it; the month may then be invoiced again, and
    // the series has no gap.
    let bad = app
        .post(
            &format!("/api/v1/invoices/{id}/credit-note"),
            json!({"reason": " "}),
        )
        .await;
    assert_eq!(bad.problem(422), ["reason"]);
    let cn = app
        .post(
            &format!("/api/v1/invoices/{id}/credit-note"),
            json!({"reason": "Chybná sadzba"}),
        )
        .await;
    assert_eq!(cn.status, 201, "{}", cn.body);
    assert_eq!(cn.body["number"], format!("FV{year}00002"));
    assert_eq!(cn.body["kind"], "credit_note");
    assert_eq!(cn.body["corrects_id"], id);
    let cn_id = cn.body["id"].as_i64().unwrap();
    let (status, _, ubl) = bytes(
        &app,
        &app.token,
        &format!("/api/v1/invoices/{cn_id}.ubl.xml"),
    )
    .await;
    assert_eq!(status, 200);
    xmllint(
        "ubl-2.1/maindoc/UBL-CreditNote-2.1.xsd",
        &format!("{b:?}-credit.ubl.xml"),
        &ubl,
    );
    assert!(String::from_utf8_lossy(&ubl).contains(&format!("FV{year}00001")));
    let (status, _, isdoc) =
        bytes(&app, &app.token, &format!("/api/v1/invoices/{cn_id}.isdoc")).await;
    assert_eq!(status, 200);
    xmllint(
        "isdoc-6.0.2/isdoc-invoice-6.0.2.xsd",
        &format!("{b:?}-credit.isdoc"),
        &isdoc,
    );
    app.post(
        &format!("/api/v1/invoices/{id}/credit-note"),
        json!({"reason": "znova"}),
    )
    .await
    .problem(409);
    let re = app
        .post(
            &format!("/api/v1/organizations/{org}/invoices"),
            json!({"month": "2026-11"}),
        )
        .await;
    assert_eq!(re.status, 201, "{}", re.body);
    assert_eq!(re.body["number"], format!("FV{year}00003"));
    let all = app.get("/api/v1/invoices").await;
    assert_eq!(all.body.as_array().unwrap().len(), 3);

    // The export for accounting: a row per document and VAT rate, a credit note negative.
    let (status, ct, csv) = bytes(&app, &app.token, "/api/v1/accounting/invoices.csv").await;
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
    assert_eq!(rows.len(), 3, "{}", String::from_utf8_lossy(&csv));
    let field = |i: usize, k: &str| rows[i][k].clone();
    assert_eq!(field(0, "number"), format!("FV{year}00001"));
    assert_eq!(
        [
            field(0, "kind"),
            field(0, "customer"),
            field(0, "customer_ico"),
            field(0, "customer_vat_id")
        ],
        ["invoice", "Byty Juh s.r.o.", "46123458", "SK2120000003"]
    );
    assert_eq!(
        [
            field(0, "currency"),
            field(0, "vat_rate"),
            field(0, "base"),
            field(0, "vat"),
            field(0, "document_total")
        ],
        ["EUR", "23", "200.00", "46.00", "246.00"]
    );
    assert_eq!(field(0, "variable_symbol"), format!("{year}00001"));
    assert_eq!(field(0, "period"), "2026-11");
    assert_eq!(
        [
            field(1, "kind"),
            field(1, "corrects"),
            field(1, "base"),
            field(1, "vat"),
            field(1, "document_total")
        ],
        [
            "credit_note".to_string(),
            format!("FV{year}00001"),
            "-200.00".into(),
            "-46.00".into(),
            "-246.00".into()
        ]
    );
    assert_eq!(field(2, "number"), format!("FV{year}00003"));
    // A period without documents has the header only; a bad date says how to write it.
    let (status, _, empty) = bytes(
        &app,
        &app.token,
        "/api/v1/accounting/invoices.csv?from=2000-01-01&to=2000-12-31",
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(String::from_utf8_lossy(&empty).lines().count(), 1);
    let bad = app
        .get("/api/v1/accounting/invoices.csv?from=1.11.2026")
        .await;
    assert_eq!(bad.problem(422), ["from"]);
    let reversed = app
        .get("/api/v1/accounting/invoices.csv?from=2026-12-01&to=2026-11-01")
        .await;
    assert_eq!(reversed.problem(422), ["to"]);
    let (status, _, _) = bytes(&app, &mine, "/api/v1/accounting/invoices.csv").await;
    assert_eq!(status, 403, "customers do not export the supplier's books");
}
