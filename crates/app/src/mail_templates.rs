//! Mail templates per language: an administrator replaces the text of one mail file (its
//! subject, plain text or HTML) in one language, or reverts it to the built-in. A text is
//! checked by rendering every sample of its mail before it is stored, so a mistake is refused
//! at the form and never reaches a customer; the outbox renders mails with the stored texts.

use crate::{Actor, App, AppError, Result, audit, dto::HistoryEntry, now_ms};
use podpora_core::{Language, ValidationError, auth::Permission};
use podpora_render::{RenderedMail, Renderer};
use podpora_store::repo;
use std::collections::HashMap;
use std::sync::{Arc, RwLock};

/// Longest text accepted, in characters.
const MAX_CHARS: usize = 100_000;

/// The stored texts in memory, by file and language, so that rendering a mail reads no
/// database; every change made through this module updates it after its commit, and the server
/// rereads it every half minute for changes made on another node.
#[derive(Debug, Clone, Default)]
pub(crate) struct Cache(Arc<RwLock<HashMap<(String, Language), String>>>);

impl Cache {
    /// The stored texts of mail `name` in `lang`, by file (`confirmation.txt` …).
    pub(crate) fn of(&self, name: &str, lang: Language) -> HashMap<String, String> {
        let map = self
            .0
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        map.iter()
            .filter(|((file, l), _)| *l == lang && mail_of(file) == name)
            .map(|((file, _), source)| (file.clone(), source.clone()))
            .collect()
    }

    fn set(&self, file: &str, lang: Language, source: Option<String>) {
        let mut map = self
            .0
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        match source {
            Some(s) => map.insert((file.to_string(), lang), s),
            None => map.remove(&(file.to_string(), lang)),
        };
    }
}

/// The mail a file belongs to: `confirmation` for `confirmation.subject.txt`.
fn mail_of(file: &str) -> &str {
    file.strip_suffix(".subject.txt")
        .or_else(|| file.strip_suffix(".txt"))
        .or_else(|| file.strip_suffix(".html"))
        .unwrap_or(file)
}

impl App {
    /// Reads the stored mail texts into memory, replacing what was there: when the
    /// application starts, and now and then to see changes made on another node.
    pub async fn load_mail_texts(&self) -> Result<()> {
        let mut tx = self.db.read().await?;
        let mut map = HashMap::new();
        for r in repo::mail_templates::all(&mut tx).await? {
            if let (Some(source), Ok(lang)) = (r.source, r.language.parse::<Language>()) {
                map.insert((r.name, lang), source);
            }
        }
        *self
            .mail_texts
            .0
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = map;
        Ok(())
    }
}

/// One mail file in one language as the workspace shows it.
#[derive(Debug, Clone)]
pub struct MailText {
    /// The file, such as `confirmation.txt`.
    pub file: String,
    /// Its language.
    pub language: Language,
    /// The text mails are rendered with.
    pub source: String,
    /// Whether it is an administrator's text rather than the built-in.
    pub stored: bool,
    /// The stored row's id, which its audit history is kept under.
    pub id: Option<i64>,
}

fn known(file: &str) -> Result<()> {
    if Renderer::mail_files().iter().any(|f| f == file) {
        Ok(())
    } else {
        Err(AppError::NotFound(format!("mail template {file}")))
    }
}

fn built_in(app: &App, file: &str) -> Result<String> {
    app.renderer()?
        .mail_source(file)
        .ok_or_else(|| AppError::NotFound(format!("mail template {file}")))
}

/// Every mail file in every language, with the text in use.
pub async fn list(app: &App, actor: &Actor) -> Result<Vec<MailText>> {
    actor.require(Permission::ManageStaff)?;
    let mut tx = app.db.read().await?;
    let rows = repo::mail_templates::all(&mut tx).await?;
    let mut out = Vec::new();
    for file in Renderer::mail_files() {
        let base = built_in(app, &file)?;
        for lang in Language::ALL {
            let row = rows
                .iter()
                .find(|r| r.name == file && r.language == lang.as_str());
            let stored = row.and_then(|r| r.source.clone());
            out.push(MailText {
                file: file.clone(),
                language: lang,
                stored: stored.is_some(),
                source: stored.unwrap_or_else(|| base.clone()),
                id: row.map(|r| r.id),
            });
        }
    }
    Ok(out)
}

