//! Prepared answers through the configuration pages: a placeholder that does not exist is
//! refused next to the text with the input kept; a corrected answer is saved, changed and
//! deleted.

use crate::helpers::TestApp;
use crate::{signed_in, unescaped};

pub(crate) async fn a_prepared_answer_is_refused_with_its_input_kept_then_saved_and_deleted(
    b: podpora_testkit::Backend,
) {
    let app = TestApp::spawn(b).await;
    let (mut br, _) = signed_in(&app, "dispecer@podpora.example", &["dispatcher"]).await;
    let list = br.get("/desk/config").await;
    assert!(
        unescaped(&list.body).contains("href=\"/desk/config/prepared-answers\""),
        "{}",
        list.body
    );
    let form = br.get("/desk/config/prepared-answers/new").await;
    assert!(
        form.body.contains("{contact_name}") && form.body.contains("{agent_name}"),
        "the placeholders are listed: {}",
        form.body
    );
    let csrf = br.csrf();
    let typo = "Dobrý deň {meno_kontaktu}, ďakujeme.";
    let before = app.counts().await;
    let refused = br
        .post(
            "/desk/config/prepared-answers",
            &[
                ("csrf", &csrf),
                ("name", "Poďakovanie"),
                ("language", "sk"),
                ("body", typo),
            ],
        )
        .await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert_eq!(app.counts().await, before, "a refused form wrote");
    let body = unescaped(&refused.body);
    assert!(body.contains("{meno_kontaktu}") && body.contains("Poďakovanie"));
    assert!(body.contains("id=\"body-error\""), "{body}");

    let saved = br
        .post(
            "/desk/config/prepared-answers",
            &[
                ("csrf", &csrf),
                ("name", "Poďakovanie"),
                ("language", "sk"),
                ("body", "Dobrý deň {contact_name}, ďakujeme."),
            ],
        )
        .await;
    assert_eq!(saved.status, 303, "{}", saved.body);
    let at = saved.location.unwrap();
    let page = br.get(&at).await;
    assert!(page.body.contains("Uložené"), "{}", page.body);
    let path = at.split('?').next().unwrap().to_string();
    let changed = br
        .post(
            &path,
            &[
                ("csrf", &csrf),
                ("name", "Poďakovanie"),
                ("language", "cs"),
                ("body", "Dobrý den {contact_name}, děkujeme."),
            ],
        )
        .await;
    assert_eq!(changed.status, 303, "{}", changed.body);
    let api = app.get("/api/v1/prepared-answers?language=cs").await;
    assert_eq!(api.body[0]["body"], "Dobrý den {contact_name}, děkujeme.");
    let gone = br.post(&format!("{path}/delete"), &[("csrf", &csrf)]).await;
    assert_eq!(gone.status, 303, "{}", gone.body);
    let api = app.get("/api/v1/prepared-answers").await;
    assert_eq!(api.body, serde_json::json!([]));
}
