//! The agent workspace over HTTP, as a browser without scripts uses it, on SQLite and PostgreSQL.

mod access;
mod billing;
#[path = "../portal/browser.rs"]
#[allow(dead_code)]
mod browser;
mod duplicates;
mod files;
#[path = "../api/helpers.rs"]
#[allow(dead_code)]
mod helpers;
mod invoice_pdf;
mod kb;
mod mail_images;
mod payment_decisions;
mod payments;
mod quotes;
mod search;
mod ticket_page;
mod views;

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

/// A nonstop calendar and a default policy: reaction within 2 h, resolution within 2 days.
async fn sla(app: &TestApp) {
    let cal = app
        .post(
            "/api/v1/calendars",
            json!({"name": "Nonstop", "time_zone": "Europe/Bratislava", "hours": "mon-sun 00:00-24:00"}),
        )
        .await;
    assert_eq!(cal.status, 201, "{}", cal.body);
    let p = app
        .post(
            "/api/v1/sla-policies",
            json!({"name": "Štandard", "calendar_id": cal.body["id"], "reaction": "2h", "resolution": "2bd"}),
        )
        .await;
    assert_eq!(p.status, 201, "{}", p.body);
}

/// A ticket opened through the API for a contact; returns its number.
async fn ticket(app: &TestApp, contact: i64, subject: &str, urgency: &str) -> String {
    let t = app
        .post(
            "/api/v1/tickets",
            json!({"subject": subject, "description": "Popis.", "requester_id": contact, "urgency": urgency}),
        )
        .await;
    assert_eq!(t.status, 201, "{}", t.body);
    t.body["number"].as_str().unwrap().to_string()
}

async fn the_queue_shows_reasons_countdowns_filters_and_live_rows(b: Backend) {
    let app = TestApp::spawn(b).await;
    sla(&app).await;
    let (_org, contact, _asset) = app.customer("35697270", "jan@firma.sk").await;
    let normal = ticket(&app, contact, "Pomalá sieť", "normal").await;
    let urgent = ticket(&app, contact, "Nejde ústredňa", "urgent").await;
    let mut br = signed_in(&app, "dispecer@podpora.example", &["dispatcher"]).await;

    let page = br.get("/desk/queue").await;
    assert_eq!(page.status, 200, "{}", page.body);
    let body = unescaped(&page.body);
    assert!(body.contains("2 otvorené požiadavky"), "{body}");
    let (u, n) = (body.find(&urgent).unwrap(), body.find(&normal).unwrap());
    assert!(u < n, "the urgent request is served first");
    assert!(body.contains("naliehavá; Reakcia do"), "{body}");
    assert!(body.contains("základný servis, po všetkých zákazníkoch s plánom"));
    assert!(
        body.contains("zostáva 1 h 59 min") || body.contains("zostáva 2 h"),
        "a countdown in business time: {body}"
    );
    assert!(body.contains("data-due=\""), "the script gets the due time");

    let only_normal = unescaped(&br.get("/desk/queue?urgency=normal").await.body);
    assert!(
        only_normal.contains("1 otvorená požiadavka"),
        "{only_normal}"
    );
    assert!(only_normal.contains(&normal) && !only_normal.contains(&urgent));
    let mine = unescaped(&br.get("/desk/queue?assignee=me").await.body);
    assert!(mine.contains("0 otvorených požiadaviek"));

    // A request opened now appears in what the page polls.
    let third = ticket(&app, contact, "Tretia vec", "normal").await;
    let live = br.get("/desk/queue/live?urgency=normal").await;
    assert_eq!(live.status, 200);
    let live: serde_json::Value = serde_json::from_str(&live.body).unwrap();
    assert_eq!(live["count"], "2 otvorené požiadavky");
    assert!(live["rows"].as_str().unwrap().contains(&third));

    // Waiting for the customer stops the clocks.
    for status in ["in_progress", "waiting_for_customer"] {
        let r = app
            .patch(
                &format!("/api/v1/tickets/{normal}"),
                json!({"status": status}),
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.body);
    }
    let body = unescaped(&br.get("/desk/queue?status=waiting_for_customer").await.body);
    assert!(
        body.contains("Čaká na zákazníka") && body.contains("pozastavené"),
        "{body}"
    );
}

