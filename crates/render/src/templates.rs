//! The minijinja environment: built-in mail templates, the operator's overrides, `t()` and filters.

use crate::RenderError;
use crate::messages::Messages;
use fluent_bundle::{FluentArgs, FluentValue};
use minijinja::value::{Kwargs, Value};
use minijinja::{AutoEscape, Environment, Error, ErrorKind, State, UndefinedBehavior};
use podpora_core::Language;
use std::collections::HashMap;
use std::sync::Arc;

macro_rules! builtin {
    ($($name:literal),* $(,)?) => {
        [$(($name, include_str!(concat!("../templates/", $name)))),*]
    };
}

/// The built-in templates, embedded in the binary, by name.
pub(crate) const BUILTIN: &[(&str, &str)] = &builtin![
    "mail/layout.html",
    "mail/confirmation.subject.txt",
    "mail/confirmation.txt",
    "mail/confirmation.html",
    "mail/agent-reply.subject.txt",
    "mail/agent-reply.txt",
    "mail/agent-reply.html",
    "mail/unknown-sender.subject.txt",
    "mail/unknown-sender.txt",
    "mail/unknown-sender.html",
    "mail/asset-not-permitted.subject.txt",
    "mail/asset-not-permitted.txt",
    "mail/asset-not-permitted.html",
    "mail/out-of-scope.subject.txt",
    "mail/out-of-scope.txt",
    "mail/out-of-scope.html",
    "mail/sla-warning.subject.txt",
    "mail/sla-warning.txt",
    "mail/sla-warning.html",
    "mail/sla-breach.subject.txt",
    "mail/sla-breach.txt",
    "mail/sla-breach.html",
    "mail/reopened.subject.txt",
    "mail/reopened.txt",
    "mail/reopened.html",
    "mail/portal-invite.subject.txt",
    "mail/portal-invite.txt",
    "mail/portal-invite.html",
    "mail/portal-reset.subject.txt",
    "mail/portal-reset.txt",
    "mail/portal-reset.html",
    "mail/offer.subject.txt",
    "mail/offer.txt",
    "mail/offer.html",
    "mail/quote-offered.subject.txt",
    "mail/quote-offered.txt",
    "mail/quote-offered.html",
    "mail/portal-address.subject.txt",
    "mail/portal-address.txt",
    "mail/portal-address.html",
];

/// A template to add: its name, where it came from (for errors) and its source.
pub(crate) struct TemplateFile {
    pub(crate) name: String,
    pub(crate) origin: String,
    pub(crate) source: String,
}

/// The template environment and, per template name, the file it came from.
pub(crate) struct Templates {
    env: Environment<'static>,
    origins: HashMap<String, String>,
}

impl Templates {
    /// Builds the environment from the built-ins, with each override replacing the template of its name.
    pub(crate) fn build(
        messages: Arc<Messages>,
        overrides: Vec<TemplateFile>,
    ) -> Result<Self, RenderError> {
        let mut env = Environment::new();
        let syntax = minijinja::syntax::SyntaxConfig::builder()
            .trim_blocks(true)
            .lstrip_blocks(true)
            .build()
            .map_err(|e| template_error(&HashMap::new(), &e))?;
        env.set_syntax(syntax);
        // A misspelt variable must fail loudly at start-up, not send a mail with a hole in it.
        env.set_undefined_behavior(UndefinedBehavior::Strict);
        env.set_auto_escape_callback(|name| {
            if name.ends_with(".html") {
                AutoEscape::Html
            } else {
                AutoEscape::None
            }
        });
        env.add_filter("paragraphs", paragraphs);
        env.add_function("t", move |state: &State, key: &str, kwargs: Kwargs| {
            translate(&messages, state, key, &kwargs)
        });

        let mut sources: HashMap<String, (String, String)> = BUILTIN
            .iter()
            .chain(crate::web::TEMPLATES.iter())
            .map(|(name, source)| {
                (
                    (*name).to_string(),
                    (format!("built-in {name}"), (*source).to_string()),
                )
            })
            .collect();
        for file in overrides {
            sources.insert(file.name, (file.origin, file.source));
        }
        let mut origins = HashMap::new();
        for (name, (origin, _)) in &sources {
            origins.insert(name.clone(), origin.clone());
        }
        let mut names: Vec<String> = sources.keys().cloned().collect();
        names.sort();
        for name in names {
            if let Some((_, source)) = sources.remove(&name) {
                env.add_template_owned(name, source)
                    .map_err(|e| template_error(&origins, &e))?;
            }
        }
        Ok(Templates { env, origins })
    }

