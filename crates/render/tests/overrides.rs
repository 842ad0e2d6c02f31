//! The operator's override directory.

use podpora_core::Language;
use podpora_render::{MailTemplate, RenderError, Renderer};
use std::fs;
use std::path::Path;

fn write(dir: &Path, relative: &str, text: &str) {
    let path = dir.join(relative);
    fs::create_dir_all(path.parent().expect("a parent")).expect("create the directory");
    fs::write(path, text).expect("write the file");
}

fn reopened() -> MailTemplate {
    MailTemplate::Reopened {
        ticket_number: "2026-000123".to_string(),
        subject: "VPN".to_string(),
    }
}

#[test]
fn an_empty_directory_changes_nothing() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let plain = Renderer::new().expect("built-ins");
    let with = Renderer::with_overrides(dir.path()).expect("no overrides");
    for lang in Language::ALL {
        assert_eq!(
            plain.mail(&reopened(), lang).expect("renders"),
            with.mail(&reopened(), lang).expect("renders")
        );
    }
}

#[test]
fn an_operator_template_replaces_the_built_in_one() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    write(
        dir.path(),
        "templates/mail/reopened.txt",
        "{{ t(\"greeting\") }}\nRequest {{ ticket_number }} is open again.\n{% include \"mail/_footer.txt\" %}",
    );
    write(
        dir.path(),
        "templates/mail/_footer.txt",
        "ACME support, {{ lang }}",
    );
    let renderer = Renderer::with_overrides(dir.path()).expect("valid overrides");
    let sk = renderer.mail(&reopened(), Language::Sk).expect("renders");
    assert_eq!(
        sk.text,
        "Dobrý deň,\nRequest 2026-000123 is open again.\nACME support, sk\n"
    );
    // Parts the operator did not replace stay built in.
    assert!(sk.html.contains("2026-000123"));
    assert!(sk.subject.contains("znovu otvorená"));
}

#[test]
fn an_operator_message_replaces_only_that_message() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    write(
        dir.path(),
        "locales/cs/custom.ftl",
        "reopened-subject = Znovu řešíme: { $subject }\n",
    );
    let renderer = Renderer::with_overrides(dir.path()).expect("valid overrides");
    let cs = renderer.mail(&reopened(), Language::Cs).expect("renders");
    assert_eq!(cs.subject, "Znovu řešíme: VPN");
    assert!(cs.text.contains("byl znovu otevřen"), "{}", cs.text);
    let sk = renderer.mail(&reopened(), Language::Sk).expect("renders");
    assert!(
        sk.subject.contains("znovu otvorená"),
        "other languages keep theirs"
    );
}

fn error_of(result: Result<Renderer, RenderError>) -> RenderError {
    match result {
        Ok(_) => panic!("the broken override was accepted"),
        Err(e) => e,
    }
}

#[test]
fn a_template_syntax_error_names_the_file_and_the_line() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    write(
        dir.path(),
        "templates/mail/confirmation.txt",
        "Hello\n\n{% if contact_name %}\n{{ contact_name }\n{% endif %}\n",
    );
    let err = error_of(Renderer::with_overrides(dir.path()));
    let RenderError::Template { file, line, .. } = &err else {
        panic!("not a template error: {err}");
    };
    assert!(file.ends_with("confirmation.txt"), "{file}");
    assert!(
        file.starts_with(&dir.path().display().to_string()),
        "{file}"
    );
    assert_eq!(*line, Some(4), "{err}");
    assert!(err.to_string().contains("line 4"), "{err}");
}

#[test]
fn an_unknown_variable_in_a_template_names_the_file_and_the_line() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    write(
        dir.path(),
        "templates/mail/sla-breach.html",
        "{% extends \"mail/layout.html\" %}\n{% block content %}\n<p>{{ ticket_number }}</p>\n<p>{{ ticket_numbr }}</p>\n{% endblock %}\n",
    );
    let err = error_of(Renderer::with_overrides(dir.path()));
    let RenderError::Template { file, line, .. } = &err else {
        panic!("not a template error: {err}");
    };
    assert!(file.ends_with("sla-breach.html"), "{file}");
    assert_eq!(*line, Some(4), "{err}");
}

#[test]
fn an_unknown_message_in_a_template_is_an_error() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    write(
        dir.path(),
        "templates/mail/reopened.subject.txt",
        "\n{{ t(\"reopend-subject\") }}",
    );
    let err = error_of(Renderer::with_overrides(dir.path()));
    let RenderError::Template {
        file,
        line,
        message,
    } = &err
    else {
        panic!("not a template error: {err}");
    };
    assert!(file.ends_with("reopened.subject.txt"), "{file}");
    assert_eq!(*line, Some(2));
    assert!(message.contains("reopend-subject"), "{message}");
}

#[test]
fn a_message_syntax_error_names_the_file_and_the_line() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    write(
        dir.path(),
        "locales/pl/mail.ftl",
        "# nasze teksty\nreopened-subject = Otwarte ponownie: { $subject }\nreopened-intro = Zgłoszenie { $ticket\n",
    );
    let err = error_of(Renderer::with_overrides(dir.path()));
    let RenderError::Messages { file, line, .. } = &err else {
        panic!("not a message error: {err}");
    };
    assert!(file.ends_with("mail.ftl"), "{file}");
    assert_eq!(*line, Some(3), "{err}");
}

#[test]
fn a_message_with_a_variable_the_mail_does_not_have_names_its_definition() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    write(
        dir.path(),
        "locales/en/mail.ftl",
        "\n\nreopened-intro = Request { $ticket } for { $customer } is open again.\n",
    );
    let err = error_of(Renderer::with_overrides(dir.path()));
    let text = err.to_string();
    assert!(text.contains("reopened-intro"), "{text}");
    assert!(text.contains("customer"), "{text}");
    assert!(text.contains("mail.ftl, line 3"), "{text}");
}

#[test]
fn stray_files_are_refused_rather_than_ignored() {
    for (relative, wanted) in [
        ("templates/mail/confirmaton.txt", "confirmaton.txt"),
        ("templates/page.html", "page.html"),
        ("locales/de/mail.ftl", "de"),
        ("locales/sk/mail.txt", "mail.txt"),
    ] {
        let dir = tempfile::tempdir().expect("a temporary directory");
        write(dir.path(), relative, "x");
        let err = error_of(Renderer::with_overrides(dir.path()));
        assert!(
            matches!(err, RenderError::UnexpectedFile { ref path, .. } if path.ends_with(wanted)),
            "{relative}: {err}"
        );
    }
}

#[test]
fn a_missing_directory_is_an_error() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let err = error_of(Renderer::with_overrides(&dir.path().join("nope")));
    assert!(matches!(err, RenderError::Io { .. }), "{err}");
}
