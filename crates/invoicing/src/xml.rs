//! A small XML writer: elements in order, text and attributes escaped, indented two spaces.

use podpora_billing::{Money, VatRate};

/// Builds one document.
pub(crate) struct Xml {
    out: String,
    open: Vec<&'static str>,
}

fn escape(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&apos;"),
            // XML 1.0 forbids most control characters even escaped.
            c if c.is_control() && !matches!(c, '\n' | '\t') => o.push(' '),
            c => o.push(c),
        }
    }
    o
}

impl Xml {
    /// A document with its XML declaration.
    pub(crate) fn new() -> Self {
        Self {
            out: String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"),
            open: Vec::new(),
        }
    }

    fn indent(&mut self) {
        for _ in 0..self.open.len() {
            self.out.push_str("  ");
        }
    }

    fn start(&mut self, name: &str, attrs: &[(&str, &str)]) {
        self.indent();
        self.out.push('<');
        self.out.push_str(name);
        for (k, v) in attrs {
            self.out.push_str(&format!(" {k}=\"{}\"", escape(v)));
        }
    }

    /// Opens an element; [`Xml::close`] ends it.
    pub(crate) fn open(&mut self, name: &'static str, attrs: &[(&str, &str)]) -> &mut Self {
        self.start(name, attrs);
        self.out.push_str(">\n");
        self.open.push(name);
        self
    }

    /// Closes the innermost open element.
    pub(crate) fn close(&mut self) -> &mut Self {
        if let Some(name) = self.open.pop() {
            self.indent();
            self.out.push_str(&format!("</{name}>\n"));
        }
        self
    }

    /// An element with text.
    pub(crate) fn leaf_attrs(
        &mut self,
        name: &str,
        attrs: &[(&str, &str)],
        text: &str,
    ) -> &mut Self {
        self.start(name, attrs);
        self.out.push_str(&format!(">{}</{name}>\n", escape(text)));
        self
    }

    /// An element with text and no attributes.
    pub(crate) fn leaf(&mut self, name: &str, text: &str) -> &mut Self {
        self.leaf_attrs(name, &[], text)
    }

    /// The document, every element closed.
    pub(crate) fn finish(mut self) -> String {
        while !self.open.is_empty() {
            self.close();
        }
        self.out
    }
}

/// An amount with two decimals, e.g. `-12.30`.
pub(crate) fn amount(m: Money) -> String {
    let a = m.minor().unsigned_abs();
    let sign = if m.minor() < 0 { "-" } else { "" };
    format!("{sign}{}.{:02}", a / 100, a % 100)
}

/// A fixed-point number of `places` decimals without trailing zeros, e.g. `1.25`, `120`.
pub(crate) fn fixed(value: i128, places: u32) -> String {
    let unit = 10i128.pow(places);
    let sign = if value < 0 { "-" } else { "" };
    let (w, f) = (value.abs() / unit, value.abs() % unit);
    let frac = format!("{f:0width$}", width = places as usize);
    let frac = frac.trim_end_matches('0');
    if frac.is_empty() {
        format!("{sign}{w}")
    } else {
        format!("{sign}{w}.{frac}")
    }
}

/// A VAT rate as a percentage, e.g. `23` or `5.5`.
pub(crate) fn percent(r: VatRate) -> String {
    fixed(i128::from(r.0), 2)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped() {
        let mut x = Xml::new();
        x.open("a", &[("k", "\"<&>")])
            .leaf("b", "Tom & Jerry <s.r.o.>");
        let s = x.finish();
        assert!(s.contains("<a k=\"&quot;&lt;&amp;&gt;\">"));
        assert!(s.contains("<b>Tom &amp; Jerry &lt;s.r.o.&gt;</b>"));
        assert!(s.trim_end().ends_with("</a>"));
    }

    #[test]
    fn numbers_are_plain() {
        assert_eq!(fixed(1250, 3), "1.25");
        assert_eq!(fixed(120_000, 3), "120");
        assert_eq!(fixed(-5, 2), "-0.05");
        assert_eq!(percent(VatRate(2300)), "23");
    }
}
