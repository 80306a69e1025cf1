//! The version model: parts, the parse regex, serialize formats and bumping.

pub mod calver;
pub mod format;
pub mod forms;
pub mod model;
pub mod part;
pub mod scheme;

pub use format::VersionFormat;
pub use forms::{Form, PreLabel, Semantic};
pub use model::{Version, VersionSpec};
pub use part::{Part, PartFunc, PartSpec};
