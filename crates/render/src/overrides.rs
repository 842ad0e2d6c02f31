//! Reading the operator's override directory: `templates/mail/*` and `locales/<lang>/*.ftl`.

use crate::RenderError;
use crate::messages::FtlFile;
use crate::templates::{BUILTIN, TemplateFile};
use podpora_core::Language;
use std::fs;
use std::path::{Path, PathBuf};

/// What the override directory holds.
pub(crate) struct Overrides {
    pub(crate) templates: Vec<TemplateFile>,
    pub(crate) messages: Vec<FtlFile>,
}

/// Reads the directory. Anything that would be ignored (a misspelt template name, a language
/// we do not have, a stray file) is an error, so that an operator's edit never silently does nothing.
pub(crate) fn read(dir: &Path) -> Result<Overrides, RenderError> {
    let mut overrides = Overrides {
        templates: Vec::new(),
        messages: Vec::new(),
    };
    // Fail on a mistyped directory rather than start with no overrides at all.
    fs::metadata(dir).map_err(|e| io_error(dir, e))?;

    let templates = dir.join("templates");
    if templates.exists() {
        for entry in entries(&templates)? {
            if file_name(&entry) != "mail" {
                return Err(unexpected(
                    &entry,
                    "expected only the directory templates/mail",
                ));
            }
        }
        let mail = templates.join("mail");
        if mail.exists() {
            for path in entries(&mail)? {
                let file = file_name(&path);
                let name = format!("mail/{file}");
                let known = BUILTIN.iter().any(|(builtin, _)| *builtin == name);
                if !path.is_file() || !(known || file.starts_with('_')) {
                    return Err(unexpected(
                        &path,
                        "not a template name: use the name of a built-in template \
                         (such as confirmation.txt) or start a partial's name with _",
                    ));
                }
                overrides.templates.push(TemplateFile {
                    name,
                    origin: path.display().to_string(),
                    source: read_text(&path)?,
                });
            }
        }
    }

    let locales = dir.join("locales");
    if locales.exists() {
        for lang_dir in entries(&locales)? {
            let lang = file_name(&lang_dir)
                .parse::<Language>()
                .ok()
                .filter(|l| l.as_str() == file_name(&lang_dir) && lang_dir.is_dir());
            let Some(lang) = lang else {
                return Err(unexpected(
                    &lang_dir,
                    "expected a directory named sk, cs, pl or en",
                ));
            };
            for path in entries(&lang_dir)? {
                if !path.is_file() || path.extension().is_none_or(|e| e != "ftl") {
                    return Err(unexpected(&path, "expected only .ftl files"));
                }
                overrides.messages.push(FtlFile {
                    lang,
                    origin: path.display().to_string(),
                    text: read_text(&path)?,
                });
            }
        }
    }
    Ok(overrides)
}

/// A directory's entries in name order, without hidden files (editors leave those behind).
fn entries(dir: &Path) -> Result<Vec<PathBuf>, RenderError> {
    let mut paths = Vec::new();
    for entry in fs::read_dir(dir).map_err(|e| io_error(dir, e))? {
        let entry = entry.map_err(|e| io_error(dir, e))?;
        let path = entry.path();
        if !file_name(&path).starts_with('.') {
            paths.push(path);
        }
    }
    paths.sort();
    Ok(paths)
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn read_text(path: &Path) -> Result<String, RenderError> {
    fs::read_to_string(path).map_err(|e| io_error(path, e))
}

fn io_error(path: &Path, source: std::io::Error) -> RenderError {
    RenderError::Io {
        path: path.display().to_string(),
        source,
    }
}

fn unexpected(path: &Path, reason: &str) -> RenderError {
    RenderError::UnexpectedFile {
        path: path.display().to_string(),
        reason: reason.to_string(),
    }
}
