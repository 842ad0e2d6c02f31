//! Driving Debian's chromium through chromedriver for the browser tests: starting both, page
//! screenshots at two widths with an axe-core check, and small steps (fill, click, wait).

use fantoccini::{Client, ClientBuilder, Locator};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// chromedriver, stopped when dropped (also when the test fails).
pub struct Driver {
    child: Child,
    pub port: u16,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free loopback port")
}

pub async fn start_driver() -> Driver {
    let exe = ["/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver"]
        .into_iter()
        .find(|p| std::path::Path::new(p).exists())
        .expect("chromedriver is missing: apt-get install chromium chromium-driver (scripts/test.sh does)");
    let port = free_port();
    let child = Command::new(exe)
        .arg(format!("--port={port}"))
        .arg("--allowed-ips=127.0.0.1")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromedriver starts");
    let driver = Driver { child, port };
    let deadline = Instant::now() + Duration::from_secs(20);
    while tokio::net::TcpStream::connect(("127.0.0.1", port))
        .await
        .is_err()
    {
        assert!(
            Instant::now() < deadline,
            "chromedriver did not listen within 20 s"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    driver
}

pub async fn browser(driver: &Driver, profile: &std::path::Path) -> Client {
    let args = vec![
        "--headless".to_string(),
        "--no-sandbox".into(),
        "--disable-gpu".into(),
        "--disable-quic".into(),
        "--no-first-run".into(),
        "--disable-background-networking".into(),
        "--disable-component-update".into(),
        "--disable-sync".into(),
        "--disable-dev-shm-usage".into(),
        "--lang=sk".into(),
        "--window-size=1280,900".into(),
        format!("--user-data-dir={}", profile.display()),
    ];
    let mut caps = serde_json::Map::new();
    caps.insert(
        "goog:chromeOptions".into(),
        serde_json::json!({
            "binary": "/usr/bin/chromium",
            "args": args,
            "prefs": {"intl.accept_languages": "sk"},
        }),
    );
    caps.insert("pageLoadStrategy".into(), "normal".into());
    ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
        .capabilities(caps)
        .connect(&format!("http://127.0.0.1:{}", driver.port))
        .await
        .expect("a browser session")
}

pub fn screenshot_dir() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target"));
    let dir = target.join("e2e-screenshots");
    std::fs::create_dir_all(&dir).expect("the screenshot directory");
    dir
}

/// axe-core, installed by `scripts/test.sh` with npm under `target/e2e-node/`.
pub fn axe_source() -> String {
    let path = screenshot_dir().join("../e2e-node/node_modules/axe-core/axe.min.js");
    std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "axe-core is missing at {} ({e}): run scripts/test.sh, or npm install --prefix target/e2e-node axe-core@4.10.3",
            path.display()
        )
    })
}

/// The serious and critical accessibility violations axe-core finds on the current page, as
/// `rule: target` lines (WebDriver's scripts are not subject to the page's CSP).
pub async fn accessibility_violations(c: &Client, name: &str) -> Vec<String> {
    c.execute(&axe_source(), vec![])
        .await
        .expect("axe-core loads");
    let found = c
        .execute_async(
            "const done = arguments[arguments.length - 1];
             axe.run(document, {resultTypes: ['violations']}).then(r => done(
               r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
                 .flatMap(v => v.nodes.map(n => v.id + ': ' + n.target.join(' ')))));",
            vec![],
        )
        .await
        .expect("axe-core runs");
    found
        .as_array()
        .map(|a| {
            a.iter()
                .map(|v| format!("{name}: {}", v.as_str().unwrap_or("?")))
                .collect()
        })
        .unwrap_or_default()
}

/// Saves the current page at 1280 and at 360 pixels wide, and fails on any serious or critical
/// accessibility violation at either width.
pub async fn shoot(c: &Client, name: &str) {
    let dir = screenshot_dir();
    let mut violations = Vec::new();
    for (width, height) in [(1280u32, 900u32), (360, 800)] {
        c.set_window_size(width, height).await.expect("resize");
        let png = c.screenshot().await.expect("a screenshot");
        std::fs::write(dir.join(format!("{name}-{width}.png")), png).expect("saved");
        violations.extend(accessibility_violations(c, &format!("{name} at {width} px")).await);
    }
    c.set_window_size(1280, 900).await.expect("resize back");
    assert!(
        violations.is_empty(),
        "axe-core finds serious or critical violations:\n{}",
        violations.join("\n")
    );
}

pub async fn text_of(c: &Client, css: &str) -> String {
    c.wait()
        .at_most(Duration::from_secs(20))
        .for_element(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("{css} appears: {e}"))
        .text()
        .await
        .expect("its text")
}

pub async fn fill(c: &Client, css: &str, value: &str) {
    // Waits for the field: a page still loading on a busy machine is not a missing field.
    c.wait()
        .at_most(Duration::from_secs(20))
        .for_element(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("{css} exists: {e}"))
        .send_keys(value)
        .await
        .expect("typed");
}

pub async fn click(c: &Client, css: &str) {
    c.find(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("{css} exists: {e}"))
        .click()
        .await
        .expect("clicked");
}

/// Clicks a form's submit button and waits until the browser has left the page it was on (the
/// answer to the form has replaced it), so what follows reads the new page, not the old one.
pub async fn submit(c: &Client, css: &str) {
    let old = c.find(Locator::Css("html")).await.expect("a page is open");
    click(c, css).await;
    let deadline = Instant::now() + Duration::from_secs(30);
    // An element of a page that has been replaced is stale: asking for it fails.
    while old.tag_name().await.is_ok() {
        assert!(Instant::now() < deadline, "{css} should load a new page");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    while c
        .execute("return document.readyState", vec![])
        .await
        .ok()
        .and_then(|v| v.as_str().map(|s| s == "complete"))
        != Some(true)
    {
        assert!(
            Instant::now() < deadline,
            "{css}: the new page should finish loading"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Waits until the element's text is `expected` (the page after a click may still be loading).
pub async fn wait_for_text(c: &Client, css: &str, expected: &str) {
    let deadline = Instant::now() + Duration::from_secs(30);
    let mut last = String::new();
    while Instant::now() < deadline {
        if let Ok(e) = c.find(Locator::Css(css)).await
            && let Ok(t) = e.text().await
        {
            if t == expected {
                return;
            }
            last = t;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("{css} should read {expected:?}, reads {last:?}");
}
