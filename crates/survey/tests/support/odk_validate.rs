//! ODK Validate (the javarosa engine ODK Collect runs, shipped inside
//! pyxform's package), for the tests that check the XForms monev writes
//! (`ingest/tests/it/xform.rs`) and serves (`web/tests/it/openrosa.rs`);
//! included by path, as tests share code without a crate. It needs `java`
//! and pyxform (`pip install -r reference/requirements.txt`); without them
//! a test says so and passes, unless MONEV_REQUIRE_ODK_VALIDATE=1
//! (`.ci/run` sets it and installs both).

use std::path::{Path, PathBuf};
use std::process::Command;

/// ODK Validate's jar, from the installed pyxform, when java runs; `None`
/// with a note when they are missing (a failure where
/// MONEV_REQUIRE_ODK_VALIDATE=1).
pub fn odk_validate() -> Option<PathBuf> {
    let jar = find_odk_validate();
    if jar.is_none() {
        assert!(
            std::env::var("MONEV_REQUIRE_ODK_VALIDATE").as_deref() != Ok("1"),
            "ODK Validate is required (java and pyxform: pip install -r reference/requirements.txt)"
        );
        eprintln!("note: no java or pyxform here; ODK Validate and pyxform not run");
    }
    jar
}

fn find_odk_validate() -> Option<PathBuf> {
    let java = Command::new("java").arg("-version").output().ok()?;
    if !java.status.success() {
        return None;
    }
    let out = Command::new("python3")
        .args([
            "-c",
            "import os, pyxform; print(os.path.join(os.path.dirname(pyxform.__file__), 'validators', 'odk_validate', 'bin', 'ODK_Validate.jar'))",
        ])
        .output()
        .ok()?;
    let jar = PathBuf::from(String::from_utf8(out.stdout).ok()?.trim());
    jar.is_file().then_some(jar)
}

/// ODK Validate's verdict on one form: `Err` with its words when refused.
pub fn validate(jar: &Path, file: &Path) -> Result<(), String> {
    let out = Command::new("java")
        .arg("-Djava.awt.headless=true")
        .arg("-jar")
        .arg(jar)
        .arg(file)
        .output()
        .map_err(|e| e.to_string())?;
    if out.status.success() {
        Ok(())
    } else {
        Err(format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ))
    }
}
