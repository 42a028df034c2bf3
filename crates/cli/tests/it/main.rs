//! The crate's integration tests, one binary (a binary per file would link
//! the crate's dependencies once per file).

mod architecture;
mod cli;
mod common;
mod durability;
mod kelengkapan;
mod kobo;
mod monitor;
mod planted;
mod privacy;
mod qda;
mod reference;
mod serve;
mod tinjauan;
mod wilayah;
