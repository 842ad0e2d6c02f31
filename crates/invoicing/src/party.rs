//! Supplier and customer: name, address and company identifiers.

use podpora_core::ids::IdError;
use podpora_core::{Ico, Nip, VatId};
use serde::{Deserialize, Serialize};

/// A postal address.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Address {
    /// Street and number.
    pub street: String,
    /// City.
    pub city: String,
    /// Postal code.
    pub postal_code: String,
    /// ISO 3166 alpha-2 country code, e.g. `SK`.
    pub country: String,
}

/// A Slovak tax number (DIČ): 10 digits, the first not 0. Its VAT id (IČ DPH) is `SK` and
/// the same digits, which [`VatId`] checks.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct SkTaxNumber(String);

impl SkTaxNumber {
    /// Reads a Slovak DIČ.
    ///
    /// ```
    /// use podpora_invoicing::SkTaxNumber;
    /// assert_eq!(SkTaxNumber::parse("2020317068")?.as_str(), "2020317068");
    /// assert!(SkTaxNumber::parse("SK2020317068").is_err());
    /// # Ok::<(), podpora_core::ids::IdError>(())
    /// ```
    pub fn parse(text: &str) -> Result<Self, IdError> {
        let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        let b = t.as_bytes();
        if b.len() == 10 && b.iter().all(u8::is_ascii_digit) && b[0] != b'0' {
            Ok(Self(t))
        } else {
            Err(IdError::Format {
                kind: "DIČ",
                expected: "10 digits, the first not 0 (e.g. 2020317068)",
                got: text.into(),
            })
        }
    }

    /// The 10 digits.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The identifiers a party has on invoices of its country.
///
/// | country | identifiers |
/// |---|---|
/// | SK | IČO ([`Ico`]), DIČ ([`SkTaxNumber`]), IČ DPH ([`VatId`]) |
/// | CZ | IČO ([`Ico`]), DIČ ([`VatId`], `CZ…`) |
/// | PL | NIP ([`Nip`]), NIP UE ([`VatId`], `PL…`) |
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct PartyIds {
    /// Czech or Slovak company id.
    pub ico: Option<Ico>,
    /// Slovak tax number.
    pub sk_tax_number: Option<SkTaxNumber>,
    /// Polish tax number.
    pub nip: Option<Nip>,
    /// EU VAT id (IČ DPH, Czech DIČ, NIP UE).
    pub vat_id: Option<VatId>,
}

impl PartyIds {
    /// The company's legal registration id for e-invoices: IČO, else NIP.
    pub fn legal_id(&self) -> Option<&str> {
        self.ico
            .as_ref()
            .map(Ico::as_str)
            .or(self.nip.as_ref().map(Nip::as_str))
    }
}

/// A supplier or customer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Party {
    /// Registered name.
    pub name: String,
    /// Registered address.
    pub address: Address,
    /// Identifiers.
    pub ids: PartyIds,
    /// E-mail for invoices, if any.
    pub email: Option<String>,
}
