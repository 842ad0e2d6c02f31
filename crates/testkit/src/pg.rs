//! Starting Debian's PostgreSQL for tests, once per run, shared by every test process.

use std::{
    fs::{self, File},
    net::{SocketAddr, TcpStream},
    path::{Path, PathBuf},
    process::Command,
    sync::OnceLock,
    time::Duration,
};

const PORT: u16 = 55433;

fn cluster_dir() -> PathBuf {
    std::env::temp_dir().join("podpora-test-pg")
}

fn answering() -> bool {
    let addr = SocketAddr::from(([127, 0, 0, 1], PORT));
    TcpStream::connect_timeout(&addr, Duration::from_millis(200)).is_ok()
}

fn find_bin(name: &str) -> Option<PathBuf> {
    let mut candidates: Vec<PathBuf> = fs::read_dir("/usr/lib/postgresql")
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path().join("bin").join(name))
        .filter(|p| p.exists())
        .collect();
    candidates.sort();
    candidates.pop().or_else(|| {
        std::env::var_os("PATH").and_then(|paths| {
            std::env::split_paths(&paths)
                .map(|d| d.join(name))
                .find(|p| p.exists())
        })
    })
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false)
}

/// Runs a PostgreSQL program, as the `postgres` user when we are root.
fn pg_command(bin: &Path) -> Command {
    if is_root() {
        let mut c = Command::new("runuser");
        c.args(["-u", "postgres", "--"]).arg(bin);
        c
    } else {
        Command::new(bin)
    }
}

fn run(mut c: Command, what: &str) -> Result<(), String> {
    let out = c.output().map_err(|e| format!("cannot run {what}: {e}"))?;
    if out.status.success() {
        Ok(())
    } else {
        Err(format!(
            "{what} failed: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ))
    }
}

fn start_cluster() -> Result<(), String> {
    let dir = cluster_dir();
    fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    // One process starts the cluster; the others wait on the lock and then find it answering.
    let lock = File::create(dir.join("start.lock")).map_err(|e| e.to_string())?;
    lock.lock()
        .map_err(|e| format!("cannot lock the cluster directory: {e}"))?;
    if answering() {
        return Ok(());
    }
    let initdb = find_bin("initdb").ok_or(
        "initdb not found: install Debian's postgresql package (apt-get install -y postgresql) or set PODPORA_TEST_POSTGRES_URL",
    )?;
    let pg_ctl = find_bin("pg_ctl").ok_or("pg_ctl not found next to initdb")?;
    let data = dir.join("data");
    // A cluster left from an earlier run is discarded: tests need no data from it.
    let _ = fs::remove_dir_all(&data);
    fs::create_dir_all(&data).map_err(|e| e.to_string())?;
    if is_root() {
        run(
            {
                let mut c = Command::new("chown");
                c.args(["-R", "postgres:postgres"]).arg(&dir);
                c
            },
            "chown of the cluster directory",
        )?;
    }
    let mut c = pg_command(&initdb);
    c.arg("-D")
        .arg(&data)
        .args(["-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-sync"]);
    run(c, "initdb")?;
    let opts = format!(
        "-c listen_addresses=127.0.0.1 -p {PORT} -k {} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300",
        dir.display()
    );
    let mut c = pg_command(&pg_ctl);
    c.arg("start")
        .arg("-w")
        .arg("-t")
        .arg("60")
        .arg("-D")
        .arg(&data)
        .arg("-l")
        .arg(dir.join("log"))
        .arg("-o")
        .arg(opts);
    run(c, "pg_ctl start")?;
    for _ in 0..100 {
        if answering() {
            return Ok(());
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    Err(format!(
        "PostgreSQL did not start; see {}",
        dir.join("log").display()
    ))
}

/// A URL with rights to create databases; starts the test cluster on first use.
pub fn postgres_admin_url() -> Result<String, String> {
    if let Ok(u) = std::env::var("PODPORA_TEST_POSTGRES_URL")
        && !u.trim().is_empty()
    {
        return Ok(u);
    }
    static STARTED: OnceLock<Result<(), String>> = OnceLock::new();
    STARTED.get_or_init(start_cluster).clone()?;
    Ok(format!("postgres://postgres@127.0.0.1:{PORT}/postgres"))
}

/// Stops the test cluster if this harness started one (used by `scripts/test.sh`).
pub fn stop_postgres() -> Result<(), String> {
    let data = cluster_dir().join("data");
    if !data.join("PG_VERSION").exists() {
        return Ok(());
    }
    let pg_ctl = find_bin("pg_ctl").ok_or("pg_ctl not found")?;
    let mut c = pg_command(&pg_ctl);
    c.arg("stop").arg("-m").arg("fast").arg("-D").arg(&data);
    run(c, "pg_ctl stop")
}