/// One mail file in one language.
pub async fn get(app: &App, actor: &Actor, file: &str, lang: Language) -> Result<MailText> {
    actor.require(Permission::ManageStaff)?;
    known(file)?;
    let mut tx = app.db.read().await?;
    let row = repo::mail_templates::get(&mut tx, file, lang.as_str()).await?;
    let stored = row.as_ref().and_then(|r| r.source.clone());
    Ok(MailText {
        file: file.to_string(),
        language: lang,
        stored: stored.is_some(),
        source: match stored {
            Some(s) => s,
            None => built_in(app, file)?,
        },
        id: row.map(|r| r.id),
    })
}

/// A sample of the mail as the text in use renders it in `lang`.
pub async fn preview(app: &App, actor: &Actor, file: &str, lang: Language) -> Result<RenderedMail> {
    let t = get(app, actor, file, lang).await?;
    app.renderer()?
        .check_mail_text(file, lang, &t.source)
        .map_err(|e| AppError::Conflict(e.to_string()))
}

/// Stores an administrator's text for a mail file in a language, after rendering every sample
/// of its mail with it; a text that does not render is refused on the field `source` with the
/// template engine's message, and nothing is written.
pub async fn save(
    app: &App,
    actor: &Actor,
    file: &str,
    lang: Language,
    source: &str,
) -> Result<MailText> {
    actor.require(Permission::ManageStaff)?;
    known(file)?;
    let source = source.replace("\r\n", "\n");
    if source.trim().is_empty() {
        return Err(AppError::field("source", "must not be empty"));
    }
    if source.chars().count() > MAX_CHARS {
        return Err(AppError::field(
            "source",
            format!("is longer than {MAX_CHARS} characters"),
        ));
    }
    if let Err(e) = app.renderer()?.check_mail_text(file, lang, &source) {
        let mut v = ValidationError::new();
        v.push("source", e.to_string());
        return Err(AppError::Validation(v));
    }
    write(app, actor, file, lang, Some(source)).await
}

/// Reverts a mail file in a language to the built-in text.
pub async fn revert(app: &App, actor: &Actor, file: &str, lang: Language) -> Result<MailText> {
    actor.require(Permission::ManageStaff)?;
    known(file)?;
    write(app, actor, file, lang, None).await
}

async fn write(
    app: &App,
    actor: &Actor,
    file: &str,
    lang: Language,
    source: Option<String>,
) -> Result<MailText> {
    let now = now_ms();
    let mut tx = app.db.begin().await?;
    let row = repo::mail_templates::get(&mut tx, file, lang.as_str()).await?;
    if source.is_none() && row.as_ref().is_none_or(|r| r.source.is_none()) {
        // Nothing stored: the built-in is in use already, and there is nothing to record.
        return Ok(MailText {
            file: file.to_string(),
            language: lang,
            stored: false,
            source: built_in(app, file)?,
            id: row.map(|r| r.id),
        });
    }
    let old = row.and_then(|r| r.source);
    let id =
        repo::mail_templates::put(&mut tx, file, lang.as_str(), source.as_deref(), now).await?;
    let note = format!("{file} {}", lang.as_str());
    audit::changed(
        &mut tx,
        "mail_template",
        id,
        actor,
        now,
        vec![("source", old, source.clone())],
        Some(&note),
    )
    .await?;
    tx.commit().await?;
    app.mail_texts.set(file, lang, source.clone());
    Ok(MailText {
        file: file.to_string(),
        language: lang,
        stored: source.is_some(),
        source: match source {
            Some(s) => s,
            None => built_in(app, file)?,
        },
        id: Some(id),
    })
}

/// The changes of a mail file in a language, oldest first.
pub async fn history(
    app: &App,
    actor: &Actor,
    file: &str,
    lang: Language,
) -> Result<Vec<HistoryEntry>> {
    actor.require(Permission::ManageStaff)?;
    known(file)?;
    let mut tx = app.db.read().await?;
    let Some(row) = repo::mail_templates::get(&mut tx, file, lang.as_str()).await? else {
        return Ok(Vec::new());
    };
    Ok(repo::audit::history(&mut tx, "mail_template", row.id)
        .await?
        .into_iter()
        .map(Into::into)
        .collect())
}
