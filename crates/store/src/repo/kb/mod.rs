//! The knowledge base: articles, their translations and versions, who may read them, the
//! search over them, their files, and what readers did with them (views, votes, searches,
//! suggestions).

mod articles;
mod events;
mod files;
mod search;
mod votes;

pub use articles::*;
pub use events::*;
pub use files::*;
pub use search::*;
pub use votes::*;
