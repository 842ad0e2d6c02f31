//! Attachment bytes, stored content-addressed by SHA-256 under the data directory.
//!
//! The same file sent twice is stored once. A file is written to a temporary name, synced and
//! renamed into place before the database row that refers to it is committed, so a committed
//! attachment always has its bytes.

use sha2::{Digest, Sha256};
use std::{
    collections::HashSet,
    path::{Path, PathBuf},
    time::SystemTime,
};

/// What a sweep removed.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Sweep {
    /// Temporary files of writes that never finished.
    pub temporary: u64,
    /// Files no attachment refers to.
    pub orphans: u64,
}

/// Content-addressed file storage.
#[derive(Debug, Clone)]
pub struct FileStore {
    root: PathBuf,
}

impl FileStore {
    /// Storage under `root` (created on first write).
    pub fn new(root: PathBuf) -> Self {
        Self { root }
    }

    fn path_of(&self, sha256: &str) -> Option<PathBuf> {
        // Hashes come from our own database, but a path must never be built from anything else.
        if sha256.len() != 64 || !sha256.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        Some(
            self.root
                .join(&sha256[..2])
                .join(&sha256[2..4])
                .join(sha256),
        )
    }

    /// Stores bytes and returns their SHA-256 (hex).
    pub async fn put(&self, bytes: &[u8]) -> std::io::Result<String> {
        self.put_hashed(bytes, hex::encode(Sha256::digest(bytes)))
            .await
    }

    /// Stores bytes whose SHA-256 (hex) the caller computed already (the MIME parser does, for
    /// every attachment); returns it.
    pub async fn put_hashed(&self, bytes: &[u8], sha: String) -> std::io::Result<String> {
        let path = self
            .path_of(&sha)
            .ok_or_else(|| std::io::Error::other("bad hash"))?;
        if tokio::fs::try_exists(&path).await.unwrap_or(false) {
            return Ok(sha);
        }
        let dir = path.parent().unwrap_or(Path::new("."));
        tokio::fs::create_dir_all(dir).await?;
        // Unique per writer: two tasks may store the same file at the same moment.
        static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let tmp = dir.join(format!(".{sha}.{}.{n}.tmp", std::process::id()));
        {
            use tokio::io::AsyncWriteExt;
            let mut f = tokio::fs::File::create(&tmp).await?;
            f.write_all(bytes).await?;
            f.sync_all().await?;
        }
        if let Err(e) = tokio::fs::rename(&tmp, &path).await {
            let _ = tokio::fs::remove_file(&tmp).await;
            if !tokio::fs::try_exists(&path).await.unwrap_or(false) {
                return Err(e);
            }
        }
        Ok(sha)
    }

    /// Removes what an interrupted or refused write left behind: temporary files, and files
    /// that no attachment refers to (`referenced` holds the hashes that rows refer to). Only
    /// files last changed before `older_than` are touched, so a write in flight, whose row is
    /// not committed yet, keeps its file.
    pub async fn sweep(
        &self,
        referenced: &HashSet<String>,
        older_than: SystemTime,
    ) -> std::io::Result<Sweep> {
        let mut report = Sweep::default();
        let mut dirs = vec![self.root.clone()];
        while let Some(dir) = dirs.pop() {
            let mut entries = match tokio::fs::read_dir(&dir).await {
                Ok(e) => e,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
                Err(e) => return Err(e),
            };
            while let Some(e) = entries.next_entry().await? {
                let meta = e.metadata().await?;
                if meta.is_dir() {
                    dirs.push(e.path());
                    continue;
                }
                let name = e.file_name().to_string_lossy().into_owned();
                let tmp = name.starts_with('.') && name.ends_with(".tmp");
                let orphan = !tmp && !referenced.contains(&name);
                if !(tmp || orphan) || meta.modified()? >= older_than {
                    continue;
                }
                tokio::fs::remove_file(e.path()).await?;
                if tmp {
                    report.temporary += 1;
                } else {
                    report.orphans += 1;
                }
            }
        }
        Ok(report)
    }

    /// Reads stored bytes.
    pub async fn get(&self, sha256: &str) -> std::io::Result<Vec<u8>> {
        let path = self
            .path_of(sha256)
            .ok_or_else(|| std::io::Error::new(std::io::ErrorKind::NotFound, "bad hash"))?;
        tokio::fs::read(path).await
    }
}

/// Sweeps the attachment store (ticket attachments and articles' files) of leftovers older than an hour (see [`FileStore::sweep`]).
pub async fn sweep_leftovers(app: &crate::App) -> crate::Result<Sweep> {
    let mut tx = app.db.read().await?;
    let mut referenced: HashSet<String> = podpora_store::repo::articles::attachment_hashes(&mut tx)
        .await?
        .into_iter()
        .collect();
    // The knowledge base's files share the store.
    referenced.extend(podpora_store::repo::kb::file_hashes(&mut tx).await?);
    drop(tx);
    let hour_ago = SystemTime::now() - std::time::Duration::from_secs(3600);
    Ok(app.files.sweep(&referenced, hour_ago).await?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_sweep_removes_leftovers_and_keeps_what_is_referred_to_or_recent() {
        let dir = std::env::temp_dir().join(format!("podpora-sweep-{}", std::process::id()));
        let fs = FileStore::new(dir.clone());
        let kept = fs.put(b"kept").await.unwrap();
        let orphan = fs.put(b"orphan").await.unwrap();
        let tmp = fs
            .path_of(&kept)
            .unwrap()
            .with_file_name(format!(".{kept}.1.2.tmp"));
        std::fs::write(&tmp, b"half").unwrap();
        let referenced: HashSet<String> = [kept.clone()].into();
        // Everything is newer than the cut-off: nothing goes.
        let past = SystemTime::now() - std::time::Duration::from_secs(3600);
        assert_eq!(fs.sweep(&referenced, past).await.unwrap(), Sweep::default());
        let future = SystemTime::now() + std::time::Duration::from_secs(60);
        let r = fs.sweep(&referenced, future).await.unwrap();
        assert_eq!(
            r,
            Sweep {
                temporary: 1,
                orphans: 1
            }
        );
        assert_eq!(fs.get(&kept).await.unwrap(), b"kept");
        assert!(fs.get(&orphan).await.is_err());
        assert!(!tmp.exists());
        let _ = std::fs::remove_dir_all(dir);
    }

    #[tokio::test]
    async fn same_bytes_stored_once_and_read_back() {
        let dir = std::env::temp_dir().join(format!("podpora-files-{}", std::process::id()));
        let fs = FileStore::new(dir.clone());
        let a = fs.put(b"faktura").await.unwrap();
        let b = fs.put(b"faktura").await.unwrap();
        assert_eq!(a, b);
        assert_eq!(fs.get(&a).await.unwrap(), b"faktura");
        assert!(fs.get("../../etc/passwd").await.is_err());
        let _ = std::fs::remove_dir_all(dir);
    }
}
