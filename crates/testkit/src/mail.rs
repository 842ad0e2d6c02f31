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

/// A private Postfix instance on loopback (`postfix start-fg` in its own configuration directory).
pub struct Postfix {
    dir: tempfile::TempDir,
    port: u16,
    child: Option<Child>,
    log: Arc<Mutex<String>>,
    maildir: Option<PathBuf>,
}

impl Postfix {
    /// Postfix accepting SMTP on loopback and delivering `*@support.test` over LMTP to
    /// `127.0.0.1:lmtp_port`.
    pub fn relay_to_lmtp(lmtp_port: u16) -> Postfix {
        Self::relay_to_lmtp_for(lmtp_port, &[])
    }

    /// Like [`relay_to_lmtp`](Self::relay_to_lmtp), for `support.test` and `extra_domains`.
    pub fn relay_to_lmtp_for(lmtp_port: u16, extra_domains: &[&str]) -> Postfix {
        let mut domains = vec!["support.test"];
        domains.extend_from_slice(extra_domains);
        let settings = format!(
            "virtual_mailbox_domains = {}\nvirtual_transport = lmtp:inet:127.0.0.1:{lmtp_port}\n",
            domains.join(" ")
        );
        Self::start(&settings, None)
    }

    /// Postfix accepting SMTP on loopback for any address and storing every message in one Maildir
    /// (read with [`received`](Self::received)), except for [`REFUSED_TEMPORARILY`] and
    /// [`REFUSED_PERMANENTLY`].
    pub fn maildir_sink() -> Postfix {
        let ids = |flag: &str| -> String {
            let out = Command::new("id")
                .args([flag, "postfix"])
                .output()
                .expect("id runs");
            String::from_utf8_lossy(&out.stdout).trim().to_owned()
        };
        let (uid, gid) = (ids("-u"), ids("-g"));
        let settings = format!(
            "virtual_mailbox_domains = static:all\n\
             virtual_transport = virtual\n\
             virtual_mailbox_base = {{DIR}}/mail\n\
             virtual_mailbox_maps = static:sink/\n\
             virtual_minimum_uid = 1\n\
             virtual_uid_maps = static:{uid}\n\
             virtual_gid_maps = static:{gid}\n\
             smtpd_recipient_restrictions = check_recipient_access inline:{{ \
               {{ {REFUSED_TEMPORARILY} = 450 4.2.1 Mailbox busy, try later }}, \
               {{ {REFUSED_PERMANENTLY} = 550 5.1.1 No such user }} }}, \
               permit_mynetworks, reject_unauth_destination\n"
        );
        Self::start(&settings, Some("postfix:postfix"))
    }

