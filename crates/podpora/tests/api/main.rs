//! Black-box tests of the REST API: the real server on port 0, a fresh database per test, each
//! story on SQLite and on PostgreSQL.

mod helpers;

mod access;
mod answers;
mod bad_input;
mod billing;
mod customers;
mod intake;
mod invoice_pdf;
mod kb;
mod leaks;
mod mail;
mod mail_servers;
mod matrix;
mod openapi;
mod ops;
mod parity;
mod payments;
mod plans;
mod presets;
mod quotes;
mod repeats;
mod search;
mod sla;
mod sla_notices;
mod tickets;
