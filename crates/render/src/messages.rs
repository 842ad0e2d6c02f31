//! Fluent message bundles, one per language: the built-in `.ftl` files plus the operator's overrides.

use crate::RenderError;
use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use podpora_core::Language;
use std::borrow::Cow;
use std::collections::HashMap;
use unic_langid::LanguageIdentifier;

type Bundle = FluentBundle<FluentResource>;

/// The built-in message files of every language, by file name: `ftl_builtin!["mail"]` embeds
/// `sk/mail.ftl`, `cs/mail.ftl`, `pl/mail.ftl` and `en/mail.ftl`.
macro_rules! ftl_builtin {
    ($($name:literal),* $(,)?) => {
        [$(
            (Language::Sk, concat!("sk/", $name, ".ftl"), include_str!(concat!("../locales/sk/", $name, ".ftl"))),
            (Language::Cs, concat!("cs/", $name, ".ftl"), include_str!(concat!("../locales/cs/", $name, ".ftl"))),
            (Language::Pl, concat!("pl/", $name, ".ftl"), include_str!(concat!("../locales/pl/", $name, ".ftl"))),
            (Language::En, concat!("en/", $name, ".ftl"), include_str!(concat!("../locales/en/", $name, ".ftl"))),
        )*]
    };
}

/// The built-in message files, embedded in the binary.
const BUILTIN: &[(Language, &str, &str)] = &ftl_builtin![
    "mail",
    "units",
    "web",
    "desk",
    "desk-config",
    "payments",
    "desk-ticket",
    "kb",
    "desk-kb",
    "desk-search",
    "portal-accounts",
    "kb-media",
    "service-time",
    "quotes",
    "desk-work",
    "portal-self-service",
    "invoice-pdf",
    "accounting",
    "payment-decisions",
    "desk-settings",
    "desk-ticket-page",
];

/// A message file to load: where it came from (for errors) and its text.
pub(crate) struct FtlFile {
    pub(crate) lang: Language,
    pub(crate) origin: String,
    pub(crate) text: String,
}

/// A value passed to a message, such as `$ticket` or `$count`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Arg<'a> {
    /// Text, inserted as it is.
    Text(Cow<'a, str>),
    /// A whole number; it also selects the plural form (one/few/many/other).
    Number(i64),
}

impl<'a> From<&'a str> for Arg<'a> {
    fn from(v: &'a str) -> Self {
        Arg::Text(Cow::Borrowed(v))
    }
}

impl From<String> for Arg<'_> {
    fn from(v: String) -> Self {
        Arg::Text(Cow::Owned(v))
    }
}

impl From<i64> for Arg<'_> {
    fn from(v: i64) -> Self {
        Arg::Number(v)
    }
}

impl From<i32> for Arg<'_> {
    fn from(v: i32) -> Self {
        Arg::Number(i64::from(v))
    }
}

impl From<u32> for Arg<'_> {
    fn from(v: u32) -> Self {
        Arg::Number(i64::from(v))
    }
}

impl From<u8> for Arg<'_> {
    fn from(v: u8) -> Self {
        Arg::Number(i64::from(v))
    }
}

impl From<u64> for Arg<'_> {
    fn from(v: u64) -> Self {
        Arg::Number(i64::try_from(v).unwrap_or(i64::MAX))
    }
}

impl<'a> From<&'a Arg<'a>> for FluentValue<'a> {
    fn from(arg: &'a Arg<'a>) -> Self {
        match arg {
            Arg::Text(s) => FluentValue::from(s.as_ref()),
            Arg::Number(n) => FluentValue::from(*n),
        }
    }
}

/// Every language's bundle, and where each message was last defined (for error messages).
pub(crate) struct Messages {
    bundles: Vec<(Language, Bundle)>,
    origins: HashMap<(Language, String), (String, usize)>,
}

impl Messages {
    /// Loads the built-in files, then the overrides; an override's message replaces the built-in one.
    pub(crate) fn load(overrides: Vec<FtlFile>) -> Result<Self, RenderError> {
        let mut bundles = Vec::with_capacity(Language::ALL.len());
        for lang in Language::ALL {
            let id: LanguageIdentifier =
                lang.as_str().parse().map_err(|e| RenderError::Messages {
                    file: lang.as_str().to_string(),
                    line: None,
                    message: format!("not a language identifier: {e}"),
                })?;
            let mut bundle = Bundle::new_concurrent(vec![id]);
            // Isolation marks (U+2068/U+2069) around every value would show up as junk in plain-text mail.
            bundle.set_use_isolating(false);
            bundles.push((lang, bundle));
        }
        let mut messages = Messages {
            bundles,
            origins: HashMap::new(),
        };
        let builtin = BUILTIN.iter().map(|(lang, name, text)| FtlFile {
            lang: *lang,
            origin: format!("built-in {name}"),
            text: (*text).to_string(),
        });
        for file in builtin.chain(overrides) {
            messages.add(file)?;
        }
        Ok(messages)
    }

