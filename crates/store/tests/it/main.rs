//! The crate's integration tests, one binary (a binary per file would link
//! the crate's dependencies once per file).

mod aggregate;
mod audit;
mod bulk;
mod check;
mod perangkat;
mod periode;
mod retention;
mod scoped_import;
mod sql_safety;
mod subject;
mod tinjauan;
