//! podpora's persistence. Owns the schema, the migrations and every SQL statement.
//!
//! [`Db`] hides which database is underneath: embedded SQLite (default) or PostgreSQL, chosen
//! by the URL scheme. One SQL string runs on both where the dialects agree (`$1` placeholders
//! work on both); where they do not, the function has one explicit branch per backend.
//! Instants are stored as integer milliseconds since the Unix epoch (UTC).

mod db;
pub mod repo;
pub mod rows;

pub use db::{Backend, Db, DbOptions, SqliteTx, Tx};

/// What can go wrong in the store.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The row asked for does not exist.
    #[error("not found")]
    NotFound,
    /// A unique constraint refused the write; carries the constraint or column text.
    #[error("already exists: {0}")]
    Conflict(String),
    /// A referenced row does not exist.
    #[error("a referenced record does not exist: {0}")]
    ForeignKey(String),
    /// The database URL cannot be used.
    #[error("{0}")]
    Url(String),
    /// Migrations failed.
    #[error("migration failed: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    /// A value the schema cannot hold, e.g. a clock of an unknown metric.
    #[error("invalid value: {0}")]
    Invalid(String),
    /// A stored value that is not one the domain knows, e.g. a ticket status written by hand
    /// or by a newer version. Read as an error, never replaced by a default, so the row is
    /// repaired instead of silently changing meaning.
    #[error(transparent)]
    BadValue(#[from] rows::BadValue),
    /// Anything else from the driver.
    #[error("database error: {0}")]
    Db(sqlx::Error),
}

impl From<sqlx::Error> for StoreError {
    fn from(e: sqlx::Error) -> Self {
        match &e {
            sqlx::Error::RowNotFound => StoreError::NotFound,
            sqlx::Error::ColumnDecode { .. } => match e {
                sqlx::Error::ColumnDecode { index, source } => {
                    match source.downcast::<rows::BadValue>() {
                        Ok(bad) => StoreError::BadValue(*bad),
                        Err(source) => StoreError::Db(sqlx::Error::ColumnDecode { index, source }),
                    }
                }
                e => StoreError::Db(e),
            },
            sqlx::Error::Database(d) => {
                if d.is_unique_violation() {
                    StoreError::Conflict(d.message().to_string())
                } else if d.is_foreign_key_violation() {
                    StoreError::ForeignKey(d.message().to_string())
                } else {
                    StoreError::Db(e)
                }
            }
            _ => StoreError::Db(e),
        }
    }
}

/// A write that returns nothing, on whichever backend a [`Tx`] holds: `$q` is the statement
/// (`sqlx::query` of `$sql`), `$binds` the statement with its arguments bound. Run at once, or
/// held back on an SQLite transaction that defers its writes ([`Tx::defer_writes`]); `$sql`
/// must then use `?` parameters only. Gives the rows affected (0 when held back).
#[doc(hidden)]
#[macro_export]
macro_rules! write_on_tx {
    ($tx:expr, $sql:expr, $q:ident => $binds:expr) => {
        match &mut *$tx {
            $crate::Tx::Sqlite(t) if t.is_deferring() => {
                let $q = sqlx::query_with(sqlx::AssertSqlSafe(String::new()), t.take_args());
                let mut bound = $binds;
                match sqlx::Execute::take_arguments(&mut bound) {
                    Ok(args) => {
                        t.hold(&$sql, args.unwrap_or_default());
                        Ok(0)
                    }
                    Err(e) => Err(sqlx::Error::Encode(e)),
                }
            }
            tx => $crate::on_tx!(tx, c => {
                let $q = sqlx::query(sqlx::AssertSqlSafe($sql));
                ($binds).execute(c).await.map(|r| r.rows_affected())
            }),
        }
    };
}

/// Result of a store operation.
pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// Runs one body against whichever backend a [`Tx`] holds; `$c` is the `&mut` connection.
///
/// The body is compiled once per backend, so one SQL string serves both.
#[macro_export]
macro_rules! on_tx {
    ($tx:expr, $c:ident => $body:expr) => {
        match $tx {
            $crate::Tx::Sqlite(t) => match t.flush().await {
                Err(e) => Err(e),
                Ok(()) => {
                    let $c = &mut **t;
                    $body
                }
            },
            $crate::Tx::Postgres(t) => {
                let $c = &mut **t;
                $body
            }
            $crate::Tx::SqliteRead(t) => {
                let $c = &mut **t;
                $body
            }
            $crate::Tx::PostgresRead(t) => {
                let $c = &mut **t;
                $body
            }
        }
    };
}
