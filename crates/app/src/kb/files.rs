//! Images and files of articles: editors add and remove them (checked like ticket attachments:
//! a file name, a size limit, a media type), and readers fetch them under the article's
//! visibility, so a premium guide's picture is as hidden as its text.

use super::{FILES_PATH, is_staff, reader, require_staff};
use crate::error::NotFoundAs;
use crate::{Actor, App, AppError, Result, dto::AttachmentUpload, now_ms, rfc3339};
use podpora_core::{ValidationError, auth::Permission};
use podpora_store::repo::{self, kb::KbFileRow};
use serde::Serialize;

/// Most files one article holds.
pub const FILES_PER_ARTICLE: usize = 100;

/// A file of an article.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct KbFile {
    /// Id.
    pub id: i64,
    /// The article it belongs to.
    pub article_id: i64,
    /// File name.
    pub filename: String,
    /// Media type.
    pub content_type: String,
    /// Size in bytes.
    pub size_bytes: i64,
    /// Whether pages show it as an image.
    pub image: bool,
    /// Where readers fetch it (under the article's visibility).
    pub url: String,
    /// What to write in the article's Markdown to show it (an image) or link to it.
    #[schema(example = "![schema.png](files/3)")]
    pub markdown: String,
    /// When it was added (RFC 3339).
    pub created_at: String,
}

/// Media types pages show as images; anything else (SVG included, which can carry script) is
/// a download.
pub fn shown_as_image(content_type: &str) -> bool {
    matches!(
        content_type,
        "image/png" | "image/jpeg" | "image/gif" | "image/webp" | "image/avif"
    )
}

fn view(f: KbFileRow) -> KbFile {
    let image = shown_as_image(&f.content_type);
    // Brackets in a name would end the Markdown's text early.
    let label: String = f
        .filename
        .chars()
        .map(|c| if matches!(c, '[' | ']') { '_' } else { c })
        .collect();
    KbFile {
        markdown: if image {
            format!("![{label}](files/{})", f.id)
        } else {
            format!("[{label}](files/{})", f.id)
        },
        url: format!("{FILES_PATH}/{}", f.id),
        image,
        id: f.id,
        article_id: f.article_id,
        filename: f.filename,
        content_type: f.content_type,
        size_bytes: f.size_bytes,
        created_at: rfc3339(f.created_at),
    }
}

/// Adds a file to article `article_id` (staff): refused with the field named when its name,
/// size (the attachment limit) or media type is not acceptable.
pub async fn add_file(
    app: &App,
    actor: &Actor,
    article_id: i64,
    upload: &AttachmentUpload,
) -> Result<KbFile> {
    require_staff(actor, Permission::WriteTickets)?;
    let mut v = ValidationError::new();
    let decoded = crate::tickets::uploads::decode_upload(
        &mut v,
        "file",
        upload,
        app.config.attachment_max_bytes,
    );
    {
        let mut tx = app.db.read().await?;
        repo::kb::get_article(&mut tx, article_id)
            .await
            .not_found(|| format!("article {article_id}"))?;
        if repo::kb::files_of(&mut tx, article_id).await?.len() >= FILES_PER_ARTICLE {
            v.push(
                "file",
                format!("an article holds at most {FILES_PER_ARTICLE} files: remove one first"),
            );
        }
    }
    v.into_result()?;
    let Some(u) = decoded else {
        return Err(AppError::field("file", "is invalid"));
    };
    // The bytes first: a committed row always has its file (see crate::files).
    let sha256 = app.files.put(&u.bytes).await?;
    let now = now_ms();
    let mut row = KbFileRow {
        id: 0,
        article_id,
        filename: u.filename,
        content_type: u.content_type,
        size_bytes: i64::try_from(u.bytes.len()).unwrap_or(i64::MAX),
        sha256,
        uploaded_by: match actor {
            Actor::Agent(a) => Some(a.id),
            _ => None,
        },
        created_at: now,
    };
    let mut tx = app.db.begin().await?;
    // The article may have gone meanwhile.
    repo::kb::get_article(&mut tx, article_id)
        .await
        .not_found(|| format!("article {article_id}"))?;
    row.id = repo::kb::insert_file(&mut tx, &row).await?;
    tx.commit().await?;
    Ok(view(row))
}

/// The files of an article (staff), in the order they were added.
pub async fn files(app: &App, actor: &Actor, article_id: i64) -> Result<Vec<KbFile>> {
    require_staff(actor, Permission::ReadTickets)?;
    let mut tx = app.db.read().await?;
    repo::kb::get_article(&mut tx, article_id)
        .await
        .not_found(|| format!("article {article_id}"))?;
    Ok(repo::kb::files_of(&mut tx, article_id)
        .await?
        .into_iter()
        .map(view)
        .collect())
}

/// Removes a file from its article (staff); a body still naming it shows nothing there.
pub async fn remove_file(app: &App, actor: &Actor, article_id: i64, file_id: i64) -> Result<()> {
    require_staff(actor, Permission::WriteTickets)?;
    let mut tx = app.db.begin().await?;
    if !repo::kb::delete_file(&mut tx, article_id, file_id).await? {
        return Err(AppError::NotFound(format!(
            "file {file_id} of article {article_id}"
        )));
    }
    tx.commit().await?;
    Ok(())
}

/// A file and its bytes for a reader: staff fetch any; others only files of an article they
/// may read that has a published text. Anything else is "not found", so nobody learns which
/// files of others' articles exist.
pub async fn fetch(app: &App, actor: Option<&Actor>, file_id: i64) -> Result<(KbFile, Vec<u8>)> {
    let gone = || AppError::NotFound(format!("file {file_id}"));
    let mut tx = app.db.read().await?;
    let f = repo::kb::get_file(&mut tx, file_id)
        .await
        .not_found(|| format!("file {file_id}"))?;
    if !is_staff(actor) {
        let rd = reader(actor, false, now_ms());
        if !repo::kb::readable(&mut tx, f.article_id, &rd).await? {
            return Err(gone());
        }
        let published = repo::kb::translations(&mut tx, f.article_id)
            .await?
            .iter()
            .any(|t| t.published);
        if !published {
            return Err(gone());
        }
    }
    drop(tx);
    let bytes = match app.files.get(&f.sha256).await {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(gone()),
        Err(e) => return Err(e.into()),
    };
    Ok((view(f), bytes))
}
