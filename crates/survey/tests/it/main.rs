//! The crate's integration tests, one binary (a binary per file would link
//! the crate's dependencies once per file).

mod pyxform_types;
mod xform;
