//! An RFC 2033 LMTP server as a pure state machine: bytes in, [`Action`]s out, no sockets.
//!
//! A socket loop (in the `mail` crate) drives it:
//!
//! ```text
//! write(session.greeting())
//! loop {
//!     let n = read(&mut buf)?;               // 0 → connection closed
//!     for action in session.feed(&buf[..n]) {
//!         match action {
//!             Action::Reply(text) => write(text),           // exact bytes, CRLF included
//!             Action::Deliver(delivery) => {
//!                 let statuses = ingest(delivery).await;     // one per recipient, same order
//!                 for a in session.delivered(&statuses) { /* handle like these actions */ }
//!             }
//!             Action::Close => return,
//!         }
//!     }
//! }
//! ```
//!
//! Commands are parsed by smtp-proto. Pipelined commands in one read are answered in order; bytes that
//! arrive while a delivery is pending are kept and processed after [`LmtpSession::delivered`].
//!
//! ```
//! use podpora_mailproto::lmtp::{Action, LmtpConfig, LmtpSession, RecipientStatus};
//! let mut s = LmtpSession::new(LmtpConfig::default(), |rcpt: &str| rcpt.ends_with("@help.example"));
//! let actions = s.feed(b"LHLO mx\r\nMAIL FROM:<a@b.c>\r\nRCPT TO:<desk@help.example>\r\nDATA\r\nSubject: x\r\n\r\nhi\r\n.\r\n");
//! let Some(Action::Deliver(d)) = actions.last() else { panic!("expected a delivery") };
//! assert_eq!(d.recipients, vec!["desk@help.example".to_owned()]);
//! assert_eq!(d.data, b"Subject: x\r\n\r\nhi\r\n");
//! let replies = s.delivered(&[RecipientStatus::Delivered]);
//! assert_eq!(replies, vec![Action::Reply("250 2.0.0 <desk@help.example> delivered\r\n".into())]);
//! ```

use smtp_proto::{Error as ProtoError, Request};

use crate::address::normalize_address;

/// Longest command line accepted (RFC 5321 says 512; clients with long parameters exceed it).
pub const MAX_COMMAND_LINE: usize = 4096;
/// A DATA line longer than this is passed through in pieces instead of being buffered whole.
const MAX_DATA_LINE_BUFFER: usize = 64 * 1024;
/// Input kept while a delivery is pending; more than this closes the connection.
const MAX_PENDING_INPUT: usize = 64 * 1024;

/// Session settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LmtpConfig {
    /// Name in the greeting and the LHLO reply.
    pub hostname: String,
    /// Largest message accepted after dot-unstuffing, advertised as `SIZE` (default 50 MiB).
    pub max_message_bytes: usize,
    /// Most recipients in one transaction (default 100).
    pub max_recipients: usize,
    /// Protocol errors after which the connection is closed (default 20).
    pub max_errors: usize,
}

impl Default for LmtpConfig {
    fn default() -> Self {
        Self {
            hostname: "localhost".to_owned(),
            max_message_bytes: 50 << 20,
            max_recipients: 100,
            max_errors: 20,
        }
    }
}

/// One message received: hand it to the ingest use case, then call [`LmtpSession::delivered`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Delivery {
    /// The envelope sender; empty for the null sender `<>` (bounces).
    pub mail_from: String,
    /// Accepted recipients, normalised, in RCPT order.
    pub recipients: Vec<String>,
    /// The message, dot-unstuffed, line endings as received.
    pub data: Vec<u8>,
}

/// What the caller must do next.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// Write these bytes to the client (one complete reply, possibly multi-line, ending in CRLF).
    Reply(String),
    /// Store this message, then report one [`RecipientStatus`] per recipient to [`LmtpSession::delivered`].
    Deliver(Delivery),
    /// Close the connection (after writing the replies before it).
    Close,
}

