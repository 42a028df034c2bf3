//! What the CLI's tests share: running the binary and finding fixtures.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// `monev ARGS`, waited for.
pub fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_monev"))
        .args(args)
        .output()
        .expect("monev runs")
}

/// `monev ARGS`, which must succeed: its standard output.
pub fn ok(args: &[&str]) -> String {
    let out = run(args);
    assert!(
        out.status.success(),
        "monev {args:?}:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// A file or folder under `crates/cli/tests/fixtures`.
pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}
