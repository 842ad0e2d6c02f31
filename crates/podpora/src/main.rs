//! `podpora`: the service desk's one binary.

use anyhow::Context;
use clap::{Args, Parser, Subcommand};
use podpora::{backup, calendar_cli, config::Config, presets, startup, telemetry};
use podpora_app::{Actor, demo, staff};
use std::{net::SocketAddr, path::PathBuf, process::ExitCode};

#[derive(Parser)]
#[command(
    name = "podpora",
    version,
    about = "A self-hosted service desk: tickets, customers, support contracts, SLA clocks and billing."
)]
struct Cli {
    /// Configuration file (TOML). Default: ./podpora.toml if present.
    #[arg(long, global = true, env = "PODPORA_CONFIG")]
    config: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Args, Clone, Default)]
struct ServeArgs {
    /// Address to listen on, e.g. 127.0.0.1:8080 (overrides `listen`).
    #[arg(long)]
    listen: Option<String>,
    /// Data directory for the embedded database and attachments (overrides `data_dir`).
    #[arg(long)]
    data_dir: Option<PathBuf>,
}

#[derive(Args, Clone, Default)]
struct DemoArgs {
    #[command(flatten)]
    serve: ServeArgs,
    /// Configure the desk as one of the example companies: smart-home-integrator, pbx-vendor,
    /// web-services, saas-repair-shops or business-software (see examples/presets/).
    #[arg(long)]
    preset: Option<String>,
}

#[derive(Subcommand)]
enum Command {
    /// Start the server (applies pending migrations first).
    Serve(ServeArgs),
    /// Start the server with demo data on the embedded database; prints the URL, logins and an
    /// admin API token, and writes them to <data dir>/demo.json.
    Demo(DemoArgs),
    /// Apply pending database migrations and exit.
    Migrate(ServeArgs),
    /// Copy the embedded database and the attachment files, consistently, while podpora runs,
    /// into a new directory (PostgreSQL: use pg_dump and copy the attachments directory).
    Backup {
        /// Target directory; must not exist.
        #[arg(long)]
        out: PathBuf,
        #[command(flatten)]
        db: ServeArgs,
    },
    /// Put a backup made by `podpora backup` into a data directory that holds no database yet,
    /// and check that every attachment's file is there.
    Restore {
        /// The backup directory.
        #[arg(long)]
        from: PathBuf,
        /// The data directory to restore into (overrides `data_dir`).
        #[arg(long)]
        data_dir: Option<PathBuf>,
    },
    /// Administration: agents, tokens, passwords.
    #[command(subcommand)]
    Admin(AdminCommand),
    /// Configuration helpers.
    #[command(subcommand)]
    Config(ConfigCommand),
    /// Business calendars and SLA targets: ask the engine when a promise is due.
    #[command(subcommand)]
    Sla(SlaCommand),
    /// Print the public days off of SK, CZ or PL for a year, one per line: YYYY-MM-DD name.
    Holidays {
        /// Country: SK, CZ or PL.
        #[arg(long)]
        country: String,
        /// Year, e.g. 2026.
        #[arg(long)]
        year: i32,
        /// Names in English instead of the country's language.
        #[arg(long)]
        english: bool,
        /// Also list state holidays that are working days (marked).
        #[arg(long)]
        all: bool,
    },
    /// Receive mail from an MTA's pipe transport: one message on standard input (or an mbox
    /// stream with --batch). Exits 0 once stored, 75 when the MTA should retry, 65 when the
    /// input can never be accepted.
    Mailgate {
        /// Read an mbox stream of many messages.
        #[arg(long)]
        batch: bool,
        /// Envelope recipient (repeatable), e.g. Postfix's ${recipient}.
        #[arg(long = "recipient")]
        recipients: Vec<String>,
        /// Envelope sender, e.g. Postfix's ${sender}.
        #[arg(long, default_value = "")]
        sender: String,
        #[command(flatten)]
        db: ServeArgs,
    },
    /// Print the OpenAPI 3.1 document of the REST API.
    Openapi,
    /// Print the version.
    Version,
}

