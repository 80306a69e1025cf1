//! The version model: parts, the parse regex, serialize formats and bumping.

pub mod calver;
pub mod format;
pub mod model;
pub mod part;

pub use format::VersionFormat;
pub use model::{Version, VersionSpec};
pub use part::{Part, PartFunc, PartSpec};
