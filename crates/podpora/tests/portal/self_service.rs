//! What a customer does for themselves in the portal: asks for an onboarding entitlement of
//! the plan, keeps addresses, phone numbers and a time zone on record, shares a request with a
//! colleague and reads the history of a request; on SQLite and PostgreSQL.

use super::browser::Browser;
use super::helpers::TestApp;
use super::{PASSWORD, contact_with_password, number_in, open_request, queued_text, sign_in};
use podpora_testkit::Backend;
use serde_json::json;

/// A day relative to today in the desk's zone, as contracts are dated.
fn day(offset_days: i64) -> String {
    jiff::Timestamp::now()
        .to_zoned(jiff::tz::TimeZone::get("Europe/Bratislava").unwrap())
        .date()
        .checked_add(jiff::Span::new().days(offset_days))
        .unwrap()
        .to_string()
}

async fn org_of(app: &TestApp, contact: i64) -> i64 {
    app.get(&format!("/api/v1/contacts/{contact}")).await.body["organization_id"]
        .as_i64()
        .unwrap()
}

/// Seed 003's plan: training within 30 days, installation once; a contract from `starts_on`.
async fn plan_with_onboarding(app: &TestApp, org: i64, starts_on: &str) -> serde_json::Value {
    let r = app
        .post(
            "/api/v1/plans",
            json!({
                "code": format!("smart-{org}"), "name": "Smart", "rank": 1,
                "monthly_price": {"amount_minor": 4900, "currency": "EUR"},
                "channels": [{"channel": "email"}, {"channel": "portal"}, {"channel": "phone"}],
                "remote_minutes_per_month": 60, "work_minutes_per_month": 0,
                "onboarding": [{"kind": "training", "within_days": 30}, {"kind": "installation"}],
            }),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.body);
    let c = app
        .post(
            "/api/v1/contracts",
            json!({"organization_id": org, "plan_id": r.body["id"], "starts_on": starts_on}),
        )
        .await;
    assert_eq!(c.status, 201, "{}", c.body);
    let e = app
        .get(&format!("/api/v1/organizations/{org}/entitlements"))
        .await;
    assert_eq!(e.status, 200, "{}", e.body);
    e.body
}

fn entitlement_id(list: &serde_json::Value, kind: &str) -> i64 {
    list.as_array()
        .unwrap()
        .iter()
        .find(|e| e["kind"] == kind)
        .unwrap()["id"]
        .as_i64()
        .unwrap()
}

