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
        let mut stored = Vec::new();
        let mut code = 0;
        for item in podpora_mail::mailgate::MboxReader::new(BufReader::new(stdin), limit) {
            match item {
                Ok(raw) => match store(&app, &args, raw).await {
                    Ok(id) => stored.push(id),
                    Err(c) => code = code.max(c),
                },
                Err(e) => {
                    eprintln!("podpora mailgate: {e}");
                    code = code.max(EX_DATAERR);
                }
            }
        }
        let n = stored.len();
        process(&app, stored).await;
        eprintln!("podpora mailgate: {n} messages stored");
        code
    } else {
        match podpora_mail::mailgate::read_message(stdin, limit) {
            Ok(raw) => match store(&app, &args, raw).await {
                Ok(id) => {
                    process(&app, vec![id]).await;
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

async fn store(app: &App, args: &MailgateArgs, raw: Vec<u8>) -> Result<i64, u8> {
    match mail::accept(
        app,
        mail::Source::Mailgate,
        &args.sender,
        &args.recipients,
        raw,
    )
    .await
    {
        Ok(a) => Ok(a.id),
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

async fn process(app: &App, ids: Vec<i64>) {
    for id in ids {
        if let Err(e) = mail::process(app, id).await {
            eprintln!(
                "podpora mailgate: message {id} is stored but not yet processed ({e}); the server will process it"
            );
        }
    }
}
