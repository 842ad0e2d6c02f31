//! Repositories: one module per aggregate, each function one statement or a few.

pub mod account_requests;
pub mod agents;
pub mod answers;
pub mod articles;
pub mod audit;
pub mod billing;
pub mod customers;
pub mod desk;
pub mod jobs;
pub mod kb;
pub mod links;
pub mod mail;
pub mod mail_templates;
pub mod offer_links;
pub mod payments;
pub mod plans;
pub mod portal;
pub mod quotes;
pub mod search;
pub mod settings;
pub mod shares;
pub mod sla;
pub mod support_addresses;
pub mod tickets;
pub mod tokens;
pub mod views;

/// `($1, $2, …), ($n+1, …)` for a multi-row insert of `rows` rows of `cols` columns.
pub(crate) fn placeholders(rows: usize, cols: usize) -> String {
    let mut s = String::with_capacity(rows * cols * 5);
    for r in 0..rows {
        if r > 0 {
            s.push_str(", ");
        }
        s.push('(');
        for c in 0..cols {
            if c > 0 {
                s.push_str(", ");
            }
            s.push('$');
            s.push_str(&(r * cols + c + 1).to_string());
        }
        s.push(')');
    }
    s
}

/// The multi-row parameter list for a backend: positional `?` on SQLite, which otherwise
/// resolves every `$n` name of a statement by a linear search (quadratic in the row count),
/// `$n` on PostgreSQL.
pub(crate) fn rows_params(backend: crate::Backend, rows: usize, cols: usize) -> String {
    match backend {
        crate::Backend::Sqlite => positional(rows, cols),
        crate::Backend::Postgres => placeholders(rows, cols),
    }
}

/// `(?, ?, …), (?, …)`: positional parameters for SQLite, in the order they are bound.
pub(crate) fn positional(rows: usize, cols: usize) -> String {
    let row = format!("({})", vec!["?"; cols].join(", "));
    vec![row; rows].join(", ")
}

#[cfg(test)]
mod tests {
    #[test]
    fn placeholders_number_every_value() {
        assert_eq!(super::placeholders(2, 3), "($1, $2, $3), ($4, $5, $6)");
        assert_eq!(super::positional(2, 2), "(?, ?), (?, ?)");
    }
}
