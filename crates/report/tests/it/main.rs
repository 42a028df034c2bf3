//! The crate's integration tests, one binary (a binary per file would link
//! the crate's dependencies once per file).

mod language;
mod pages;
mod privacy;
mod schema;
mod snapshot;
