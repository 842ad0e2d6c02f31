//! The podpora binary's library half: configuration, telemetry and start-up, so tests can start
//! the same server the binary does.

pub mod backup;
pub mod calendar_cli;
pub mod config;
pub mod mailgate_cli;
pub mod mailwire;
pub mod presets;
pub mod startup;
pub mod telemetry;
