//! A private Postfix instance: a relay to LMTP or a Maildir sink.

use super::*;

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
