//! The agent workspace over HTTP, as a browser without scripts uses it, on SQLite and PostgreSQL.

mod access;
#[path = "../portal/browser.rs"]
#[allow(dead_code)]
mod browser;
#[path = "../api/helpers.rs"]
#[allow(dead_code)]
mod helpers;

use browser::Browser;
use helpers::TestApp;
use podpora_testkit::Backend;
use serde_json::json;

const PASSWORD: &str = "heslo-agenta-1";

/// A new agent with `roles` and the test password; returns its id.
async fn agent(app: &TestApp, email: &str, roles: &[&str]) -> i64 {
    let a = app
        .post(
            "/api/v1/agents",
            json!({"email": email, "name": email, "roles": roles, "password": PASSWORD, "language": "sk"}),
        )
        .await;
    assert_eq!(a.status, 201, "{}", a.body);
    a.body["id"].as_i64().unwrap()
}

/// A page's text with minijinja's escaped slashes (`&#x2f;`) back as `/`.
fn unescaped(body: &str) -> String {
    body.replace("&#x2f;", "/")
}

async fn sign_in(b: &mut Browser, email: &str, password: &str) -> browser::Page {
    b.get("/desk/sign-in").await;
    let csrf = b.csrf();
    b.post(
        "/desk/sign-in",
        &[("csrf", &csrf), ("email", email), ("password", password)],
    )
    .await
}

/// A browser signed in as a new agent with `roles`.
async fn signed_in(app: &TestApp, email: &str, roles: &[&str]) -> Browser {
    agent(app, email, roles).await;
    let mut b = Browser::new(&app.base);
    let page = sign_in(&mut b, email, PASSWORD).await;
    assert_eq!(page.status, 303, "{}", page.body);
    b
}

async fn an_agent_signs_in_sets_a_zone_and_signs_out(b: Backend) {
    let app = TestApp::spawn(b).await;
    agent(&app, "dispecer@podpora.example", &["dispatcher"]).await;
    let mut br = Browser::new(&app.base);
    assert_eq!(
        br.get("/desk/queue").await.location.as_deref(),
        Some("/desk/sign-in")
    );
    let wrong = sign_in(&mut br, "dispecer@podpora.example", "zle-heslo-1").await;
    assert_eq!(wrong.status, 422);
    assert!(wrong.body.contains("nie sú správne"), "{}", wrong.body);

    let signed = sign_in(&mut br, "Dispecer@Podpora.example", PASSWORD).await;
    assert_eq!(signed.status, 303, "{}", signed.body);
    assert_eq!(signed.location.as_deref(), Some("/desk"));
    let cookie = signed.headers["set-cookie"].to_str().unwrap();
    assert!(cookie.starts_with("pdp_desk=") && cookie.contains("HttpOnly"));
    // The workspace's session is not the portal's: it opens no portal page.
    assert_eq!(
        br.get("/portal/requests").await.location.as_deref(),
        Some("/portal/sign-in")
    );

    let queue = br.get("/desk/queue").await;
    assert_eq!(queue.status, 200, "{}", queue.body);
    assert!(
        queue.body.contains("0 otvorených požiadaviek"),
        "{}",
        queue.body
    );
    let profile = br.get("/desk/profile").await;
    assert!(unescaped(&profile.body).contains("Europe/Bratislava"));

    let csrf = br.csrf();
    let bad = br
        .post(
            "/desk/profile",
            &[
                ("csrf", &csrf),
                ("language", "pl"),
                ("time_zone", "Mars/Olympus"),
            ],
        )
        .await;
    assert_eq!(bad.status, 422);
    let saved = br
        .post(
            "/desk/profile",
            &[
                ("csrf", &csrf),
                ("language", "pl"),
                ("time_zone", "Europe/Warsaw"),
            ],
        )
        .await;
    assert_eq!(saved.status, 303, "{}", saved.body);
    let profile = br.get("/desk/profile?saved=1").await;
    assert!(profile.body.contains("Twój profil"), "{}", profile.body);
    assert!(unescaped(&profile.body).contains("<option value=\"Europe/Warsaw\" selected>"));

    let out = br.post("/desk/sign-out", &[("csrf", &csrf)]).await;
    assert_eq!(out.status, 303);
    assert_eq!(
        br.get("/desk/queue").await.location.as_deref(),
        Some("/desk/sign-in")
    );
}

async fn the_fifth_wrong_password_locks_the_agent(b: Backend) {
    let app = TestApp::spawn(b).await;
    agent(&app, "technik@podpora.example", &["technician"]).await;
    let mut br = Browser::new(&app.base);
    for _ in 0..4 {
        let p = sign_in(&mut br, "technik@podpora.example", "zle-heslo-1").await;
        assert_eq!(p.status, 422);
    }
    let fifth = sign_in(&mut br, "technik@podpora.example", "zle-heslo-1").await;
    assert_eq!(fifth.status, 429);
    // Locked: even the right password is not checked now.
    let right = sign_in(&mut br, "technik@podpora.example", PASSWORD).await;
    assert_eq!(right.status, 429);
}

async fn a_deactivated_agent_is_signed_out(b: Backend) {
    let app = TestApp::spawn(b).await;
    let id = agent(&app, "odchadza@podpora.example", &["technician"]).await;
    let mut br = Browser::new(&app.base);
    assert_eq!(
        sign_in(&mut br, "odchadza@podpora.example", PASSWORD)
            .await
            .status,
        303
    );
    assert_eq!(br.get("/desk/profile").await.status, 200);
    let r = app
        .patch(&format!("/api/v1/agents/{id}"), json!({"active": false}))
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(
        br.get("/desk/profile").await.location.as_deref(),
        Some("/desk/sign-in")
    );
    assert_eq!(
        sign_in(&mut br, "odchadza@podpora.example", PASSWORD)
            .await
            .status,
        422
    );
}

use access::every_workspace_route_answers_every_caller_as_the_table_says;

on_both!(
    an_agent_signs_in_sets_a_zone_and_signs_out,
    the_fifth_wrong_password_locks_the_agent,
    a_deactivated_agent_is_signed_out,
    every_workspace_route_answers_every_caller_as_the_table_says,
);
