//! Connecting, migrating and opening transactions on either backend.

use crate::{Result, StoreError};
use sqlx::{
    ConnectOptions, Postgres, Sqlite, Transaction,
    postgres::{PgConnectOptions, PgPool, PgPoolOptions},
    sqlite::{
        SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
    },
};
use std::{str::FromStr, time::Duration};

static SQLITE_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/sqlite");
static PG_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/postgres");

/// Which database is underneath.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// Embedded SQLite.
    Sqlite,
    /// PostgreSQL server.
    Postgres,
}

/// Tuning that is not part of the URL.
#[derive(Debug, Clone)]
pub struct DbOptions {
    /// Connections for readers (SQLite) or for everything (PostgreSQL).
    pub max_connections: u32,
    /// How long a statement waits for a lock before failing.
    pub busy_timeout: Duration,
}

impl Default for DbOptions {
    fn default() -> Self {
        Self {
            max_connections: 8,
            busy_timeout: Duration::from_secs(10),
        }
    }
}

/// A database handle: clone freely, it is a pair of pools.
#[derive(Debug, Clone)]
pub enum Db {
    /// SQLite: one writer connection (SQLite allows one writer at a time; a single connection
    /// avoids lock-upgrade failures and gives the best write throughput) and a reader pool.
    Sqlite {
        /// The single writer.
        write: SqlitePool,
        /// Concurrent readers (WAL lets them run beside the writer).
        read: SqlitePool,
    },
    /// PostgreSQL: one pool.
    Postgres(PgPool),
}

/// An open transaction on either backend. Dropping it rolls back.
#[derive(Debug)]
pub enum Tx<'a> {
    /// SQLite transaction.
    Sqlite(Transaction<'a, Sqlite>),
    /// PostgreSQL transaction.
    Postgres(Transaction<'a, Postgres>),
}

impl Tx<'_> {
    /// Makes the transaction's writes durable.
    pub async fn commit(self) -> Result<()> {
        match self {
            Tx::Sqlite(t) => t.commit().await?,
            Tx::Postgres(t) => t.commit().await?,
        }
        Ok(())
    }

    /// Which backend this transaction runs on.
    pub fn backend(&self) -> Backend {
        match self {
            Tx::Sqlite(_) => Backend::Sqlite,
            Tx::Postgres(_) => Backend::Postgres,
        }
    }
}

impl Db {
    /// Connects by URL: `sqlite://path/to/file.db` (created if missing) or `postgres://…`.
    ///
    /// Any other scheme is refused with the accepted forms.
    pub async fn connect(url: &str, opts: &DbOptions) -> Result<Db> {
        if url.starts_with("sqlite:") {
            let base = SqliteConnectOptions::from_str(url)
                .map_err(|e| StoreError::Url(format!("invalid SQLite URL {url:?}: {e}")))?
                .create_if_missing(true)
                .journal_mode(SqliteJournalMode::Wal)
                // NORMAL in WAL mode: a committed transaction survives a crash of the process
                // (the WAL is in the OS page cache); only a power loss can lose the last commits.
                .synchronous(SqliteSynchronous::Normal)
                .foreign_keys(true)
                .busy_timeout(opts.busy_timeout)
                .pragma("temp_store", "memory")
                .pragma("cache_size", "-8000")
                .disable_statement_logging();
            let write = SqlitePoolOptions::new()
                .max_connections(1)
                .min_connections(1)
                .acquire_timeout(Duration::from_secs(30))
                .connect_with(base.clone())
                .await?;
            let read = SqlitePoolOptions::new()
                .max_connections(opts.max_connections.max(1))
                .connect_with(base.read_only(false))
                .await?;
            Ok(Db::Sqlite { write, read })
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            let o = PgConnectOptions::from_str(url)
                .map_err(|e| StoreError::Url(format!("invalid PostgreSQL URL: {e}")))?
                .disable_statement_logging();
            let pool = PgPoolOptions::new()
                .max_connections(opts.max_connections.max(2))
                .acquire_timeout(Duration::from_secs(30))
                .connect_with(o)
                .await?;
            Ok(Db::Postgres(pool))
        } else {
            Err(StoreError::Url(format!(
                "unsupported database URL {:?}: use sqlite://PATH (e.g. sqlite://data/podpora.db) or postgres://USER:PASSWORD@HOST:PORT/DATABASE",
                url.split(':').next().unwrap_or("")
            )))
        }
    }

    /// Applies every pending migration of this backend.
    pub async fn migrate(&self) -> Result<()> {
        match self {
            Db::Sqlite { write, .. } => SQLITE_MIGRATIONS.run(write).await?,
            Db::Postgres(p) => PG_MIGRATIONS.run(p).await?,
        }
        Ok(())
    }

    /// Which backend this is.
    pub fn backend(&self) -> Backend {
        match self {
            Db::Sqlite { .. } => Backend::Sqlite,
            Db::Postgres(_) => Backend::Postgres,
        }
    }

    /// Opens a transaction that may write.
    pub async fn begin(&self) -> Result<Tx<'static>> {
        Ok(match self {
            Db::Sqlite { write, .. } => Tx::Sqlite(write.begin().await?),
            Db::Postgres(p) => Tx::Postgres(p.begin().await?),
        })
    }

    /// Opens a read-only snapshot (on SQLite, from the reader pool, beside the writer).
    pub async fn read(&self) -> Result<Tx<'static>> {
        Ok(match self {
            Db::Sqlite { read, .. } => Tx::Sqlite(read.begin().await?),
            Db::Postgres(p) => Tx::Postgres(p.begin().await?),
        })
    }

    /// Checks the database answers.
    pub async fn ping(&self) -> Result<()> {
        let mut tx = self.read().await?;
        crate::on_tx!(&mut tx, c => sqlx::query("SELECT 1").execute(c).await.map(|r| r.rows_affected()))?;
        Ok(())
    }

    /// Writes a consistent copy of an SQLite database to `path` (`VACUUM INTO`).
    pub async fn backup_sqlite(&self, path: &str) -> Result<()> {
        match self {
            Db::Sqlite { write, .. } => {
                sqlx::query("VACUUM INTO $1")
                    .bind(path)
                    .execute(write)
                    .await?;
                Ok(())
            }
            Db::Postgres(_) => Err(StoreError::Url(
                "backup of PostgreSQL is done with pg_dump, not by podpora".into(),
            )),
        }
    }

    /// Closes every connection, waiting for running queries.
    pub async fn close(&self) {
        match self {
            Db::Sqlite { write, read } => {
                read.close().await;
                write.close().await;
            }
            Db::Postgres(p) => p.close().await,
        }
    }
}
