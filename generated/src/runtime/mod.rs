//! Runtime support shared by the generated modules: the lenient, lossless `DateTime`.
//!
//! Nothing here knows any particular API.

// The house rule is rustdoc on every public item; the lint keeps it true here.
#![warn(missing_docs)]

mod datetime;

pub use datetime::{DateTime, DateTimeForm};
