//! Input for `podpora mailgate`: one message from a pipe, or an mbox stream in batch mode.

use std::io::{self, BufRead, Read};

/// Why input could not be read.
#[derive(Debug, thiserror::Error)]
pub enum MailgateError {
    /// Reading failed.
    #[error("reading the message failed: {0}")]
    Io(#[from] io::Error),
    /// The message is larger than allowed.
    #[error("the message is larger than {limit} bytes")]
    TooLarge {
        /// The limit in bytes.
        limit: usize,
    },
    /// Nothing was read.
    #[error("the message is empty")]
    Empty,
}

/// Reads one whole message from `reader`, refusing more than `limit` bytes.
pub fn read_message<R: Read>(reader: R, limit: usize) -> Result<Vec<u8>, MailgateError> {
    let mut raw = Vec::new();
    // One byte past the limit tells "exactly the limit" from "too large" without reading the rest.
    let cap = u64::try_from(limit).unwrap_or(u64::MAX).saturating_add(1);
    reader.take(cap).read_to_end(&mut raw)?;
    if raw.len() > limit {
        return Err(MailgateError::TooLarge { limit });
    }
    if raw.is_empty() {
        return Err(MailgateError::Empty);
    }
    Ok(raw)
}

/// Splits an mboxrd stream into messages: a line starting with `From ` begins a message, `>From `
/// lines (any number of `>`) lose one `>`, and the blank line before the next separator is dropped.
pub struct MboxReader<R> {
    reader: R,
    limit: usize,
    line: Vec<u8>,
    /// The separator line of the next message has been read.
    started: bool,
    done: bool,
}

impl<R: BufRead> MboxReader<R> {
    /// Reads messages of at most `limit` bytes each from `reader`.
    pub fn new(reader: R, limit: usize) -> Self {
        Self {
            reader,
            limit,
            line: Vec::new(),
            started: false,
            done: false,
        }
    }

    fn next_line(&mut self) -> io::Result<bool> {
        self.line.clear();
        Ok(self.reader.read_until(b'\n', &mut self.line)? > 0)
    }

    fn read_one(&mut self) -> Result<Option<Vec<u8>>, MailgateError> {
        // Skip anything before the first separator (a leading blank line, say).
        while !self.started {
            if !self.next_line()? {
                return Ok(None);
            }
            self.started = self.line.starts_with(b"From ");
        }
        let mut message = Vec::new();
        let mut too_large = false;
        loop {
            if !self.next_line()? {
                self.done = true;
                break;
            }
            if self.line.starts_with(b"From ") {
                break;
            }
            let line = unescape_from(&self.line);
            if message.len() + line.len() > self.limit {
                too_large = true;
            } else if !too_large {
                message.extend_from_slice(line);
            }
        }
        if too_large {
            return Err(MailgateError::TooLarge { limit: self.limit });
        }
        strip_separator_blank_line(&mut message);
        Ok(Some(message))
    }
}

impl<R: BufRead> Iterator for MboxReader<R> {
    type Item = Result<Vec<u8>, MailgateError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        match self.read_one() {
            Ok(Some(m)) => Some(Ok(m)),
            Ok(None) => {
                self.done = true;
                None
            }
            Err(MailgateError::Io(e)) => {
                self.done = true;
                Some(Err(MailgateError::Io(e)))
            }
            Err(e) => Some(Err(e)),
        }
    }
}

fn unescape_from(line: &[u8]) -> &[u8] {
    let quotes = line.iter().take_while(|&&b| b == b'>').count();
    if quotes > 0 && line[quotes..].starts_with(b"From ") {
        &line[1..]
    } else {
        line
    }
}

fn strip_separator_blank_line(message: &mut Vec<u8>) {
    if message.ends_with(b"\r\n\r\n") {
        message.truncate(message.len() - 2);
    } else if message.ends_with(b"\n\n") {
        message.truncate(message.len() - 1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn read_message_enforces_the_limit() {
        assert_eq!(read_message(&b"abc"[..], 3).unwrap(), b"abc");
        assert!(matches!(
            read_message(&b"abcd"[..], 3),
            Err(MailgateError::TooLarge { limit: 3 })
        ));
        assert!(matches!(
            read_message(&b""[..], 3),
            Err(MailgateError::Empty)
        ));
    }

    #[test]
    fn mbox_is_split_and_unescaped() {
        let mbox = b"From a@b Mon Jan  1 00:00:00 2024\nSubject: one\n\nHi\n>From here\n>>From there\n>Fromage\n\nFrom c@d Mon Jan  1 00:00:01 2024\nSubject: two\n\nBye\n";
        let messages: Vec<Vec<u8>> = MboxReader::new(&mbox[..], 1000)
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(messages.len(), 2);
        assert_eq!(
            messages[0],
            b"Subject: one\n\nHi\nFrom here\n>From there\n>Fromage\n"
        );
        assert_eq!(messages[1], b"Subject: two\n\nBye\n");
    }

    #[test]
    fn an_oversized_mbox_message_is_refused_and_the_next_one_read() {
        let mbox = b"From a\nSubject: long long long long\n\nFrom b\nSubject: s\n";
        let results: Vec<_> = MboxReader::new(&mbox[..], 12).collect();
        assert_eq!(results.len(), 2);
        assert!(matches!(results[0], Err(MailgateError::TooLarge { .. })));
        assert_eq!(results[1].as_ref().unwrap(), b"Subject: s\n");
    }

    #[test]
    fn crlf_mbox_keeps_line_endings() {
        let mbox = b"From a\r\nSubject: x\r\n\r\nbody\r\n\r\nFrom b\r\nSubject: y\r\n";
        let messages: Vec<Vec<u8>> = MboxReader::new(&mbox[..], 1000)
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(messages[0], b"Subject: x\r\n\r\nbody\r\n");
        assert_eq!(messages[1], b"Subject: y\r\n");
    }
}
