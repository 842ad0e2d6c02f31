//! Files sent with a request or an article: decoded and checked with the rest of the input,
//! stored only once the request is accepted.

use super::*;

/// A file decoded from an upload, validated, not yet stored.
pub(crate) struct Upload {
    pub(crate) filename: String,
    pub(crate) content_type: String,
    pub(crate) bytes: Vec<u8>,
}

pub(super) fn decode_uploads(
    v: &mut ValidationError,
    list: &[AttachmentUpload],
    max: u64,
) -> Vec<Upload> {
    list.iter()
        .enumerate()
        .filter_map(|(i, a)| decode_upload(v, &format!("attachments[{i}]"), a, max))
        .collect()
}

/// Decodes and checks one upload (its name, its size against `max` bytes, its media type),
/// naming field `f` in what is refused; the knowledge base's files are checked the same way.
pub(crate) fn decode_upload(
    v: &mut ValidationError,
    f: &str,
    a: &AttachmentUpload,
    max: u64,
) -> Option<Upload> {
    let name = a.filename.trim();
    if name.is_empty() || name.chars().count() > 255 || name.contains(['/', '\\', '\0']) {
        v.push(
            format!("{f}.filename"),
            "must be a file name of 1–255 characters without / or \\",
        );
        return None;
    }
    match base64::engine::general_purpose::STANDARD.decode(a.content_base64.trim()) {
        Ok(bytes) if bytes.len() as u64 > max => {
            v.push(
                format!("{f}.content_base64"),
                format!(
                    "the file is {} bytes; the limit is {max} bytes",
                    bytes.len()
                ),
            );
            None
        }
        Ok(bytes) => match media_type(a.content_type.as_deref()) {
            Ok(content_type) => Some(Upload {
                filename: name.to_string(),
                content_type,
                bytes,
            }),
            Err(e) => {
                v.push(format!("{f}.content_type"), e);
                None
            }
        },
        Err(e) => {
            v.push(
                format!("{f}.content_base64"),
                format!("is not valid base64: {e}"),
            );
            None
        }
    }
}

/// The media type of an upload as it will be stored and served: parsed as a MIME type and
/// written back as `type/subtype` alone, so nothing stored can break a response header later.
/// None means `application/octet-stream`.
fn media_type(given: Option<&str>) -> std::result::Result<String, String> {
    let Some(given) = given.map(str::trim).filter(|c| !c.is_empty()) else {
        return Ok("application/octet-stream".into());
    };
    match given.parse::<mime::Mime>() {
        Ok(m)
            if given.len() <= 255
                && !given.contains(|c: char| c.is_control())
                && !m.subtype().as_str().is_empty() =>
        {
            Ok(m.essence_str().to_ascii_lowercase())
        }
        _ => Err(format!(
            "{given:?} is not a media type: give one such as application/pdf or image/png, or leave it out"
        )),
    }
}

/// Stores upload bytes (content-addressed) before the transaction that refers to them.
pub(super) async fn store_uploads(app: &App, uploads: Vec<Upload>) -> Result<Vec<AttachmentRow>> {
    let mut rows = Vec::with_capacity(uploads.len());
    for u in uploads {
        let sha256 = app.files.put(&u.bytes).await?;
        rows.push(AttachmentRow {
            id: 0,
            article_id: 0,
            filename: u.filename,
            content_type: u.content_type,
            size_bytes: u.bytes.len() as i64,
            sha256,
        });
    }
    Ok(rows)
}
