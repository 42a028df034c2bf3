//! ARCHITECTURE.md's crate graph is generated from the manifests and must
//! match them (`MONEV_WRITE_ARCHITECTURE=1 cargo test -p monev --test it
//! architecture` rewrites it), and the layering rules it states hold in the
//! manifests: the pure crates take no I/O crates, only the store speaks SQL,
//! only the web crate serves HTTP, nothing depends on the CLI, and the web
//! crate does not build the typesetter.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

const BEGIN: &str = "<!-- crate graph: generated from crates/*/Cargo.toml by crates/cli/tests/it/architecture.rs -->";
const END: &str = "<!-- end of crate graph -->";

/// Crate (short name) → (its monev dependencies with features, its other dependencies).
type Graph = BTreeMap<String, (Vec<(String, Vec<String>)>, Vec<String>)>;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn short(package: &str) -> String {
    match package {
        "monev" => "cli".to_string(),
        p => p.trim_start_matches("monev-").to_string(),
    }
}

fn graph() -> Graph {
    let mut g = Graph::new();
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(root().join("crates"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("Cargo.toml").is_file())
        .collect();
    dirs.sort();
    for dir in dirs {
        let manifest: toml::Table = std::fs::read_to_string(dir.join("Cargo.toml"))
            .unwrap()
            .parse()
            .unwrap();
        let name = manifest["package"]["name"].as_str().unwrap().to_string();
        let mut own = Vec::new();
        let mut other = Vec::new();
        if let Some(deps) = manifest.get("dependencies").and_then(|d| d.as_table()) {
            for (dep, spec) in deps {
                if dep.starts_with("monev-") {
                    let features = spec
                        .get("features")
                        .and_then(|f| f.as_array())
                        .map(|f| f.iter().map(|x| x.as_str().unwrap().to_string()).collect())
                        .unwrap_or_default();
                    own.push((short(dep), features));
                } else {
                    other.push(dep.clone());
                }
            }
        }
        g.insert(short(&name), (own, other));
    }
    g
}

/// The generated section: a Mermaid drawing (GitHub renders it) and the
/// same edges as text.
fn drawing(g: &Graph) -> String {
    let mut s = format!("{BEGIN}\n\n```mermaid\ngraph TD\n");
    for (krate, (own, _)) in g {
        for (dep, features) in own {
            let label = if features.is_empty() {
                String::new()
            } else {
                format!("|{}|", features.join(", "))
            };
            s.push_str(&format!("  {krate} -->{label} {dep}\n"));
        }
    }
    s.push_str("```\n\n| crate | uses (monev) | uses (other crates) |\n|---|---|---|\n");
    for (krate, (own, other)) in g {
        let own: Vec<String> = own
            .iter()
            .map(|(d, f)| {
                if f.is_empty() {
                    format!("`{d}`")
                } else {
                    format!("`{d}` ({})", f.join(", "))
                }
            })
            .collect();
        let other: Vec<String> = other.iter().map(|d| format!("`{d}`")).collect();
        let dash = |v: Vec<String>| {
            if v.is_empty() {
                "—".to_string()
            } else {
                v.join(", ")
            }
        };
        s.push_str(&format!(
            "| `{krate}` | {} | {} |\n",
            dash(own),
            dash(other)
        ));
    }
    s.push_str(&format!("\n{END}"));
    s
}

#[test]
fn the_crate_graph_in_architecture_md_is_the_manifests() {
    let path = root().join("ARCHITECTURE.md");
    let text = std::fs::read_to_string(&path).unwrap();
    let (Some(start), Some(end)) = (text.find(BEGIN), text.find(END)) else {
        panic!("ARCHITECTURE.md has no generated crate graph ({BEGIN})");
    };
    let want = drawing(&graph());
    let have = &text[start..end + END.len()];
    if std::env::var_os("MONEV_WRITE_ARCHITECTURE").is_some() {
        let new = format!("{}{want}{}", &text[..start], &text[end + END.len()..]);
        std::fs::write(&path, new).unwrap();
        return;
    }
    assert!(
        have == want,
        "ARCHITECTURE.md's crate graph differs from the manifests; run \
         MONEV_WRITE_ARCHITECTURE=1 cargo test -p monev --test it architecture\n\n{want}"
    );
}

#[test]
fn the_layering_rules_hold_in_the_manifests() {
    let g = graph();
    let uses = |krate: &str, dep: &str| g[krate].1.iter().any(|d| d == dep);
    // Pure crates: no database, no runtime, no network, no HTTP.
    for krate in [
        "domain",
        "stats",
        "eval",
        "survey",
        "report",
        "demo",
        "kualitatif",
        "qda",
    ] {
        for io in ["sqlx", "tokio", "axum", "futures-util", "tempfile"] {
            assert!(!uses(krate, io), "{krate} uses {io}: it is pure");
        }
    }
    // SQL only in the store; HTTP only in the web crate.
    for krate in g.keys() {
        assert!(
            krate == "store" || !uses(krate, "sqlx"),
            "{krate} uses sqlx"
        );
        assert!(krate == "web" || !uses(krate, "axum"), "{krate} uses axum");
        assert!(
            !g[krate].0.iter().any(|(d, _)| d == "cli"),
            "{krate} depends on the CLI"
        );
    }
    // The web crate gets the PDF renderer from the CLI (App::with_pdf).
    let web_report = g["web"].0.iter().find(|(d, _)| d == "report").unwrap();
    assert!(
        web_report.1.is_empty(),
        "web builds report with {:?}",
        web_report.1
    );
    // The domain is the bottom: it depends on no monev crate.
    assert!(g["domain"].0.is_empty());
    assert!(g["stats"].0.is_empty());
}

/// Every Rust source of the workspace, concatenated (for name lookups).
fn sources() -> (String, Vec<String>) {
    let mut text = String::new();
    let mut files = Vec::new();
    let mut stack = vec![root().join("crates")];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "rs") {
                files.push(p.file_name().unwrap().to_string_lossy().into_owned());
                text.push_str(&std::fs::read_to_string(&p).unwrap());
                text.push('\n');
            }
        }
    }
    (text, files)
}

