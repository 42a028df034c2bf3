//! Issue 18: the pages each role sees, pinned before the web layer moves to
//! templates. Every page route of the table (GET, no path parameter, not a
//! download or the API) that the role may open, in Indonesian, plus the
//! sign-in page and a public form in both languages. Values that differ from
//! run to run (CSRF tokens, form link codes, the server's port, times of
//! the audit log and of the figures held, hashes) are filtered to a name.
//! The report page keeps its own part (the download links); the report
//! itself is pinned by `crates/report/tests/it/snapshot.rs`.
//!
//! Markup is cut into lines between tags for review, whitespace between tags
//! dropped first.

use crate::common::{self, PASSWORD, http, login};
use monev_store::Role;
use monev_web::{Access, ROUTES, Settings};

fn lines(markup: &str) -> String {
    let mut out = String::with_capacity(markup.len() + markup.len() / 8);
    let mut pending = String::new();
    let mut after_tag = false;
    for c in markup.chars() {
        if after_tag && c.is_whitespace() {
            pending.push(c);
            continue;
        }
        if c == '<' {
            out.push('\n');
        } else {
            out.push_str(&pending);
        }
        pending.clear();
        out.push(c);
        after_tag = c == '>';
    }
    out
}

fn filters() -> Vec<(&'static str, &'static str)> {
    vec![
        (
            r#"name="csrf" value="[^"]*""#,
            r#"name="csrf" value="[csrf]""#,
        ),
        (r"127\.0\.0\.1:\d+", "[alamat]"),
        (r"localhost:\d+", "[alamat]"),
        (r"/f/[A-Za-z0-9_-]{6,}", "/f/[kode]"),
        // A device page's form ids, and its settings QR code (it carries
        // the server's address).
        (r"\bskm-[2-9A-Z]{8}\b", "skm-[kode]"),
        (
            r#"data-pengaturan="[^"]*""#,
            r#"data-pengaturan="[pengaturan]""#,
        ),
        (
            r##"<path d="M[^"]*" fill="#000"/>"##,
            r##"<path d="[qr]" fill="#000"/>"##,
        ),
        (
            r"\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b",
            "[uuid]",
        ),
        (r"\b[0-9a-f]{64}\b", "[hash]"),
        (r"\b[0-9a-f]{12}\b", "[id]"),
        (r"\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2})?", "[waktu]"),
        (r"\b\d{1,2}[:.]\d{2}( WI[BT]A?)\b", "[jam]$1"),
        (
            r"\b\d{1,2} [A-Z][a-z]+ 20\d\d(,)? \d{2}[:.]\d{2}\b",
            "[tanggal jam]",
        ),
    ]
}

fn page_routes() -> Vec<&'static monev_web::RouteSpec> {
    ROUTES
        .iter()
        .filter(|r| {
            r.method == "GET"
                && !r.path.contains('{')
                && !r.path.starts_with("/api/")
                && !r.path.starts_with("/static/")
                && !r.path.rsplit('/').next().unwrap_or("").contains('.')
                && r.path != "/healthz"
        })
        .collect()
}

fn name_of(path: &str) -> String {
    match path.trim_matches('/') {
        "" => "beranda".to_string(),
        p => p.replace('/', "_"),
    }
}

/// The page as the snapshot keeps it: the report page up to the report.
fn kept(path: &str, body: &str) -> String {
    if path == "/laporan"
        && let Some(end) = body.find(r#"<header class="sampul">"#)
    {
        return lines(&body[..end]);
    }
    lines(body)
}

#[tokio::test]
async fn every_page_as_each_role_sees_it() {
    let server = common::spawn(Settings::default()).await;
    let addr = server.addr;
    let (admin, _) = login(addr, "admin", PASSWORD).await.unwrap();
    // The figures are computed once before any dashboard is drawn, so no
    // page shows them being computed.
    assert_eq!(
        http(addr, "GET", "/api/v1/evaluasi", &admin, None)
            .await
            .status,
        200
    );
    let form = common::form_link(&server, common::OWN).await;
    let mut seen = Vec::new();
    // A current-thread runtime: the settings stay bound across the awaits.
    let mut settings = insta::Settings::clone_current();
    settings.set_prepend_module_to_snapshot(false);
    for (from, to) in filters() {
        settings.add_filter(from, to);
    }
    let _bound = settings.bind_to_scope();
    {
        let r = http(addr, "GET", "/masuk", "", None).await;
        assert_eq!(r.status, 200);
        insta::assert_snapshot!("masuk", lines(&r.body));
        for lang in ["id", "en"] {
            let r = http(addr, "GET", &format!("/f/{form}?lang={lang}"), "", None).await;
            assert_eq!(r.status, 200, "{form}");
            insta::assert_snapshot!(format!("formulir_publik_{lang}"), lines(&r.body));
        }
        for role in Role::ALL {
            let (cookie, _) = login(addr, role.code(), PASSWORD).await.unwrap();
            for spec in page_routes() {
                let Access::Roles(roles) = spec.access else {
                    continue;
                };
                if !roles.contains(&role) {
                    continue;
                }
                let r = http(addr, "GET", spec.path, &cookie, None).await;
                assert_eq!(r.status, 200, "{} {}: {}", role.code(), spec.path, r.body);
                let name = format!("{}_{}", role.code(), name_of(spec.path));
                insta::assert_snapshot!(name.clone(), kept(spec.path, &r.body));
                seen.push(name);
            }
        }
    }
    // The main pages are among them.
    for must in [
        "admin_beranda",
        "pimpinan_laporan",
        "operator_asn",
        "enumerator_formulir",
    ] {
        assert!(seen.iter().any(|s| s == must), "{must}: {seen:?}");
    }
}
