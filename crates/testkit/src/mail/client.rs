//! Small line clients for SMTP, LMTP and IMAP exchanges in tests.

use super::*;

/// A line-oriented client for SMTP, LMTP and simple IMAP exchanges.
pub(super) struct LineClient {
    reader: BufReader<tokio::net::tcp::OwnedReadHalf>,
    writer: tokio::net::tcp::OwnedWriteHalf,
}

const CLIENT_TIMEOUT: Duration = Duration::from_secs(30);

impl LineClient {
    pub(super) async fn connect(addr: SocketAddr) -> io::Result<LineClient> {
        let stream = TcpStream::connect(addr).await?;
        let (read, writer) = stream.into_split();
        Ok(LineClient {
            reader: BufReader::new(read),
            writer,
        })
    }

    pub(super) async fn read_line(&mut self) -> io::Result<String> {
        let mut line = String::new();
        let n = tokio::time::timeout(CLIENT_TIMEOUT, self.reader.read_line(&mut line))
            .await
            .map_err(|_| io::Error::new(io::ErrorKind::TimedOut, "no reply"))??;
        if n == 0 {
            return Err(io::Error::new(
                io::ErrorKind::UnexpectedEof,
                "connection closed",
            ));
        }
        Ok(line.trim_end().to_owned())
    }

    /// Reads one SMTP/LMTP reply (all its lines); returns the code and the text.
    pub(super) async fn reply(&mut self) -> io::Result<(u16, String)> {
        let mut text = String::new();
        loop {
            let line = self.read_line().await?;
            let code = line
                .get(..3)
                .and_then(|c| c.parse::<u16>().ok())
                .ok_or_else(|| io::Error::other(format!("bad reply {line:?}")))?;
            text.push_str(&line);
            text.push('\n');
            if line.as_bytes().get(3) != Some(&b'-') {
                return Ok((code, text));
            }
        }
    }

    pub(super) async fn expect(&mut self, code: u16) -> io::Result<()> {
        let (got, text) = self.reply().await?;
        if got == code {
            Ok(())
        } else {
            Err(io::Error::other(format!("expected {code}, got {text}")))
        }
    }

    pub(super) async fn send(&mut self, line: &str) -> io::Result<()> {
        self.writer
            .write_all(format!("{line}\r\n").as_bytes())
            .await
    }

    pub(super) async fn command(&mut self, line: &str, code: u16) -> io::Result<()> {
        self.send(line).await?;
        self.expect(code).await
    }

    /// Sends a message body dot-stuffed, with CRLF line ends, and the final dot.
    pub(super) async fn send_data(&mut self, raw: &[u8]) -> io::Result<()> {
        let mut data = Vec::with_capacity(raw.len() + 64);
        for line in raw.split_inclusive(|&b| b == b'\n') {
            let line = line.strip_suffix(b"\n").unwrap_or(line);
            let line = line.strip_suffix(b"\r").unwrap_or(line);
            if line.first() == Some(&b'.') {
                data.push(b'.');
            }
            data.extend_from_slice(line);
            data.extend_from_slice(b"\r\n");
        }
        data.extend_from_slice(b".\r\n");
        self.writer.write_all(&data).await
    }
}

pub(super) struct ImapClient {
    pub(super) lines: LineClient,
    pub(super) tag: u32,
}

impl ImapClient {
    /// Runs a tagged command (with one literal, sent after the server's `+`); returns the untagged lines.
    pub(super) async fn run(
        &mut self,
        command: &str,
        literal: Option<&[u8]>,
    ) -> io::Result<Vec<String>> {
        self.tag += 1;
        let tag = format!("t{}", self.tag);
        self.lines.send(&format!("{tag} {command}")).await?;
        let mut untagged = Vec::new();
        let mut literal = literal;
        loop {
            let line = self.lines.read_line().await?;
            if line.starts_with('+') {
                if let Some(data) = literal.take() {
                    self.lines.writer.write_all(data).await?;
                    self.lines.writer.write_all(b"\r\n").await?;
                }
            } else if let Some(status) = line.strip_prefix(&format!("{tag} ")) {
                return if status.starts_with("OK") {
                    Ok(untagged)
                } else {
                    Err(io::Error::other(format!("{command}: {status}")))
                };
            } else {
                untagged.push(line);
            }
        }
    }
}

/// Delivers a message over LMTP and returns the reply code for each recipient, in order: the RCPT
/// reply when it was refused, else the reply after the message data.
pub async fn lmtp_deliver(
    addr: SocketAddr,
    from: &str,
    rcpts: &[&str],
    raw: &[u8],
) -> io::Result<Vec<u16>> {
    let mut client = LineClient::connect(addr).await?;
    client.expect(220).await?;
    client.command("LHLO client.test", 250).await?;
    client.command(&format!("MAIL FROM:<{from}>"), 250).await?;
    let mut codes = Vec::with_capacity(rcpts.len());
    for rcpt in rcpts {
        client.send(&format!("RCPT TO:<{rcpt}>")).await?;
        codes.push(client.reply().await?.0);
    }
    let accepted: Vec<usize> = (0..codes.len()).filter(|&i| codes[i] == 250).collect();
    if accepted.is_empty() {
        client.command("QUIT", 221).await?;
        return Ok(codes);
    }
    client.command("DATA", 354).await?;
    client.send_data(raw).await?;
    for i in accepted {
        codes[i] = client.reply().await?.0;
    }
    // The server may already have closed the connection (a shutdown, say).
    let _ = client.command("QUIT", 221).await;
    Ok(codes)
}
