//! The crate's integration tests, one binary (a binary per file would link
//! the crate's dependencies once per file).

mod demo_recall;
mod stems_reference;