    fn start(settings: &str, maildir_owner: Option<&str>) -> Postfix {
        let postfix = require("postfix", "postfix");
        let dir = private_dir("podpora-postfix-");
        let root = dir.path();
        let config = root.join("etc");
        fs::create_dir(&config).expect("config dir");
        set_mode(&config, 0o755);
        let port = free_port();
        let maildir = maildir_owner.map(|owner| {
            let mail = root.join("mail");
            fs::create_dir(&mail).expect("mail dir");
            chown(&mail, owner);
            mail.join("sink")
        });
        let main_cf = format!(
            "compatibility_level = 3.6\n\
             queue_directory = {root}/queue\n\
             data_directory = {root}/data\n\
             mail_owner = postfix\n\
             setgid_group = postdrop\n\
             inet_interfaces = loopback-only\n\
             inet_protocols = ipv4\n\
             myhostname = mail.test\n\
             mydomain = test\n\
             myorigin = mail.test\n\
             mydestination =\n\
             mynetworks = 127.0.0.0/8\n\
             relay_domains =\n\
             smtpd_relay_restrictions = permit_mynetworks, reject_unauth_destination\n\
             alias_maps =\n\
             alias_database =\n\
             local_recipient_maps =\n\
             smtpd_peername_lookup = no\n\
             biff = no\n\
             maillog_file = /dev/stdout\n\
             {settings}",
            root = root.display(),
            settings = settings.replace("{DIR}", &root.display().to_string()),
        );
        write(&config.join("main.cf"), &main_cf);
        write(&config.join("master.cf"), &master_cf(port));
        let queue = root.join("queue");
        fs::create_dir(&queue).expect("queue dir");
        set_mode(&queue, 0o755);
        let data = root.join("data");
        fs::create_dir(&data).expect("data dir");
        chown(&data, "postfix");
        let mut child = Command::new(&postfix)
            .arg("-c")
            .arg(&config)
            .arg("start-fg")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("postfix start-fg: {e}"));
        let log = capture(&mut child);
        let mut server = Postfix {
            dir,
            port,
            child: None,
            log,
            maildir,
        };
        let log = server.log.clone();
        wait_until_listening(port, &mut child, "postfix", move || {
            log.lock().map(|l| l.clone()).unwrap_or_default()
        });
        server.child = Some(child);
        server
    }

    /// Where Postfix accepts SMTP.
    pub fn smtp_addr(&self) -> SocketAddr {
        SocketAddr::from(([127, 0, 0, 1], self.port))
    }

    /// The SMTP port.
    pub fn port(&self) -> u16 {
        self.port
    }

    /// Submits a message by SMTP; fails unless Postfix accepts it for every recipient.
    pub async fn submit(&self, from: &str, to: &[&str], raw: &[u8]) -> io::Result<()> {
        let mut client = LineClient::connect(self.smtp_addr()).await?;
        client.expect(220).await?;
        client.command("EHLO client.test", 250).await?;
        client.command(&format!("MAIL FROM:<{from}>"), 250).await?;
        for rcpt in to {
            client.command(&format!("RCPT TO:<{rcpt}>"), 250).await?;
        }
        client.command("DATA", 354).await?;
        client.send_data(raw).await?;
        client.expect(250).await?;
        client.command("QUIT", 221).await?;
        Ok(())
    }

    /// Everything Postfix has logged so far.
    pub fn log(&self) -> String {
        self.log.lock().map(|l| l.clone()).unwrap_or_default()
    }

    /// Waits until the log contains `needle`; the error holds the log.
    pub async fn wait_for_log(&self, needle: &str, timeout: Duration) -> Result<(), String> {
        let deadline = Instant::now() + timeout;
        loop {
            let log = self.log();
            if log.contains(needle) {
                return Ok(());
            }
            if Instant::now() > deadline {
                return Err(format!("postfix did not log {needle:?}; its log:\n{log}"));
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Messages in the queue (incoming, active, deferred, hold or maildrop).
    pub fn queued(&self) -> usize {
        ["incoming", "active", "deferred", "hold", "maildrop"]
            .iter()
            .map(|q| count_files(&self.dir.path().join("queue").join(q)))
            .sum()
    }

    /// Whether no message waits in the queue.
    pub fn queue_is_empty(&self) -> bool {
        self.queued() == 0
    }

    /// Waits until the Maildir sink holds at least `min_count` messages (or `timeout` passes) and
    /// returns all of them, oldest first. Empty for a relay instance.
    pub async fn received(&self, min_count: usize, timeout: Duration) -> Vec<Vec<u8>> {
        let Some(maildir) = &self.maildir else {
            return Vec::new();
        };
        let deadline = Instant::now() + timeout;
        loop {
            let messages = read_maildir(maildir);
            if messages.len() >= min_count || Instant::now() > deadline {
                return messages;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    fn master_pid(&self) -> Option<u32> {
        fs::read_to_string(self.dir.path().join("queue/pid/master.pid"))
            .ok()
            .and_then(|s| s.trim().parse().ok())
    }
}

impl Drop for Postfix {
    fn drop(&mut self) {
        let master = self.master_pid();
        let _ = Command::new(require("postfix", "postfix"))
            .arg("-c")
            .arg(self.dir.path().join("etc"))
            .arg("stop")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status();
        if let Some(mut child) = self.child.take()
            && !wait_for_exit(&mut child, STOP_TIMEOUT)
        {
            let _ = child.kill();
            let _ = child.wait();
        }
        // `start-fg` may leave the master behind when it is itself killed.
        if let Some(pid) = master {
            let deadline = Instant::now() + STOP_TIMEOUT;
            while process_alive(pid) && Instant::now() < deadline {
                std::thread::sleep(Duration::from_millis(50));
            }
            if process_alive(pid) {
                signal(pid, "-KILL");
            }
        }
    }
}

fn master_cf(port: u16) -> String {
    // Debian's services, without chroot (the private queue directory holds no chroot files).
    let services = [
        ("pickup", "unix", "n", "-", "60", "1", "pickup"),
        ("cleanup", "unix", "n", "-", "-", "0", "cleanup"),
        ("qmgr", "unix", "n", "-", "300", "1", "qmgr"),
        ("tlsmgr", "unix", "-", "-", "1000?", "1", "tlsmgr"),
        ("rewrite", "unix", "-", "-", "-", "-", "trivial-rewrite"),
        ("bounce", "unix", "-", "-", "-", "0", "bounce"),
        ("defer", "unix", "-", "-", "-", "0", "bounce"),
        ("trace", "unix", "-", "-", "-", "0", "bounce"),
        ("verify", "unix", "-", "-", "-", "1", "verify"),
        ("flush", "unix", "n", "-", "1000?", "0", "flush"),
        ("proxymap", "unix", "-", "-", "-", "-", "proxymap"),
        ("proxywrite", "unix", "-", "-", "-", "1", "proxymap"),
        ("smtp", "unix", "-", "-", "-", "-", "smtp"),
        ("relay", "unix", "-", "-", "-", "-", "smtp"),
        ("showq", "unix", "n", "-", "-", "-", "showq"),
        ("error", "unix", "-", "-", "-", "-", "error"),
        ("retry", "unix", "-", "-", "-", "-", "error"),
        ("discard", "unix", "-", "-", "-", "-", "discard"),
        ("local", "unix", "-", "n", "-", "-", "local"),
        ("virtual", "unix", "-", "n", "-", "-", "virtual"),
        ("lmtp", "unix", "-", "-", "-", "-", "lmtp"),
        ("anvil", "unix", "-", "-", "-", "1", "anvil"),
        ("scache", "unix", "-", "-", "-", "1", "scache"),
        ("postlog", "unix-dgram", "n", "-", "-", "1", "postlogd"),
    ];
    let mut cf = format!("127.0.0.1:{port} inet n - n - - smtpd\n");
    for (name, kind, private, unpriv, wakeup, max, command) in services {
        cf.push_str(&format!(
            "{name} {kind} {private} {unpriv} n {wakeup} {max} {command}\n"
        ));
    }
    cf
}

fn count_files(dir: &Path) -> usize {
    let Ok(entries) = fs::read_dir(dir) else {
        return 0;
    };
    entries
        .flatten()
        .map(|e| {
            let path = e.path();
            if path.is_dir() { count_files(&path) } else { 1 }
        })
        .sum()
}

fn read_maildir(maildir: &Path) -> Vec<Vec<u8>> {
    let mut files: Vec<(std::time::SystemTime, String, PathBuf)> = ["new", "cur"]
        .iter()
        .filter_map(|sub| fs::read_dir(maildir.join(sub)).ok())
        .flat_map(|entries| entries.flatten())
        .filter_map(|e| {
            let modified = e.metadata().ok()?.modified().ok()?;
            Some((
                modified,
                e.file_name().to_string_lossy().into_owned(),
                e.path(),
            ))
        })
        .collect();
    files.sort();
    files
        .into_iter()
        .filter_map(|(_, _, path)| fs::read(path).ok())
        .collect()
}

/// A private Dovecot instance on loopback serving one IMAP account.
pub struct Dovecot {
    dir: tempfile::TempDir,
    child: Option<Child>,
    /// Host to connect to.
    pub host: String,
    /// Plain IMAP port (STARTTLS offered on the TLS variant).
    pub port: u16,
    /// Implicit-TLS IMAP port, on the TLS variant only.
    pub tls_port: Option<u16>,
    /// The CA certificate (PEM) that signed the server's certificate, on the TLS variant only.
    pub ca_pem: Option<String>,
    /// Login name.
    pub user: String,
    /// Password.
    pub password: String,
}

impl Dovecot {
    /// Dovecot serving `support@support.test` over plain IMAP.
    pub fn start() -> Dovecot {
        Self::launch(false)
    }

    /// Dovecot with a certificate for `localhost` signed by a CA made for this instance: implicit
    /// TLS on [`tls_port`](Self::tls_port) and STARTTLS on [`port`](Self::port).
    pub fn start_tls() -> Dovecot {
        Self::launch(true)
    }

    fn launch(tls: bool) -> Dovecot {
        let dovecot = require("dovecot", "dovecot-imapd");
        if !Path::new("/usr/lib/dovecot/imap").exists() {
            panic!(
                "Dovecot's IMAP server is not installed: install the Debian package `dovecot-imapd` (apt-get install -y dovecot-imapd)"
            );
        }
        let dir = private_dir("podpora-dovecot-");
        let root = dir.path();
        let port = free_port();
        let user = "support@support.test".to_owned();
        let password = "secret".to_owned();
        let mail = root.join("mail");
        fs::create_dir(&mail).expect("mail dir");
        chown(&mail, "dovenull:dovenull");
        write(
            &root.join("users"),
            &format!("{user}:{{PLAIN}}{password}\n"),
        );
        set_mode(&root.join("users"), 0o644);
        let (ssl, tls_port, ca_pem) = if tls {
            let ca_pem = make_certificates(root);
            let tls_port = free_port();
            let dh = Path::new("/usr/share/dovecot/dh.pem");
            let ssl = format!(
                "ssl = yes\nssl_cert = <{root}/cert.pem\nssl_key = <{root}/key.pem\n{dh}",
                root = root.display(),
                dh = if dh.exists() {
                    format!("ssl_dh = <{}\n", dh.display())
                } else {
                    String::new()
                },
            );
            (ssl, Some(tls_port), Some(ca_pem))
        } else {
            ("ssl = no\n".to_owned(), None, None)
        };
        let imaps = tls_port
            .map(|p| format!("  inet_listener imaps {{\n    port = {p}\n    ssl = yes\n  }}\n"))
            .unwrap_or_default();
        let config = format!(
            "protocols = imap\n\
             listen = 127.0.0.1\n\
             base_dir = {root}/run\n\
             state_dir = {root}/state\n\
             log_path = {root}/dovecot.log\n\
             {ssl}\
             disable_plaintext_auth = no\n\
             auth_mechanisms = plain login\n\
             mail_location = maildir:{root}/mail/%u\n\
             first_valid_uid = 1\n\
             passdb {{\n  driver = passwd-file\n  args = scheme=PLAIN username_format=%u {root}/users\n}}\n\
             userdb {{\n  driver = static\n  args = uid=dovenull gid=dovenull home={root}/mail/%u\n}}\n\
             service imap-login {{\n  inet_listener imap {{\n    port = {port}\n  }}\n{imaps}}}\n\
             default_internal_user = dovenull\n\
             default_login_user = dovenull\n",
            root = root.display(),
        );
        let config_path = root.join("dovecot.conf");
        write(&config_path, &config);
        let mut child = Command::new(&dovecot)
            .arg("-F")
            .arg("-c")
            .arg(&config_path)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("dovecot -F: {e}"));
        let output = capture(&mut child);
        let log_path = root.join("dovecot.log");
        wait_until_listening(port, &mut child, "dovecot", move || {
            let out = output.lock().map(|l| l.clone()).unwrap_or_default();
            format!("{out}{}", fs::read_to_string(&log_path).unwrap_or_default())
        });
        Dovecot {
            dir,
            child: Some(child),
            host: "localhost".to_owned(),
            port,
            tls_port,
            ca_pem,
            user,
            password,
        }
    }

    /// Dovecot's log so far.
    pub fn log(&self) -> String {
        fs::read_to_string(self.dir.path().join("dovecot.log")).unwrap_or_default()
    }

    async fn login(&self) -> io::Result<ImapClient> {
        let mut client = ImapClient {
            lines: LineClient::connect(SocketAddr::from(([127, 0, 0, 1], self.port))).await?,
            tag: 0,
        };
        client.lines.read_line().await?;
        client
            .run(
                &format!("LOGIN \"{}\" \"{}\"", self.user, self.password),
                None,
            )
            .await?;
        Ok(client)
    }

    /// Appends a message to `mailbox` (unseen), creating the mailbox when missing.
    pub async fn append(&self, mailbox: &str, raw: &[u8]) -> io::Result<()> {
        let mut client = self.login().await?;
        let _ = client.run(&format!("CREATE \"{mailbox}\""), None).await;
        client
            .run(
                &format!("APPEND \"{mailbox}\" {{{}}}", raw.len()),
                Some(raw),
            )
            .await?;
        client.run("LOGOUT", None).await?;
        Ok(())
    }

    /// Messages in `mailbox` (0 when it does not exist).
    pub async fn count(&self, mailbox: &str) -> io::Result<u32> {
        Ok(self.status(mailbox).await?.0)
    }

    /// Unseen messages in `mailbox` (0 when it does not exist).
    pub async fn unseen(&self, mailbox: &str) -> io::Result<u32> {
        Ok(self.status(mailbox).await?.1)
    }

    async fn status(&self, mailbox: &str) -> io::Result<(u32, u32)> {
        let mut client = self.login().await?;
        let lines = client
            .run(&format!("STATUS \"{mailbox}\" (MESSAGES UNSEEN)"), None)
            .await;
        client.run("LOGOUT", None).await?;
        let Ok(lines) = lines else {
            return Ok((0, 0)); // no such mailbox
        };
        let status = lines
            .iter()
            .find(|l| l.starts_with("* STATUS"))
            .ok_or_else(|| io::Error::other("no STATUS reply"))?;
        let number = |name: &str| -> io::Result<u32> {
            let words: Vec<&str> = status
                .split(|c: char| c.is_whitespace() || c == '(' || c == ')')
                .filter(|w| !w.is_empty())
                .collect();
            words
                .windows(2)
                .find(|w| w[0].eq_ignore_ascii_case(name))
                .and_then(|w| w[1].parse().ok())
                .ok_or_else(|| io::Error::other(format!("no {name} in {status:?}")))
        };
        Ok((number("MESSAGES")?, number("UNSEEN")?))
    }
}

impl Drop for Dovecot {
    fn drop(&mut self) {
        if let Some(mut child) = self.child.take() {
            signal(child.id(), "-TERM");
            if !wait_for_exit(&mut child, STOP_TIMEOUT) {
                let _ = child.kill();
                let _ = child.wait();
            }
        }
    }
}

/// Makes a CA and a certificate for `localhost`/127.0.0.1 it signed (`cert.pem`, `key.pem` in `dir`);
/// returns the CA certificate.
fn make_certificates(dir: &Path) -> String {
    let openssl = require("openssl", "openssl");
    let run = |args: &[&str]| {
        let out = Command::new(&openssl)
            .args(args)
            .current_dir(dir)
            .output()
            .expect("openssl runs");
        assert!(
            out.status.success(),
            "openssl {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    let key = [
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:prime256v1",
        "-nodes",
    ];
    let mut ca = vec!["req", "-x509"];
    ca.extend_from_slice(&key);
    ca.extend_from_slice(&[
        "-keyout",
        "ca.key",
        "-out",
        "ca.pem",
        "-days",
        "2",
        "-subj",
        "/CN=podpora test CA",
    ]);
    run(&ca);
    let mut csr = vec!["req"];
    csr.extend_from_slice(&key);
    csr.extend_from_slice(&[
        "-keyout",
        "key.pem",
        "-out",
        "server.csr",
        "-subj",
        "/CN=localhost",
    ]);
    run(&csr);
    write(
        &dir.join("server.ext"),
        "basicConstraints = CA:FALSE\nkeyUsage = digitalSignature, keyEncipherment\n\
         extendedKeyUsage = serverAuth\nsubjectAltName = DNS:localhost, IP:127.0.0.1\n",
    );
    run(&[
        "x509",
        "-req",
        "-in",
        "server.csr",
        "-CA",
        "ca.pem",
        "-CAkey",
        "ca.key",
        "-CAcreateserial",
        "-out",
        "cert.pem",
        "-days",
        "2",
        "-extfile",
        "server.ext",
    ]);
    set_mode(&dir.join("key.pem"), 0o600);
    fs::read_to_string(dir.join("ca.pem")).expect("the CA certificate was written")
}

/// A line-oriented client for SMTP, LMTP and simple IMAP exchanges.
struct LineClient {
    reader: BufReader<tokio::net::tcp::OwnedReadHalf>,
    writer: tokio::net::tcp::OwnedWriteHalf,
}

const CLIENT_TIMEOUT: Duration = Duration::from_secs(30);

impl LineClient {
    async fn connect(addr: SocketAddr) -> io::Result<LineClient> {
        let stream = TcpStream::connect(addr).await?;
        let (read, writer) = stream.into_split();
        Ok(LineClient {
            reader: BufReader::new(read),
            writer,
        })
    }

    async fn read_line(&mut self) -> io::Result<String> {
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
    async fn reply(&mut self) -> io::Result<(u16, String)> {
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

    async fn expect(&mut self, code: u16) -> io::Result<()> {
        let (got, text) = self.reply().await?;
        if got == code {
            Ok(())
        } else {
            Err(io::Error::other(format!("expected {code}, got {text}")))
        }
    }

    async fn send(&mut self, line: &str) -> io::Result<()> {
        self.writer
            .write_all(format!("{line}\r\n").as_bytes())
            .await
    }

    async fn command(&mut self, line: &str, code: u16) -> io::Result<()> {
        self.send(line).await?;
        self.expect(code).await
    }

    /// Sends a message body dot-stuffed, with CRLF line ends, and the final dot.
    async fn send_data(&mut self, raw: &[u8]) -> io::Result<()> {
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

struct ImapClient {
    lines: LineClient,
    tag: u32,
}

impl ImapClient {
    /// Runs a tagged command (with one literal, sent after the server's `+`); returns the untagged lines.
    async fn run(&mut self, command: &str, literal: Option<&[u8]>) -> io::Result<Vec<String>> {
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