    /// Renders one template with a context.
    pub(crate) fn render(&self, name: &str, ctx: &Value) -> Result<String, RenderError> {
        let template = self
            .env
            .get_template(name)
            .map_err(|e| template_error(&self.origins, &e))?;
        template
            .render(ctx)
            .map_err(|e| template_error(&self.origins, &e))
    }
}

impl Templates {
    /// Renders `source` in place of the template `name`: with its escaping, and with the other
    /// templates (such as the layout it extends) and functions of the environment.
    pub(crate) fn render_source(
        &self,
        name: &str,
        source: &str,
        ctx: &Value,
    ) -> Result<String, RenderError> {
        let origins = HashMap::from([(name.to_string(), format!("the stored text of {name}"))]);
        self.env
            .render_named_str(name, source, ctx)
            .map_err(|e| template_error(&origins, &e))
    }

    /// The source of the template `name`, if there is one.
    pub(crate) fn source(&self, name: &str) -> Option<String> {
        self.env
            .get_template(name)
            .ok()
            .map(|t| t.source().to_string())
    }
}

/// Turns an engine error into ours, naming the file the failing template came from.
fn template_error(origins: &HashMap<String, String>, err: &Error) -> RenderError {
    let name = err.name().unwrap_or("template");
    let file = origins
        .get(name)
        .cloned()
        .unwrap_or_else(|| name.to_string());
    let mut message = match err.detail() {
        Some(detail) => format!("{}: {detail}", err.kind()),
        None => err.kind().to_string(),
    };
    // Errors raised inside an included or extended template carry the inner cause.
    let mut cause = std::error::Error::source(err);
    while let Some(inner) = cause {
        message.push_str(&format!("; {inner}"));
        cause = inner.source();
    }
    RenderError::Template {
        file,
        line: err.line(),
        message,
    }
}

/// `t("key", name=value, …)`: the Fluent message in the language of the mail being rendered.
fn translate(
    messages: &Messages,
    state: &State,
    key: &str,
    kwargs: &Kwargs,
) -> Result<String, Error> {
    let lang = state
        .lookup("lang")
        .and_then(|v| v.as_str().and_then(|s| s.parse::<Language>().ok()))
        .ok_or_else(|| {
            Error::new(
                ErrorKind::InvalidOperation,
                "t() needs the variable lang (sk, cs, pl or en)",
            )
        })?;
    let names: Vec<String> = kwargs.args().map(str::to_string).collect();
    let mut args = FluentArgs::new();
    for name in names {
        let value: Value = kwargs.get(&name)?;
        let value = match value.as_i64() {
            Some(n) => FluentValue::from(n),
            None => FluentValue::from(value.to_string()),
        };
        args.set(name, value);
    }
    messages
        .format_strict(lang, key, &args)
        .map_err(|e| Error::new(ErrorKind::InvalidOperation, e))
}

/// `paragraphs`: plain text as escaped HTML paragraphs, blank lines separating paragraphs.
fn paragraphs(text: String) -> Value {
    let text = text.replace("\r\n", "\n");
    let mut html = String::new();
    for paragraph in text.split("\n\n") {
        let paragraph = paragraph.trim_matches('\n');
        if paragraph.trim().is_empty() {
            continue;
        }
        html.push_str("<p>");
        html.push_str(&escape_html(paragraph).replace('\n', "<br>\n"));
        html.push_str("</p>\n");
    }
    Value::from_safe_string(html)
}

/// Escapes the characters that are special in HTML text and attribute values.
pub(crate) fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_escape_and_split_on_blank_lines() {
        let html = paragraphs("Hi <b>all</b>,\r\nline two\n\n\n\nbye & thanks".to_string());
        assert_eq!(
            html.as_str(),
            Some("<p>Hi &lt;b&gt;all&lt;/b&gt;,<br>\nline two</p>\n<p>bye &amp; thanks</p>\n")
        );
    }

    #[test]
    fn every_template_file_is_embedded() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("templates/mail");
        let mut on_disk: Vec<String> = std::fs::read_dir(dir)
            .expect("the templates directory")
            .map(|e| {
                format!(
                    "mail/{}",
                    e.expect("an entry").file_name().to_string_lossy()
                )
            })
            .collect();
        on_disk.sort();
        let mut embedded: Vec<String> = BUILTIN.iter().map(|(n, _)| (*n).to_string()).collect();
        embedded.sort();
        assert_eq!(on_disk, embedded);
    }
}