async fn a_customer_asks_for_an_onboarding_entitlement_once(b: Backend) {
    let app = TestApp::spawn(b).await;
    let (contact, mut br) = contact_with_password(&app, "35697270", "eva@firma.sk").await;
    let org = org_of(&app, contact).await;
    let list = plan_with_onboarding(&app, org, &day(0)).await;
    let training = entitlement_id(&list, "training");
    let installation = entitlement_id(&list, "installation");
    assert_eq!(sign_in(&mut br, "eva@firma.sk", PASSWORD).await.status, 303);

    let page = br.get("/portal/plan").await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(
        page.body.contains(&format!("id=\"ask-{training}\"")),
        "{}",
        page.body
    );
    assert!(page.body.contains(&format!("id=\"ask-{installation}\"")));
    assert!(page.body.contains("Požiadať: Školenie"), "{}", page.body);

    let csrf = br.csrf();
    let asked = br
        .post(
            &format!("/portal/plan/entitlements/{training}/ask"),
            &[("csrf", &csrf)],
        )
        .await;
    assert_eq!(asked.status, 303, "{}", asked.body);
    let to = asked.location.clone().unwrap();
    let number = to
        .strip_prefix("/portal/plan?asked=")
        .expect("the request's number")
        .to_string();
    // The request came through the one intake as a portal request of the contact.
    let t = app.get(&format!("/api/v1/tickets/{number}")).await;
    assert_eq!(t.status, 200, "{}", t.body);
    assert_eq!(t.body["channel"], "portal");
    assert_eq!(t.body["requester_id"], contact);
    assert!(
        t.body["subject"].as_str().unwrap().contains("Školenie"),
        "{}",
        t.body
    );

    // Shown as asked for, with the request's number, and without the button.
    let page = br.get(&to).await;
    assert!(
        page.body
            .contains(&format!("Požiadavka {number} je odoslaná")),
        "{}",
        page.body
    );
    assert!(
        page.body
            .contains(&format!("vyžiadané požiadavkou {number}")),
        "{}",
        page.body
    );
    assert!(!page.body.contains(&format!("id=\"ask-{training}\"")));
    assert!(page.body.contains(&format!("id=\"ask-{installation}\"")));

    // Asking again while it waits opens nothing and names the same request.
    let before = app.counts().await;
    let csrf = br.csrf();
    let again = br
        .post(
            &format!("/portal/plan/entitlements/{training}/ask"),
            &[("csrf", &csrf)],
        )
        .await;
    assert_eq!(again.location.as_deref(), Some(to.as_str()));
    assert_eq!(app.counts().await, before, "a second ask wrote");

    // Staff record the use: shown used.
    let used = app
        .post(
            &format!("/api/v1/entitlements/{training}/use"),
            json!({"ticket_number": number}),
        )
        .await;
    assert_eq!(used.status, 200, "{}", used.body);
    let page = br.get("/portal/plan").await;
    assert!(page.body.contains("Školenie: využité"), "{}", page.body);

    // Another organization's contact cannot ask for this organization's entitlement.
    let (_, mut stranger) = contact_with_password(&app, "36631124", "cudzi@ina.sk").await;
    sign_in(&mut stranger, "cudzi@ina.sk", PASSWORD).await;
    let before = app.counts().await;
    let csrf = stranger.csrf();
    let refused = stranger
        .post(
            &format!("/portal/plan/entitlements/{installation}/ask"),
            &[("csrf", &csrf)],
        )
        .await;
    assert_eq!(refused.status, 404);
    assert_eq!(app.counts().await, before);

    // A training granted 40 days ago expired after 30: shown expired, no button, refused.
    let (old_contact, mut late) = contact_with_password(&app, "31322832", "neskoro@stara.sk").await;
    let old_org = org_of(&app, old_contact).await;
    let list = plan_with_onboarding(&app, old_org, &day(-40)).await;
    let expired = entitlement_id(&list, "training");
    sign_in(&mut late, "neskoro@stara.sk", PASSWORD).await;
    let page = late.get("/portal/plan").await;
    assert!(
        page.body.contains("Školenie: platnosť skončila"),
        "{}",
        page.body
    );
    assert!(!page.body.contains(&format!("id=\"ask-{expired}\"")));
    let before = app.counts().await;
    let csrf = late.csrf();
    let refused = late
        .post(
            &format!("/portal/plan/entitlements/{expired}/ask"),
            &[("csrf", &csrf)],
        )
        .await;
    assert_eq!(
        refused.location.as_deref(),
        Some("/portal/plan?ask_failed=taken")
    );
    assert_eq!(app.counts().await, before);
}

