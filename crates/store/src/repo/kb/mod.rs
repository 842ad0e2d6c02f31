//! The knowledge base: articles, their translations and versions, who may read them, the
//! search over them, and what readers did with them (views, votes, searches, suggestions).

mod articles;
mod events;
mod search;

pub use articles::*;
pub use events::*;
pub use search::*;