/// The outcome for one recipient of a [`Delivery`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RecipientStatus {
    /// Stored: `250 2.0.0`.
    Delivered,
    /// Transient failure (database unavailable …): `451 4.3.0`, the MTA retries.
    TryLater(String),
    /// Permanent refusal (the message broke a parsing limit …): `554 5.6.0`, the MTA bounces.
    Rejected(String),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    /// Greeting sent, LHLO expected.
    Connected,
    /// LHLO done, no transaction.
    Ready,
    /// MAIL FROM accepted; RCPT/DATA expected.
    Mail,
    /// Receiving message data.
    Data,
    /// Final dot received, [`Action::Deliver`] emitted, waiting for [`LmtpSession::delivered`].
    AwaitingStatuses,
    Closed,
}

/// The per-connection LMTP state machine. `P` decides whether a recipient address (normalised when it
/// normalises) is ours.
pub struct LmtpSession<P> {
    config: LmtpConfig,
    accept_recipient: P,
    state: State,
    pending: Vec<u8>,
    discarding_line: bool,
    errors: usize,
    mail_from: String,
    recipients: Vec<String>,
    data: Vec<u8>,
    data_size: usize,
    oversize: bool,
    data_line: Vec<u8>,
    mid_line: bool,
}

impl<P: FnMut(&str) -> bool> LmtpSession<P> {
    /// A new session; send [`greeting`](Self::greeting) first.
    pub fn new(config: LmtpConfig, accept_recipient: P) -> Self {
        Self {
            config,
            accept_recipient,
            state: State::Connected,
            pending: Vec::new(),
            discarding_line: false,
            errors: 0,
            mail_from: String::new(),
            recipients: Vec::new(),
            data: Vec::new(),
            data_size: 0,
            oversize: false,
            data_line: Vec::new(),
            mid_line: false,
        }
    }

    /// The `220` greeting.
    pub fn greeting(&self) -> Action {
        Action::Reply(format!(
            "220 {} LMTP podpora ready\r\n",
            self.config.hostname
        ))
    }

    /// Whether the session has ended (after QUIT or too many errors).
    pub fn is_closed(&self) -> bool {
        self.state == State::Closed
    }

    /// Feeds bytes read from the client and returns what to do, in order.
    pub fn feed(&mut self, input: &[u8]) -> Vec<Action> {
        let mut out = Vec::new();
        if self.state == State::Closed {
            return out;
        }
        self.pending.extend_from_slice(input);
        self.process(&mut out);
        out
    }

    /// Reports the outcome of the pending [`Delivery`], one status per recipient in order (a missing status
    /// counts as [`RecipientStatus::TryLater`]), and continues with any input that arrived meanwhile.
    /// Does nothing when no delivery is pending.
    pub fn delivered(&mut self, statuses: &[RecipientStatus]) -> Vec<Action> {
        let mut out = Vec::new();
        if self.state != State::AwaitingStatuses {
            return out;
        }
        let missing = RecipientStatus::TryLater("no status reported".to_owned());
        for (i, rcpt) in self.recipients.iter().enumerate() {
            let reply = match statuses.get(i).unwrap_or(&missing) {
                RecipientStatus::Delivered => format!("250 2.0.0 <{rcpt}> delivered\r\n"),
                RecipientStatus::TryLater(why) => {
                    format!("451 4.3.0 <{rcpt}> {}\r\n", one_line(why))
                }
                RecipientStatus::Rejected(why) => {
                    format!("554 5.6.0 <{rcpt}> {}\r\n", one_line(why))
                }
            };
            out.push(Action::Reply(reply));
        }
        self.reset_transaction();
        self.state = State::Ready;
        self.process(&mut out);
        out
    }

