//! The few operating-system operations the rest of bumpsmith needs, one implementation per
//! platform: `unix.rs` (Linux, macOS: the code paths bump was written with) and `windows.rs`.
//! Nothing outside this module names `std::os::unix`, `rustix` or `libc`.
//!
//! Where Windows has no equivalent of a Unix safety check, the Windows side keeps the safe
//! default or says what it gives up (see `docs/reliability.md` and `SECURITY.md`).

#[cfg(unix)]
mod unix;
#[cfg(unix)]
pub use unix::*;

#[cfg(windows)]
mod windows;
#[cfg(windows)]
pub use windows::*;
