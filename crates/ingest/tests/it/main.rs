//! The crate's integration tests, one binary (a binary per file would link
//! the crate's dependencies once per file).

mod package;
mod roundtrip;
mod workbooks;
mod xform;
mod xlsform;