async fn a_contact_changes_an_address_confirmed_by_a_mailed_link(b: Backend) {
    let app = TestApp::spawn(b).await;
    let (contact, mut br) = contact_with_password(&app, "35697270", "stara@firma.sk").await;
    assert_eq!(
        sign_in(&mut br, "stara@firma.sk", PASSWORD).await.status,
        303
    );
    // The contact reads Polish: the mail comes in Polish.
    br.get("/language/pl?back=/portal/profile").await;
    let page = br.get("/portal/profile").await;
    assert!(page.body.contains("stara@firma.sk"), "{}", page.body);
    assert!(page.body.contains("Adresy e-mail"), "{}", page.body);

    // A bad address: a clear error, the text kept, nothing mailed.
    let csrf = br.csrf();
    let bad = br
        .post(
            "/portal/profile/addresses",
            &[
                ("csrf", &csrf),
                ("email", "nova@@firma"),
                ("replaces", "stara@firma.sk"),
            ],
        )
        .await;
    assert_eq!(bad.status, 422, "{}", bad.body);
    assert!(
        bad.body.contains("To nie jest prawidłowy adres e-mail")
            || bad.body.contains("To nie jest prawidłowy"),
        "{}",
        bad.body
    );
    assert!(bad.body.contains("value=\"nova@@firma\""), "{}", bad.body);

    let csrf = br.csrf();
    let asked = br
        .post(
            "/portal/profile/addresses",
            &[
                ("csrf", &csrf),
                ("email", "Nova@Firma.sk"),
                ("replaces", "stara@firma.sk"),
            ],
        )
        .await;
    assert_eq!(asked.status, 303, "{}", asked.body);
    let page = br.get(asked.location.as_deref().unwrap()).await;
    assert!(
        page.body.contains("Link potwierdzający wysłaliśmy"),
        "{}",
        page.body
    );
    assert!(
        page.body.contains("nova@firma.sk zamiast stara@firma.sk"),
        "{}",
        page.body
    );

    // Until confirmed, the old address stays in use.
    let c = app.get(&format!("/api/v1/contacts/{contact}")).await;
    assert_eq!(c.body["emails"], json!(["stara@firma.sk"]), "{}", c.body);
    let (to, text) = queued_text(&app, "portal_address").await;
    assert_eq!(to, "nova@firma.sk");
    assert!(text.contains("Prosimy potwierdzić"), "{text}");
    assert!(text.contains("24 godziny"), "{text}");
    let link = text
        .split_whitespace()
        .find(|w| w.contains("/portal/address/"))
        .expect("a link in the mail");
    let path = link[link.find("/portal/").unwrap()..].to_string();
    // Only the secret's hash is stored.
    let secret = path.rsplit('/').next().unwrap().to_string();
    {
        let mut tx = app.app.db.read().await.unwrap();
        let stored: i64 = podpora_store::on_tx!(&mut tx, c => sqlx::query_scalar(
            "SELECT COUNT(*) FROM portal_links WHERE token_hash = $1")
            .bind(&secret).fetch_one(c).await)
        .unwrap();
        assert_eq!(stored, 0, "the secret itself is stored");
    }

    // The link, opened signed out: a button confirms (opening it alone changes nothing).
    let mut other = Browser::new(&app.base);
    let form = other.get(&path).await;
    assert_eq!(form.status, 200, "{}", form.body);
    let c = app.get(&format!("/api/v1/contacts/{contact}")).await;
    assert_eq!(c.body["emails"], json!(["stara@firma.sk"]));
    let csrf = other.csrf();
    let done = other.post(&path, &[("csrf", &csrf)]).await;
    assert_eq!(done.status, 200, "{}", done.body);
    let c = app.get(&format!("/api/v1/contacts/{contact}")).await;
    assert_eq!(c.body["emails"], json!(["nova@firma.sk"]), "{}", c.body);
    // Used once.
    let again = other.get(&path).await;
    assert_eq!(again.status, 404);
    // The new address signs in; the old one no longer does.
    let mut fresh = Browser::new(&app.base);
    assert_eq!(
        sign_in(&mut fresh, "nova@firma.sk", PASSWORD).await.status,
        303
    );
    let mut old = Browser::new(&app.base);
    assert_eq!(
        sign_in(&mut old, "stara@firma.sk", PASSWORD).await.status,
        422
    );

    // An address on record already (another contact's) is refused before any mail.
    app.customer("36631124", "obsadena@ina.sk").await;
    let csrf = br.csrf();
    let taken = br
        .post(
            "/portal/profile/addresses",
            &[
                ("csrf", &csrf),
                ("email", "obsadena@ina.sk"),
                ("replaces", ""),
            ],
        )
        .await;
    assert_eq!(taken.status, 422);
    assert!(
        taken.body.contains("Ten adres jest już zapisany"),
        "{}",
        taken.body
    );
}

async fn phone_numbers_are_validated_and_the_time_zone_dates_pages(b: Backend) {
    let app = TestApp::spawn(b).await;
    let (contact, mut br) = contact_with_password(&app, "35697270", "tel@firma.sk").await;
    assert_eq!(sign_in(&mut br, "tel@firma.sk", PASSWORD).await.status, 303);

    let csrf = br.csrf();
    let bad = br
        .post(
            "/portal/profile/phones",
            &[
                ("csrf", &csrf),
                ("phones", "+421 905 123 456\n0905 111 222"),
            ],
        )
        .await;
    assert_eq!(bad.status, 422, "{}", bad.body);
    assert!(
        bad.body
            .contains("Číslo „0905 111 222“ nie je v medzinárodnom tvare"),
        "{}",
        bad.body
    );
    assert!(
        bad.body.contains("+421 905 123 456\n0905 111 222"),
        "the typed numbers are kept"
    );
    let c = app.get(&format!("/api/v1/contacts/{contact}")).await;
    assert_eq!(c.body["phones"], json!([]), "{}", c.body);

    let csrf = br.csrf();
    let ok = br
        .post(
            "/portal/profile/phones",
            &[
                ("csrf", &csrf),
                ("phones", "+421 905 123 456\n00420 601-123-456"),
            ],
        )
        .await;
    assert_eq!(ok.status, 303, "{}", ok.body);
    let c = app.get(&format!("/api/v1/contacts/{contact}")).await;
    assert_eq!(
        c.body["phones"],
        json!(["+421905123456", "+420601123456"]),
        "{}",
        c.body
    );

    let created = open_request(&mut br, "Čas", "Kedy?").await;
    let number = number_in(&created.body);
    let list = br.get("/portal/requests").await;
    assert!(list.body.contains(" CET"), "{}", list.body);
    let csrf = br.csrf();
    let bad = br
        .post(
            "/portal/profile/time-zone",
            &[("csrf", &csrf), ("zone", "Mars/Olympus")],
        )
        .await;
    assert_eq!(bad.status, 422);
    let csrf = br.csrf();
    let set = br
        .post(
            "/portal/profile/time-zone",
            &[("csrf", &csrf), ("zone", "America/New_York")],
        )
        .await;
    assert_eq!(set.status, 303, "{}", set.body);
    let page = br.get(&format!("/portal/requests/{number}")).await;
    assert!(page.body.contains(" EST"), "{}", page.body);
    assert!(!page.body.contains(" CET"), "{}", page.body);
    let profile = br.get("/portal/profile").await;
    // minijinja writes `/` in attributes as `&#x2f;`.
    let profile = profile.body.replace("&#x2f;", "/");
    assert!(
        profile.contains("<option value=\"America/New_York\" selected>"),
        "{profile}"
    );
}

