//! The words printed on a PDF invoice, in the customer's language: the caller fills them
//! (from its message files); this crate only places them.

/// Generates [`Labels`] with one field per message and the message keys.
macro_rules! labels {
    ($($(#[$doc:meta])* $field:ident = $key:literal,)*) => {
        /// The words of a PDF invoice in one language.
        #[derive(Debug, Clone, PartialEq, Eq, Default)]
        pub struct Labels {
            $($(#[$doc])* pub $field: String,)*
        }

        impl Labels {
            /// The message keys, one per field, for a caller to check its files against.
            pub const KEYS: &'static [&'static str] = &[$($key),*];

            /// Every field from the message of its key.
            pub fn from_messages(message: impl Fn(&str) -> String) -> Self {
                Self { $($field: message($key),)* }
            }
        }
    };
}

labels! {
    /// "Invoice".
    invoice = "invoice-pdf-invoice",
    /// "Credit note".
    credit_note = "invoice-pdf-credit-note",
    /// "Supplier".
    supplier = "invoice-pdf-supplier",
    /// "Customer".
    customer = "invoice-pdf-customer",
    /// "Invoice number".
    number = "invoice-pdf-number",
    /// "Issue date".
    issue_date = "invoice-pdf-issue-date",
    /// "Date of taxable supply".
    supply_date = "invoice-pdf-supply-date",
    /// "Due date".
    due_date = "invoice-pdf-due-date",
    /// "Variable symbol".
    variable_symbol = "invoice-pdf-variable-symbol",
    /// "Payment".
    payment_method = "invoice-pdf-payment-method",
    /// "Bank transfer".
    bank_transfer = "invoice-pdf-bank-transfer",
    /// "Corrects invoice".
    corrects = "invoice-pdf-corrects",
    /// "Reason".
    reason = "invoice-pdf-reason",
    /// "Description" (column).
    description = "invoice-pdf-description",
    /// "Quantity" (column).
    quantity = "invoice-pdf-quantity",
    /// "Unit price" (column).
    unit_price = "invoice-pdf-unit-price",
    /// "VAT rate" (column).
    vat_rate = "invoice-pdf-vat-rate",
    /// "Net" (column).
    net = "invoice-pdf-net",
    /// "VAT" (column).
    vat = "invoice-pdf-vat",
    /// "Total" (column).
    total = "invoice-pdf-total",
    /// "VAT summary".
    vat_summary = "invoice-pdf-vat-summary",
    /// "Tax base" (column).
    base = "invoice-pdf-base",
    /// "Total net".
    total_net = "invoice-pdf-total-net",
    /// "Total VAT".
    total_vat = "invoice-pdf-total-vat",
    /// "Total to pay".
    total_due = "invoice-pdf-total-due",
    /// "Total credited" (a credit note's total).
    total_credited = "invoice-pdf-total-credited",
    /// "VAT in the national currency".
    national_vat = "invoice-pdf-national-vat",
    /// "Exchange rate".
    exchange_rate = "invoice-pdf-exchange-rate",
    /// "Bank account".
    bank_account = "invoice-pdf-bank-account",
    /// "Pay by scanning the code in your bank's app".
    qr_caption = "invoice-pdf-qr-caption",
    /// "Not a VAT payer" where the supplier has no VAT id.
    not_vat_payer = "invoice-pdf-not-vat-payer",
    /// "h" (hours).
    unit_hour = "invoice-pdf-unit-hour",
    /// "min".
    unit_minute = "invoice-pdf-unit-minute",
    /// "pcs".
    unit_piece = "invoice-pdf-unit-piece",
    /// "month".
    unit_month = "invoice-pdf-unit-month",
    /// "Page".
    page = "invoice-pdf-page",
}