#[derive(Subcommand)]
enum AdminCommand {
    /// Create an agent (staff member).
    CreateAgent {
        /// E-mail address (the login).
        #[arg(long)]
        email: String,
        /// Full name.
        #[arg(long)]
        name: String,
        /// Role: admin, dispatcher, technician or billing; repeat for several.
        #[arg(long = "role", required = true)]
        roles: Vec<String>,
        /// Interface language: sk, cs, pl or en.
        #[arg(long)]
        language: Option<String>,
        /// Password for the web sign-in (at least 8 characters); none = API tokens only.
        #[arg(long, env = "PODPORA_NEW_PASSWORD")]
        password: Option<String>,
        #[command(flatten)]
        db: ServeArgs,
    },
    /// Issue an API token for an agent and print it (it is shown only once).
    IssueToken {
        /// The agent's e-mail address.
        #[arg(long)]
        email: String,
        /// What the token is for.
        #[arg(long, default_value = "cli")]
        name: String,
        #[command(flatten)]
        db: ServeArgs,
    },
    /// Issue an API key for an organization's own software (sees only that organization).
    OrgKey {
        /// Organization id.
        #[arg(long)]
        organization: i64,
        /// What the key is for.
        #[arg(long, default_value = "api")]
        name: String,
        #[command(flatten)]
        db: ServeArgs,
    },
    /// Set a new password for an agent.
    ResetPassword {
        /// The agent's e-mail address.
        #[arg(long)]
        email: String,
        /// The new password (at least 8 characters).
        #[arg(long, env = "PODPORA_NEW_PASSWORD")]
        password: String,
        #[command(flatten)]
        db: ServeArgs,
    },
    /// Load a catalogue (calendars, plans, SLA policies, categories, out-of-scope answers) from a
    /// TOML file or a built-in preset.
    LoadCatalogue {
        /// The TOML file, as those in examples/presets/.
        #[arg(long, conflicts_with = "preset", required_unless_present = "preset")]
        file: Option<PathBuf>,
        /// A built-in preset by name.
        #[arg(long)]
        preset: Option<String>,
        #[command(flatten)]
        db: ServeArgs,
    },
}

#[derive(Subcommand)]
enum SlaCommand {
    /// Print when a target is due on a calendar, in RFC 3339 with the calendar's offset.
    ///
    /// Example: podpora sla due --hours "mon-fri 08:30-17:00" --tz Europe/Bratislava --holidays SK
    /// --from 2026-10-30T16:00 --target 4h   prints 2026-11-02T11:30:00+01:00
    Due {
        /// Opening hours: `24x7`, or `;`-separated day ranges with one or more intervals, e.g.
        /// "mon-fri 08:30-12:00,13:00-17:00; sat-sun 09:00-18:00".
        #[arg(long)]
        hours: String,
        /// IANA time zone of the calendar.
        #[arg(long, default_value = "Europe/Bratislava")]
        tz: String,
        /// Public days off: SK, CZ, PL or none (chosen here, never guessed from the zone).
        #[arg(long, default_value = "none")]
        holidays: String,
        /// When the request was reported: local date-time in the zone (2026-10-30T16:00) or an
        /// RFC 3339 instant (2026-10-30T15:00:00Z).
        #[arg(long)]
        from: String,
        /// Business minutes or hours (240m, 4h), business days (2bd), same-day, or calendar
        /// hours (24ch).
        #[arg(long)]
        target: String,
        /// Also list the open intervals counted.
        #[arg(long)]
        explain: bool,
    },
}

#[derive(Subcommand)]
enum ConfigCommand {
    /// Print the commented example configuration with every key and its default.
    Example,
    /// Print the configuration in effect (file, environment and defaults merged).
    Show,
}

fn load_config(path: Option<&PathBuf>, args: &ServeArgs) -> anyhow::Result<Config> {
    let mut cfg = Config::load(path.map(PathBuf::as_path))?;
    if let Some(l) = &args.listen {
        cfg.listen = l.clone();
    }
    if let Some(d) = &args.data_dir {
        cfg.data_dir = d.clone();
    }
    cfg.validate()?;
    Ok(cfg)
}

async fn bind(cfg: &Config) -> anyhow::Result<(tokio::net::TcpListener, SocketAddr)> {
    let addr = cfg.listen_addr()?;
    let listener = tokio::net::TcpListener::bind(addr).await.with_context(|| {
        format!(
            "cannot listen on {addr}; is another program using it? choose another with --listen"
        )
    })?;
    let local = listener.local_addr()?;
    Ok((listener, local))
}

