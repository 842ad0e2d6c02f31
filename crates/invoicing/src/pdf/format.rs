//! Numbers as the reader writes them: `1 250,50` (sk, cs, pl) or `1,250.50` (en).

use podpora_billing::{Money, VatRate};

/// How numbers are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumberStyle {
    /// `1 250,50`: a space between thousands, a decimal comma (Slovak, Czech, Polish).
    Comma,
    /// `1,250.50`: a comma between thousands, a decimal point (English).
    Point,
}

impl NumberStyle {
    fn separators(self) -> (char, char) {
        match self {
            Self::Comma => (' ', ','),
            Self::Point => (',', '.'),
        }
    }

    /// A whole number with thousands grouped.
    fn whole(self, mut n: u64) -> String {
        let (group, _) = self.separators();
        let mut parts = Vec::new();
        loop {
            if n < 1000 {
                parts.push(n.to_string());
                break;
            }
            parts.push(format!("{:03}", n % 1000));
            n /= 1000;
        }
        parts.reverse();
        parts.join(&group.to_string())
    }

    /// `minor` units with `decimals` places: `fixed(125050, 2)` is `1 250,50`.
    pub fn fixed(self, minor: i128, decimals: u32) -> String {
        let (_, point) = self.separators();
        let sign = if minor < 0 { "-" } else { "" };
        let scale = 10u128.pow(decimals);
        let a = minor.unsigned_abs();
        let whole = self.whole(u64::try_from(a / scale).unwrap_or(u64::MAX));
        if decimals == 0 {
            return format!("{sign}{whole}");
        }
        let frac = a % scale;
        format!(
            "{sign}{whole}{point}{frac:0width$}",
            width = decimals as usize
        )
    }

    /// An amount without its currency.
    pub fn amount(self, m: Money) -> String {
        self.fixed(i128::from(m.minor()), 2)
    }

    /// An amount with its currency code: `246,00 EUR`.
    pub fn money(self, m: Money) -> String {
        format!("{} {}", self.amount(m), m.currency().code())
    }

    /// A quantity in thousandths, with no trailing zeros past two places: `1,25`, `2`.
    pub fn quantity(self, milli: i64) -> String {
        if milli % 1000 == 0 {
            self.fixed(i128::from(milli / 1000), 0)
        } else if milli % 10 == 0 {
            self.fixed(i128::from(milli / 10), 2)
        } else {
            self.fixed(i128::from(milli), 3)
        }
    }

    /// A VAT rate: `23 %`, `10,5 %`.
    pub fn rate(self, r: VatRate) -> String {
        if r.0.is_multiple_of(100) {
            format!("{} %", r.0 / 100)
        } else if r.0.is_multiple_of(10) {
            format!("{} %", self.fixed(i128::from(r.0 / 10), 1))
        } else {
            format!("{} %", self.fixed(i128::from(r.0), 2))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::NumberStyle::{Comma, Point};
    use podpora_billing::{Currency, Money, VatRate};

    #[test]
    fn numbers_are_written_the_readers_way() {
        let m = Money::from_minor(125_050, Currency::EUR);
        assert_eq!(Comma.money(m), "1 250,50 EUR");
        assert_eq!(Point.money(m), "1,250.50 EUR");
        assert_eq!(Comma.amount(Money::from_minor(-5, Currency::CZK)), "-0,05");
        assert_eq!(
            Point.amount(Money::from_minor(12_345_678_900, Currency::PLN)),
            "123,456,789.00"
        );
        assert_eq!(Comma.quantity(1_250), "1,25");
        assert_eq!(Comma.quantity(2_000), "2");
        assert_eq!(Point.quantity(1_255), "1.255");
        assert_eq!(Comma.rate(VatRate(2_100)), "21 %");
        assert_eq!(Comma.rate(VatRate(1_050)), "10,5 %");
    }
}
