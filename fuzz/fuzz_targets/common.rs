//! A scratch folder per fuzzing process: the package parsers read files.

use std::path::PathBuf;
use std::sync::OnceLock;

/// This process's own scratch folder (several fuzz jobs may run at once).
pub fn scratch() -> &'static PathBuf {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let d = std::env::temp_dir().join(format!("monev-fuzz-{}", std::process::id()));
        std::fs::create_dir_all(&d).expect("scratch folder");
        d
    })
}