async fn run(cli: Cli) -> anyhow::Result<()> {
    let cfg_path = cli.config.as_ref();
    match cli.command {
        Command::Version => println!("podpora {}", env!("CARGO_PKG_VERSION")),
        Command::Backup { out, db } => {
            let cfg = load_config(cfg_path, &db)?;
            let app = startup::build_app(&cfg).await?;
            let c = backup::backup(&app.db, &cfg.data_dir, &out).await?;
            println!(
                "backup written to {}: {} tickets, {} files",
                out.display(),
                c.tickets,
                c.files
            );
        }
        Command::Restore { from, data_dir } => {
            let cfg = load_config(
                cfg_path,
                &ServeArgs {
                    listen: None,
                    data_dir,
                },
            )?;
            if cfg
                .database_url
                .as_deref()
                .is_some_and(|u| !u.trim().is_empty())
            {
                anyhow::bail!(
                    "restore puts back the embedded database; with PostgreSQL use pg_restore and copy the attachments directory"
                );
            }
            let c = backup::restore(&from, &cfg.data_dir).await?;
            println!(
                "restored into {}: {} tickets, {} files",
                cfg.data_dir.display(),
                c.tickets,
                c.files
            );
        }
        Command::Sla(SlaCommand::Due {
            hours,
            tz,
            holidays,
            from,
            target,
            explain,
        }) => {
            let out = calendar_cli::due(&calendar_cli::DueArgs {
                hours,
                tz,
                holidays,
                from,
                target,
                explain,
            })
            .map_err(anyhow::Error::msg)?;
            print!("{out}");
        }
        Command::Holidays {
            country,
            year,
            english,
            all,
        } => {
            print!(
                "{}",
                calendar_cli::holiday_list(&country, year, english, all)
                    .map_err(anyhow::Error::msg)?
            );
        }
        Command::Mailgate {
            batch,
            recipients,
            sender,
            db,
        } => {
            let cfg = match load_config(cfg_path, &db) {
                Ok(c) => c,
                Err(e) => {
                    eprintln!("podpora mailgate: {e:#}");
                    std::process::exit(i32::from(podpora::mailgate_cli::EX_TEMPFAIL));
                }
            };
            telemetry::init(&cfg.log_format, "warn");
            let code = podpora::mailgate_cli::run(
                &cfg,
                podpora::mailgate_cli::MailgateArgs {
                    batch,
                    recipients,
                    sender,
                },
            )
            .await;
            if code != 0 {
                std::process::exit(i32::from(code));
            }
        }
        Command::Openapi => println!("{}", serde_json::to_string_pretty(&podpora_web::openapi())?),
        Command::Config(ConfigCommand::Example) => print!("{}", podpora::config::EXAMPLE),
        Command::Config(ConfigCommand::Show) => {
            let cfg = load_config(cfg_path, &ServeArgs::default())?;
            println!(
                "{}",
                serde_json::to_string_pretty(&cfg)?
                    .replace(&cfg.database_url(), &startup::redact(&cfg.database_url()))
            );
        }
        Command::Migrate(args) => {
            let cfg = load_config(cfg_path, &args)?;
            telemetry::init(&cfg.log_format, &cfg.log_level);
            startup::build_app(&cfg).await?;
            println!(
                "migrations applied to {}",
                startup::redact(&cfg.database_url())
            );
        }
        Command::Serve(args) => {
            let cfg = load_config(cfg_path, &args)?;
            telemetry::init(&cfg.log_format, &cfg.log_level);
            let app = startup::build_app(&cfg).await?;
            let (listener, addr) = bind(&cfg).await?;
            tracing::info!(%addr, "listening on http://{addr}");
            println!("podpora listening on http://{addr}");
            startup::serve(app, &cfg, listener, startup::shutdown_signal()).await?;
        }
        Command::Demo(DemoArgs { serve, preset }) => {
            let cfg = load_config(cfg_path, &serve)?;
            telemetry::init(&cfg.log_format, &cfg.log_level);
            let catalogue = match &preset {
                Some(p) => Some(presets::get(p).map_err(anyhow::Error::msg)?),
                None => None,
            };
            let app = startup::build_app(&cfg).await?;
            let (listener, addr) = bind(&cfg).await?;
            let mut info = match (&preset, catalogue) {
                (Some(p), Some(text)) => {
                    podpora_app::plans::preset::demo_with_preset(&app, p, text).await
                }
                _ => demo::load(&app).await,
            }
            .context("cannot load the demo data")?;
            info.url = format!("http://{addr}");
            let path = cfg.data_dir.join("demo.json");
            std::fs::write(&path, serde_json::to_string_pretty(&info)?)
                .with_context(|| format!("cannot write {}", path.display()))?;
            println!("podpora demo — {}", info.url);
            println!("admin API token: {}", info.admin_token);
            println!(
                "try: curl -H 'Authorization: Bearer {}' {}/api/v1/tickets",
                info.admin_token, info.url
            );
            for a in &info.agents {
                println!(
                    "agent login: {} / {} ({})",
                    a.email,
                    a.password,
                    a.roles.join(", ")
                );
            }
            for c in &info.contacts {
                println!(
                    "customer portal login ({}/portal): {} / {} ({}) id {}",
                    info.url,
                    c.email,
                    demo::DEMO_PASSWORD,
                    c.organization,
                    c.id
                );
            }
            if let Some(p) = &preset {
                println!("preset: {p} (plans: GET {}/api/v1/plans)", info.url);
            }
            println!("all of this is in {}", path.display());
            tracing::info!(%addr, "listening on http://{addr}");
            println!("podpora listening on http://{addr}");
            startup::serve(app, &cfg, listener, startup::shutdown_signal()).await?;
        }
        Command::Admin(cmd) => admin(cfg_path, cmd).await?,
    }
    Ok(())
}

