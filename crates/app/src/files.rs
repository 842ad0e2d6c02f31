//! Attachment bytes, stored content-addressed by SHA-256 under the data directory.
//!
//! The same file sent twice is stored once. A file is written to a temporary name, synced and
//! renamed into place before the database row that refers to it is committed, so a committed
//! attachment always has its bytes.

use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

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

    /// Reads stored bytes.
    pub async fn get(&self, sha256: &str) -> std::io::Result<Vec<u8>> {
        let path = self
            .path_of(sha256)
            .ok_or_else(|| std::io::Error::new(std::io::ErrorKind::NotFound, "bad hash"))?;
        tokio::fs::read(path).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
