//! Saved views: an agent saves the queue's filters under a name, opens them with one click and
//! deletes them; another agent never sees them.

use crate::helpers::TestApp;
use crate::{signed_in, ticket, unescaped};
use podpora_testkit::Backend;

/// The id of the saved view named `name` on a queue page.
fn view_id(page: &str, name: &str) -> String {
    let page = unescaped(page);
    let before = page.split(&format!(">{name}</a>")).nth(1).unwrap();
    before
        .split("/desk/queue/views/")
        .nth(1)
        .unwrap()
        .split('/')
        .next()
        .unwrap()
        .to_string()
}

pub(crate) async fn an_agent_saves_opens_and_deletes_a_view_of_the_queue(b: Backend) {
    let app = TestApp::spawn(b).await;
    crate::sla(&app).await;
    let (_org, contact, _asset) = app.customer("35697270", "jan@firma.sk").await;
    ticket(&app, contact, "Pomalá sieť", "normal").await;
    ticket(&app, contact, "Nejde ústredňa", "urgent").await;
    let mut mine = signed_in(&app, "dispecer@podpora.example", &["dispatcher"]).await;
    let mut other = signed_in(&app, "druhy@podpora.example", &["dispatcher"]).await;

    let page = mine.get("/desk/queue").await;
    assert!(
        page.body.contains("Zatiaľ žiadne uložené pohľady"),
        "{}",
        page.body
    );
    assert!(
        !page.body.contains("id=\"save-view\""),
        "nothing to save without filters"
    );
    let filtered = mine.get("/desk/queue?urgency=urgent&status=").await;
    let body = unescaped(&filtered.body);
    assert!(
        body.contains("<input type=\"hidden\" name=\"urgency\" value=\"urgent\">"),
        "{body}"
    );
    let csrf = mine.csrf();

    // A name is needed; the filters stay chosen.
    let refused = mine
        .post(
            "/desk/queue/views",
            &[("csrf", &csrf), ("name", "  "), ("urgency", "urgent")],
        )
        .await;
    assert_eq!(refused.status, 422);
    let body = unescaped(&refused.body);
    assert!(body.contains("Zadajte názov pohľadu"), "{body}");
    assert!(
        body.contains("<option value=\"urgent\" selected>"),
        "{body}"
    );
    assert!(body.contains("Nejde ústredňa") && !body.contains("Pomalá sieť"));
    let nothing = mine
        .post("/desk/queue/views", &[("csrf", &csrf), ("name", "Všetko")])
        .await;
    assert_eq!(nothing.status, 422);
    assert!(nothing.body.contains("Vyberte aspoň jeden filter"));

    let saved = mine
        .post(
            "/desk/queue/views",
            &[("csrf", &csrf), ("name", "Urgentné"), ("urgency", "urgent")],
        )
        .await;
    assert_eq!(saved.status, 303, "{}", saved.body);
    assert_eq!(
        saved.location.as_deref(),
        Some("/desk/queue?urgency=urgent")
    );
    // Listed on the queue page, one click away; current when its filters are shown.
    let page = mine.get("/desk/queue").await;
    let body = unescaped(&page.body);
    assert!(
        body.contains("<a href=\"/desk/queue?urgency=urgent\">Urgentné</a>"),
        "{body}"
    );
    let opened = mine.get("/desk/queue?urgency=urgent").await;
    let body = unescaped(&opened.body);
    assert!(
        body.contains("aria-current=\"page\">Urgentné</a>"),
        "{body}"
    );
    assert!(body.contains("Nejde ústredňa") && !body.contains("Pomalá sieť"));
    let id = view_id(&page.body, "Urgentné");

    // Another agent neither sees nor deletes it.
    let theirs = other.get("/desk/queue").await;
    assert!(!theirs.body.contains("Urgentné"), "{}", theirs.body);
    let csrf_other = other.csrf();
    let r = other
        .post(
            &format!("/desk/queue/views/{id}/delete"),
            &[("csrf", &csrf_other)],
        )
        .await;
    assert_eq!(r.status, 404);
    assert!(mine.get("/desk/queue").await.body.contains("Urgentné"));

    let deleted = mine
        .post(
            &format!("/desk/queue/views/{id}/delete"),
            &[("csrf", &csrf)],
        )
        .await;
    assert_eq!(deleted.status, 303);
    assert!(!mine.get("/desk/queue").await.body.contains("Urgentné"));
}
