//! Spawning the app and talking to it.

use podpora::{config::Config, startup};
use podpora_app::{Actor, App, actor::issue_agent_token, staff};
use podpora_store::repo;
use podpora_testkit::{Backend, TestDb};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

/// Runs each named story as a test on SQLite and one on PostgreSQL.
#[macro_export]
macro_rules! on_both {
    ($($name:ident),* $(,)?) => {
        mod sqlite { $( #[tokio::test(flavor = "multi_thread", worker_threads = 2)] async fn $name() { super::$name(podpora_testkit::Backend::Sqlite).await } )* }
        mod postgres { $( #[tokio::test(flavor = "multi_thread", worker_threads = 2)] async fn $name() { super::$name(podpora_testkit::Backend::Postgres).await } )* }
    };
}

pub struct TestApp {
    pub base: String,
    pub client: reqwest::Client,
    pub token: String,
    pub app: App,
    pub mail: podpora::config::MailSettings,
    pub web: podpora::config::WebSettings,
    _db: TestDb,
    _stop: tokio::sync::oneshot::Sender<()>,
}

pub struct Reply {
    pub status: StatusCode,
    pub body: Value,
    pub content_type: String,
}

impl TestApp {
    /// The entries of a ticket's history that changed `field`.
    pub async fn history_of(&self, number: &str, field: &str) -> Vec<Value> {
        let h = self.get(&format!("/api/v1/tickets/{number}/history")).await;
        h.body
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| e["field"] == field)
            .cloned()
            .collect()
    }

    pub async fn spawn(backend: Backend) -> TestApp {
        Self::start(
            TestDb::new(backend).await,
            0,
            None,
            Default::default(),
            Default::default(),
        )
        .await
    }

    /// A server with these web settings (the workspace's tests use it, the API's do not).
    #[allow(dead_code)]
    pub async fn spawn_with_web(backend: Backend, web: podpora::config::WebSettings) -> TestApp {
        Self::start(TestDb::new(backend).await, 0, None, Default::default(), web).await
    }

    /// A server with the e-mail channel configured.
    pub async fn spawn_with_mail(backend: Backend, mail: podpora::config::MailSettings) -> TestApp {
        Self::start(
            TestDb::new(backend).await,
            0,
            None,
            mail,
            Default::default(),
        )
        .await
    }

    /// Stops this server and starts a new one on the same database, with the SLA scheduler
    /// running every `tick_seconds` (0 = off).
    pub async fn restart(self, tick_seconds: u64) -> TestApp {
        let TestApp {
            _db: db,
            _stop: stop,
            token,
            mail,
            web,
            ..
        } = self;
        drop(stop);
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        Self::start(db, tick_seconds, Some(token), mail, web).await
    }

    async fn start(
        db: TestDb,
        tick_seconds: u64,
        token: Option<String>,
        mail: podpora::config::MailSettings,
        web: podpora::config::WebSettings,
    ) -> TestApp {
        let cfg = Config {
            data_dir: db.dir.path().to_path_buf(),
            database_url: Some(db.url.clone()),
            listen: "127.0.0.1:0".into(),
            limits: podpora::config::LimitsConfig {
                attachment_max_bytes: 64 * 1024,
                body_max_bytes: 512 * 1024,
            },
            sla: podpora::config::SlaConfig { tick_seconds },
            mail: mail.clone(),
            web: web.clone(),
            ..Config::default()
        };
        let app = startup::build_app(&cfg).await.expect("app builds");
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let token = match token {
            Some(t) => t,
            None => {
                let admin = staff::create_agent(
                    &app.db,
                    &Actor::Cli,
                    staff::NewAgent {
                        email: "admin@test.example".into(),
                        name: "Admin".into(),
                        language: None,
                        roles: vec!["admin".into()],
                        team_ids: vec![],
                        password: None,
                    },
                )
                .await
                .unwrap();
                issue_agent_token(&app.db, &Actor::Cli, admin.id, "test")
                    .await
                    .unwrap()
            }
        };
        let (tx, rx) = tokio::sync::oneshot::channel::<()>();
        let a = app.clone();
        tokio::spawn(async move {
            let _ = startup::serve(a, &cfg, listener, async {
                let _ = rx.await;
            })
            .await;
        });
        TestApp {
            base,
            client: reqwest::Client::new(),
            token,
            app,
            mail,
            web,
            _db: db,
            _stop: tx,
        }
    }

    pub async fn call_as(
        &self,
        token: Option<&str>,
        method: Method,
        path: &str,
        body: Option<Value>,
    ) -> Reply {
        let mut r = self.client.request(method, format!("{}{path}", self.base));
        if let Some(t) = token {
            r = r.bearer_auth(t);
        }
        if let Some(b) = body {
            r = r.json(&b);
        }
        let res = r.send().await.expect("server answers");
        let status = res.status();
        let content_type = res
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_string();
        let text = res.text().await.unwrap();
        let body = serde_json::from_str(&text).unwrap_or(Value::String(text));
        Reply {
            status,
            body,
            content_type,
        }
    }

    pub async fn call(&self, method: Method, path: &str, body: Option<Value>) -> Reply {
        self.call_as(Some(&self.token.clone()), method, path, body)
            .await
    }

    pub async fn get(&self, path: &str) -> Reply {
        self.call(Method::GET, path, None).await
    }

    pub async fn post(&self, path: &str, body: Value) -> Reply {
        self.call(Method::POST, path, Some(body)).await
    }

    pub async fn patch(&self, path: &str, body: Value) -> Reply {
        self.call(Method::PATCH, path, Some(body)).await
    }

    /// Creates and returns (organization id, contact id, asset id).
    pub async fn customer(&self, ico: &str, email: &str) -> (i64, i64, i64) {
        let o = self
            .post(
                "/api/v1/organizations",
                json!({"name": format!("Firma {ico}"), "country": "SK", "ico": ico}),
            )
            .await;
        assert_eq!(o.status, 201, "{}", o.body);
        let org = o.body["id"].as_i64().unwrap();
        let c = self
            .post(
                "/api/v1/contacts",
                json!({"organization_id": org, "name": "Ján Kováč", "emails": [email]}),
            )
            .await;
        assert_eq!(c.status, 201, "{}", c.body);
        let contact = c.body["id"].as_i64().unwrap();
        let a = self.post("/api/v1/assets", json!({"organization_id": org, "kind": "central-unit", "identifier": format!("SN-{ico}"), "contact_ids": [contact]})).await;
        assert_eq!(a.status, 201, "{}", a.body);
        (org, contact, a.body["id"].as_i64().unwrap())
    }

    /// The server's data directory (database, attachments).
    pub fn data_dir(&self) -> &std::path::Path {
        self._db.dir.path()
    }

    /// An API key of organization `org`.
    pub async fn org_key(&self, org: i64) -> String {
        let k = self
            .post(
                &format!("/api/v1/organizations/{org}/api-keys"),
                json!({"name": "ERP"}),
            )
            .await;
        assert_eq!(k.status, 201, "{}", k.body);
        k.body["token"].as_str().unwrap().to_string()
    }

    /// A token of a new agent with `roles` in `teams`; returns (agent id, token).
    pub async fn agent_token(&self, email: &str, roles: &[&str], teams: &[i64]) -> (i64, String) {
        let a = self
            .post(
                "/api/v1/agents",
                json!({"email": email, "name": email, "roles": roles, "team_ids": teams}),
            )
            .await;
        assert_eq!(a.status, 201, "{}", a.body);
        let id = a.body["id"].as_i64().unwrap();
        let t = self
            .post(&format!("/api/v1/agents/{id}/tokens"), json!({}))
            .await;
        assert_eq!(t.status, 201, "{}", t.body);
        (id, t.body["token"].as_str().unwrap().to_string())
    }

    pub async fn counts(&self) -> Vec<(&'static str, i64)> {
        let mut tx = self.app.db.read().await.unwrap();
        repo::settings::row_counts(&mut tx).await.unwrap()
    }
}

impl Reply {
    /// Asserts a problem+json with the given status; returns its field names.
    pub fn problem(&self, status: u16) -> Vec<String> {
        assert_eq!(self.status.as_u16(), status, "{}", self.body);
        assert_eq!(
            self.content_type, "application/problem+json",
            "{}",
            self.body
        );
        assert_eq!(self.body["status"], status);
        assert!(self.body["detail"].as_str().is_some_and(|d| !d.is_empty()));
        self.body["errors"]
            .as_array()
            .map(|a| {
                a.iter()
                    .map(|e| e["field"].as_str().unwrap_or("").to_string())
                    .collect()
            })
            .unwrap_or_default()
    }
}
