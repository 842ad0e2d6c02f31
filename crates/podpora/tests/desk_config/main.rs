//! The workspace's customer and configuration pages over HTTP, as a browser without scripts
//! uses them, on SQLite and PostgreSQL: who may open and post to which page, and forms that
//! keep what was typed when the use case refuses it and write the audit history when saved.

mod access;
mod account_requests;
mod addresses;
mod answers;
mod assets;
#[path = "../portal/browser.rs"]
#[allow(dead_code)]
mod browser;
mod forms;
#[path = "../api/helpers.rs"]
#[allow(dead_code)]
mod helpers;
mod mail_templates;

use browser::Browser;
use helpers::TestApp;
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

/// A browser signed in as a new agent with `roles`, and the agent's id.
async fn signed_in(app: &TestApp, email: &str, roles: &[&str]) -> (Browser, i64) {
    let id = agent(app, email, roles).await;
    let mut b = Browser::new(&app.base);
    b.get("/desk/sign-in").await;
    let csrf = b.csrf();
    let page = b
        .post(
            "/desk/sign-in",
            &[("csrf", &csrf), ("email", email), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(page.status, 303, "{}", page.body);
    (b, id)
}

/// A page's text with minijinja's escapes of `/`, quotes and ampersands undone.
fn unescaped(body: &str) -> String {
    body.replace("&#x2f;", "/")
        .replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&amp;", "&")
}

use access::every_configuration_route_answers_every_caller_as_the_table_says;
use account_requests::a_dispatcher_approves_an_account_request_and_the_contact_is_invited;
use addresses::a_support_address_added_in_the_workspace_takes_mail_in_for_its_team;
use answers::a_prepared_answer_is_refused_with_its_input_kept_then_saved_and_deleted;
use assets::{
    a_contract_needs_the_hand_over_date_then_is_made_and_ended,
    an_asset_is_refused_with_its_input_kept_then_saved_and_a_right_granted_and_revoked,
    long_configuration_lists_are_paged_without_script,
};
use forms::{
    a_calendar_shows_the_years_days_off,
    a_refused_organization_keeps_its_input_and_a_fixed_one_is_audited,
    agents_and_teams_are_created_and_changed_through_the_forms,
};
use mail_templates::{
    a_mail_template_is_refused_when_it_does_not_render_then_used_and_reverted,
    the_support_addresses_of_the_configuration_are_listed,
};

on_both!(
    every_configuration_route_answers_every_caller_as_the_table_says,
    a_refused_organization_keeps_its_input_and_a_fixed_one_is_audited,
    agents_and_teams_are_created_and_changed_through_the_forms,
    a_calendar_shows_the_years_days_off,
    a_prepared_answer_is_refused_with_its_input_kept_then_saved_and_deleted,
    a_dispatcher_approves_an_account_request_and_the_contact_is_invited,
    an_asset_is_refused_with_its_input_kept_then_saved_and_a_right_granted_and_revoked,
    a_contract_needs_the_hand_over_date_then_is_made_and_ended,
    long_configuration_lists_are_paged_without_script,
    a_mail_template_is_refused_when_it_does_not_render_then_used_and_reverted,
    the_support_addresses_of_the_configuration_are_listed,
    a_support_address_added_in_the_workspace_takes_mail_in_for_its_team,
);
