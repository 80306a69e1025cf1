//! bumpsmith: a fast, crash-safe version bumper that reads bump-my-version configs unchanged.
//!
//! The flow: [`config`] is loaded; [`plan`] works out the versions ([`version`]), finds every
//! configured location ([`locate`]: searches and the structural locators of [`locate::kinds`])
//! and computes every edit without touching a file, then verifies everything that could refuse
//! the work; [`apply`] writes the plan under a rollback journal and makes the commit and tag
//! through [`git`]. [`check`] reports over the same plan; [`changelog`] turns history into
//! Keep a Changelog sections. [`python`] holds what exists only to behave as Python does, and
//! [`text`] the text primitives every layer shares. Nothing here prints or exits: that is the
//! CLI's job.

pub mod apply;
pub mod changelog;
pub mod check;
pub mod config;
pub mod context;
pub mod error;
pub mod git;
pub mod glob;
pub mod hooks;
pub mod init;
pub mod locate;
pub mod plan;
pub mod prerelease;
pub mod python;
pub mod sys;
pub mod template;
pub mod text;
pub mod version;

pub use error::{Error, Result};