fn has_word(text: &str, word: &str) -> bool {
    let is_word = |c: char| c.is_alphanumeric() || c == '_';
    text.match_indices(word).any(|(i, _)| {
        !text[..i].chars().next_back().is_some_and(is_word)
            && !text[i + word.len()..].chars().next().is_some_and(is_word)
    })
}

/// GLOSSARY.md says where each term lives in monev; every name it gives
/// (a route, a file, a table, a type, a function, a command) is there.
#[test]
fn the_names_in_the_glossary_are_the_names_in_the_code() {
    let glossary = std::fs::read_to_string(root().join("GLOSSARY.md")).unwrap();
    let routes = std::fs::read_to_string(root().join("crates/web/src/routes.rs")).unwrap();
    let main = std::fs::read_to_string(root().join("crates/cli/src/main.rs")).unwrap();
    let (code, files) = sources();
    let mut checked = 0;
    for row in glossary.lines().filter(|l| l.starts_with("| **")) {
        let place = row.rsplit('|').nth(1).unwrap_or("");
        for name in place.split('`').skip(1).step_by(2) {
            if name.contains('…') || name.starts_with(['-', '.']) {
                continue;
            }
            let ok = if name.starts_with('/') {
                routes.contains(&format!("\"{name}\""))
            } else if let Some(cmd) = name.strip_prefix("monev ") {
                main.contains(&format!("\"{cmd}\""))
                    || has_word(&main.to_lowercase(), &cmd.replace('-', ""))
            } else if name.ends_with(".rs") {
                files.iter().any(|f| f == name)
            } else if name.ends_with(".csv") || name.ends_with(".json") || name.ends_with(".xlsx") {
                code.contains(name) || code.contains(name.trim_end_matches(".csv"))
            } else if let Some(krate) = name.strip_prefix("monev-") {
                root().join("crates").join(krate).is_dir()
            } else {
                name.split(['.', ':'])
                    .filter(|s| !s.is_empty())
                    .all(|seg| has_word(&code, seg))
            };
            assert!(
                ok,
                "GLOSSARY.md names `{name}`, which the code does not have ({row})"
            );
            checked += 1;
        }
    }
    assert!(checked > 80, "{checked}");
}
