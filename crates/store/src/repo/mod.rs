//! Repositories: one module per aggregate, each function one statement or a few.

pub mod agents;
pub mod articles;
pub mod audit;
pub mod customers;
pub mod jobs;
pub mod settings;
pub mod tickets;
pub mod tokens;
