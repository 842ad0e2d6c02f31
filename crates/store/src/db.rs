//! Connecting, migrating and opening transactions on either backend.

use crate::{Result, StoreError};
use sqlx::{
    ConnectOptions, Postgres, Sqlite, Transaction,
    pool::PoolConnection,
    postgres::{PgConnectOptions, PgPool, PgPoolOptions},
    sqlite::{
        SqliteArguments, SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions,
        SqliteSynchronous,
    },
};
use std::{str::FromStr, time::Duration};

/// The writer checkpoints by itself only when the WAL holds this many pages (about 40 MB):
/// a server checkpoints in the background long before (see [`Db::checkpoint`]); a command
/// run without a server still keeps the WAL bounded.
const WRITER_AUTOCHECKPOINT_PAGES: &str = "10000";

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
            max_connections: 4,
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

/// An open transaction on either backend, or a plain connection for reads. Dropping a
/// transaction rolls it back.
#[derive(Debug)]
pub enum Tx<'a> {
    /// SQLite transaction.
    Sqlite(SqliteTx<'a>),
    /// PostgreSQL transaction.
    Postgres(Transaction<'a, Postgres>),
    /// SQLite reader connection, without a transaction (each statement sees committed data).
    SqliteRead(PoolConnection<Sqlite>),
    /// PostgreSQL connection for reads, without a transaction.
    PostgresRead(PoolConnection<Postgres>),
}

/// An SQLite transaction, with the writes it holds back to send together (see
/// [`Tx::defer_writes`]). It dereferences to the connection.
#[derive(Debug)]
pub struct SqliteTx<'a> {
    tx: Transaction<'a, Sqlite>,
    deferring: bool,
    /// The held-back statements, each ending in `;`, with `?` parameters only.
    sql: String,
    /// Their arguments, in order: SQLite binds a `?` of a later statement after the earlier
    /// statements' ones.
    args: SqliteArguments,
}

impl<'a> SqliteTx<'a> {
    fn new(tx: Transaction<'a, Sqlite>) -> Self {
        Self {
            tx,
            deferring: false,
            sql: String::new(),
            args: SqliteArguments::default(),
        }
    }

    /// Whether writes that return nothing are held back.
    #[doc(hidden)]
    pub fn is_deferring(&self) -> bool {
        self.deferring
    }

    /// The arguments held so far, for a statement to add its own to.
    #[doc(hidden)]
    pub fn take_args(&mut self) -> SqliteArguments {
        std::mem::take(&mut self.args)
    }

    /// Holds back a statement (`?` parameters only) with the arguments so far and its own.
    #[doc(hidden)]
    pub fn hold(&mut self, sql: &str, args: SqliteArguments) {
        // A numbered parameter would take its value from the whole script's arguments.
        debug_assert!(
            !sql.contains('$'),
            "a held-back statement uses ? parameters only: {sql}"
        );
        self.sql.push_str(sql);
        self.sql.push_str(";\n");
        self.args = args;
    }

    /// Sends the held-back statements, as one round trip to the connection's thread.
    #[doc(hidden)]
    pub async fn flush(&mut self) -> std::result::Result<(), sqlx::Error> {
        if self.sql.is_empty() {
            return Ok(());
        }
        let sql = sqlx::AssertSqlSafe(std::mem::take(&mut self.sql));
        let args = std::mem::take(&mut self.args);
        sqlx::query_with(sql, args)
            .execute(&mut *self.tx)
            .await
            .map(|_| ())
    }
}

impl std::ops::Deref for SqliteTx<'_> {
    type Target = sqlx::SqliteConnection;
    fn deref(&self) -> &Self::Target {
        &self.tx
    }
}

impl std::ops::DerefMut for SqliteTx<'_> {
    fn deref_mut(&mut self) -> &mut Self::Target {
        &mut self.tx
    }
}

