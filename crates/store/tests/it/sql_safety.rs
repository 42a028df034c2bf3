//! Every SQL statement is parameterised: a test that reads the sources.
//!
//! - SQL lives in `crates/store` only: no other crate's sources name sqlx.
//! - Statements are string literals with `$n`/`?` placeholders. The few
//!   built at run time (`sqlx::AssertSqlSafe`) splice only static names —
//!   table and column lists, fixed WHERE fragments, placeholders — and are
//!   counted per file below, each count reviewed with its reason: a new one
//!   fails this test until someone reads it and raises the count.
//! - No built statement puts a value between quotes (`'{…}'`): a value is
//!   always bound.

use std::path::{Path, PathBuf};

/// (file in crates/store/src, run-time statements, what they splice).
const REVIEWED: &[(&str, usize, &str)] = &[
    (
        "accounts.rs",
        4,
        "the audit and roster pages' WHERE/ORDER fragments chosen from fixed strings; search text and filters bound",
    ),
    (
        "aggregate.rs",
        1,
        "EXPLAIN / EXPLAIN QUERY PLAN prefixed to the module's own constant statements",
    ),
    (
        "kualitatif.rs",
        3,
        "the segment table's name and a fixed owner condition; every value bound",
    ),
    (
        "import.rs",
        13,
        "table and column names from the static table specs, batched `$n` placeholder lists, staging table names from the static table names; for a PostgreSQL bulk load, index and foreign-key names and definitions read from the catalogue (names quoted) and re-executed as the catalogue gave them",
    ),
    (
        "instruments.rs",
        1,
        "an optional fixed `AND instansi = $n` condition",
    ),
    (
        "persetujuan.rs",
        2,
        "the approvals' fixed column list in a SELECT; every value bound",
    ),
    (
        "survey.rs",
        3,
        "the link SELECT constants (with or without counts) and a fixed WHERE; an optional fixed instansi condition",
    ),
    (
        "testing.rs",
        2,
        "CREATE/DROP DATABASE of a test database named from random hex digits (tests only)",
    ),
    (
        "tinjauan.rs",
        3,
        "the review's fixed filter (SKM or ASN questionnaires) under a COUNT or an id list, and the reviewed table's name (skm or kiriman) with its alias; every value bound",
    ),
    (
        "tokens.rs",
        1,
        "a helper wrapping the module's fixed statements with an optional fixed condition",
    ),
];

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

#[test]
fn sql_lives_in_the_store_only() {
    let mut offenders = Vec::new();
    for krate in std::fs::read_dir(workspace().join("crates")).unwrap() {
        let krate = krate.unwrap().path();
        if krate.ends_with("store") {
            continue;
        }
        let mut files = Vec::new();
        rust_files(&krate.join("src"), &mut files);
        for f in files {
            let text = std::fs::read_to_string(&f).unwrap();
            for (n, line) in text.lines().enumerate() {
                let code = line.split("//").next().unwrap_or("");
                if code.contains("sqlx::") || code.contains("AssertSqlSafe") {
                    offenders.push(format!("{}:{}: {}", f.display(), n + 1, line.trim()));
                }
            }
        }
    }
    assert!(
        offenders.is_empty(),
        "SQL outside crates/store:\n{}",
        offenders.join("\n")
    );
}

#[test]
fn every_statement_built_at_run_time_is_reviewed() {
    let mut files = Vec::new();
    rust_files(&workspace().join("crates/store/src"), &mut files);
    let mut found: Vec<(String, usize)> = Vec::new();
    for f in &files {
        let text = std::fs::read_to_string(f).unwrap();
        let n = text.matches("AssertSqlSafe(").count();
        if n > 0 {
            found.push((f.file_name().unwrap().to_string_lossy().into_owned(), n));
        }
    }
    found.sort();
    let mut reviewed: Vec<(String, usize)> = REVIEWED
        .iter()
        .map(|(f, n, why)| {
            assert!(!why.is_empty());
            (f.to_string(), *n)
        })
        .collect();
    reviewed.sort();
    assert_eq!(
        found, reviewed,
        "run-time SQL changed: read the new call sites, make sure only static names are \
         spliced and every value is bound, then update REVIEWED"
    );
}

/// The string literal `code` starts with (plain or raw), without quotes.
fn first_literal(code: &str) -> Option<&str> {
    if let Some(raw) = code.strip_prefix("r#\"") {
        return raw.find("\"#").map(|end| &raw[..end]);
    }
    if let Some(raw) = code.strip_prefix("r\"") {
        return raw.find('"').map(|end| &raw[..end]);
    }
    let plain = code.strip_prefix('"')?;
    let mut escaped = false;
    for (i, c) in plain.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '"' => return Some(&plain[..i]),
            _ => {}
        }
    }
    None
}

/// The SQL keywords a statement starts with.
const STATEMENT: &[&str] = &[
    "SELECT", "INSERT", "UPDATE", "DELETE", "CREATE", "DROP", "ALTER", "WITH", "EXPLAIN",
];

#[test]
fn no_built_statement_quotes_a_value() {
    let mut files = Vec::new();
    rust_files(&workspace().join("crates/store/src"), &mut files);
    let mut offenders = Vec::new();
    let mut statements = 0;
    for f in &files {
        let text = std::fs::read_to_string(f).unwrap();
        // Each format!( … ) whose first string literal starts a statement.
        for (at, _) in text.match_indices("format!(") {
            let rest = text[at + "format!(".len()..].trim_start();
            let Some(lit) = first_literal(rest) else {
                continue;
            };
            let head = lit.trim_start().to_ascii_uppercase();
            if !STATEMENT.iter().any(|k| head.starts_with(k)) {
                continue;
            }
            statements += 1;
            let unescaped = lit.replace("{{", "").replace("}}", "");
            if unescaped.contains("'{") || unescaped.contains("%{") {
                let line = text[..at].lines().count() + 1;
                offenders.push(format!("{}:{line}: {lit}", f.display()));
            }
        }
    }
    assert!(
        statements >= 10,
        "the scan saw the store's built statements ({statements})"
    );
    assert!(
        offenders.is_empty(),
        "a value quoted into SQL:\n{}",
        offenders.join("\n")
    );
}