async fn a_contact_shares_a_request_with_a_colleague(b: Backend) {
    let app = TestApp::spawn(b).await;
    let (asker_id, mut asker) = contact_with_password(&app, "35697270", "asker@firma.sk").await;
    let org = org_of(&app, asker_id).await;
    let c = app
        .post(
            "/api/v1/contacts",
            json!({"organization_id": org, "name": "Kolegyňa Mária", "emails": ["maria@firma.sk"]}),
        )
        .await;
    let colleague_id = c.body["id"].as_i64().unwrap();
    let token = podpora_app::portal::issue_link(
        &app.app,
        &podpora_app::Actor::Cli,
        Some(colleague_id),
        None,
        podpora_app::portal::LinkPurpose::Invite,
    )
    .await
    .unwrap();
    let mut colleague = Browser::new(&app.base);
    colleague.get(&format!("/portal/password/{token}")).await;
    let csrf = colleague.csrf();
    colleague
        .post(
            &format!("/portal/password/{token}"),
            &[("csrf", &csrf), ("password", PASSWORD)],
        )
        .await;
    let (stranger_id, mut stranger) = contact_with_password(&app, "36631124", "cudzi@ina.sk").await;
    sign_in(&mut asker, "asker@firma.sk", PASSWORD).await;
    sign_in(&mut colleague, "maria@firma.sk", PASSWORD).await;
    sign_in(&mut stranger, "cudzi@ina.sk", PASSWORD).await;

    let created = open_request(&mut asker, "Spoločná vec", "Podrobnosti").await;
    let number = number_in(&created.body);
    let page = asker.get(&format!("/portal/requests/{number}")).await;
    assert!(
        page.body.contains("Zdieľať: Kolegyňa Mária"),
        "{}",
        page.body
    );
    assert!(
        !page.body.contains("cudzi@ina.sk")
            && !page.body.contains(&format!("value=\"{stranger_id}\""))
    );
    assert_eq!(
        colleague
            .get(&format!("/portal/requests/{number}"))
            .await
            .status,
        404
    );
    assert!(
        !colleague
            .get("/portal/requests")
            .await
            .body
            .contains(&number)
    );
    // Nor does the colleague's search find it, by a word or by its number.
    for q in ["spolocna", number.as_str()] {
        let found = colleague.get(&format!("/portal/requests?q={q}")).await;
        assert_eq!(found.status, 200, "{}", found.body);
        assert!(
            !found.body.contains(&format!("/portal/requests/{number}")),
            "{q}: {}",
            found.body
        );
    }

    // Sharing with someone of another organization is refused, and writes nothing.
    let before = app.counts().await;
    let csrf = asker.csrf();
    let refused = asker
        .post(
            &format!("/portal/requests/{number}/share"),
            &[
                ("csrf", &csrf),
                ("contact_id", &stranger_id.to_string()),
                ("on", "1"),
            ],
        )
        .await;
    assert_eq!(refused.status, 404);
    assert_eq!(app.counts().await, before);
    assert_eq!(
        stranger
            .get(&format!("/portal/requests/{number}"))
            .await
            .status,
        404
    );

    let csrf = asker.csrf();
    let shared = asker
        .post(
            &format!("/portal/requests/{number}/share"),
            &[
                ("csrf", &csrf),
                ("contact_id", &colleague_id.to_string()),
                ("on", "1"),
            ],
        )
        .await;
    assert_eq!(shared.status, 303, "{}", shared.body);
    let list = colleague.get("/portal/requests").await;
    assert!(list.body.contains(&number), "{}", list.body);
    // The colleague's search covers what their list shows: the shared request is found.
    for q in ["spolocna", "Podrobnosti", number.as_str()] {
        let found = colleague.get(&format!("/portal/requests?q={q}")).await;
        assert_eq!(found.status, 200, "{}", found.body);
        assert!(
            found.body.contains(&format!("/portal/requests/{number}")),
            "{q}: {}",
            found.body
        );
    }
    let page = colleague.get(&format!("/portal/requests/{number}")).await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Podrobnosti"));
    // The colleague may answer, but cannot share it on.
    let csrf = colleague.csrf();
    let answered = colleague
        .post(
            &format!("/portal/requests/{number}/reply"),
            &[("csrf", &csrf), ("body", "Aj u mňa.")],
        )
        .await;
    assert_eq!(answered.status, 303, "{}", answered.body);
    let csrf = colleague.csrf();
    let on = colleague
        .post(
            &format!("/portal/requests/{number}/share"),
            &[
                ("csrf", &csrf),
                ("contact_id", &asker_id.to_string()),
                ("on", "0"),
            ],
        )
        .await;
    assert_eq!(on.status, 404);
    // The staff history records it.
    assert!(!app.history_of(&number, "shared_with").await.is_empty());

    // Stopping: the colleague no longer sees it.
    let csrf = asker.csrf();
    let off = asker
        .post(
            &format!("/portal/requests/{number}/share"),
            &[
                ("csrf", &csrf),
                ("contact_id", &colleague_id.to_string()),
                ("on", "0"),
            ],
        )
        .await;
    assert_eq!(off.status, 303);
    assert_eq!(
        colleague
            .get(&format!("/portal/requests/{number}"))
            .await
            .status,
        404
    );
    assert!(
        !colleague
            .get("/portal/requests")
            .await
            .body
            .contains(&number)
    );
}