impl Tx<'_> {
    /// On SQLite, holds back the writes that return nothing (inserting history, clocks,
    /// outbox mail, index entries) until the next statement that returns something, or the
    /// commit, and sends them together: every statement is a round trip to the connection's
    /// thread, and a batch of new tickets made a dozen of them. A held-back write that fails
    /// fails that later statement or the commit. Elsewhere (PostgreSQL, reads) nothing changes.
    pub fn defer_writes(&mut self) {
        if let Tx::Sqlite(t) = self {
            t.deferring = true;
        }
    }

    /// Makes the transaction's writes durable.
    pub async fn commit(self) -> Result<()> {
        match self {
            Tx::Sqlite(mut t) => {
                t.flush().await?;
                t.tx.commit().await?
            }
            Tx::Postgres(t) => t.commit().await?,
            Tx::SqliteRead(_) | Tx::PostgresRead(_) => {}
        }
        Ok(())
    }

    /// Marks a point to come back to with [`Tx::rollback_to`] without losing the rest of the
    /// transaction: several units of work share one commit and one failing unit undoes only
    /// its own writes. Close it with [`Tx::release`] (also after rolling back to it).
    pub async fn savepoint(&mut self, name: &'static str) -> Result<()> {
        self.run(&format!("SAVEPOINT {name}")).await
    }

    /// Undoes everything written since [`Tx::savepoint`] `name`; the savepoint stays open.
    pub async fn rollback_to(&mut self, name: &'static str) -> Result<()> {
        self.run(&format!("ROLLBACK TO SAVEPOINT {name}")).await
    }

    /// Closes savepoint `name`, keeping what was written since it in the transaction.
    pub async fn release(&mut self, name: &'static str) -> Result<()> {
        self.run(&format!("RELEASE SAVEPOINT {name}")).await
    }

    async fn run(&mut self, sql: &str) -> Result<()> {
        let sql = sqlx::AssertSqlSafe(sql.to_owned());
        crate::on_tx!(self, c => sqlx::raw_sql(sql).execute(c).await.map(|_| ()))?;
        Ok(())
    }

    /// Which backend this transaction runs on.
    pub fn backend(&self) -> Backend {
        match self {
            Tx::Sqlite(_) | Tx::SqliteRead(_) => Backend::Sqlite,
            Tx::Postgres(_) | Tx::PostgresRead(_) => Backend::Postgres,
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
                // Readers never commit, so NORMAL costs them nothing; the writer below is FULL.
                .synchronous(SqliteSynchronous::Normal)
                .foreign_keys(true)
                .busy_timeout(opts.busy_timeout)
                .pragma("temp_store", "memory")
                .pragma("cache_size", "-2000")
                // A checkpoint resets the WAL file; this keeps it from staying at its peak size.
                .pragma("journal_size_limit", "67108864")
                .disable_statement_logging();
            // FULL on the writer: every commit syncs the WAL before it returns, so what podpora
            // acknowledged (a 201, an LMTP 250) survives a power loss, not only a crash of the
            // process. Group commit (the ticket writer, batched mail intake) pays one sync per
            // batch, not per request. Checkpoints are taken off the writer (see
            // [`Db::checkpoint`]): run on commit, they made every thousandth page's commit copy
            // the WAL into the database and sync it while the next batch waited.
            let write = SqlitePoolOptions::new()
                .max_connections(1)
                .min_connections(1)
                // An embedded file does not drop connections: a ping before each use was one
                // more round trip to the connection's thread.
                .test_before_acquire(false)
                .acquire_timeout(Duration::from_secs(30))
                .connect_with(
                    base.clone()
                        .synchronous(SqliteSynchronous::Full)
                        .pragma("wal_autocheckpoint", WRITER_AUTOCHECKPOINT_PAGES),
                )
                .await?;
            let read = SqlitePoolOptions::new()
                .max_connections(opts.max_connections.max(1))
                .test_before_acquire(false)
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

    /// Applies every pending migration of this backend, then indexes for search what was
    /// stored before the search index existed (once).
    pub async fn migrate(&self) -> Result<()> {
        match self {
            Db::Sqlite { write, .. } => SQLITE_MIGRATIONS.run(write).await?,
            Db::Postgres(p) => PG_MIGRATIONS.run(p).await?,
        }
        crate::repo::search::backfill_pending(self).await
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
            Db::Sqlite { write, .. } => Tx::Sqlite(SqliteTx::new(write.begin().await?)),
            Db::Postgres(p) => Tx::Postgres(p.begin().await?),
        })
    }

    /// A connection for reads (on SQLite, from the reader pool, beside the writer). No
    /// transaction is opened: reads that must agree with each other use [`Db::snapshot`].
    pub async fn read(&self) -> Result<Tx<'static>> {
        Ok(match self {
            Db::Sqlite { read, .. } => Tx::SqliteRead(read.acquire().await?),
            Db::Postgres(p) => Tx::PostgresRead(p.acquire().await?),
        })
    }

    /// A read-only snapshot: every read in it sees the same committed state.
    pub async fn snapshot(&self) -> Result<Tx<'static>> {
        Ok(match self {
            Db::Sqlite { read, .. } => Tx::Sqlite(SqliteTx::new(read.begin().await?)),
            Db::Postgres(p) => Tx::Postgres(p.begin().await?),
        })
    }

    /// Copies what the SQLite WAL holds into the database file, as far as no reader still needs
    /// it, without waiting for readers or the writer (a passive checkpoint, on a reader
    /// connection). A server calls this a few times a second, so the writer never checkpoints
    /// on commit. Returns the WAL's pages and how many of them are now in the database; `None`
    /// on PostgreSQL, which checkpoints itself.
    pub async fn checkpoint(&self) -> Result<Option<(i64, i64)>> {
        match self {
            Db::Sqlite { read, .. } => {
                let (_busy, log, done): (i64, i64, i64) =
                    sqlx::query_as("PRAGMA wal_checkpoint(PASSIVE)")
                        .fetch_one(read)
                        .await?;
                Ok(Some((log, done)))
            }
            Db::Postgres(_) => Ok(None),
        }
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

/// A current-thread runtime on its own OS thread that runs SQLite write transactions.
///
/// SQLite has one writer. When a write transaction's task shares the request runtime, every
/// statement's reply waits in the run queue behind other requests' work while the writer sits
/// idle, holding the database lock. Running write transactions here keeps the writer busy.
fn writer_runtime() -> Option<&'static tokio::runtime::Handle> {
    static RT: std::sync::OnceLock<Option<tokio::runtime::Handle>> = std::sync::OnceLock::new();
    RT.get_or_init(|| {
        // Time only: nothing here does network I/O, and without an I/O driver a wake-up of
        // this thread is a futex, not a write to an event file.
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_time()
            .build()
            .ok()?;
        let handle = rt.handle().clone();
        std::thread::Builder::new()
            .name("podpora-sqlite-writer".into())
            .spawn(move || rt.block_on(std::future::pending::<()>()))
            .ok()?;
        Some(handle)
    })
    .as_ref()
}

impl Db {
    /// Runs a write use case where it is fastest: on SQLite, on the dedicated writer thread;
    /// on PostgreSQL (many writers), right here.
    pub async fn on_writer<F, T>(&self, fut: F) -> T
    where
        F: std::future::Future<Output = T> + Send + 'static,
        T: Send + 'static,
    {
        match (self, writer_runtime()) {
            (Db::Sqlite { .. }, Some(rt)) => match rt.spawn(fut).await {
                Ok(v) => v,
                Err(e) => std::panic::resume_unwind(e.into_panic()),
            },
            _ => fut.await,
        }
    }

    /// Starts a background task on the SQLite writer thread; false on PostgreSQL or when the
    /// writer thread is unavailable (the caller then does the work itself).
    pub fn spawn_on_writer<F>(&self, fut: F) -> bool
    where
        F: std::future::Future<Output = ()> + Send + 'static,
    {
        match (self, writer_runtime()) {
            (Db::Sqlite { .. }, Some(rt)) => {
                rt.spawn(fut);
                true
            }
            _ => false,
        }
    }
}
