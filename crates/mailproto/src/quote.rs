//! Splitting a reply into the new text and the quoted earlier conversation, for display.

use serde::Serialize;

/// A reply split into what the sender wrote now and the quoted part below it.
/// The full original text stays in [`InboundMessage::text_body`](crate::InboundMessage::text_body).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
pub struct QuotedSplit {
    /// The text above the first quote marker, trailing blank lines removed.
    pub new_text: String,
    /// The quote marker line (attribution, separator, or first `>` line) and everything after it.
    pub quoted: Option<String>,
}

/// Splits plain text at the first quote marker. Recognised markers, case-insensitive:
///
/// - attribution lines, possibly wrapped onto a second line: `On … wrote:` (en), `Dňa … napísal(a):` (sk),
///   `Dne … napsal(a):` (cs), `W dniu … napisał(a):` (pl), `Am … schrieb …:` (de);
/// - separators: `-----Original Message-----`, `Pôvodná správa`, `Původní zpráva`, `Wiadomość oryginalna`,
///   `Ursprüngliche Nachricht`, `Forwarded message`;
/// - an Outlook header block: a `From:`/`Od:`/`Von:` line followed within four lines by
///   `Subject:`/`Predmet:`/`Předmět:`/`Temat:`/`Betreff:`;
/// - a line starting with `>`.
///
/// Text after an interleaved answer is treated as quoted as well: the split is for display, never for data.
///
/// ```
/// use podpora_mailproto::split_quoted_reply;
/// let s = split_quoted_reply("Ďakujem, funguje.\n\nDňa 3. 2. 2026 o 10:15 Podpora <help@x.sk> napísal(a):\n> Skúste reštart.");
/// assert_eq!(s.new_text, "Ďakujem, funguje.");
/// assert!(s.quoted.as_deref().is_some_and(|q| q.starts_with("Dňa 3. 2. 2026")));
/// ```
pub fn split_quoted_reply(text: &str) -> QuotedSplit {
    let lines: Vec<&str> = text.lines().collect();
    let Some(at) = (0..lines.len()).find(|&i| is_quote_start(&lines, i)) else {
        return QuotedSplit {
            new_text: text.trim_end().to_owned(),
            quoted: None,
        };
    };
    QuotedSplit {
        new_text: lines[..at].join("\n").trim_end().to_owned(),
        quoted: Some(lines[at..].join("\n")),
    }
}

const ATTRIBUTION_STARTS: &[&str] = &["on ", "dňa ", "dna ", "dne ", "w dniu ", "am ", "le "];
const ATTRIBUTION_VERBS: &[&str] = &[
    "wrote:",
    "napísal:",
    "napísala:",
    "napísal(a):",
    "napsal:",
    "napsala:",
    "napsal(a):",
    "napisał:",
    "napisała:",
    "napisał(a):",
    "schrieb:",
    "a écrit :",
    "a écrit:",
];
const SEPARATORS: &[&str] = &[
    "original message",
    "pôvodná správa",
    "původní zpráva",
    "wiadomość oryginalna",
    "oryginalna wiadomość",
    "ursprüngliche nachricht",
    "forwarded message",
    "preposlaná správa",
    "přeposlaná zpráva",
];
const FROM_FIELDS: &[&str] = &["from:", "od:", "von:"];
const SUBJECT_FIELDS: &[&str] = &["subject:", "predmet:", "předmět:", "temat:", "betreff:"];

