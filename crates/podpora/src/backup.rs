//! `podpora backup` and `podpora restore`: a consistent copy of the embedded database and the
//! attachment files while the server runs, and putting it back into a fresh data directory.
//!
//! The database is copied first (`VACUUM INTO`, one snapshot), the files after it. Files are
//! content-addressed, never changed, and written before the row that refers to them commits,
//! so every file the snapshot refers to exists when the files are copied. PostgreSQL is backed
//! up with its own tools (`pg_dump`), with the attachments directory copied beside the dump.

use anyhow::{Context, bail};
use podpora_store::{Db, DbOptions, repo};
use std::path::{Path, PathBuf};

/// Name of the database file inside a backup and inside a data directory.
const DB_FILE: &str = "podpora.db";
/// Name of the attachments directory inside a backup and inside a data directory.
const FILES_DIR: &str = "attachments";

/// What a backup or a restore copied.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Copied {
    /// Tickets in the database copied.
    pub tickets: i64,
    /// Attachment files copied.
    pub files: u64,
}

/// Writes a backup of a running (or stopped) SQLite installation into `out`, a directory that
/// must not exist yet.
pub async fn backup(db: &Db, data_dir: &Path, out: &Path) -> anyhow::Result<Copied> {
    if db.backend() != podpora_store::Backend::Sqlite {
        bail!(
            "this installation uses PostgreSQL: back it up with pg_dump (pg_dump -Fc -f podpora.dump DATABASE) \
             and copy {}/{FILES_DIR}/ beside the dump",
            data_dir.display()
        );
    }
    if out.exists() {
        bail!("{} exists already; choose a new directory", out.display());
    }
    std::fs::create_dir_all(out).with_context(|| format!("cannot create {}", out.display()))?;
    let db_path = out.join(DB_FILE);
    let path = db_path
        .to_str()
        .context("the backup path must be valid UTF-8")?;
    db.backup_sqlite(path)
        .await
        .context("cannot copy the database")?;
    let files = copy_files(&data_dir.join(FILES_DIR), &out.join(FILES_DIR))?;
    let tickets = count_tickets(&db_path).await?;
    Ok(Copied { tickets, files })
}

/// Restores a backup made by [`backup`] into `data_dir`, which must hold no database yet; then
/// opens it and checks that every attachment's file is there.
pub async fn restore(from: &Path, data_dir: &Path) -> anyhow::Result<Copied> {
    let src_db = from.join(DB_FILE);
    if !src_db.is_file() {
        bail!(
            "{} is not a podpora backup: it has no {DB_FILE}",
            from.display()
        );
    }
    let dst_db = data_dir.join(DB_FILE);
    if dst_db.exists() {
        bail!(
            "{} holds a database already; restore into an empty data directory (--data-dir) so nothing is overwritten",
            data_dir.display()
        );
    }
    std::fs::create_dir_all(data_dir)
        .with_context(|| format!("cannot create {}", data_dir.display()))?;
    std::fs::copy(&src_db, &dst_db)
        .with_context(|| format!("cannot copy the database to {}", dst_db.display()))?;
    let files = copy_files(&from.join(FILES_DIR), &data_dir.join(FILES_DIR))?;
    let db = open(&dst_db).await?;
    db.migrate()
        .await
        .context("cannot bring the restored database up to date")?;
    let mut tx = db.read().await?;
    let hashes = repo::articles::attachment_hashes(&mut tx).await?;
    drop(tx);
    let missing: Vec<&String> = hashes
        .iter()
        .filter(|h| !file_path(&data_dir.join(FILES_DIR), h).is_file())
        .collect();
    db.close().await;
    if !missing.is_empty() {
        bail!(
            "the backup lacks {} attachment file(s), e.g. {}: it was not made by `podpora backup`, or was damaged",
            missing.len(),
            missing[0]
        );
    }
    let tickets = count_tickets(&dst_db).await?;
    Ok(Copied { tickets, files })
}

async fn open(path: &Path) -> anyhow::Result<Db> {
    let url = format!("sqlite://{}", path.display());
    Db::connect(&url, &DbOptions::default())
        .await
        .with_context(|| format!("cannot open {}", path.display()))
}

async fn count_tickets(path: &Path) -> anyhow::Result<i64> {
    let db = open(path).await?;
    let mut tx = db.read().await?;
    let n = repo::settings::row_counts(&mut tx)
        .await?
        .into_iter()
        .find(|(t, _)| *t == "tickets")
        .map_or(0, |(_, n)| n);
    drop(tx);
    db.close().await;
    Ok(n)
}

/// Where the store keeps a file of this hash (two levels of two hex digits).
fn file_path(root: &Path, sha256: &str) -> PathBuf {
    let (a, b) = (
        sha256.get(..2).unwrap_or(""),
        sha256.get(2..4).unwrap_or(""),
    );
    root.join(a).join(b).join(sha256)
}

/// Copies a tree of attachment files, leaving out temporary files of unfinished writes.
fn copy_files(from: &Path, to: &Path) -> anyhow::Result<u64> {
    let mut copied = 0;
    let mut dirs = vec![(from.to_path_buf(), to.to_path_buf())];
    while let Some((src, dst)) = dirs.pop() {
        let entries = match std::fs::read_dir(&src) {
            Ok(e) => e,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
            Err(e) => return Err(e).with_context(|| format!("cannot read {}", src.display())),
        };
        std::fs::create_dir_all(&dst)
            .with_context(|| format!("cannot create {}", dst.display()))?;
        for e in entries {
            let e = e?;
            let name = e.file_name();
            let target = dst.join(&name);
            if e.file_type()?.is_dir() {
                dirs.push((e.path(), target));
            } else if !name.to_string_lossy().ends_with(".tmp") {
                std::fs::copy(e.path(), &target)
                    .with_context(|| format!("cannot copy {}", e.path().display()))?;
                copied += 1;
            }
        }
    }
    Ok(copied)
}