    fn process(&mut self, out: &mut Vec<Action>) {
        let buf = std::mem::take(&mut self.pending);
        let mut pos = 0;
        while pos < buf.len() {
            match self.state {
                State::Closed => return,
                State::AwaitingStatuses => {
                    if buf.len() - pos > MAX_PENDING_INPUT {
                        out.push(Action::Reply(
                            "421 4.7.0 Too much input while delivering\r\n".into(),
                        ));
                        self.close(out);
                        return;
                    }
                    self.pending = buf[pos..].to_vec();
                    return;
                }
                State::Data => pos += self.ingest_data(&buf[pos..], out),
                State::Connected | State::Ready | State::Mail => {
                    let rest = &buf[pos..];
                    match rest.iter().position(|&b| b == b'\n') {
                        Some(lf) => {
                            pos += lf + 1;
                            if std::mem::take(&mut self.discarding_line) {
                                continue;
                            }
                            if lf + 1 > MAX_COMMAND_LINE {
                                self.error(out, "500 5.5.2 Line too long");
                            } else {
                                self.command(&rest[..=lf], out);
                            }
                        }
                        None if self.discarding_line => pos = buf.len(),
                        None if rest.len() > MAX_COMMAND_LINE => {
                            self.discarding_line = true;
                            pos = buf.len();
                            self.error(out, "500 5.5.2 Line too long");
                        }
                        None => {
                            self.pending = rest.to_vec();
                            return;
                        }
                    }
                }
            }
        }
    }

    fn command(&mut self, line: &[u8], out: &mut Vec<Action>) {
        let parsed = Request::parse(&mut line.iter());
        match parsed {
            Ok(Request::Lhlo { host }) => {
                let _ = host;
                self.reset_transaction();
                self.state = State::Ready;
                out.push(Action::Reply(format!(
                    "250-{}\r\n250-PIPELINING\r\n250-ENHANCEDSTATUSCODES\r\n250-8BITMIME\r\n250 SIZE {}\r\n",
                    self.config.hostname, self.config.max_message_bytes
                )));
            }
            Ok(Request::Helo { .. } | Request::Ehlo { .. }) => {
                self.error(out, "500 5.5.1 This is an LMTP server: use LHLO")
            }
            Ok(Request::Mail { from }) => match self.state {
                State::Connected => self.error(out, "503 5.5.1 Send LHLO first"),
                State::Mail => self.error(out, "503 5.5.1 Nested MAIL command"),
                _ if from.size > self.config.max_message_bytes => self.reply(
                    out,
                    &format!(
                        "552 5.3.4 Message too big (limit {} bytes)",
                        self.config.max_message_bytes
                    ),
                ),
                _ => {
                    self.mail_from = from.address.to_string();
                    self.state = State::Mail;
                    self.reply(out, "250 2.1.0 Sender OK");
                }
            },
            Ok(Request::Rcpt { to }) => {
                if self.state != State::Mail {
                    return self.error(out, "503 5.5.1 Send MAIL FROM first");
                }
                if self.recipients.len() >= self.config.max_recipients {
                    return self.reply(out, "452 4.5.3 Too many recipients");
                }
                let address =
                    normalize_address(&to.address).unwrap_or_else(|| to.address.to_string());
                if (self.accept_recipient)(&address) {
                    self.recipients.push(address);
                    self.reply(out, "250 2.1.5 Recipient OK");
                } else {
                    self.reply(
                        out,
                        &format!("550 5.1.1 <{}> No such mailbox here", one_line(&address)),
                    );
                }
            }
            Ok(Request::Data) => {
                if self.state != State::Mail || self.recipients.is_empty() {
                    return self.error(out, "503 5.5.1 Send RCPT TO first");
                }
                self.state = State::Data;
                self.reply(out, "354 Start mail input; end with <CRLF>.<CRLF>");
            }
            Ok(Request::Rset) => {
                self.reset_transaction();
                if self.state != State::Connected {
                    self.state = State::Ready;
                }
                self.reply(out, "250 2.0.0 OK");
            }
            Ok(Request::Noop { .. }) => self.reply(out, "250 2.0.0 OK"),
            Ok(Request::Quit) => {
                self.reply(out, "221 2.0.0 Bye");
                self.close(out);
            }
            Ok(Request::Vrfy { .. }) => self.reply(out, "252 2.5.2 Cannot VRFY; send some mail"),
            Ok(_) => self.error(out, "502 5.5.1 Command not implemented"),
            Err(err) => {
                let text = match err {
                    ProtoError::UnknownCommand => "500 5.5.1 Unknown command".to_owned(),
                    ProtoError::SyntaxError { syntax } => format!("501 5.5.4 Syntax: {syntax}"),
                    ProtoError::InvalidSenderAddress => {
                        "501 5.1.7 Invalid sender address".to_owned()
                    }
                    ProtoError::InvalidRecipientAddress => {
                        "501 5.1.3 Invalid recipient address".to_owned()
                    }
                    ProtoError::InvalidParameter { param } => {
                        format!("501 5.5.4 Invalid parameter {param}")
                    }
                    ProtoError::UnsupportedParameter { param } => {
                        format!("504 5.5.4 Unsupported parameter {}", one_line(&param))
                    }
                    ProtoError::ResponseTooLong => "500 5.5.2 Line too long".to_owned(),
                    ProtoError::NeedsMoreData { .. } | ProtoError::InvalidResponse { .. } => {
                        "500 5.5.2 Syntax error".to_owned()
                    }
                };
                self.error(out, &text);
            }
        }
    }

