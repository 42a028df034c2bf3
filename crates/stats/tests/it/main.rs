//! The crate's integration tests, one binary (a binary per file would link
//! the crate's dependencies once per file).

mod agreement_reference;
mod grouped;
mod properties;
mod scipy_reference;
