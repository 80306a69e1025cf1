//! File rewriting: which files, what changes (a pure plan), and applying it crash-safely.

pub mod confine;
pub mod glob_walk;
pub mod journal;
pub mod locate;
pub mod plan;
pub mod read;
pub mod resolve;
pub mod search;
pub mod text;

pub use locate::Versions;
pub use plan::{plan, FileEdit, Plan};
pub use resolve::{targets, Selection, Target};
