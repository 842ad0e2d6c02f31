//! The placeholders a prepared answer may contain, and filling them in for one ticket.
//!
//! A placeholder is a name in braces: `{contact_name}`. Only the names in [`PLACEHOLDERS`] are
//! accepted when an answer is saved, so a typo is refused then, not sent to a customer later.
//! A brace not followed by a name and a closing brace is ordinary text.

/// Every placeholder, with what it is replaced by.
pub const PLACEHOLDERS: [(&str, &str); 5] = [
    ("contact_name", "the name of the contact who asked"),
    ("organization_name", "the customer organization's name"),
    ("ticket_number", "the request's number, e.g. 2026-000123"),
    ("ticket_subject", "the request's subject"),
    ("agent_name", "the name of the agent who answers"),
];

/// The values of the placeholders for one ticket and agent; a missing value becomes "".
#[derive(Debug, Clone, Default)]
pub struct Values {
    /// `{contact_name}`.
    pub contact_name: String,
    /// `{organization_name}`.
    pub organization_name: String,
    /// `{ticket_number}`.
    pub ticket_number: String,
    /// `{ticket_subject}`.
    pub ticket_subject: String,
    /// `{agent_name}`.
    pub agent_name: String,
}

impl Values {
    fn get(&self, name: &str) -> Option<&str> {
        Some(match name {
            "contact_name" => &self.contact_name,
            "organization_name" => &self.organization_name,
            "ticket_number" => &self.ticket_number,
            "ticket_subject" => &self.ticket_subject,
            "agent_name" => &self.agent_name,
            _ => return None,
        })
    }
}

/// Each `{name}` in `body` with its byte range; `name` is lowercase letters, digits and `_`.
fn names(body: &str) -> Vec<(usize, usize, &str)> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(open) = body[from..].find('{').map(|i| i + from) {
        let rest = &body[open + 1..];
        let len = rest
            .find(|c: char| !(c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'))
            .unwrap_or(rest.len());
        if len > 0 && rest[len..].starts_with('}') {
            out.push((open, open + len + 2, &rest[..len]));
            from = open + len + 2;
        } else {
            from = open + 1;
        }
    }
    out
}

/// Refuses a text with a placeholder that does not exist, naming it and the known ones.
pub fn check(body: &str) -> Result<(), String> {
    let unknown: Vec<String> = names(body)
        .into_iter()
        .filter(|(_, _, n)| !PLACEHOLDERS.iter().any(|(p, _)| p == n))
        .map(|(_, _, n)| format!("{{{n}}}"))
        .collect();
    if unknown.is_empty() {
        return Ok(());
    }
    let known: Vec<String> = PLACEHOLDERS
        .iter()
        .map(|(p, _)| format!("{{{p}}}"))
        .collect();
    Err(format!(
        "unknown placeholder {}; use {}",
        unknown.join(", "),
        known.join(", ")
    ))
}

/// `body` with every known placeholder replaced by its value; anything else is kept as written.
pub fn fill(body: &str, values: &Values) -> String {
    let mut out = String::with_capacity(body.len());
    let mut at = 0;
    for (start, end, name) in names(body) {
        if let Some(v) = values.get(name) {
            out.push_str(&body[at..start]);
            out.push_str(v);
            at = end;
        }
    }
    out.push_str(&body[at..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values() -> Values {
        Values {
            contact_name: "Ján Kováč".into(),
            organization_name: "Firma s.r.o.".into(),
            ticket_number: "2026-000042".into(),
            ticket_subject: "Nejde tlačiareň".into(),
            agent_name: "Mária".into(),
        }
    }

    #[test]
    fn fills_every_placeholder_and_keeps_other_braces() {
        let body = "Dobrý deň {contact_name}, k {ticket_number} ({ticket_subject}) pre \
                    {organization_name}: {x y} {} {. S pozdravom {agent_name}";
        assert_eq!(
            fill(body, &values()),
            "Dobrý deň Ján Kováč, k 2026-000042 (Nejde tlačiareň) pre Firma s.r.o.: \
             {x y} {} {. S pozdravom Mária"
        );
    }

    #[test]
    fn a_value_that_looks_like_a_placeholder_is_not_filled_again() {
        let v = Values {
            ticket_subject: "{agent_name}".into(),
            ..values()
        };
        assert_eq!(fill("{ticket_subject}", &v), "{agent_name}");
    }

    #[test]
    fn refuses_unknown_placeholders_by_name() {
        assert!(check("Ahoj {contact_name}, {ticket_number}").is_ok());
        assert!(check("{ {} {Contact} text").is_ok(), "not placeholders");
        let e = check("Ahoj {contact} a {agent}").unwrap_err();
        assert!(
            e.starts_with("unknown placeholder {contact}, {agent};"),
            "{e}"
        );
        assert!(e.contains("{contact_name}"), "{e}");
    }

    #[test]
    fn multibyte_text_around_placeholders_survives() {
        assert_eq!(fill("ľščť{agent_name}žý", &values()), "ľščťMáriažý");
        assert_eq!(fill("{agent_name", &values()), "{agent_name");
    }
}
