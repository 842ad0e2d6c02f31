//! `podpora mailgate`: an MTA's pipe transport hands over one message on standard input (or an
//! mbox stream with `--batch`). The exit code tells the MTA what happened: 0 once the message is
//! durably stored, 75 (EX_TEMPFAIL) when it could not be and the MTA should retry, 65
//! (EX_DATAERR) when it never will be.

use crate::{config::Config, startup};
use podpora_app::{App, AppError, mail};
use std::io::BufReader;

/// Temporary failure: the MTA keeps the message and retries (sysexits.h).
pub const EX_TEMPFAIL: u8 = 75;
/// The input is not acceptable: the MTA bounces it (sysexits.h).
pub const EX_DATAERR: u8 = 65;

/// A batch is stored in transactions of at most this many messages…
const BATCH_MESSAGES: usize = 100;
/// …or about this many bytes, so memory stays bounded whatever the stream holds; small enough
/// that processing starts soon after the first messages are read.
const BATCH_BYTES: usize = 16 * 1024 * 1024;

/// What the pipe said about the message.
pub struct MailgateArgs {
    /// Read an mbox stream of many messages instead of one message.
    pub batch: bool,
    /// Envelope recipients (the MTA's `${recipient}`).
    pub recipients: Vec<String>,
    /// Envelope sender (the MTA's `${sender}`).
    pub sender: String,
}

/// Stores the input, then processes it (processing failures leave it pending for the server);
/// returns the exit code.
pub async fn run(cfg: &Config, args: MailgateArgs) -> u8 {
    let app = match startup::build_app(cfg).await {
        Ok(a) => a,
        Err(e) => {
            eprintln!("podpora mailgate: cannot open the database: {e:#}");
            return EX_TEMPFAIL;
        }
    };
    let limit = usize::try_from(cfg.mail.max_message_bytes).unwrap_or(usize::MAX);
    let stdin = std::io::stdin().lock();
    let code = if args.batch {
        // Stored messages are processed while the next ones are read and stored.
        let (to_process, stored_ids) = tokio::sync::mpsc::unbounded_channel::<(i64, u64)>();
        let processor = {
            let app = app.clone();
            tokio::spawn(async move {
                mail::process_stream(&app, stored_ids, report).await;
            })
        };
        let mut n = 0;
        let mut code = 0;
        let mut chunk = Vec::new();
        let mut chunk_bytes = 0;
        let mut messages = podpora_mail::mailgate::MboxReader::new(BufReader::new(stdin), limit);
        loop {
            let item = messages.next();
            let end = item.is_none();
            match item {
                Some(Ok(raw)) => {
                    chunk_bytes += raw.len();
                    chunk.push(raw);
                }
                Some(Err(e)) => {
                    eprintln!("podpora mailgate: {e}");
                    code = code.max(EX_DATAERR);
                }
                None => {}
            }
            if chunk.len() >= BATCH_MESSAGES
                || chunk_bytes >= BATCH_BYTES
                || (end && !chunk.is_empty())
            {
                chunk_bytes = 0;
                let (ids, c) = store_many(&app, &args, std::mem::take(&mut chunk)).await;
                n += ids.len();
                // The processor only ends when this sender is dropped (or on a database
                // error, when the server processes what it left).
                for m in ids {
                    let _ = to_process.send(m);
                }
                code = code.max(c);
            }
            if end {
                break;
            }
        }
        drop(to_process);
        if let Err(e) = processor.await
            && e.is_panic()
        {
            std::panic::resume_unwind(e.into_panic());
        }
        eprintln!("podpora mailgate: {n} messages stored");
        code
    } else {
        match podpora_mail::mailgate::read_message(stdin, limit) {
            Ok(raw) => match store(&app, &args, raw).await {
                Ok(stored) => {
                    process(&app, vec![stored]).await;
                    0
                }
                Err(c) => c,
            },
            Err(e @ podpora_mail::mailgate::MailgateError::Io(_)) => {
                eprintln!("podpora mailgate: {e}");
                EX_TEMPFAIL
            }
            Err(e) => {
                eprintln!("podpora mailgate: {e}");
                EX_DATAERR
            }
        }
    };
    app.db.close().await;
    code
}

/// Stores one message; its id and size.
async fn store(app: &App, args: &MailgateArgs, raw: Vec<u8>) -> Result<(i64, u64), u8> {
    let size = raw.len() as u64;
    match mail::accept(
        app,
        mail::Source::Mailgate,
        &args.sender,
        &args.recipients,
        raw,
    )
    .await
    {
        Ok(a) => Ok((a.id, size)),
        Err(AppError::Validation(e)) => {
            eprintln!("podpora mailgate: {e}");
            Err(EX_DATAERR)
        }
        Err(e) => {
            eprintln!("podpora mailgate: the message was not stored, the MTA should retry: {e}");
            Err(EX_TEMPFAIL)
        }
    }
}

/// Stores a batch in one transaction; returns the ids and sizes of the messages stored and the exit code
/// (0 when all were).
async fn store_many(app: &App, args: &MailgateArgs, raws: Vec<Vec<u8>>) -> (Vec<(i64, u64)>, u8) {
    let n = raws.len();
    let sizes: Vec<u64> = raws.iter().map(|r| r.len() as u64).collect();
    match mail::accept_many(
        app,
        mail::Source::Mailgate,
        &args.sender,
        &args.recipients,
        raws,
    )
    .await
    {
        Ok(results) => {
            let mut ids = Vec::with_capacity(n);
            let mut code = 0;
            // One result per message given, in order.
            for (r, size) in results.into_iter().zip(sizes) {
                match r {
                    Ok(a) => ids.push((a.id, size)),
                    Err(e) => {
                        eprintln!("podpora mailgate: {e}");
                        code = EX_DATAERR;
                    }
                }
            }
            (ids, code)
        }
        Err(e) => {
            eprintln!("podpora mailgate: {n} messages were not stored, the MTA should retry: {e}");
            (Vec::new(), EX_TEMPFAIL)
        }
    }
}

async fn process(app: &App, ids: Vec<(i64, u64)>) {
    for (id, r) in mail::process_many(app, ids).await {
        report(id, r);
    }
}

fn report(id: i64, r: Result<String, AppError>) {
    if let Err(e) = r {
        eprintln!(
            "podpora mailgate: message {id} is stored but not yet processed ({e}); the server will process it"
        );
    }
}
