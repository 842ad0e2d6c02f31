//! An article's images and files in the editor: uploaded one at a time from a
//! `multipart/form-data` form (the size limit stated beside it and enforced), removed with a
//! button; a refusal is said beside the upload form.

use super::*;
use axum::extract::Multipart;
use base64::Engine as _;
use podpora_app::dto::AttachmentUpload;

/// A size for people: kB below a megabyte, MB above.
pub(super) fn size(bytes: u64) -> String {
    if bytes >= 1_000_000 {
        // Whole numbers only (no floats near sizes): tenths of a megabyte, rounded up.
        let tenths = bytes.div_ceil(100_000);
        match tenths % 10 {
            0 => format!("{} MB", tenths / 10),
            t => format!("{}.{t} MB", tenths / 10),
        }
    } else {
        format!("{} kB", bytes.div_ceil(1000))
    }
}

/// The posted upload form.
#[derive(Default)]
struct Posted {
    csrf: String,
    file: Option<AttachmentUpload>,
    too_large: bool,
}

async fn read_form(mut mp: Multipart, max: u64) -> Posted {
    let mut p = Posted::default();
    loop {
        let field = match mp.next_field().await {
            Ok(Some(f)) => f,
            Ok(None) => break,
            // The body limit ended the upload: the file was too large.
            Err(_) => {
                p.too_large = true;
                break;
            }
        };
        let name = field.name().unwrap_or("").to_string();
        if name == "file" {
            let filename = field.file_name().unwrap_or("").to_string();
            let content_type = field.content_type().map(str::to_string);
            match field.bytes().await {
                Ok(bytes) if bytes.len() as u64 > max => p.too_large = true,
                Ok(bytes) if !filename.is_empty() && !bytes.is_empty() => {
                    p.file = Some(AttachmentUpload {
                        filename,
                        content_type,
                        content_base64: base64::engine::general_purpose::STANDARD.encode(&bytes),
                    });
                }
                Ok(_) => {}
                Err(_) => {
                    p.too_large = true;
                    break;
                }
            }
        } else if name == "csrf" {
            p.csrf = field.text().await.unwrap_or_default();
        }
    }
    p
}

/// `POST /desk/kb/{id}/files`: adds one file to the article and shows the editor again, where
/// the file is listed with the Markdown that shows it.
pub(super) async fn upload(
    State(state): State<AppState>,
    v: Visitor,
    Staff(agent): Staff,
    Path(id): Path<String>,
    mp: Multipart,
) -> Response {
    let max = state.app.config.attachment_max_bytes;
    let posted = read_form(mp, max).await;
    // A body cut short may have lost the token too: the size is what to tell.
    if !posted.too_large && !v.csrf_ok(&posted.csrf) {
        return csrf_refused(&state, &v);
    }
    let Ok(id) = id.parse::<i64>() else {
        return not_found(&state, &v);
    };
    let refuse = |key: &str, args: &[(&str, podpora_render::Arg)]| Problems {
        files_error: Some(tr(&state, v.lang, key, args)),
        ..Problems::default()
    };
    let problems = if posted.too_large {
        refuse("desk-kb-file-too-large", &[("size", size(max).into())])
    } else if let Some(file) = posted.file {
        match kb::add_file(&state.app, &agent.actor, id, &file).await {
            Ok(_) => return Redirect::to(&format!("/desk/kb/{id}#files")).into_response(),
            Err(AppError::NotFound(_)) => return not_found(&state, &v),
            Err(AppError::Validation(errs)) => {
                let field = errs
                    .errors
                    .first()
                    .map(|e| e.field.clone())
                    .unwrap_or_default();
                match field.as_str() {
                    "file.filename" => refuse("desk-kb-file-bad-name", &[]),
                    "file.content_type" => refuse("desk-kb-file-bad-type", &[]),
                    "file.content_base64" => {
                        refuse("desk-kb-file-too-large", &[("size", size(max).into())])
                    }
                    _ => refuse(
                        "desk-kb-file-too-many",
                        &[("count", (kb::FILES_PER_ARTICLE as i64).into())],
                    ),
                }
            }
            Err(e) => return failed(&state, &v, &e),
        }
    } else {
        refuse("desk-kb-file-missing", &[])
    };
    editor(
        &state,
        &v,
        &agent,
        id,
        problems,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await
}

/// `POST /desk/kb/{id}/files/{file}/delete`: removes a file from the article.
pub(super) async fn remove(
    State(state): State<AppState>,
    v: Visitor,
    Staff(agent): Staff,
    Path((id, file)): Path<(String, String)>,
    Form(f): Form<CsrfOnly>,
) -> Response {
    if !v.csrf_ok(&f.csrf) {
        return csrf_refused(&state, &v);
    }
    let (Ok(id), Ok(file)) = (id.parse::<i64>(), file.parse::<i64>()) else {
        return not_found(&state, &v);
    };
    match kb::remove_file(&state.app, &agent.actor, id, file).await {
        Ok(()) => Redirect::to(&format!("/desk/kb/{id}#files")).into_response(),
        Err(AppError::NotFound(_)) => not_found(&state, &v),
        Err(e) => failed(&state, &v, &e),
    }
}
