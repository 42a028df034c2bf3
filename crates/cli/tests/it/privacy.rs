//! Privacy commands through the binary: a data-subject request exports and
//! erases one NIP, retention empties old free text, and the audit log's
//! chain verifies after both.

use std::path::Path;
use std::process::Command;

fn monev(args: &[&str]) -> (bool, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_monev"))
        .args(args)
        .output()
        .expect("monev runs");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn a_subject_request_then_retention_then_the_audit_chain_holds() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("monev.db");
    let db = db.to_str().unwrap();
    let pkg = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/paket-koma");
    let (ok, _, err) = monev(&["import", pkg.to_str().unwrap(), "--db", db]);
    assert!(ok, "{err}");
    let roster = std::fs::read_to_string(pkg.join("asn.csv")).unwrap();
    let nip = roster
        .lines()
        .nth(1)
        .unwrap()
        .split(',')
        .next()
        .unwrap()
        .to_string();

    // Before the erasure the NIP is in the file (the scan below can fail).
    assert!(
        std::fs::read(db)
            .unwrap()
            .windows(nip.len())
            .any(|w| w == nip.as_bytes())
            || std::fs::read(format!("{db}-wal"))
                .unwrap_or_default()
                .windows(nip.len())
                .any(|w| w == nip.as_bytes())
    );
    let export = dir.path().join("subjek.json");
    let (ok, out, err) = monev(&[
        "subjek",
        &nip,
        "--db",
        db,
        "--ekspor",
        export.to_str().unwrap(),
        "--hapus",
    ]);
    assert!(ok, "{err}");
    assert!(out.contains("dihapus"), "{out}");
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&export).unwrap()).unwrap();
    assert_eq!(json["nip"], nip.as_str());
    assert_eq!(json["data"]["asn"][0]["nip"], nip.as_str());
    let (ok, out, _) = monev(&["subjek", &nip, "--db", db]);
    assert!(ok);
    assert!(out.contains("tidak ada data"), "{out}");
    // A NIP that is not one is refused with its reason.
    let (ok, _, err) = monev(&["subjek", "12345", "--db", db]);
    assert!(!ok);
    assert!(err.contains("NIP") && !err.contains("panicked"), "{err}");

    let (ok, out, err) = monev(&["retensi", "--hari", "0", "--db", db]);
    assert!(ok, "{err}");
    assert!(out.contains("dikosongkan"), "{out}");

    let (ok, out, err) = monev(&["audit", "verify", "--db", db]);
    assert!(ok, "{err}");
    assert!(out.contains("audit utuh"), "{out}");
    // The head it prints, noted outside, is checked on a later run; one
    // that is not in the chain (the tail was cut) fails the check.
    let head = out
        .lines()
        .find_map(|l| l.trim().strip_prefix("kepala rantai (chain head): entri "))
        .and_then(|rest| rest.split_whitespace().nth(1))
        .expect("the head is printed")
        .to_string();
    let (ok, out, err) = monev(&["audit", "verify", "--kepala", &head, "--db", db]);
    assert!(ok, "{err}");
    assert!(out.contains("masih ada"), "{out}");
    let (ok, out, err) = monev(&["audit", "verify", "--kepala", &"0".repeat(64), "--db", db]);
    assert!(!ok);
    assert!(out.contains("dipotong"), "{out}");
    assert!(err.contains("tidak utuh"), "{err}");
    // Nowhere on disk any more: not in the database file, its free pages or
    // its write-ahead log (the audit log names the erasure by a digest).
    for file in [db.to_string(), format!("{db}-wal")] {
        if let Ok(bytes) = std::fs::read(&file) {
            assert!(
                !bytes.windows(nip.len()).any(|w| w == nip.as_bytes()),
                "{file} still holds the NIP"
            );
        }
    }
}
