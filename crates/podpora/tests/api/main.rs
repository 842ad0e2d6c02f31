//! Black-box tests of the REST API: the real server on port 0, a fresh database per test, each
//! story on SQLite and on PostgreSQL.

mod helpers;

mod access;
mod answers;
mod bad_input;
mod billing;
mod billing_address;
mod customers;
mod gpc_import;
mod intake;
mod invoice_pdf;
mod kb;
mod leaks;
mod mail;
mod mail_servers;
mod matrix;
mod national_currency;
mod openapi;
mod ops;
mod parity;
mod payment_decisions;
mod payments;
mod plans;
mod presets;
mod quotes;
mod repeats;
mod search;
mod sla;
mod sla_notices;
mod tickets;
