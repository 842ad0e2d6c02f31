//! Invoice PDFs and the invoice mail through the API, checked with Debian's tools: `pdftotext`
//! finds the number, totals, VAT per rate and the customer's ids in each language, `pdftoppm`
//! saves the page under `target/invoices/`, and `zbarimg` reads the payment QR code on it back
//! to the payload the payments crate makes. The invoice mail parses with both attachments, and
//! its e-invoice validates with xmllint. The Czech story: a `business-software` customer in
//! CZK, QR Platba, ISDOC, paid by a camt.053 statement.

use crate::helpers::TestApp;
use mail_parser::MimeHeaders;
use podpora_testkit::Backend;
use reqwest::Method;
use serde_json::{Value, json};
use std::path::{Path, PathBuf};
use std::process::Command;

crate::on_both!(
    each_language_gets_a_pdf_with_ids_totals_vat_and_a_readable_qr_code,
    czech_business_software_customer_is_invoiced_in_czk_mailed_and_paid,
);

pub(crate) const LIST_SK: &str = r#"currency = "EUR"
[[rates]]
kind = "on_site"
per_hour = "50.00"
rounding = "started_hour"
[[fees]]
fee = "visit"
amount = "100.00"
"#;

/// Where the rendered pages are kept for a person to look at.
pub(crate) fn out_dir() -> PathBuf {
    let d = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/invoices");
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn run(cmd: &mut Command, what: &str) -> Vec<u8> {
    let out = cmd
        .output()
        .unwrap_or_else(|e| panic!("{what} must be installed (scripts/test.sh installs it): {e}"));
    assert!(
        out.status.success(),
        "{what} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

/// The PDF's text as pdftotext reads it, with runs of spaces made one.
pub(crate) fn pdf_text(pdf: &Path) -> String {
    let raw = run(
        Command::new("pdftotext").arg(pdf).arg("-"),
        "pdftotext (poppler-utils)",
    );
    String::from_utf8(raw)
        .unwrap()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The first page as a PNG beside the PDF; the text of the QR code on it.
fn page_qr(pdf: &Path) -> String {
    let stem = pdf.with_extension("");
    run(
        Command::new("pdftoppm")
            .args(["-png", "-r", "150", "-f", "1", "-l", "1", "-singlefile"])
            .arg(pdf)
            .arg(&stem),
        "pdftoppm (poppler-utils)",
    );
    let png = stem.with_extension("png");
    assert!(png.exists(), "{} was rendered", png.display());
    // Binary: the bytes as encoded (UTF-8 for EPC), not zbar's guess at a legacy charset.
    let raw = run(
        Command::new("zbarimg")
            .args([
                "--raw",
                "-q",
                "-Sdisable",
                "-Sqrcode.enable",
                "-Sqrcode.binary",
            ])
            .arg(&png),
        "zbarimg (zbar-tools)",
    );
    String::from_utf8(raw)
        .unwrap()
        .trim_end_matches('\n')
        .to_string()
}

/// The bytes of a download with its status and content type.
pub(crate) async fn bytes(app: &TestApp, token: &str, path: &str) -> (u16, String, Vec<u8>) {
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

/// The payload the payments crate makes for a request as the API shows it.
fn expected_payload(r: &Value, country: &str) -> String {
    use podpora_payments::{Beneficiary, Bic, Iban, PaymentRequest, VariableSymbol};
    let currency =
        podpora_billing::Currency::parse(r["amount"]["currency"].as_str().unwrap()).unwrap();
    let req = PaymentRequest {
        amount: podpora_billing::Money::from_minor(
            r["amount"]["amount_minor"].as_i64().unwrap(),
            currency,
        ),
        beneficiary: Beneficiary {
            name: r["beneficiary"].as_str().unwrap().into(),
            iban: Iban::parse(r["iban"].as_str().unwrap()).unwrap(),
            bic: r["bic"].as_str().and_then(|b| Bic::parse(b).ok()),
        },
        variable_symbol: r["variable_symbol"]
            .as_str()
            .and_then(|v| VariableSymbol::parse(v).ok()),
        reference: r["reference"].as_str().map(str::to_string),
        due: r["due_date"].as_str().unwrap().parse().unwrap(),
        message: r["message"].as_str().unwrap().into(),
    };
    let standard = podpora_payments::qr_standard(country, currency).unwrap();
    podpora_payments::qr::payload(standard, &req).unwrap()
}

fn schemas() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/schemas")
}

pub(crate) fn xmllint(xsd: &str, name: &str, xml: &[u8]) {
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
        "{name} does not validate: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The invoice mails in the outbox, parsed, newest last.
pub(crate) async fn invoice_mails(app: &TestApp) -> Vec<(Value, mail_parser::Message<'static>)> {
    let list = app.get("/api/v1/mail/outbox").await;
    assert_eq!(list.status, 200, "{}", list.body);
    let mut out = Vec::new();
    for m in list.body.as_array().unwrap().iter().rev() {
        if m["purpose"] != "invoice" {
            continue;
        }
        let mut tx = app.app.db.read().await.unwrap();
        let (_, raw) = podpora_store::repo::mail::outbox_raw(&mut tx, m["id"].as_i64().unwrap())
            .await
            .unwrap();
        drop(tx);
        let parsed = mail_parser::MessageParser::default()
            .parse(&raw)
            .expect("the invoice mail parses")
            .into_owned();
        out.push((m.clone(), parsed));
    }
    out
}

/// An organization with a contact and a month of billed work; returns (organization, contact address).
pub(crate) async fn billed_customer(app: &TestApp, org: Value, email: &str, entry: Value) -> i64 {
    let o = app.post("/api/v1/organizations", org).await;
    assert_eq!(o.status, 201, "{}", o.body);
    let id = o.body["id"].as_i64().unwrap();
    let c = app
        .post(
            "/api/v1/contacts",
            json!({"organization_id": id, "name": "Účtáreň", "emails": [email]}),
        )
        .await;
    assert_eq!(c.status, 201, "{}", c.body);
    let t = app
        .post(
            "/api/v1/tickets",
            json!({"subject": "Servis", "description": "Prosím o servis.", "requester_id": c.body["id"]}),
        )
        .await;
    assert_eq!(t.status, 201, "{}", t.body);
    let number = t.body["number"].as_str().unwrap();
    let e = app
        .post(&format!("/api/v1/tickets/{number}/time-entries"), entry)
        .await;
    assert_eq!(e.status, 201, "{}", e.body);
    id
}

async fn each_language_gets_a_pdf_with_ids_totals_vat_and_a_readable_qr_code(b: Backend) {
    let app = TestApp::spawn(b).await;
    let r = app
        .call(
            Method::PUT,
            "/api/v1/price-lists/service",
            Some(json!({"name": "Servis", "vat_country": "SK", "default": true, "toml": LIST_SK})),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    crate::payments::supplier(&app).await;
    let dir = out_dir();
    // (language, country, ids, what pdftotext must find in that language)
    let cases = [
        (
            "sk",
            "SK",
            json!({"ico": "46123458", "vat_id": "SK2120000003"}),
            vec![
                "Faktúra",
                "ODBERATEĽ",
                "IČO: 46123458",
                "IČ DPH: SK2120000003",
                "200,00 EUR",
                "46,00 EUR",
                "246,00 EUR",
                "23 %",
                "Rekapitulácia DPH",
                "PAY by square",
            ],
        ),
        (
            "cs",
            "CZ",
            json!({"ico": "27082440", "vat_id": "CZ27082440"}),
            vec![
                "Faktura",
                "ODBĚRATEL",
                "IČO: 27082440",
                "DIČ: CZ27082440",
                "200,00 EUR",
                "46,00 EUR",
                "246,00 EUR",
                "23 %",
                "Datum zdanitelného plnění",
                "QR Platba",
            ],
        ),
        (
            "pl",
            "PL",
            json!({"nip": "8567346215", "vat_id": "PL8567346215"}),
            vec![
                "Faktura",
                "NABYWCA",
                "NIP: 8567346215",
                "NIP UE: PL8567346215",
                "200,00 EUR",
                "46,00 EUR",
                "246,00 EUR",
                "23 %",
                "Do zapłaty",
                "EPC QR",
            ],
        ),
        (
            "en",
            "AT",
            json!({"vat_id": "ATU13585627"}),
            vec![
                "Invoice",
                "CUSTOMER",
                "VAT: ATU13585627",
                "200.00 EUR",
                "46.00 EUR",
                "246.00 EUR",
                "23 %",
                "Total to pay",
                "EPC QR",
            ],
        ),
    ];
    for (lang, country, ids, expected) in cases {
        let mut org = json!({"name": format!("Zákazník {lang} s.r.o."), "country": country, "language": lang,
                             "address": "Hlavná 1, 040 01 Košice"});
        for (k, v) in ids.as_object().unwrap() {
            org[k] = v.clone();
        }
        let email = format!("uctaren-{lang}@zakaznik.example");
        let id = billed_customer(
            &app,
            org,
            &email,
            json!({"kind": "on_site", "start": "2026-11-10T08:00:00Z", "end": "2026-11-10T09:15:00Z", "visits": 1}),
        )
        .await;
        let i = app
            .post(
                &format!("/api/v1/organizations/{id}/invoices"),
                json!({"month": "2026-11"}),
            )
            .await;
        assert_eq!(i.status, 201, "{lang}: {}", i.body);
        let number = i.body["number"].as_str().unwrap().to_string();
        let invoice = i.body["id"].as_i64().unwrap();
        let (status, ct, pdf) =
            bytes(&app, &app.token, &format!("/api/v1/invoices/{invoice}/pdf")).await;
        assert_eq!(
            (status, ct.as_str()),
            (200, "application/pdf"),
            "{}",
            String::from_utf8_lossy(&pdf)
        );
        let file = dir.join(format!("{b:?}-{lang}-{number}.pdf").to_lowercase());
        std::fs::write(&file, &pdf).unwrap();
        let text = pdf_text(&file);
        assert!(text.contains(&number), "{lang}: the number in {text}");
        let vs = number.clone();
        assert!(text.contains(&vs), "{lang}: the variable symbol");
        for e in expected {
            assert!(text.contains(e), "{lang}: {e:?} is not in {text}");
        }
        // The QR code on the page is the invoice's payment request, in the customer's standard.
        let request = app
            .get(&format!(
                "/api/v1/payment-requests/{}",
                i.body["payment_request_id"]
            ))
            .await;
        let decoded = page_qr(&file);
        assert_eq!(decoded, expected_payload(&request.body, country), "{lang}");
        if country == "SK" {
            let f = podpora_payments::bysquare::decode(&decoded).unwrap();
            assert_eq!((f.amount.as_str(), f.currency.as_str()), ("246", "EUR"));
            assert_eq!(f.variable_symbol, vs);
            assert_eq!(f.iban, "SK3112000000198742637541");
        } else if country == "CZ" {
            assert!(decoded.contains("*AM:246.00*CC:EUR*"), "{decoded}");
            assert!(decoded.contains(&format!("*X-VS:{vs}*")), "{decoded}");
        } else {
            let lines: Vec<&str> = decoded.lines().collect();
            assert_eq!(lines[0], "BCD", "{decoded}");
            assert!(lines.contains(&"EUR246.00"), "{decoded}");
            assert!(lines.contains(&"SK3112000000198742637541"), "{decoded}");
        }
        // The customer downloads the same PDF from the API with its key; another does not.
        let key = app.org_key(id).await;
        let (status, _, mine) = bytes(&app, &key, &format!("/api/v1/invoices/{invoice}/pdf")).await;
        assert_eq!((status, mine.len() > 1000), (200, true));

        // The invoice mail: in the customer's language, with the PDF and the e-invoice.
        let mails = invoice_mails(&app).await;
        let (meta, mail) = mails.last().expect("issuing mailed the invoice");
        assert_eq!(meta["recipient"], email.as_str());
        assert!(
            meta["subject"].as_str().unwrap().ends_with(&number),
            "{meta}"
        );
        let names: Vec<String> = mail
            .attachments()
            .map(|a| a.attachment_name().unwrap_or_default().to_string())
            .collect();
        let einvoice = if country == "CZ" {
            format!("{number}.isdoc")
        } else {
            format!("{number}.ubl.xml")
        };
        assert_eq!(names, [format!("{number}.pdf"), einvoice.clone()], "{lang}");
        let body = mail.body_text(0).unwrap_or_default().to_string();
        let greeting = match lang {
            "sk" => "Dobrý deň",
            "cs" => "Dobrý den",
            "pl" => "Dzień dobry",
            _ => "Hello",
        };
        assert!(
            body.contains(greeting) && body.contains(&number),
            "{lang}: {body}"
        );
        let attached: Vec<&[u8]> = mail.attachments().map(|a| a.contents()).collect();
        assert!(attached[0].starts_with(b"%PDF-"));
        if country == "CZ" {
            xmllint(
                "isdoc-6.0.2/isdoc-invoice-6.0.2.xsd",
                &format!("{b:?}-{lang}-mail.isdoc"),
                attached[1],
            );
        } else {
            xmllint(
                "ubl-2.1/maindoc/UBL-Invoice-2.1.xsd",
                &format!("{b:?}-{lang}-mail.ubl.xml"),
                attached[1],
            );
        }
    }
    // Sent again on request, to another address; a bad address is refused and nothing is queued.
    let invoices = app.get("/api/v1/invoices").await;
    let first = invoices.body.as_array().unwrap().last().unwrap()["id"]
        .as_i64()
        .unwrap();
    let before = invoice_mails(&app).await.len();
    let bad = app
        .post(
            &format!("/api/v1/invoices/{first}/send"),
            json!({"to": "nie adresa"}),
        )
        .await;
    assert_eq!(bad.problem(422), ["to"]);
    let s = app
        .post(
            &format!("/api/v1/invoices/{first}/send"),
            json!({"to": "archiv@byty.example"}),
        )
        .await;
    assert_eq!(s.status, 202, "{}", s.body);
    assert_eq!(s.body["to"], "archiv@byty.example");
    assert_eq!(s.body["files"].as_array().unwrap().len(), 2);
    assert_eq!(invoice_mails(&app).await.len(), before + 1);
    let (status, _, _) = bytes(&app, &app.token, "/api/v1/invoices/999999/pdf").await;
    assert_eq!(status, 404);
}

/// A camt.053 statement of a Czech account crediting `amount` CZK with variable symbol `vs`.
fn camt_czk(id: &str, amount: &str, vs: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08"><BkToCstmrStmt>
<GrpHdr><MsgId>{id}-MSG</MsgId><CreDtTm>2026-12-04T20:00:00+01:00</CreDtTm></GrpHdr>
<Stmt><Id>{id}</Id><CreDtTm>2026-12-04T20:00:00+01:00</CreDtTm>
<Acct><Id><IBAN>CZ6508000000192000145399</IBAN></Id><Ccy>CZK</Ccy></Acct>
<Ntry><Amt Ccy="CZK">{amount}</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts>
<BookgDt><Dt>2026-12-04</Dt></BookgDt><ValDt><Dt>2026-12-04</Dt></ValDt><AcctSvcrRef>CZ-REF-1</AcctSvcrRef>
<BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>RCDT</Cd><SubFmlyCd>DMCT</SubFmlyCd></Fmly></Domn></BkTxCd>
<NtryDtls><TxDtls><Refs><EndToEndId>/VS{vs}/SS/KS0308</EndToEndId></Refs><RltdPties><Dbtr><Pty><Nm>Pekarna Novotny s.r.o.</Nm></Pty></Dbtr>
<DbtrAcct><Id><IBAN>CZ5508000000001234567899</IBAN></Id></DbtrAcct></RltdPties><RmtInf><Ustrd>Faktura</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry>
</Stmt></BkToCstmrStmt></Document>"#
    )
}

async fn czech_business_software_customer_is_invoiced_in_czk_mailed_and_paid(b: Backend) {
    let app = TestApp::spawn(b).await;
    let preset = podpora::presets::get("business-software").unwrap();
    let r = app.post("/api/v1/catalogue", json!({"toml": preset})).await;
    assert_eq!(r.status, 201, "{}", r.body);
    let r = app
        .call(
            Method::PUT,
            "/api/v1/supplier",
            Some(json!({
                "name": "Novák IT s.r.o.", "street": "Václavské náměstí 1", "city": "Praha",
                "postal_code": "11000", "country": "CZ", "ico": "27082440", "vat_id": "CZ27082440",
                "email": "faktury@novak-it.example", "iban": "CZ65 0800 0000 1920 0014 5399",
                "bic": "GIBACZPX", "invoice_prefix": "FV"
            })),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    // 45 minutes of remote support for a one-off customer: 1,200 CZK an hour by the minute.
    let org = billed_customer(
        &app,
        json!({"name": "Pekárna Novotný s.r.o.", "country": "CZ", "language": "cs", "ico": "25596641",
               "vat_id": "CZ25596641", "address": "Dlouhá 5, 110 00 Praha"}),
        "ucetni@pekarna.example",
        json!({"kind": "remote", "start": "2026-11-12T09:00:00Z", "end": "2026-11-12T09:45:00Z"}),
    )
    .await;
    let i = app
        .post(
            &format!("/api/v1/organizations/{org}/invoices"),
            json!({"month": "2026-11"}),
        )
        .await;
    assert_eq!(i.status, 201, "{}", i.body);
    let m = |v: &Value| {
        (
            v["amount_minor"].as_i64().unwrap(),
            v["currency"].as_str().unwrap().to_string(),
        )
    };
    assert_eq!(m(&i.body["net"]), (90_000, "CZK".into()));
    assert_eq!(m(&i.body["vat"]), (18_900, "CZK".into()), "21 % VAT");
    assert_eq!(m(&i.body["total"]), (108_900, "CZK".into()));
    let number = i.body["number"].as_str().unwrap().to_string();
    let id = i.body["id"].as_i64().unwrap();

    // The PDF in Czech with the QR Platba code of the invoice's payment request.
    let (status, _, pdf) = bytes(&app, &app.token, &format!("/api/v1/invoices/{id}/pdf")).await;
    assert_eq!(status, 200);
    let file = out_dir().join(format!("{b:?}-czech-story-{number}.pdf").to_lowercase());
    std::fs::write(&file, &pdf).unwrap();
    let text = pdf_text(&file);
    for e in [
        "Faktura",
        &number,
        "900,00 CZK",
        "189,00 CZK",
        "1 089,00 CZK",
        "21 %",
        "IČO: 25596641",
        "DIČ: CZ25596641",
        "IČO: 27082440",
        "CZ65 0800 0000 1920 0014 5399",
    ] {
        assert!(text.contains(e), "{e:?} is not in {text}");
    }
    let request = app
        .get(&format!(
            "/api/v1/payment-requests/{}",
            i.body["payment_request_id"]
        ))
        .await;
    assert_eq!(request.body["qr_standard"], "spayd");
    let decoded = page_qr(&file);
    assert_eq!(decoded, expected_payload(&request.body, "CZ"));
    let vs = request.body["variable_symbol"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        decoded.starts_with("SPD*1.0*ACC:CZ6508000000192000145399+GIBACZPX*AM:1089.00*CC:CZK*"),
        "{decoded}"
    );
    assert!(decoded.contains(&format!("*X-VS:{vs}*")), "{decoded}");

    // ISDOC downloaded and mailed, both valid.
    let (status, _, isdoc) = bytes(&app, &app.token, &format!("/api/v1/invoices/{id}.isdoc")).await;
    assert_eq!(status, 200);
    xmllint(
        "isdoc-6.0.2/isdoc-invoice-6.0.2.xsd",
        &format!("{b:?}-czech.isdoc"),
        &isdoc,
    );
    let mails = invoice_mails(&app).await;
    assert_eq!(mails.len(), 1);
    let (meta, mail) = &mails[0];
    assert_eq!(meta["recipient"], "ucetni@pekarna.example");
    assert_eq!(meta["subject"], format!("Faktura {number}"));
    let files: Vec<(String, Vec<u8>)> = mail
        .attachments()
        .map(|a| {
            (
                a.attachment_name().unwrap_or_default().to_string(),
                a.contents().to_vec(),
            )
        })
        .collect();
    assert_eq!(files.len(), 2);
    assert_eq!(files[0].0, format!("{number}.pdf"));
    assert_eq!(files[1].0, format!("{number}.isdoc"));
    assert_eq!(files[1].1, isdoc, "the mailed ISDOC is the downloaded one");
    xmllint(
        "isdoc-6.0.2/isdoc-invoice-6.0.2.xsd",
        &format!("{b:?}-czech-mail.isdoc"),
        &files[1].1,
    );
    let body = mail.body_text(0).unwrap().to_string();
    assert!(
        body.contains("Dobrý den") && body.contains("1 089,00 CZK") && body.contains(&vs),
        "{body}"
    );

    // The bank's statement pays it: the invoice's payment request is matched and paid.
    let s =
        crate::payments::import(&app, &app.token, &camt_czk("CZ-2026-77", "1089.00", &vs)).await;
    assert_eq!(s.status, 201, "{}", s.body);
    assert_eq!(s.body["entries"][0]["outcome"], "paid", "{}", s.body);
    assert_eq!(
        s.body["entries"][0]["payment_request_id"],
        i.body["payment_request_id"]
    );
    let paid = app
        .get(&format!(
            "/api/v1/payment-requests/{}",
            i.body["payment_request_id"]
        ))
        .await;
    assert_eq!(paid.body["status"], "paid");
    assert_eq!(paid.body["remaining"]["amount_minor"], 0);
}
