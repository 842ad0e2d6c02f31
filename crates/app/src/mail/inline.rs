//! A received mail's HTML as it came, for showing its images: the stored HTML lost its remote
//! image addresses at intake, and the files keep no `Content-ID`, so both are read again from
//! the original message.

use crate::dto::Attachment;
use crate::{Actor, App, AppError, Result};

/// The HTML of an original message and its embedded images.
#[derive(Debug, Clone, Default)]
pub struct OriginalHtml {
    /// The HTML body as it arrived: not yet sanitised.
    pub html: String,
    /// Each `Content-ID` (lower case) with the id of the article's file holding the same bytes.
    pub inline: Vec<(String, i64)>,
}

/// The original HTML of article `article_id`, with which of `files` each embedded image is;
/// `None` for an article that did not come by mail or whose mail has no HTML. A page asks only
/// for a mail whose HTML has images, so the parse is not paid for every mail.
pub async fn original_html(
    app: &App,
    actor: &Actor,
    article_id: i64,
    files: &[Attachment],
) -> Result<Option<OriginalHtml>> {
    let raw = match super::article_raw(app, actor, article_id).await {
        Ok(raw) => raw,
        Err(AppError::NotFound(_)) => return Ok(None),
        Err(e) => return Err(e),
    };
    let limits = app.config.mail.limits.clone();
    // Parsing decodes every part: off the async threads.
    let parsed = tokio::task::spawn_blocking(move || {
        let html = podpora_mailproto::html_source(&raw)?;
        let attachments = podpora_mailproto::parse(&raw, &limits)
            .map(|m| m.attachments)
            .unwrap_or_default();
        Some((html, attachments))
    })
    .await
    .map_err(|e| AppError::Io(std::io::Error::other(e)))?;
    let Some((html, attachments)) = parsed else {
        return Ok(None);
    };
    let inline = attachments
        .iter()
        .filter_map(|a| {
            let cid = a.content_id.as_ref()?;
            let file = files.iter().find(|f| f.sha256 == a.sha256)?;
            Some((cid.to_ascii_lowercase(), file.id))
        })
        .collect();
    Ok(Some(OriginalHtml { html, inline }))
}
