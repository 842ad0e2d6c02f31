//! Prepared answers through the API: managed by dispatchers and administrators with their
//! placeholders checked, read by agents, never by customers, and filled in for a ticket in its
//! customer's language.

use crate::helpers::TestApp;
use podpora_testkit::Backend;
use reqwest::Method;
use serde_json::json;

crate::on_both!(
    prepared_answers_are_checked_kept_per_language_and_filled_for_a_ticket,
    only_dispatchers_and_administrators_change_prepared_answers,
);

const GREETING_SK: &str = "Dobrý deň {contact_name},\n\nk požiadavke {ticket_number} ({ticket_subject}): \
reštartujte zariadenie.\n\nS pozdravom {agent_name}, {organization_name} {bez zmeny}";

async fn prepared_answers_are_checked_kept_per_language_and_filled_for_a_ticket(b: Backend) {
    let app = TestApp::spawn(b).await;
    let sk = app
        .post(
            "/api/v1/prepared-answers",
            json!({"name": "Reštart", "language": "sk", "body": GREETING_SK}),
        )
        .await;
    assert_eq!(sk.status, 201, "{}", sk.body);
    assert_eq!(sk.body["language"], "sk");
    let id = sk.body["id"].as_i64().unwrap();

    // A typo in a placeholder, a second answer of the same name and language, an unknown
    // language and an empty text are refused, each naming its field, and nothing is written.
    let before = app.counts().await;
    let typo = app
        .post(
            "/api/v1/prepared-answers",
            json!({"name": "Iné", "language": "sk", "body": "Dobrý deň {kontakt}"}),
        )
        .await;
    assert_eq!(typo.problem(422), ["body"]);
    assert!(
        typo.body["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("{kontakt}")
    );
    let twice = app
        .post(
            "/api/v1/prepared-answers",
            json!({"name": "Reštart", "language": "sk", "body": "Iný text"}),
        )
        .await;
    assert_eq!(twice.problem(422), ["name"]);
    let bad = app
        .post(
            "/api/v1/prepared-answers",
            json!({"name": "Neustart", "language": "de", "body": " "}),
        )
        .await;
    assert_eq!(bad.problem(422), ["language", "body"]);
    assert_eq!(app.counts().await, before);

    let en = app
        .post(
            "/api/v1/prepared-answers",
            json!({"name": "Reštart", "language": "en", "body": "Hello {contact_name}, please restart it."}),
        )
        .await;
    assert_eq!(en.status, 201, "{}", en.body);
    let all = app.get("/api/v1/prepared-answers").await;
    assert_eq!(all.body.as_array().unwrap().len(), 2, "{}", all.body);
    let only_sk = app.get("/api/v1/prepared-answers?language=sk").await;
    assert_eq!(only_sk.body.as_array().unwrap().len(), 1);
    assert_eq!(only_sk.body[0]["body"], GREETING_SK);
    assert_eq!(
        app.get("/api/v1/prepared-answers?language=xx")
            .await
            .problem(422),
        ["language"]
    );

    // A Slovak contact's ticket gets the Slovak answer, filled in for the calling agent.
    let (org, _, _) = app.customer("35697270", "jan@firma.sk").await;
    let c = app
        .post(
            "/api/v1/contacts",
            json!({"organization_id": org, "name": "Eva Malá", "emails": ["eva@firma.sk"], "language": "sk"}),
        )
        .await;
    assert_eq!(c.status, 201, "{}", c.body);
    let t = app
        .post(
            "/api/v1/tickets",
            json!({"subject": "Nejde ústredňa", "description": "Nevolá.", "requester_id": c.body["id"]}),
        )
        .await;
    assert_eq!(t.status, 201, "{}", t.body);
    let number = t.body["number"].as_str().unwrap();
    let (_, dispatcher) = app
        .agent_token("dispecer@podpora.example", &["dispatcher"], &[])
        .await;
    let filled = app
        .call_as(
            Some(&dispatcher),
            Method::GET,
            &format!("/api/v1/tickets/{number}/prepared-answers"),
            None,
        )
        .await;
    assert_eq!(filled.status, 200, "{}", filled.body);
    assert_eq!(filled.body["language"], "sk");
    let answers = filled.body["answers"].as_array().unwrap();
    assert_eq!(
        answers.len(),
        1,
        "only the customer's language: {answers:?}"
    );
    assert_eq!(
        answers[0]["text"],
        format!(
            "Dobrý deň Eva Malá,\n\nk požiadavke {number} (Nejde ústredňa): reštartujte \
             zariadenie.\n\nS pozdravom dispecer@podpora.example, Firma 35697270 {{bez zmeny}}"
        )
    );

    // A change is kept; a deleted answer is gone.
    let changed = app
        .call(
            Method::PUT,
            &format!("/api/v1/prepared-answers/{id}"),
            Some(json!({"name": "Reštart zariadenia", "language": "sk", "body": "Dobrý deň {contact_name}."})),
        )
        .await;
    assert_eq!(changed.status, 200, "{}", changed.body);
    let got = app.get(&format!("/api/v1/prepared-answers/{id}")).await;
    assert_eq!(got.body["name"], "Reštart zariadenia");
    let gone = app
        .call(
            Method::DELETE,
            &format!("/api/v1/prepared-answers/{id}"),
            None,
        )
        .await;
    assert_eq!(gone.status, 204, "{}", gone.body);
    app.get(&format!("/api/v1/prepared-answers/{id}"))
        .await
        .problem(404);
    let missing = app
        .call(
            Method::DELETE,
            &format!("/api/v1/prepared-answers/{id}"),
            None,
        )
        .await;
    missing.problem(404);
}

async fn only_dispatchers_and_administrators_change_prepared_answers(b: Backend) {
    let app = TestApp::spawn(b).await;
    let (org, contact, _) = app.customer("35697270", "jan@firma.sk").await;
    let (_, dispatcher) = app
        .agent_token("dispecer@podpora.example", &["dispatcher"], &[])
        .await;
    let (_, technician) = app
        .agent_token("technik@podpora.example", &["technician"], &[])
        .await;
    let body = json!({"name": "Ďakujeme", "language": "sk", "body": "Ďakujeme, {contact_name}."});
    let made = app
        .call_as(
            Some(&dispatcher),
            Method::POST,
            "/api/v1/prepared-answers",
            Some(body.clone()),
        )
        .await;
    assert_eq!(made.status, 201, "{}", made.body);
    let id = made.body["id"].as_i64().unwrap();

    let key = app.org_key(org).await;
    let t = app
        .post(
            "/api/v1/tickets",
            json!({"subject": "Otázka", "description": "Text.", "requester_id": contact}),
        )
        .await;
    let number = t.body["number"].as_str().unwrap();
    let before = app.counts().await;
    let tech = app
        .call_as(
            Some(&technician),
            Method::POST,
            "/api/v1/prepared-answers",
            Some(json!({"name": "Iné", "language": "sk", "body": "Text"})),
        )
        .await;
    tech.problem(403);
    let tech_put = app
        .call_as(
            Some(&technician),
            Method::PUT,
            &format!("/api/v1/prepared-answers/{id}"),
            Some(body.clone()),
        )
        .await;
    tech_put.problem(403);
    // The technician still reads them.
    let read = app
        .call_as(
            Some(&technician),
            Method::GET,
            "/api/v1/prepared-answers",
            None,
        )
        .await;
    assert_eq!(read.status, 200, "{}", read.body);
    assert_eq!(read.body.as_array().unwrap().len(), 1);

    // A customer's key reads neither the list nor a ticket's filled answers.
    for path in [
        "/api/v1/prepared-answers".to_string(),
        format!("/api/v1/tickets/{number}/prepared-answers"),
    ] {
        app.call_as(Some(&key), Method::GET, &path, None)
            .await
            .problem(403);
    }
    let removed = app
        .call_as(
            Some(&key),
            Method::DELETE,
            &format!("/api/v1/prepared-answers/{id}"),
            None,
        )
        .await;
    removed.problem(403);
    assert_eq!(app.counts().await, before);
}
