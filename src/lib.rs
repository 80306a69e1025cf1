//! bumpsmith: a fast, crash-safe version bumper that reads bump-my-version configs unchanged.
//!
//! The flow: [`config`] is loaded, [`release::prepare`] works out the versions ([`version`]) and
//! plans every edit ([`rewrite`]) without touching a file, the plan is verified, then
//! [`release::execute`] applies it under a rollback journal and makes the commit and tag through
//! [`git`]. Dry runs and checks are other uses of the same plan. Nothing here prints or exits:
//! that is the CLI's job.

pub mod changelog;
pub mod check;
pub mod config;
pub mod context;
pub mod error;
pub mod git;
pub mod hooks;
pub mod init;
pub mod kinds;
pub mod prerelease;
pub mod pyre;
pub mod release;
pub mod rewrite;
pub mod template;
pub mod version;

pub use error::{Error, Result};