fn is_quote_start(lines: &[&str], i: usize) -> bool {
    let line = lines[i].trim();
    if line.starts_with('>') {
        return true;
    }
    let lower = line.to_lowercase();
    let ruled = lower.starts_with("---") || lower.starts_with("___") || lower.starts_with("==");
    if ruled && SEPARATORS.iter().any(|s| lower.contains(s)) {
        return true;
    }
    if ATTRIBUTION_STARTS.iter().any(|s| lower.starts_with(s)) {
        let ends = |l: &str| ATTRIBUTION_VERBS.iter().any(|v| l.trim_end().ends_with(v));
        if ends(&lower) {
            return true;
        }
        // Gmail and Thunderbird wrap a long attribution onto a second line.
        if let Some(next) = lines.get(i + 1) {
            let next = next.trim().to_lowercase();
            if !next.is_empty() && ends(&next) && lower.len() + next.len() < 300 {
                return true;
            }
        }
    }
    if FROM_FIELDS.iter().any(|f| lower.starts_with(f)) {
        let window = lines.iter().skip(i + 1).take(4);
        return window
            .map(|l| l.trim().to_lowercase())
            .any(|l| SUBJECT_FIELDS.iter().any(|s| l.starts_with(s)));
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> (String, Option<String>) {
        let s = split_quoted_reply(text);
        (s.new_text, s.quoted)
    }

    #[test]
    fn english_attribution() {
        let (new, quoted) = split(
            "Thanks!\n\nOn Tue, 3 Feb 2026 at 10:15, Help Desk <help@x.com> wrote:\n> Try again",
        );
        assert_eq!(new, "Thanks!");
        assert_eq!(
            quoted.as_deref(),
            Some("On Tue, 3 Feb 2026 at 10:15, Help Desk <help@x.com> wrote:\n> Try again")
        );
    }

    #[test]
    fn wrapped_english_attribution() {
        let (new, quoted) = split(
            "Yes.\nOn Tue, 3 Feb 2026 at 10:15, Help Desk <\nhelp@x.com> wrote:\n\n> Try again",
        );
        assert_eq!(new, "Yes.");
        assert!(quoted.is_some_and(|q| q.starts_with("On Tue")));
    }

    #[test]
    fn slovak_attribution() {
        let (new, quoted) = split(
            "Funguje to.\n\nDňa po 2. 2. 2026 o 9:00 Ján Novák <jan@firma.sk> napísal(a):\n> Reštartujte.",
        );
        assert_eq!(new, "Funguje to.");
        assert!(quoted.is_some_and(|q| q.starts_with("Dňa po")));
    }

    #[test]
    fn czech_attribution() {
        let (new, quoted) = split(
            "Děkuji.\n\nDne 2. 2. 2026 v 9:00 Jan Novák <jan@firma.cz> napsal(a):\n> Restartujte.",
        );
        assert_eq!(new, "Děkuji.");
        assert!(quoted.is_some_and(|q| q.starts_with("Dne 2. 2.")));
    }

    #[test]
    fn polish_attribution() {
        let (new, quoted) = split(
            "Dziękuję.\n\nW dniu 2.02.2026 o 09:00, Jan Kowalski napisał:\n> Proszę zrestartować.",
        );
        assert_eq!(new, "Dziękuję.");
        assert!(quoted.is_some_and(|q| q.starts_with("W dniu")));
    }

    #[test]
    fn outlook_separator_and_header_block() {
        let (new, quoted) = split(
            "See below.\n\n-----Original Message-----\nFrom: A\nSent: B\nTo: C\nSubject: D\n\nold",
        );
        assert_eq!(new, "See below.");
        assert!(quoted.is_some_and(|q| q.starts_with("-----Original Message-----")));

        let (new, quoted) = split(
            "Posielam.\n\nOd: Podpora <help@x.sk>\nOdoslané: pondelok\nKomu: ja\nPredmet: Re: tlačiareň\n\nstaré",
        );
        assert_eq!(new, "Posielam.");
        assert!(quoted.is_some_and(|q| q.starts_with("Od: Podpora")));
    }

    #[test]
    fn plain_quote_marker_and_no_quote() {
        let (new, quoted) = split("ok\n> earlier\n> text");
        assert_eq!(new, "ok");
        assert_eq!(quoted.as_deref(), Some("> earlier\n> text"));

        let (new, quoted) = split("Just a question.\nOn Monday the printer broke.\n");
        assert_eq!(new, "Just a question.\nOn Monday the printer broke.");
        assert_eq!(quoted, None);
    }
}