async fn agents_work_a_ticket_together(b: Backend) {
    let app = TestApp::spawn(b).await;
    sla(&app).await;
    let (_org, contact, _asset) = app.customer("35697270", "jan@firma.sk").await;
    let number = ticket(&app, contact, "Nejde tlačiareň", "urgent").await;
    let mut dispatcher = signed_in(&app, "dispecer@podpora.example", &["dispatcher"]).await;
    let tech_id = agent(&app, "technik@podpora.example", &["technician"]).await;
    let mut tech = Browser::new(&app.base);
    assert_eq!(
        sign_in(&mut tech, "technik@podpora.example", PASSWORD)
            .await
            .status,
        303
    );
    let path = format!("/desk/tickets/{number}");
    assert_eq!(
        tech.get(&path).await.status,
        404,
        "not the technician's yet"
    );

    let page = dispatcher.get(&path).await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(page.body.contains("Reakcia"), "the clocks: {}", page.body);
    let csrf = dispatcher.csrf();
    // Lowering the urgency needs a reason; the page says so and nothing changes.
    let refused = dispatcher
        .post(
            &path,
            &[("csrf", &csrf), ("urgency", "normal"), ("reason", "")],
        )
        .await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    let assigned = dispatcher
        .post(
            &path,
            &[
                ("csrf", &csrf),
                ("assignee", &tech_id.to_string()),
                ("status", "in_progress"),
            ],
        )
        .await;
    assert_eq!(assigned.status, 303, "{}", assigned.body);
    let t = app.get(&format!("/api/v1/tickets/{number}")).await;
    assert_eq!(t.body["assignee_id"], tech_id);
    assert_eq!(t.body["status"], "in_progress");

    // Both open the ticket; the second sees the first.
    let seen = tech.get(&path).await;
    assert_eq!(seen.status, 200);
    assert!(
        seen.body.contains("dispecer@podpora.example"),
        "{}",
        seen.body
    );
    let last_seen = unescaped(&seen.body)
        .split("name=\"last_seen\" value=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_string();
    // The dispatcher writes an internal note meanwhile.
    let note = dispatcher
        .post(
            &format!("{path}/articles"),
            &[
                ("csrf", &csrf),
                ("kind", "note"),
                ("body", "Zákazník volal, je to súrne."),
            ],
        )
        .await;
    assert_eq!(note.status, 303, "{}", note.body);
    // The technician's reply, written before the note, is held with a warning.
    let tcsrf = tech.csrf();
    let reply = [
        ("csrf", tcsrf.as_str()),
        ("kind", "reply"),
        ("body", "Dobrý deň, prosím reštartujte ju."),
        ("last_seen", last_seen.as_str()),
    ];
    let held = tech.post(&format!("{path}/articles"), &reply).await;
    assert_eq!(held.status, 409, "{}", held.body);
    assert!(held.body.contains("pribudlo niečo nové") && held.body.contains("prosím reštartujte"));
    assert!(
        held.body.contains("class=\"article note\""),
        "the note is told apart"
    );
    let mut confirmed = reply.to_vec();
    confirmed.push(("confirm_stale", "1"));
    let sent = tech.post(&format!("{path}/articles"), &confirmed).await;
    assert_eq!(sent.status, 303, "{}", sent.body);
    let t = app.get(&format!("/api/v1/tickets/{number}")).await;
    let kinds: Vec<&str> = t.body["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["kind"].as_str().unwrap())
        .collect();
    assert!(
        kinds.ends_with(&["internal_note", "public_reply"]),
        "{kinds:?}"
    );
}

/// The TOTP code of a base32 secret `ahead` steps from now (a code is accepted once, so a
/// second sign-in within 30 seconds uses the next one, which the skew allows).
fn current_code(secret: &str, ahead: i64) -> String {
    use podpora_app::desk::totp;
    let bytes = totp::from_base32(secret).unwrap();
    let step = jiff::Timestamp::now().as_second() / totp::STEP_SECS + ahead;
    format!("{:06}", totp::code_at(&bytes, step))
}

async fn an_agent_with_totp_cannot_sign_in_without_the_code(b: Backend) {
    let app = TestApp::spawn(b).await;
    let mut br = signed_in(&app, "admin@podpora.example", &["admin"]).await;
    let csrf = br.csrf();
    let setup = br.post("/desk/profile/totp", &[("csrf", &csrf)]).await;
    assert_eq!(setup.status, 200, "{}", setup.body);
    let secret = setup
        .body
        .split("id=\"totp-secret\">")
        .nth(1)
        .unwrap()
        .split('<')
        .next()
        .unwrap()
        .to_string();
    let wrong = br
        .post(
            "/desk/profile/totp/confirm",
            &[("csrf", &csrf), ("code", "000000")],
        )
        .await;
    assert_eq!(wrong.status, 422);
    let on = br
        .post(
            "/desk/profile/totp/confirm",
            &[("csrf", &csrf), ("code", &current_code(&secret, 0))],
        )
        .await;
    assert_eq!(on.status, 200, "{}", on.body);
    let recovery = on
        .body
        .split("<li><code>")
        .nth(1)
        .unwrap()
        .split('<')
        .next()
        .unwrap()
        .to_string();
    assert!(
        br.get("/desk/profile")
            .await
            .body
            .contains("Zostáva 8 záložných kódov")
    );
    br.post("/desk/sign-out", &[("csrf", &csrf)]).await;

    // The password alone opens nothing.
    let signed = sign_in(&mut br, "admin@podpora.example", PASSWORD).await;
    assert_eq!(signed.location.as_deref(), Some("/desk/sign-in/code"));
    assert_eq!(
        br.get("/desk/queue").await.location.as_deref(),
        Some("/desk/sign-in")
    );
    assert_eq!(br.get("/desk/sign-in/code").await.status, 200);
    let csrf = br.csrf();
    let bad = br
        .post("/desk/sign-in/code", &[("csrf", &csrf), ("code", "123456")])
        .await;
    assert_eq!(bad.status, 422);
    assert!(bad.body.contains("Kód nie je správny"));
    let good = br
        .post(
            "/desk/sign-in/code",
            &[("csrf", &csrf), ("code", &current_code(&secret, 1))],
        )
        .await;
    assert_eq!(good.location.as_deref(), Some("/desk"), "{}", good.body);
    assert_eq!(br.get("/desk/queue").await.status, 200);

    // A recovery code signs in once.
    let mut other = Browser::new(&app.base);
    sign_in(&mut other, "admin@podpora.example", PASSWORD).await;
    let csrf = other.csrf();
    let used = other
        .post(
            "/desk/sign-in/code",
            &[("csrf", &csrf), ("code", &recovery)],
        )
        .await;
    assert_eq!(used.location.as_deref(), Some("/desk"));
    let mut third = Browser::new(&app.base);
    sign_in(&mut third, "admin@podpora.example", PASSWORD).await;
    let csrf = third.csrf();
    let again = third
        .post(
            "/desk/sign-in/code",
            &[("csrf", &csrf), ("code", &recovery)],
        )
        .await;
    assert_eq!(again.status, 422);
}

/// Where the configuration requires it, an administrator without a second factor is kept to the
/// profile until TOTP is on; other roles are not held.
async fn an_administrator_must_set_up_a_second_factor_when_configured(b: Backend) {
    let app = TestApp::spawn_with_web(
        b,
        podpora::config::WebSettings {
            admins_need_second_factor: true,
            ..Default::default()
        },
    )
    .await;
    let mut dispatcher = signed_in(&app, "dispecer@podpora.example", &["dispatcher"]).await;
    assert_eq!(dispatcher.get("/desk/queue").await.status, 200);

    let mut br = signed_in(&app, "admin@podpora.example", &["admin"]).await;
    for path in ["/desk", "/desk/queue", "/desk/config"] {
        assert_eq!(
            br.get(path).await.location.as_deref(),
            Some("/desk/profile"),
            "{path}"
        );
    }
    let profile = br.get("/desk/profile").await;
    assert_eq!(profile.status, 200);
    assert!(
        profile
            .body
            .contains("Správcovia tu musia používať druhý faktor"),
        "{}",
        profile.body
    );
    let csrf = br.csrf();
    let setup = br.post("/desk/profile/totp", &[("csrf", &csrf)]).await;
    assert_eq!(setup.status, 200, "{}", setup.body);
    let secret = setup
        .body
        .split("id=\"totp-secret\">")
        .nth(1)
        .unwrap()
        .split('<')
        .next()
        .unwrap()
        .to_string();
    let on = br
        .post(
            "/desk/profile/totp/confirm",
            &[("csrf", &csrf), ("code", &current_code(&secret, 0))],
        )
        .await;
    assert_eq!(on.status, 200, "{}", on.body);
    assert_eq!(br.get("/desk/queue").await.status, 200);
    assert!(
        !br.get("/desk/profile")
            .await
            .body
            .contains("Správcovia tu musia používať druhý faktor")
    );
}

use access::every_workspace_route_answers_every_caller_as_the_table_says;
use billing::{
    a_technician_logs_time_and_a_dispatcher_records_the_acceptance,
    every_service_time_form_answers_each_role_as_its_rules_say,
    the_customer_accepts_an_offer_by_the_link_in_its_mail,
};
use duplicates::{
    a_merged_tickets_clocks_stop_and_it_never_breaches,
    an_agent_links_and_merges_on_the_ticket_page, tickets_are_linked_and_merged_through_the_api,
};
use files::{
    an_agent_attaches_files_and_downloads_the_original,
    mail_html_is_shown_sanitised_on_the_ticket_page,
};
use kb::{
    an_agent_writes_translates_and_uses_an_article,
    an_editor_adds_files_picks_plans_and_searches_from_the_ticket,
};
use mail_images::remote_images_wait_until_asked_and_embedded_ones_show;
use search::an_agent_finds_tickets_from_the_header;
use ticket_page::{
    an_agent_works_a_ticket_with_prepared_answers_category_scope_and_history,
    the_side_panel_shows_the_plan_its_minutes_and_a_plan_candidate,
};
use views::an_agent_saves_opens_and_deletes_a_view_of_the_queue;

on_both!(
    an_agent_signs_in_sets_a_zone_and_signs_out,
    the_fifth_wrong_password_locks_the_agent,
    a_deactivated_agent_is_signed_out,
    the_queue_shows_reasons_countdowns_filters_and_live_rows,
    agents_work_a_ticket_together,
    an_agent_with_totp_cannot_sign_in_without_the_code,
    an_administrator_must_set_up_a_second_factor_when_configured,
    every_workspace_route_answers_every_caller_as_the_table_says,
    an_agent_works_a_ticket_with_prepared_answers_category_scope_and_history,
    the_side_panel_shows_the_plan_its_minutes_and_a_plan_candidate,
    an_agent_writes_translates_and_uses_an_article,
    an_agent_finds_tickets_from_the_header,
    an_editor_adds_files_picks_plans_and_searches_from_the_ticket,
    a_technician_logs_time_and_a_dispatcher_records_the_acceptance,
    the_customer_accepts_an_offer_by_the_link_in_its_mail,
    every_service_time_form_answers_each_role_as_its_rules_say,
    tickets_are_linked_and_merged_through_the_api,
    an_agent_links_and_merges_on_the_ticket_page,
    an_agent_attaches_files_and_downloads_the_original,
    mail_html_is_shown_sanitised_on_the_ticket_page,
    an_agent_saves_opens_and_deletes_a_view_of_the_queue,
    remote_images_wait_until_asked_and_embedded_ones_show,
    a_merged_tickets_clocks_stop_and_it_never_breaches,
);