    /// Consumes message data up to and including the terminating `.` line; returns bytes consumed.
    fn ingest_data(&mut self, chunk: &[u8], out: &mut Vec<Action>) -> usize {
        let mut i = 0;
        while i < chunk.len() {
            let Some(off) = chunk[i..].iter().position(|&b| b == b'\n') else {
                self.data_line.extend_from_slice(&chunk[i..]);
                if self.data_line.len() > MAX_DATA_LINE_BUFFER {
                    // Pass a very long line through in pieces; only its first byte can be a stuffed dot.
                    let piece = std::mem::take(&mut self.data_line);
                    let piece = if !self.mid_line && piece.first() == Some(&b'.') {
                        &piece[1..]
                    } else {
                        &piece[..]
                    };
                    self.push_data(piece);
                    self.mid_line = true;
                }
                return chunk.len();
            };
            self.data_line.extend_from_slice(&chunk[i..=i + off]);
            i += off + 1;
            let line = std::mem::take(&mut self.data_line);
            let at_line_start = !std::mem::take(&mut self.mid_line);
            if at_line_start && (line == b".\r\n" || line == b".\n") {
                self.finish_data(out);
                return i;
            }
            let body = if at_line_start && line.first() == Some(&b'.') {
                &line[1..]
            } else {
                &line[..]
            };
            self.push_data(body);
        }
        chunk.len()
    }

    fn push_data(&mut self, bytes: &[u8]) {
        self.data_size = self.data_size.saturating_add(bytes.len());
        if self.data_size > self.config.max_message_bytes {
            if !self.oversize {
                self.oversize = true;
                self.data = Vec::new();
            }
        } else {
            self.data.extend_from_slice(bytes);
        }
    }

    fn finish_data(&mut self, out: &mut Vec<Action>) {
        if self.oversize {
            let reply = format!(
                "552 5.3.4 Message too big (limit {} bytes)",
                self.config.max_message_bytes
            );
            for _ in 0..self.recipients.len() {
                self.reply(out, &reply);
            }
            self.reset_transaction();
            self.state = State::Ready;
            return;
        }
        self.state = State::AwaitingStatuses;
        out.push(Action::Deliver(Delivery {
            mail_from: self.mail_from.clone(),
            recipients: self.recipients.clone(),
            data: std::mem::take(&mut self.data),
        }));
    }

    fn reset_transaction(&mut self) {
        self.mail_from.clear();
        self.recipients.clear();
        self.data = Vec::new();
        self.data_size = 0;
        self.oversize = false;
        self.data_line.clear();
        self.mid_line = false;
    }

    fn reply(&self, out: &mut Vec<Action>, text: &str) {
        out.push(Action::Reply(format!("{text}\r\n")));
    }

    fn error(&mut self, out: &mut Vec<Action>, text: &str) {
        self.reply(out, text);
        self.errors += 1;
        if self.errors >= self.config.max_errors {
            self.reply(out, "421 4.7.0 Too many errors, closing");
            self.close(out);
        }
    }

    fn close(&mut self, out: &mut Vec<Action>) {
        self.state = State::Closed;
        self.pending.clear();
        out.push(Action::Close);
    }
}

/// Keeps a reply on one line whatever the caller's message contains.
fn one_line(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}
