//! Starting the podpora binary as an operator would, and waiting until it serves.

use std::{
    io::{BufRead, BufReader},
    path::Path,
    process::{Child, Command, Stdio},
    time::Duration,
};

/// A running podpora process and the URL it serves; killed (SIGKILL) when dropped, so a failing
/// test leaves nothing behind.
pub struct Served {
    /// The process.
    pub child: Child,
    /// `http://127.0.0.1:PORT`.
    pub url: String,
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Runs `bin args…` in `cwd` and waits (up to a minute) for its "podpora listening on URL"
/// line; standard output keeps being drained so the server never blocks on a full pipe.
pub fn start_listening(bin: &str, args: &[&str], cwd: &Path) -> Served {
    let mut child = Command::new(bin)
        .args(args)
        .current_dir(cwd)
        .env_remove("PODPORA_CONFIG")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("the binary starts");
    let stdout = child.stdout.take().expect("piped stdout");
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if let Some(url) = line.strip_prefix("podpora listening on ") {
                let _ = tx.send(url.to_string());
            }
        }
    });
    match rx.recv_timeout(Duration::from_secs(60)) {
        Ok(url) => Served { child, url },
        Err(_) => {
            let _ = child.kill();
            let _ = child.wait();
            panic!("podpora {args:?} did not start");
        }
    }
}