    fn add(&mut self, file: FtlFile) -> Result<(), RenderError> {
        let resource = match FluentResource::try_new(file.text) {
            Ok(resource) => resource,
            Err((resource, errors)) => {
                let first = errors.first();
                return Err(RenderError::Messages {
                    line: first.map(|e| {
                        error_line(
                            resource.source(),
                            e.pos.start,
                            e.slice.as_ref().map_or(0, |s| s.start),
                        )
                    }),
                    message: first
                        .map_or_else(|| "syntax error".to_string(), |e| e.kind.to_string()),
                    file: file.origin,
                });
            }
        };
        for (id, line) in message_lines(resource.source()) {
            self.origins
                .insert((file.lang, id), (file.origin.clone(), line));
        }
        if let Some((_, bundle)) = self.bundles.iter_mut().find(|(l, _)| *l == file.lang) {
            bundle.add_resource_overriding(resource);
        }
        Ok(())
    }

    fn bundle(&self, lang: Language) -> Option<&Bundle> {
        self.bundles
            .iter()
            .find(|(l, _)| *l == lang)
            .map(|(_, b)| b)
    }

    /// Whether the language has this message.
    pub(crate) fn has(&self, lang: Language, key: &str) -> bool {
        self.bundle(lang).is_some_and(|b| b.has_message(key))
    }

    /// Formats a message, or says why it cannot be formatted (unknown message, missing variable …).
    pub(crate) fn format_strict(
        &self,
        lang: Language,
        key: &str,
        args: &FluentArgs<'_>,
    ) -> Result<String, String> {
        let (text, errors) = self
            .format(lang, key, args)
            .ok_or_else(|| format!("no message \"{key}\" in language {lang}"))?;
        if errors.is_empty() {
            return Ok(text);
        }
        let origin = match self.origins.get(&(lang, key.to_string())) {
            Some((file, line)) => format!(" (defined in {file}, line {line})"),
            None => String::new(),
        };
        Err(format!(
            "message \"{key}\" in language {lang}{origin}: {}",
            errors.join("; ")
        ))
    }

    /// Formats a message, returning the text even when some placeables could not be filled, with the reasons.
    pub(crate) fn format(
        &self,
        lang: Language,
        key: &str,
        args: &FluentArgs<'_>,
    ) -> Option<(String, Vec<String>)> {
        let bundle = self.bundle(lang)?;
        let pattern = bundle.get_message(key)?.value()?;
        let mut errors = Vec::new();
        let text = bundle.format_pattern(pattern, Some(args), &mut errors);
        Some((
            text.into_owned(),
            errors.iter().map(ToString::to_string).collect(),
        ))
    }
}

/// The 1-based line of a byte offset.
pub(crate) fn line_of(text: &str, offset: usize) -> usize {
    let end = offset.min(text.len());
    text.as_bytes()[..end]
        .iter()
        .filter(|b| **b == b'\n')
        .count()
        + 1
}

/// The line a parse error is on. Fluent reports an unclosed placeable at the start of the next
/// line; the operator's mistake is at the end of the line before, unless that is another entry.
fn error_line(text: &str, pos: usize, entry_start: usize) -> usize {
    let mut at = pos.min(text.len());
    if at > entry_start && text.as_bytes().get(at - 1) == Some(&b'\n') {
        at -= 1;
    }
    line_of(text, at)
}

/// The messages a Fluent file defines, with the line of each definition.
fn message_lines(text: &str) -> Vec<(String, usize)> {
    text.lines()
        .enumerate()
        .filter_map(|(i, line)| {
            let (id, _) = line.split_once('=')?;
            let id = id.trim_end();
            let valid = id.starts_with(|c: char| c.is_ascii_alphabetic())
                && id
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
            valid.then(|| (id.to_string(), i + 1))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_has_every_english_message() {
        let messages = Messages::load(Vec::new()).expect("built-in messages load");
        let english: Vec<String> = BUILTIN
            .iter()
            .filter(|(lang, _, _)| *lang == Language::En)
            .flat_map(|(_, _, text)| message_lines(text))
            .map(|(id, _)| id)
            .collect();
        assert!(english.len() > 30, "found only {} messages", english.len());
        for lang in Language::ALL {
            for id in &english {
                assert!(messages.has(lang, id), "{lang} lacks {id}");
            }
        }
    }

    /// The message ids each language's built-in files define.
    fn ids_of(lang: Language) -> std::collections::BTreeSet<String> {
        BUILTIN
            .iter()
            .filter(|(l, _, _)| *l == lang)
            .flat_map(|(_, _, text)| message_lines(text))
            .map(|(id, _)| id)
            .collect()
    }

    #[test]
    fn every_language_has_the_same_messages() {
        let english = ids_of(Language::En);
        for lang in Language::ALL {
            let ids = ids_of(lang);
            let missing: Vec<_> = english.difference(&ids).collect();
            let extra: Vec<_> = ids.difference(&english).collect();
            assert!(
                missing.is_empty() && extra.is_empty(),
                "{lang}: missing {missing:?}, only in {lang}: {extra:?}"
            );
        }
    }

    /// Every id the web templates and the web edge use, in every language.
    #[test]
    fn every_message_a_page_uses_exists() {
        let messages = Messages::load(Vec::new()).expect("built-in messages load");
        let used = crate::web::used_message_ids();
        assert!(used.len() > 40, "found only {} ids", used.len());
        for lang in Language::ALL {
            for id in &used {
                assert!(messages.has(lang, id), "{lang} lacks {id}, used by a page");
            }
        }
    }

    #[test]
    fn lines_are_counted_from_one() {
        assert_eq!(line_of("a\nb\nc", 0), 1);
        assert_eq!(line_of("a\nb\nc", 2), 2);
        assert_eq!(line_of("a\nb\nc", 99), 3);
    }
}
