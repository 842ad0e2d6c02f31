//! Real mail servers for tests: Debian's Postfix and Dovecot on loopback.
//!
//! Every instance lives in its own temporary directory (configuration, queue, mailboxes, log) and
//! listens on its own free port, so tests can run in parallel. A server is stopped when its handle
//! is dropped. Missing binaries fail the test with the Debian package to install.

use std::{
    fs,
    io::{self, BufRead, BufReader as StdBufReader},
    net::{SocketAddr, TcpListener},
    path::{Path, PathBuf},
    process::{Child, Command, Stdio},
    sync::{Arc, Mutex},
    time::{Duration, Instant},
};

use tokio::{
    io::{AsyncBufReadExt, AsyncWriteExt, BufReader},
    net::TcpStream,
};

mod client;
mod dovecot;
mod postfix;

pub use client::lmtp_deliver;
use client::{ImapClient, LineClient};
pub use dovecot::Dovecot;
pub use postfix::Postfix;

/// A recipient the Maildir sink refuses with `450` (a temporary failure).
pub const REFUSED_TEMPORARILY: &str = "busy@refuse.test";
/// A recipient the Maildir sink refuses with `550` (a permanent failure).
pub const REFUSED_PERMANENTLY: &str = "nobody@refuse.test";

const START_TIMEOUT: Duration = Duration::from_secs(20);
const STOP_TIMEOUT: Duration = Duration::from_secs(10);

fn require(binary: &str, package: &str) -> PathBuf {
    let path = ["/usr/sbin", "/usr/bin", "/sbin", "/bin"]
        .iter()
        .map(|dir| Path::new(dir).join(binary))
        .find(|p| p.exists());
    path.unwrap_or_else(|| {
        panic!("`{binary}` is not installed: install the Debian package `{package}` (apt-get install -y {package})")
    })
}

/// A port on loopback that was free a moment ago.
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free loopback port")
}

fn private_dir(prefix: &str) -> tempfile::TempDir {
    let dir = tempfile::Builder::new()
        .prefix(prefix)
        .tempdir()
        .expect("a temporary directory can be created");
    // The servers' unprivileged users must reach their queue and mailboxes inside it.
    set_mode(dir.path(), 0o755);
    dir
}

fn set_mode(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(path, fs::Permissions::from_mode(mode)).expect("permissions can be set");
}

fn chown(path: &Path, owner: &str) {
    let status = Command::new("chown")
        .arg("-R")
        .arg(owner)
        .arg(path)
        .status()
        .expect("chown runs");
    assert!(status.success(), "chown {owner} {}", path.display());
}

fn write(path: &Path, text: &str) {
    fs::write(path, text).unwrap_or_else(|e| panic!("writing {}: {e}", path.display()));
}

/// Collects a child's output lines in the background.
fn capture(child: &mut Child) -> Arc<Mutex<String>> {
    let log = Arc::new(Mutex::new(String::new()));
    let streams: Vec<Box<dyn io::Read + Send>> = [
        child
            .stdout
            .take()
            .map(|s| Box::new(s) as Box<dyn io::Read + Send>),
        child
            .stderr
            .take()
            .map(|s| Box::new(s) as Box<dyn io::Read + Send>),
    ]
    .into_iter()
    .flatten()
    .collect();
    for stream in streams {
        let log = log.clone();
        std::thread::spawn(move || {
            for line in StdBufReader::new(stream).lines() {
                let Ok(line) = line else { break };
                if let Ok(mut log) = log.lock() {
                    log.push_str(&line);
                    log.push('\n');
                }
            }
        });
    }
    log
}

/// Waits until something accepts connections on `port` and sends a greeting.
fn wait_until_listening(port: u16, child: &mut Child, what: &str, log: impl Fn() -> String) {
    let deadline = Instant::now() + START_TIMEOUT;
    loop {
        if let Ok(Some(status)) = child.try_wait() {
            panic!("{what} exited at start ({status}):\n{}", log());
        }
        let addr = SocketAddr::from(([127, 0, 0, 1], port));
        if let Ok(stream) = std::net::TcpStream::connect_timeout(&addr, Duration::from_millis(200))
        {
            let _ = stream.set_read_timeout(Some(Duration::from_secs(2)));
            let mut greeting = String::new();
            if StdBufReader::new(stream).read_line(&mut greeting).is_ok() && !greeting.is_empty() {
                return;
            }
        }
        if Instant::now() > deadline {
            panic!("{what} did not start listening on port {port}:\n{}", log());
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn wait_for_exit(child: &mut Child, timeout: Duration) -> bool {
    let deadline = Instant::now() + timeout;
    while Instant::now() < deadline {
        if let Ok(Some(_)) = child.try_wait() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    false
}

fn process_alive(pid: u32) -> bool {
    Path::new(&format!("/proc/{pid}")).exists()
        && fs::read_to_string(format!("/proc/{pid}/stat"))
            .map(|s| !s.contains(") Z "))
            .unwrap_or(false)
}

fn signal(pid: u32, sig: &str) {
    let _ = Command::new("kill")
        .args([sig, &pid.to_string()])
        .stderr(Stdio::null())
        .status();
}