async fn the_request_page_shows_the_history_a_customer_may_see(b: Backend) {
    let app = TestApp::spawn(b).await;
    let (_, mut br) = contact_with_password(&app, "35697270", "hist@firma.sk").await;
    sign_in(&mut br, "hist@firma.sk", PASSWORD).await;
    let created = open_request(&mut br, "História", "Nejde to").await;
    let number = number_in(&created.body);
    let note = app
        .post(
            &format!("/api/v1/tickets/{number}/articles"),
            json!({"kind": "internal_note", "body": "TAJNÁ poznámka"}),
        )
        .await;
    assert_eq!(note.status, 201);
    let team = app
        .post("/api/v1/teams", json!({"name": "Tím Sever Interný"}))
        .await;
    if team.status == 201 {
        let r = app
            .patch(
                &format!("/api/v1/tickets/{number}"),
                json!({"team_id": team.body["id"]}),
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.body);
    }
    let reply = app
        .post(
            &format!("/api/v1/tickets/{number}/articles"),
            json!({"kind": "public_reply", "body": "Skúste reštart."}),
        )
        .await;
    assert_eq!(reply.status, 201);
    super::resolve(&app, &number, &["in_progress", "resolved"]).await;
    let csrf = br.csrf();
    let r = br
        .post(
            &format!("/portal/requests/{number}/not-solved"),
            &[("csrf", &csrf)],
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.body);

    let page = br.get(&format!("/portal/requests/{number}")).await;
    let start = page
        .body
        .find("id=\"history-title\"")
        .expect("a history section");
    let history = &page.body[start..];
    let history = &history[..history.find("</section>").unwrap()];
    let order = [
        "Požiadavka prijatá",
        "Odpoveď podpory",
        "Stav: Rieši sa",
        "Označená ako vyriešená",
        "Znovu otvorená: uviedli ste, že nie je vyriešená",
    ];
    let mut at = 0;
    for line in order {
        let found = history[at..]
            .find(line)
            .unwrap_or_else(|| panic!("{line} missing or out of order in {history}"));
        at += found + line.len();
    }
    assert!(
        !history.contains("TAJNÁ") && !history.contains("Sever"),
        "{history}"
    );
    assert!(!page.body.contains("TAJNÁ") && !page.body.contains("Tím Sever"));

    br.get(&format!("/language/en?back=/portal/requests/{number}"))
        .await;
    let page = br.get(&format!("/portal/requests/{number}")).await;
    assert!(
        page.body.contains("Reopened: you said it is not solved"),
        "{}",
        page.body
    );
}

async fn mail_html_is_shown_sanitised(b: Backend) {
    let app = TestApp::spawn(b).await;
    let (_, mut br) = contact_with_password(&app, "35697270", "html@firma.sk").await;
    sign_in(&mut br, "html@firma.sk", PASSWORD).await;
    let created = open_request(&mut br, "HTML", "Text").await;
    let number = number_in(&created.body);
    let html = concat!(
        "<p>Dobrý deň, <b>pozrite</b> <a href=\"https://servis.example/navod\">návod</a>",
        " a <a href=\"javascript:alert(1)\">toto</a>.</p>",
        "<img src=\"https://tracker.example/p.gif\"><style>p{color:red}</style>",
    );
    let r = app
        .post(
            &format!("/api/v1/tickets/{number}/articles"),
            json!({"kind": "public_reply", "body": "Dobrý deň, pozrite návod.", "body_html": html}),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.body);
    let page = br.get(&format!("/portal/requests/{number}")).await;
    let body = page.body.replace("&#x2f;", "/");
    assert!(
        body.contains("<div class=\"mail-html\"><p>Dobrý deň, <b>pozrite</b>"),
        "{body}"
    );
    assert!(
        body.contains("rel=\"noopener noreferrer nofollow\""),
        "{body}"
    );
    assert!(
        !body.contains("tracker.example")
            && !body.contains("javascript:")
            && !body.contains("color:red")
    );
}

