//! A private Dovecot instance serving one IMAP account, with TLS when asked.

use super::*;

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