async fn admin(cfg_path: Option<&PathBuf>, cmd: AdminCommand) -> anyhow::Result<()> {
    let cli = Actor::Cli;
    let open = |args: &ServeArgs| -> anyhow::Result<Config> { load_config(cfg_path, args) };
    match cmd {
        AdminCommand::CreateAgent {
            email,
            name,
            roles,
            language,
            password,
            db,
        } => {
            let app = startup::build_app(&open(&db)?).await?;
            let a = staff::create_agent(
                &app.db,
                &cli,
                staff::NewAgent {
                    email,
                    name,
                    language,
                    roles,
                    team_ids: vec![],
                    password,
                },
            )
            .await
            .map_err(user_error)?;
            println!("agent {} created with id {}", a.email, a.id);
        }
        AdminCommand::IssueToken { email, name, db } => {
            let app = startup::build_app(&open(&db)?).await?;
            let id = staff::agent_id_by_email(&app.db, &email)
                .await
                .map_err(user_error)?;
            println!(
                "{}",
                podpora_app::actor::issue_agent_token(&app.db, &cli, id, &name)
                    .await
                    .map_err(user_error)?
            );
        }
        AdminCommand::OrgKey {
            organization,
            name,
            db,
        } => {
            let app = startup::build_app(&open(&db)?).await?;
            println!(
                "{}",
                podpora_app::actor::issue_org_key(&app.db, &cli, organization, &name)
                    .await
                    .map_err(user_error)?
            );
        }
        AdminCommand::ResetPassword {
            email,
            password,
            db,
        } => {
            let app = startup::build_app(&open(&db)?).await?;
            staff::set_password(&app.db, &cli, &email, &password)
                .await
                .map_err(user_error)?;
            println!("password of {email} changed");
        }
        AdminCommand::LoadCatalogue { file, preset, db } => {
            let text = match (&file, &preset) {
                (Some(f), _) => std::fs::read_to_string(f)
                    .with_context(|| format!("cannot read {}", f.display()))?,
                (None, Some(p)) => presets::get(p).map_err(anyhow::Error::msg)?.to_string(),
                (None, None) => anyhow::bail!("give --file FILE or --preset NAME"),
            };
            let app = startup::build_app(&open(&db)?).await?;
            let r = podpora_app::plans::catalogue::load(&app.db, &cli, &text)
                .await
                .map_err(user_error)?;
            println!(
                "loaded: {} calendars, {} plans, {} SLA policies, {} categories, {} out-of-scope items{}",
                r.calendars,
                r.plans,
                r.sla_policies,
                r.categories,
                r.scope_items,
                if r.basic_service {
                    ", basic service set"
                } else {
                    ""
                }
            );
        }
    }
    Ok(())
}

fn user_error(e: podpora_app::AppError) -> anyhow::Error {
    anyhow::anyhow!("{e}")
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let rt = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("podpora: cannot start the async runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    match rt.block_on(run(cli)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("podpora: {e:#}");
            ExitCode::FAILURE
        }
    }
}
