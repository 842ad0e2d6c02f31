//! The renderer: messages and templates built once, shared by every sender.

use crate::RenderError;
use crate::mail::{ClockKind, MailTemplate, RenderedMail};
use crate::messages::{Arg, FtlFile, Messages};
use crate::overrides;
use crate::templates::{TemplateFile, Templates};
use fluent_bundle::{FluentArgs, FluentValue};
use minijinja::Value;
use podpora_core::Language;
use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

/// Renders mails and messages in every language. Build it once at start-up and share it.
pub struct Renderer {
    messages: Arc<Messages>,
    templates: Templates,
}

impl Renderer {
    /// The built-in messages and templates, checked by rendering every sample mail in every language.
    pub fn new() -> Result<Self, RenderError> {
        Self::build(Vec::new(), Vec::new())
    }

    /// The built-ins with the operator's files from `dir` on top (see the crate documentation for the
    /// layout). Every mail is rendered once in every language, so a broken file fails here, naming the
    /// file and the line, and not when a customer's mail is sent.
    pub fn with_overrides(dir: &Path) -> Result<Self, RenderError> {
        let found = overrides::read(dir)?;
        Self::build(found.templates, found.messages)
    }

    fn build(templates: Vec<TemplateFile>, messages: Vec<FtlFile>) -> Result<Self, RenderError> {
        let messages = Arc::new(Messages::load(messages)?);
        let templates = Templates::build(Arc::clone(&messages), templates)?;
        let renderer = Renderer {
            messages,
            templates,
        };
        for sample in MailTemplate::samples() {
            for lang in Language::ALL {
                renderer.mail(&sample, lang)?;
            }
        }
        Ok(renderer)
    }

    /// Renders a mail in a language.
    pub fn mail(&self, mail: &MailTemplate, lang: Language) -> Result<RenderedMail, RenderError> {
        self.mail_with(mail, lang, &HashMap::new())
    }

    /// Renders a mail in a language with some of its files replaced: `texts` maps a file name
    /// such as `confirmation.txt` to the text stored for this language.
    pub fn mail_with(
        &self,
        mail: &MailTemplate,
        lang: Language,
        texts: &HashMap<String, String>,
    ) -> Result<RenderedMail, RenderError> {
        let name = mail.name();
        let render = |file: String, ctx: &Value| match texts.get(&file) {
            Some(source) => self
                .templates
                .render_source(&format!("mail/{file}"), source, ctx),
            None => self.templates.render(&format!("mail/{file}"), ctx),
        };
        let mut vars = mail.variables(lang, |clock| self.clock_name(lang, clock));
        let subject = render(
            format!("{name}.subject.txt"),
            &Value::from_pairs(vars.clone()),
        )?;
        let subject = one_line(&subject);
        vars.push(("title", Value::from(subject.clone())));
        let ctx = Value::from_pairs(vars);
        let mut text = render(format!("{name}.txt"), &ctx)?;
        if !text.ends_with('\n') {
            text.push('\n');
        }
        let mut html = render(format!("{name}.html"), &ctx)?;
        if !html.ends_with('\n') {
            html.push('\n');
        }
        Ok(RenderedMail {
            subject,
            text,
            html,
        })
    }

    /// The files of every mail an administrator may replace, such as `confirmation.txt`: per
    /// mail its subject, plain text and HTML.
    pub fn mail_files() -> Vec<String> {
        MailTemplate::NAMES
            .iter()
            .flat_map(|n| {
                [
                    format!("{n}.subject.txt"),
                    format!("{n}.txt"),
                    format!("{n}.html"),
                ]
            })
            .collect()
    }

    /// The text of a mail file (see [`Renderer::mail_files`]) this renderer was built with.
    pub fn mail_source(&self, file: &str) -> Option<String> {
        Self::mail_files()
            .iter()
            .any(|f| f == file)
            .then(|| self.templates.source(&format!("mail/{file}")))
            .flatten()
    }

    /// The variables the templates of a mail file receive (`title`, the rendered subject, only
    /// in its text and HTML), for an editor to see what a text may use.
    pub fn mail_variables(file: &str) -> Vec<&'static str> {
        let base = file
            .strip_suffix(".subject.txt")
            .or_else(|| file.strip_suffix(".txt"))
            .or_else(|| file.strip_suffix(".html"))
            .unwrap_or(file);
        let Some(sample) = MailTemplate::samples()
            .into_iter()
            .find(|m| m.name() == base)
        else {
            return Vec::new();
        };
        let mut names: Vec<&'static str> = sample
            .variables(Language::En, |_| String::new())
            .into_iter()
            .map(|(n, _)| n)
            .collect();
        if !file.ends_with(".subject.txt") {
            names.push("title");
        }
        names
    }

    /// Checks a text for a mail file in a language by rendering every sample of its mail with
    /// it; returns the first sample as rendered, to show, or the template's error.
    pub fn check_mail_text(
        &self,
        file: &str,
        lang: Language,
        source: &str,
    ) -> Result<RenderedMail, RenderError> {
        let base = file
            .strip_suffix(".subject.txt")
            .or_else(|| file.strip_suffix(".txt"))
            .or_else(|| file.strip_suffix(".html"))
            .unwrap_or(file);
        let texts = HashMap::from([(file.to_string(), source.to_string())]);
        let mut first = None;
        for sample in MailTemplate::samples()
            .into_iter()
            .filter(|m| m.name() == base)
        {
            let rendered = self.mail_with(&sample, lang, &texts)?;
            first.get_or_insert(rendered);
        }
        first.ok_or_else(|| RenderError::Template {
            file: file.to_string(),
            line: None,
            message: "not the name of a mail template file".into(),
        })
    }

    /// A Fluent message for other user interfaces. Falls back to English, then to the key itself,
    /// so a missing translation shows up as text rather than an error.
    pub fn text(&self, lang: Language, key: &str, args: &[(&str, Arg)]) -> String {
        let mut fluent_args = FluentArgs::new();
        for (name, value) in args {
            fluent_args.set(*name, FluentValue::from(value));
        }
        [lang, Language::En]
            .into_iter()
            .find_map(|l| self.messages.format(l, key, &fluent_args))
            .map_or_else(|| key.to_string(), |(text, _)| text)
    }

    /// Renders a web page (`web/<name>.html`) in a language. `ctx` gives the page's variables;
    /// `lang` is added. A variable the template uses and `ctx` lacks is an error.
    pub fn page<S: serde::Serialize>(
        &self,
        name: &str,
        lang: Language,
        ctx: &S,
    ) -> Result<String, RenderError> {
        let ctx = minijinja::context! { lang => lang.as_str(), ..Value::from(minijinja::value::Serde(ctx)) };
        self.templates.render(&format!("web/{name}.html"), &ctx)
    }

    /// Whether a message exists in a language (without falling back to English).
    pub fn has_message(&self, lang: Language, key: &str) -> bool {
        self.messages.has(lang, key)
    }

    /// The name of an SLA clock, such as "Reakcia".
    pub fn clock_name(&self, lang: Language, clock: ClockKind) -> String {
        self.text(lang, clock.message_id(), &[])
    }
}

impl std::fmt::Debug for Renderer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Renderer").finish_non_exhaustive()
    }
}

/// A subject is a header: control characters (a user's line break) become spaces.
fn one_line(text: &str) -> String {
    let spaced: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    spaced
        .split(' ')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subjects_lose_line_breaks_and_keep_non_breaking_spaces() {
        assert_eq!(one_line("  a\r\nBcc: x@y\t z \n"), "a Bcc: x@y z");
        assert_eq!(one_line("80\u{a0}%"), "80\u{a0}%");
    }
}
