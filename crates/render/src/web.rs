//! The web pages' templates (`templates/web/*`), rendered with the same messages and `t()` as
//! the mails. Every page template extends `web/layout.html`; fragments a page's script fetches
//! (`web/desk/queue-rows.html`) are included by their page.

macro_rules! web_builtin {
    ($($name:literal),* $(,)?) => {
        [$(($name, include_str!(concat!("../templates/", $name)))),*]
    };
}

/// The built-in page templates, embedded in the binary, by name.
pub(crate) const TEMPLATES: &[(&str, &str)] = &web_builtin![
    "web/layout.html",
    "web/signin.html",
    "web/requests.html",
    "web/new.html",
    "web/created.html",
    "web/request.html",
    "web/password.html",
    "web/profile.html",
    "web/message.html",
    "web/reset.html",
    "web/plan.html",
    "web/desk/signin.html",
    "web/desk/profile.html",
    "web/desk/queue.html",
    "web/desk/queue-rows.html",
    "web/desk/ticket.html",
    "web/desk/code.html",
    "web/desk/totp.html",
    "web/desk/config/index.html",
    "web/desk/config/table.html",
    "web/desk/config/list.html",
    "web/desk/config/record.html",
    "web/desk/config/form.html",
    "web/payments/portal.html",
    "web/payments/desk.html",
    "web/desk/ticket/answers.html",
    "web/desk/ticket/side.html",
    "web/desk/ticket/history.html",
    "web/desk/keys.html",
    "web/kb/help.html",
    "web/kb/article.html",
    "web/desk/kb/list.html",
    "web/desk/kb/edit.html",
    "web/desk/kb/report.html",
    "web/desk/kb/ticket.html",
    "web/desk/search/results.html",
    "web/accounts/ask.html",
    "web/accounts/asked.html",
    "web/accounts/pending.html",
    "web/desk/kb/inline.html",
    "web/desk/billing/panel.html",
    "web/offers/link.html",
    "web/quotes/desk.html",
    "web/quotes/portal.html",
    "web/quotes/portal-refused.html",
    "web/desk/duplicates/merged.html",
    "web/desk/duplicates/links.html",
    "web/desk/files/field.html",
    "web/desk/files/article.html",
    "web/desk/views/saved.html",
    "web/portal/entitlement.html",
    "web/portal/record.html",
    "web/portal/address.html",
    "web/portal/request-extras.html",
    "web/desk/settings/mail-template.html",
    "web/desk/settings/addresses.html",
    "web/desk/ticket/images.html",
];

/// The message ids the page templates call `t()` with.
#[cfg(test)]
pub(crate) fn used_message_ids() -> std::collections::BTreeSet<String> {
    let mut ids = std::collections::BTreeSet::new();
    for &(_, source) in TEMPLATES {
        for quote in ['"', '\''] {
            let open = format!("t({quote}");
            let mut rest = source;
            while let Some(at) = rest.find(&open) {
                rest = &rest[at + open.len()..];
                if let Some(end) = rest.find(quote) {
                    ids.insert(rest[..end].to_string());
                }
            }
        }
    }
    ids
}

#[cfg(test)]
mod tests {
    use super::*;
    use podpora_core::Language::{Cs, En, Pl, Sk};

    #[test]
    fn request_counts_use_each_language_plural_forms() {
        let r = crate::Renderer::new().expect("built-ins load");
        let count = |lang, n: i64| r.text(lang, "web-requests-count", &[("count", n.into())]);
        assert_eq!(count(Sk, 1), "1 požiadavka");
        assert_eq!(count(Sk, 2), "2 požiadavky");
        assert_eq!(count(Sk, 5), "5 požiadaviek");
        assert_eq!(count(Cs, 1), "1 požadavek");
        assert_eq!(count(Cs, 3), "3 požadavky");
        assert_eq!(count(Cs, 5), "5 požadavků");
        assert_eq!(count(Pl, 1), "1 zgłoszenie");
        assert_eq!(count(Pl, 22), "22 zgłoszenia");
        assert_eq!(count(Pl, 25), "25 zgłoszeń");
        assert_eq!(count(Pl, 12), "12 zgłoszeń");
        assert_eq!(count(En, 1), "1 request");
        assert_eq!(count(En, 0), "0 requests");
    }

    #[test]
    fn every_page_template_file_is_embedded() {
        fn walk(dir: &std::path::Path, name: &str, out: &mut Vec<String>) {
            for entry in std::fs::read_dir(dir).expect("the templates directory") {
                let entry = entry.expect("an entry");
                let child = format!("{name}/{}", entry.file_name().to_string_lossy());
                if entry.path().is_dir() {
                    walk(&entry.path(), &child, out);
                } else {
                    out.push(child);
                }
            }
        }
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("templates/web");
        let mut on_disk = Vec::new();
        walk(&dir, "web", &mut on_disk);
        on_disk.sort();
        let mut embedded: Vec<String> = TEMPLATES.iter().map(|(n, _)| (*n).to_string()).collect();
        embedded.sort();
        assert_eq!(on_disk, embedded);
    }
}
