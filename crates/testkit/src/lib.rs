//! Test harness: a fresh database per test, on SQLite or PostgreSQL.
//!
//! PostgreSQL is taken from `PODPORA_TEST_POSTGRES_URL` (a URL with rights to create databases)
//! when set; otherwise the harness starts Debian's PostgreSQL on loopback from a cluster in the
//! system temp directory, shared by every test process of the run (as the `postgres` user when
//! running as root, because `initdb` refuses root). `scripts/test.sh` stops it at the end.

pub mod mail;
mod pg;
pub mod process;

pub use pg::{postgres_admin_url, stop_postgres};

use sqlx::Connection;
use std::fmt;

/// Which database a test runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// Embedded SQLite in a temporary directory.
    Sqlite,
    /// A fresh database in the test PostgreSQL cluster.
    Postgres,
}

impl fmt::Display for Backend {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Backend::Sqlite => "sqlite",
            Backend::Postgres => "postgres",
        })
    }
}

/// A fresh, empty database; the SQLite directory is removed on drop.
pub struct TestDb {
    /// URL to connect to.
    pub url: String,
    /// Backend.
    pub backend: Backend,
    /// Temporary directory (data dir for SQLite and attachments).
    pub dir: tempfile::TempDir,
}

fn random_suffix() -> String {
    let mut b = [0u8; 8];
    getrandom::fill(&mut b).expect("the OS random source works");
    hex::encode(b)
}

impl TestDb {
    /// A fresh database on `backend`. Panics with a fix-it message when PostgreSQL is missing.
    pub async fn new(backend: Backend) -> TestDb {
        let dir = tempfile::Builder::new()
            .prefix("podpora-test-")
            .tempdir()
            .expect("a temporary directory can be created");
        let url = match backend {
            Backend::Sqlite => format!("sqlite://{}", dir.path().join("podpora.db").display()),
            Backend::Postgres => {
                let admin = tokio::task::spawn_blocking(postgres_admin_url)
                    .await
                    .expect("the PostgreSQL starter does not panic")
                    .unwrap_or_else(|e| panic!("PostgreSQL for tests is not available: {e}"));
                let name = format!("podpora_t_{}", random_suffix());
                let mut c = sqlx::PgConnection::connect(&admin)
                    .await
                    .unwrap_or_else(|e| {
                        panic!("cannot connect to test PostgreSQL at {admin}: {e}")
                    });
                sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
                    .execute(&mut c)
                    .await
                    .expect("the test database can be created");
                let _ = c.close().await;
                replace_db_name(&admin, &name)
            }
        };
        TestDb { url, backend, dir }
    }
}

/// Swaps the database name at the end of a PostgreSQL URL, keeping any query string.
fn replace_db_name(url: &str, name: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((b, q)) => (b, Some(q)),
        None => (url, None),
    };
    let scheme_end = base.find("://").map(|i| i + 3).unwrap_or(0);
    let root = match base[scheme_end..].find('/') {
        Some(i) => &base[..scheme_end + i],
        None => base,
    };
    match query {
        Some(q) => format!("{root}/{name}?{q}"),
        None => format!("{root}/{name}"),
    }
}

/// Both backends, for tests that run the same story on each.
pub const BACKENDS: [Backend; 2] = [Backend::Sqlite, Backend::Postgres];

#[cfg(test)]
mod tests {
    #[test]
    fn replaces_the_database_name() {
        assert_eq!(
            super::replace_db_name("postgres://u@h:1/postgres", "x"),
            "postgres://u@h:1/x"
        );
        assert_eq!(
            super::replace_db_name("postgres://u@h:1/postgres?sslmode=disable", "x"),
            "postgres://u@h:1/x?sslmode=disable"
        );
        assert_eq!(
            super::replace_db_name("postgres://u@h:1", "x"),
            "postgres://u@h:1/x"
        );
    }
}
