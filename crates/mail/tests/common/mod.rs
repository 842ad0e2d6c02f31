//! A sink that records what it is given and fails on demand.

#![allow(dead_code)]

use std::sync::{
    Mutex,
    atomic::{AtomicU8, Ordering},
};

use podpora_mail::{Envelope, MailSink, SinkError};

/// How the sink answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum Mode {
    Accept = 0,
    Temporary = 1,
    Permanent = 2,
}

#[derive(Default)]
pub struct RecordingSink {
    mode: AtomicU8,
    stored: Mutex<Vec<(Envelope, Vec<u8>)>>,
    calls: std::sync::atomic::AtomicUsize,
}

impl RecordingSink {
    pub fn new(mode: Mode) -> Self {
        let sink = Self::default();
        sink.set_mode(mode);
        sink
    }

    pub fn set_mode(&self, mode: Mode) {
        self.mode.store(mode as u8, Ordering::SeqCst);
    }

    pub fn stored(&self) -> Vec<(Envelope, Vec<u8>)> {
        self.stored.lock().unwrap().clone()
    }

    /// How often `accept` was called, refused calls included.
    pub fn calls(&self) -> usize {
        self.calls.load(Ordering::SeqCst)
    }

    pub async fn wait_for(
        &self,
        count: usize,
        timeout: std::time::Duration,
    ) -> Vec<(Envelope, Vec<u8>)> {
        let deadline = std::time::Instant::now() + timeout;
        loop {
            let stored = self.stored();
            if stored.len() >= count || std::time::Instant::now() > deadline {
                return stored;
            }
            tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        }
    }
}

impl MailSink for RecordingSink {
    async fn accept(&self, envelope: Envelope, raw: Vec<u8>) -> Result<(), SinkError> {
        self.calls.fetch_add(1, Ordering::SeqCst);
        match self.mode.load(Ordering::SeqCst) {
            1 => Err(SinkError::Temporary("database unavailable".into())),
            2 => Err(SinkError::Permanent("message refused".into())),
            _ => {
                self.stored.lock().unwrap().push((envelope, raw));
                Ok(())
            }
        }
    }
}

/// A small message with a unique subject.
pub fn message(from: &str, to: &str, subject: &str) -> Vec<u8> {
    format!(
        "From: {from}\r\nTo: {to}\r\nSubject: {subject}\r\nMessage-ID: <{}@client.test>\r\n\r\nDobrý deň,\r\n.leading dot line\r\nhello\r\n",
        subject.replace(' ', "-")
    )
    .into_bytes()
}

/// Whether `haystack` contains `needle`.
pub fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w == needle.as_bytes())
}