async fn staff_switch_portal_access_off_and_the_sessions_end(b: Backend) {
    let app = TestApp::spawn(b).await;
    let (contact, mut br) = contact_with_password(&app, "35697270", "vypnuty@firma.sk").await;
    assert_eq!(
        sign_in(&mut br, "vypnuty@firma.sk", PASSWORD).await.status,
        303
    );
    assert_eq!(br.get("/portal/requests").await.status, 200);

    // A dispatcher switches it off on the contact's workspace page.
    let a = app
        .post(
            "/api/v1/agents",
            json!({"email": "disp@servis.sk", "name": "Dispečer", "roles": ["dispatcher"], "password": "heslo-agenta-1", "language": "sk"}),
        )
        .await;
    assert_eq!(a.status, 201, "{}", a.body);
    let mut desk = Browser::new(&app.base);
    desk.get("/desk/sign-in").await;
    let csrf = desk.csrf();
    let s = desk
        .post(
            "/desk/sign-in",
            &[
                ("csrf", &csrf),
                ("email", "disp@servis.sk"),
                ("password", "heslo-agenta-1"),
            ],
        )
        .await;
    assert_eq!(s.status, 303, "{}", s.body);
    let page = desk.get(&format!("/desk/config/contacts/{contact}")).await;
    assert!(
        page.body.contains("Prístup do portálu") && page.body.contains("Vypnúť prístup do portálu"),
        "{}",
        page.body
    );
    let csrf = desk.csrf();
    let off = desk
        .post(
            &format!("/desk/config/contacts/{contact}/portal-access?to=off"),
            &[("csrf", &csrf)],
        )
        .await;
    assert_eq!(off.status, 303, "{}", off.body);
    let page = desk.get(&format!("/desk/config/contacts/{contact}")).await;
    assert!(
        page.body.contains("Zapnúť prístup do portálu"),
        "{}",
        page.body
    );

    // The open session ended; signing in says why, but only after the right password.
    let after = br.get("/portal/requests").await;
    assert_eq!(after.location.as_deref(), Some("/portal/sign-in"));
    let refused = sign_in(&mut br, "vypnuty@firma.sk", PASSWORD).await;
    assert_eq!(refused.status, 403, "{}", refused.body);
    assert!(
        refused
            .body
            .contains("Prístup tohto účtu do portálu je vypnutý"),
        "{}",
        refused.body
    );
    let wrong = sign_in(&mut br, "vypnuty@firma.sk", "nie-je-to-heslo").await;
    assert_eq!(wrong.status, 422);
    assert!(!wrong.body.contains("je vypnutý"));
    let history = app
        .get(&format!("/api/v1/contacts/{contact}/history"))
        .await;
    assert!(
        history.body.to_string().contains("portal_access"),
        "{}",
        history.body
    );

    // Through the API: on again, and an organization account off.
    let on = app
        .call(
            reqwest::Method::PUT,
            &format!("/api/v1/contacts/{contact}/portal-access"),
            Some(json!({"enabled": true})),
        )
        .await;
    assert_eq!(on.status, 200, "{}", on.body);
    assert_eq!(
        sign_in(&mut br, "vypnuty@firma.sk", PASSWORD).await.status,
        303
    );
    let org = org_of(&app, contact).await;
    let token = podpora_app::portal::issue_link(
        &app.app,
        &podpora_app::Actor::Cli,
        None,
        Some(org),
        podpora_app::portal::LinkPurpose::Invite,
    )
    .await
    .unwrap();
    let mut office = Browser::new(&app.base);
    office.get(&format!("/portal/password/{token}")).await;
    let csrf = office.csrf();
    office
        .post(
            &format!("/portal/password/{token}"),
            &[("csrf", &csrf), ("password", PASSWORD)],
        )
        .await;
    office.get("/portal/sign-in").await;
    let csrf = office.csrf();
    let signed = office
        .post(
            "/portal/sign-in",
            &[
                ("csrf", &csrf),
                ("kind", "organization"),
                ("login", "35697270"),
                ("password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(signed.status, 303, "{}", signed.body);
    let off = app
        .call(
            reqwest::Method::PUT,
            &format!("/api/v1/organizations/{org}/portal-access"),
            Some(json!({"enabled": false})),
        )
        .await;
    assert_eq!(off.status, 200, "{}", off.body);
    assert_eq!(off.body["sessions_ended"], 1, "{}", off.body);
    assert_eq!(
        office.get("/portal/requests").await.location.as_deref(),
        Some("/portal/sign-in")
    );
    office.get("/portal/sign-in").await;
    let csrf = office.csrf();
    let refused = office
        .post(
            "/portal/sign-in",
            &[
                ("csrf", &csrf),
                ("kind", "organization"),
                ("login", "35697270"),
                ("password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(refused.status, 403);
    // The organization's contacts keep their own access.
    assert_eq!(br.get("/portal/requests").await.status, 200);
    let missing = app
        .call(
            reqwest::Method::PUT,
            "/api/v1/contacts/999999/portal-access",
            Some(json!({"enabled": false})),
        )
        .await;
    assert_eq!(missing.status, 404);
}

async fn an_organization_account_reads_the_language_of_its_country_without_a_browser_choice(
    b: Backend,
) {
    let app = TestApp::spawn(b).await;
    // A Czech organization whose stored (mail) language is English.
    let o = app
        .post(
            "/api/v1/organizations",
            json!({"name": "Firma CZ", "country": "CZ", "ico": "25596641", "language": "en"}),
        )
        .await;
    assert_eq!(o.status, 201, "{}", o.body);
    let org = o.body["id"].as_i64().unwrap();
    let token = podpora_app::portal::issue_link(
        &app.app,
        &podpora_app::Actor::Cli,
        None,
        Some(org),
        podpora_app::portal::LinkPurpose::Invite,
    )
    .await
    .unwrap();
    let mut office = Browser::new(&app.base);
    office.get(&format!("/portal/password/{token}")).await;
    let csrf = office.csrf();
    office
        .post(
            &format!("/portal/password/{token}"),
            &[("csrf", &csrf), ("password", PASSWORD)],
        )
        .await;
    office.get("/portal/sign-in").await;
    let csrf = office.csrf();
    let signed = office
        .post(
            "/portal/sign-in",
            &[
                ("csrf", &csrf),
                ("kind", "organization"),
                ("login", "25596641"),
                ("password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(signed.status, 303, "{}", signed.body);
    // No browser language: the country's (Czech), not Slovak nor the stored English.
    let page = office.get("/portal/requests").await;
    assert!(page.body.contains("<html lang=\"cs\">"), "{}", page.body);
    // The browser's language comes before the country.
    let page = office.get_lang("/portal/requests", "pl-PL,pl;q=0.9").await;
    assert!(page.body.contains("<html lang=\"pl\">"), "{}", page.body);
    // Mail to the account follows the same rule, not the stored English: the country's.
    let invite = format!("/api/v1/organizations/{org}/invite");
    let to = json!({"email": "kancelar@firma.cz"});
    assert_eq!(app.post(&invite, to.clone()).await.status, 202);
    let (_, text) = super::queued_text(&app, "portal_invite").await;
    assert!(text.contains("Heslo si nastavíte tímto odkazem"), "{text}");
    // And the chooser before both, stored for the account: its mail follows it too.
    office.get("/language/pl?back=/portal/requests").await;
    let page = office.get_lang("/portal/requests", "en-GB,en;q=0.9").await;
    assert!(page.body.contains("<html lang=\"pl\">"), "{}", page.body);
    assert_eq!(app.post(&invite, to).await.status, 202);
    let (_, text) = super::queued_text(&app, "portal_invite").await;
    assert!(!text.contains("Heslo si nastavíte"), "{text}");
    assert!(text.contains("Hasło ustawią Państwo"), "{text}");
    // A new browser of the account, without the chooser's cookie, reads the choice too.
    let mut other = Browser::new(&app.base);
    other.get("/portal/sign-in").await;
    let csrf = other.csrf();
    let signed = other
        .post(
            "/portal/sign-in",
            &[
                ("csrf", &csrf),
                ("kind", "organization"),
                ("login", "25596641"),
                ("password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(signed.status, 303, "{}", signed.body);
    let page = other.get_lang("/portal/requests", "cs-CZ,cs;q=0.9").await;
    assert!(page.body.contains("<html lang=\"pl\">"), "{}", page.body);
}

/// The number of tickets stored.
async fn tickets_stored(app: &TestApp) -> i64 {
    app.counts()
        .await
        .into_iter()
        .find(|(t, _)| *t == "tickets")
        .map(|(_, n)| n)
        .unwrap()
}

/// Two clicks at once on "ask" open one request, and both answers name it.
async fn two_asks_at_once_open_one_request(b: Backend) {
    let app = TestApp::spawn(b).await;
    let (contact, mut br) = contact_with_password(&app, "35697270", "dvakrat@firma.sk").await;
    let org = org_of(&app, contact).await;
    let list = plan_with_onboarding(&app, org, &day(0)).await;
    let installation = entitlement_id(&list, "installation");
    assert_eq!(
        sign_in(&mut br, "dvakrat@firma.sk", PASSWORD).await.status,
        303
    );
    br.get("/portal/plan").await;
    let mut twin = Browser::new(&app.base);
    twin.cookies = br.cookies.clone();
    let before = tickets_stored(&app).await;
    let csrf = br.csrf();
    let path = format!("/portal/plan/entitlements/{installation}/ask");
    let fields = [("csrf", csrf.as_str())];
    let (a, b2) = tokio::join!(br.post(&path, &fields), twin.post(&path, &fields));
    assert_eq!(
        (a.status.as_u16(), b2.status.as_u16()),
        (303, 303),
        "{} {}",
        a.body,
        b2.body
    );
    let a = a.location.unwrap();
    assert!(a.starts_with("/portal/plan?asked="), "{a}");
    assert_eq!(
        Some(a.as_str()),
        b2.location.as_deref(),
        "both name one request"
    );
    assert_eq!(tickets_stored(&app).await, before + 1, "one request opened");
    let number = a.strip_prefix("/portal/plan?asked=").unwrap();
    let page = br.get("/portal/plan").await;
    assert!(
        page.body
            .contains(&format!("vyžiadané požiadavkou {number}")),
        "{}",
        page.body
    );
}

/// "Today" on the plan page is the contact's: an entitlement whose last day has passed in their
/// zone is expired there, though it is still running in Central Europe (and the other way).
async fn the_plan_page_counts_days_in_the_contacts_zone(b: Backend) {
    let app = TestApp::spawn(b).await;
    let (contact, mut br) = contact_with_password(&app, "35697270", "zona@firma.sk").await;
    let org = org_of(&app, contact).await;
    let now = jiff::Timestamp::now();
    let here = now
        .to_zoned(jiff::tz::TimeZone::get("Europe/Bratislava").unwrap())
        .date();
    // At any instant one of these two is on another day than Central Europe.
    let (zone, there) = ["Pacific/Kiritimati", "Pacific/Pago_Pago"]
        .into_iter()
        .map(|z| (z, now.to_zoned(jiff::tz::TimeZone::get(z).unwrap()).date()))
        .find(|(_, d)| *d != here)
        .unwrap();
    let ahead = there > here;
    // The training's last day: today here when the zone is ahead (already past there), today
    // there when it is behind (already past here).
    let last = if ahead { here } else { there };
    let starts = last.checked_sub(jiff::Span::new().days(30)).unwrap();
    let list = plan_with_onboarding(&app, org, &starts.to_string()).await;
    let training = entitlement_id(&list, "training");
    assert_eq!(
        sign_in(&mut br, "zona@firma.sk", PASSWORD).await.status,
        303
    );
    let csrf = br.csrf();
    let set = br
        .post(
            "/portal/profile/time-zone",
            &[("csrf", &csrf), ("zone", zone)],
        )
        .await;
    assert_eq!(set.status, 303, "{}", set.body);
    let page = br.get("/portal/plan").await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert_eq!(
        page.body.contains("Školenie: platnosť skončila"),
        ahead,
        "{zone}: {}",
        page.body
    );
    assert_eq!(
        page.body.contains(&format!("id=\"ask-{training}\"")),
        !ahead,
        "{zone}"
    );
    // Asking follows the same day.
    let before = tickets_stored(&app).await;
    let csrf = br.csrf();
    let asked = br
        .post(
            &format!("/portal/plan/entitlements/{training}/ask"),
            &[("csrf", &csrf)],
        )
        .await;
    let to = asked.location.unwrap_or_default();
    if ahead {
        assert_eq!(to, "/portal/plan?ask_failed=taken");
        assert_eq!(tickets_stored(&app).await, before);
    } else {
        assert!(to.starts_with("/portal/plan?asked="), "{to}");
        assert_eq!(tickets_stored(&app).await, before + 1);
    }
}

crate::on_both!(
    two_asks_at_once_open_one_request,
    the_plan_page_counts_days_in_the_contacts_zone,
    an_organization_account_reads_the_language_of_its_country_without_a_browser_choice,
    staff_switch_portal_access_off_and_the_sessions_end,
    mail_html_is_shown_sanitised,
    a_customer_asks_for_an_onboarding_entitlement_once,
    a_contact_changes_an_address_confirmed_by_a_mailed_link,
    phone_numbers_are_validated_and_the_time_zone_dates_pages,
    a_contact_shares_a_request_with_a_colleague,
    the_request_page_shows_the_history_a_customer_may_see,
);
