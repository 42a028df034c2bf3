//! The crate's integration tests, one binary (a binary per file would link
//! the crate's dependencies once per file).

mod asn_survey;
mod authz;
mod browser;
mod common;
mod forms;
mod grouped;
mod hardening;
mod instruments;
mod kelengkapan;
mod kualitatif;
mod monitoring;
mod odata;
mod openrosa;
mod persetujuan;
mod qda;
mod report;
mod review;
mod servers;
mod snapshot;
mod subject;
mod tinjauan;
mod wilayah;
