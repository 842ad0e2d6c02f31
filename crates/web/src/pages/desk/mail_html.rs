//! A mail's HTML on the ticket page: sanitised, its embedded (`cid:`) images served from the
//! article's own files, its remote images blocked behind a placeholder naming their host
//! until the agent asks to see them for that one message (the page's policy then lets
//! `https:` images in for that one response).

use crate::AppState;
use crate::pages::layout::tr;
use podpora_app::desk::StaffSession;
use podpora_app::tickets::Article;
use podpora_core::{ArticleKind, Language};

/// An article's HTML as the page shows it.
pub struct Shown {
    /// The sanitised markup.
    pub html: String,
    /// Remote images it refers to (shown or blocked).
    pub remote_images: usize,
}

/// The HTML of article `a` (`stored` is its non-empty HTML body), with remote images shown
/// when `show_remote`. A received mail with images is read again from its original, which
/// still has the addresses the intake took out; without one, the stored HTML is used.
pub async fn shown(
    state: &AppState,
    lang: Language,
    agent: &StaffSession,
    a: &Article,
    stored: &str,
    show_remote: bool,
) -> Shown {
    let has_images = stored.to_ascii_lowercase().contains("<img");
    let original = if has_images && a.kind == ArticleKind::InboundEmail {
        podpora_app::mail::original_html(&state.app, &agent.actor, a.id, &a.attachments)
            .await
            .ok()
            .flatten()
    } else {
        None
    };
    let (source, inline) = match &original {
        Some(o) => (o.html.as_str(), o.inline.as_slice()),
        None => (stored, &[][..]),
    };
    let blocked = |host: &str| {
        tr(
            state,
            lang,
            "desk-images-blocked",
            &[("host", host.to_string().into())],
        )
    };
    let missing = tr(state, lang, "desk-images-missing", &[]);
    let file_of = |cid: &str| {
        inline
            .iter()
            .find(|(c, _)| c == cid)
            .map(|(_, id)| format!("/desk/files/{id}"))
    };
    let out = podpora_render::sanitise_mail_html_with_images(
        source,
        &podpora_render::MailImages {
            show_remote,
            blocked: &blocked,
            missing: &missing,
            inline: &file_of,
        },
    );
    Shown {
        html: out.html,
        remote_images: out.remote_images,
    }
}
