//! The real server on a random port with a fresh database: every route ×
//! every role (and no session) × own and other instansi gets the status its
//! rule says; sign-in, CSRF, throttling and timeouts behave.

use crate::common;

use std::path::Path;

use common::*;
use monev_store::Role;
use monev_web::{Access, ROUTES, RouteSpec, Settings};

/// What a request must get: an exact status, or just "let through" (the
/// rule passed; what the handler then says about the request body is
/// tested elsewhere).
#[derive(Debug, PartialEq)]
enum Want {
    Exactly(u16),
    LetThrough,
}

fn expected(spec: &RouteSpec, role: Option<Role>, own: bool, regional: bool) -> Want {
    let api = spec.path.starts_with("/api/");
    if let (true, Access::Roles(_), Some(r)) = (regional, spec.access, role) {
        // An account limited to a region: only the routes that keep to it.
        if !spec.regional || !spec.allows(r) {
            return Want::Exactly(403);
        }
        if spec.path == "/" {
            // Its dashboard is its region's page.
            return Want::Exactly(303);
        }
    }
    match (spec.access, role) {
        // A device signs in with Digest, never a session: the test's
        // clients get the challenge (`openrosa.rs` checks each role with a
        // device password).
        (Access::Device(_), _) => Want::Exactly(401),
        (Access::Public, _) if spec.method == "POST" && spec.path == "/masuk" => Want::Exactly(403), // the sign-in form without its token
        (Access::Public, _) if spec.method == "POST" => Want::LetThrough, // a public form: its handler judges the body
        (Access::Public, Some(_)) if spec.path == "/masuk" => Want::Exactly(303), // already signed in
        (Access::Public, _) => Want::Exactly(200),
        (Access::Roles(_), None) if spec.method == "GET" && !api => Want::Exactly(303),
        (Access::Roles(_), None) => Want::Exactly(401),
        (Access::Roles(roles), Some(r)) if !roles.contains(&r) => Want::Exactly(403),
        (Access::Roles(_), Some(r)) if spec.scoped && r == Role::Operator && !own => {
            Want::Exactly(404)
        }
        (Access::Roles(_), Some(_)) if spec.method == "GET" => Want::Exactly(200),
        (Access::Roles(_), Some(_)) => Want::LetThrough,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_route_answers_every_role_as_its_rule_says() {
    let server = spawn(Settings::default()).await;
    let addr = server.addr;
    let link = form_link(&server, OWN).await;
    let token = survey_token(&server, "nonpeserta").await;
    interview(&server, "W01").await;
    // A second programme, in Kecamatan Sekarbela, brings the regions.
    let store = server.store().await;
    store
        .import(
            &Path::new(env!("CARGO_MANIFEST_DIR")).join("../cli/tests/fixtures/wilayah/sekarbela"),
            monev_store::ImportOptions::default(),
        )
        .await
        .unwrap();
    // (role, limited to a region, username, cookie, csrf)
    let mut actors: Vec<(Option<Role>, bool, String, String, String)> =
        vec![(None, false, String::new(), String::new(), String::new())];
    // Each account's own API token, for `/token/{id}/hapus`.
    let mut token_ids = std::collections::HashMap::new();
    let hash = monev_web::hash_password(PASSWORD).unwrap();
    store
        .create_user(
            "evaluator-skb",
            "Evaluator Sekarbela",
            Role::Evaluator,
            None,
            &hash,
        )
        .await
        .unwrap();
    store
        .set_user_region("evaluator-skb", Some("52.71.04"))
        .await
        .unwrap();
    let accounts: Vec<(Role, bool, String)> = Role::ALL
        .iter()
        .map(|r| (*r, false, r.code().to_string()))
        .chain([(Role::Evaluator, true, "evaluator-skb".to_string())])
        .collect();
    for (role, regional, username) in accounts {
        let (cookie, csrf) = login(addr, &username, PASSWORD).await.expect("sign in");
        actors.push((Some(role), regional, username.clone(), cookie, csrf));
        let (user, _) = monev_web::issue_api_token(&store, &username, "authz")
            .await
            .unwrap();
        let id = store.api_tokens(Some(user.id)).await.unwrap()[0].id.clone();
        token_ids.insert(username, id);
    }
    let mut checked = 0;
    for spec in ROUTES.iter() {
        for (role, regional, username, cookie, csrf) in &actors {
            for own in [true, false] {
                if !spec.scoped && !own {
                    continue;
                }
                let kode = if spec.path.starts_with("/f/") {
                    link.as_str()
                } else if spec.path.starts_with("/instrumen/") {
                    "skm"
                } else if spec.path.starts_with("/kualitatif/") {
                    "W01"
                } else if spec.path.starts_with("/rekomendasi/") {
                    "rekomendasi.sosialisasi"
                } else if spec.path.contains("/wilayah/") {
                    "52.71.04"
                } else if own {
                    OWN
                } else {
                    OTHER
                };
                let path = spec
                    .path
                    .replace("{kode}", kode)
                    .replace("{token}", &token)
                    .replace("{program}", "ASN-AMPENAN-2025")
                    .replace("{set}", "AngkaUnit")
                    .replace("{jenis}", "wawancara")
                    .replace(
                        "{id}",
                        match role {
                            Some(_) if spec.path.starts_with("/token/") => &token_ids[username],
                            _ => "1",
                        },
                    );
                let (cookie, csrf) = if spec.method == "POST" && role.is_some() {
                    // Signing out ends the session: use a fresh one.
                    login(addr, username, PASSWORD).await.unwrap()
                } else {
                    (cookie.clone(), csrf.clone())
                };
                let form =
                    (spec.method == "POST").then(|| format!("csrf={csrf}&username=x&password=y"));
                let r = http(addr, spec.method, &path, &cookie, form.as_deref()).await;
                let what = format!(
                    "{} {path} as {:?}: {}",
                    spec.method,
                    role,
                    r.body.chars().take(200).collect::<String>()
                );
                let want = match expected(spec, *role, own, *regional) {
                    // A unit of Ampenan is outside the Sekarbela evaluator's
                    // region: not found, as for another unit's operator.
                    Want::LetThrough if *regional && spec.path.starts_with("/persetujuan/") => {
                        Want::Exactly(404)
                    }
                    w => w,
                };
                match want {
                    Want::Exactly(code) => assert_eq!(r.status, code, "{what}"),
                    Want::LetThrough => {
                        assert!(
                            ![401, 403, 404].contains(&r.status),
                            "{what}: got {}",
                            r.status
                        );
                        assert!(
                            !r.header("location")
                                .is_some_and(|l| l.starts_with("/masuk?ke=")),
                            "{what}"
                        );
                    }
                }
                assert_eq!(r.header("x-content-type-options"), Some("nosniff"));
                assert!(r.header("content-security-policy").is_some_and(|c| {
                    c.contains("frame-ancestors 'none'")
                        && !c.contains("unsafe-inline")
                        && !c.contains("unsafe-eval")
                }));
                assert_eq!(r.header("x-frame-options"), Some("DENY"));
                assert!(r.header("referrer-policy").is_some());
                // Served over plain HTTP here: no HSTS (scripts/scan-headers.sh
                // checks it appears behind TLS).
                assert_eq!(r.header("strict-transport-security"), None);
                checked += 1;
            }
        }
    }
    assert!(checked >= ROUTES.len() * 7);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn operators_see_only_their_own_instansi() {
    let server = spawn(Settings::default()).await;
    let (cookie, _) = login(server.addr, "operator", PASSWORD).await.unwrap();
    let page = http(server.addr, "GET", "/asn", &cookie, None).await;
    assert_eq!(page.status, 200);
    let rows = page.body.matches("<tr><td>").count();
    assert!(
        rows > 0 && page.body.matches(OWN).count() >= rows,
        "only {OWN} rows"
    );
    assert!(!page.body.contains(OTHER));
    for path in [
        format!("/instansi/{OTHER}/asn"),
        format!("/api/v1/instansi/{OTHER}/asn"),
        format!("/instansi/{OTHER}/asn?q=a"),
    ] {
        assert_eq!(
            http(server.addr, "GET", &path, &cookie, None).await.status,
            404,
            "{path}"
        );
    }
    let peserta = http(server.addr, "GET", "/peserta", &cookie, None).await;
    assert_eq!(peserta.status, 200);
    assert!(
        peserta.body.contains(OWN) && !peserta.body.contains(OTHER),
        "participation rows of {OWN} only"
    );
    let own = http(
        server.addr,
        "GET",
        &format!("/api/v1/instansi/{OWN}/asn"),
        &cookie,
        None,
    )
    .await;
    assert_eq!(own.status, 200);
    assert!(own.body.contains("\"nip\""));

    // Programme-wide pages: the per-instansi breakdowns show their own
    // instansi only (no other unit's code or name), in both languages; an
    // evaluator sees them all.
    for path in ["/", "/?lang=en", "/program"] {
        let r = http(server.addr, "GET", path, &cookie, None).await;
        assert_eq!(r.status, 200, "{path}");
        assert!(
            r.body.contains("Kantor Lurah Ampenan Selatan"),
            "{path}: own instansi shown"
        );
        for other in [OTHER, "Kantor Lurah Banjar"] {
            assert!(!r.body.contains(other), "{path} shows {other}");
        }
    }
    let (evaluator, _) = login(server.addr, "evaluator", PASSWORD).await.unwrap();
    for path in ["/", "/program"] {
        let r = http(server.addr, "GET", path, &evaluator, None).await;
        assert!(r.body.contains("Kantor Lurah Banjar"), "{path}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sign_in_is_guarded() {
    let server = spawn(Settings::default()).await;
    let addr = server.addr;
    // Wrong passwords, then the right one: throttled after five failures.
    for _ in 0..5 {
        assert!(login(addr, "evaluator", "salah-sekali-123").await.is_none());
    }
    assert!(
        login(addr, "evaluator", PASSWORD).await.is_none(),
        "the account is throttled"
    );
    // Another account from the same address is throttled too (per-address limit).
    assert!(login(addr, "pimpinan", PASSWORD).await.is_none());

    // A made-up session cookie is nobody.
    let r = http(addr, "GET", "/", "monev_sesi=0000", None).await;
    assert_eq!(r.status, 303);
    // Open redirects are refused: only local paths.
    let form = http(addr, "GET", "/masuk?ke=//evil.example", "", None).await;
    assert!(!form.body.contains("evil.example"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn csrf_and_timeouts() {
    let server = spawn(Settings::default()).await;
    let (cookie, _) = login(server.addr, "admin", PASSWORD).await.unwrap();
    let r = http(server.addr, "POST", "/keluar", &cookie, Some("csrf=palsu")).await;
    assert_eq!(r.status, 403, "a wrong CSRF token is refused");
    assert_eq!(
        http(server.addr, "GET", "/", &cookie, None).await.status,
        200,
        "and the session lives on"
    );

    let strict = spawn(Settings {
        idle_seconds: -1,
        ..Settings::default()
    })
    .await;
    let form = http(strict.addr, "GET", "/masuk", "", None).await;
    assert_eq!(form.status, 200);
    // Any session is already idle for longer than -1 s: sign-in works, the next request does not.
    assert!(login(strict.addr, "admin", PASSWORD).await.is_none());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_package_is_checked_in_full_before_it_is_saved() {
    let server = spawn(Settings::default()).await;
    let addr = server.addr;
    let (cookie, csrf) = login(addr, "evaluator", PASSWORD).await.unwrap();
    let pkg = Path::new(env!("CARGO_MANIFEST_DIR")).join("../cli/tests/fixtures/paket-koma");

    // A bad NIP: every error listed, located, nothing saved.
    let bad_row = "19851345201001100,Salah Ketik,KEL-BAN,Analis,III/a,S1,L".to_string();
    let r = upload(
        addr,
        &cookie,
        &csrf,
        "ampenan.zip",
        &zip_of(&pkg, Some(("asn.csv", 3, bad_row))),
    )
    .await;
    assert_eq!(r.status, 422, "{}", r.body);
    assert!(r.body.contains("asn.csv:3: nip"), "{}", r.body);
    assert!(
        !r.body.contains("monev-unggahan"),
        "no server paths in messages"
    );

    // A good package for a new programme: a summary and a confirmation, then the import.
    let program = std::fs::read_to_string(pkg.join("program.csv")).unwrap();
    let renamed = program
        .lines()
        .nth(1)
        .unwrap()
        .replace("ASN-AMPENAN-2025", "ASN-BARU-2026");
    let r = upload(
        addr,
        &cookie,
        &csrf,
        "baru.zip",
        &zip_of(&pkg, Some(("program.csv", 2, renamed))),
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert!(r.body.contains("ASN-BARU-2026"));
    let id = upload_id(&r.body);
    // Checking wrote nothing.
    let new = "/api/v1/evaluasi?program=ASN-BARU-2026";
    assert_eq!(http(addr, "GET", new, &cookie, None).await.status, 404);
    let saved = http(
        addr,
        "POST",
        "/impor/simpan",
        &cookie,
        Some(&format!("csrf={csrf}&berkas={id}")),
    )
    .await;
    assert_eq!(saved.status, 200, "{}", saved.body);
    assert_eq!(http(addr, "GET", new, &cookie, None).await.status, 200);
    // The same id cannot be saved twice, and made-up ids are nothing.
    let again = http(
        addr,
        "POST",
        "/impor/simpan",
        &cookie,
        Some(&format!("csrf={csrf}&berkas={id}")),
    )
    .await;
    assert_eq!(again.status, 404);
    let tricky = http(
        addr,
        "POST",
        "/impor/simpan",
        &cookie,
        Some(&format!("csrf={csrf}&berkas=..%2F..%2Fetc")),
    )
    .await;
    assert_eq!(tricky.status, 404);

    // The admin sees it in the audit log.
    let (admin, _) = login(addr, "admin", PASSWORD).await.unwrap();
    let log = http(addr, "GET", "/audit", &admin, None).await;
    assert!(
        log.body.contains("impor") && log.body.contains("program:ASN-BARU-2026"),
        "{}",
        log.body
    );
}

/// The id of a checked upload, from the confirmation form.
fn upload_id(body: &str) -> String {
    body.split("name=\"berkas\" value=\"")
        .nth(1)
        .expect("a confirmation form")
        .split('"')
        .next()
        .unwrap()
        .to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_operator_imports_only_their_own_instansi() {
    let server = spawn(Settings::default()).await;
    let addr = server.addr;
    let (cookie, csrf) = login(addr, "operator", PASSWORD).await.unwrap();
    let form = http(addr, "GET", "/impor", &cookie, None).await;
    assert_eq!(form.status, 200);
    assert!(form.body.contains(OWN), "the form says whose data");

    // The whole programme's package: every programme-wide table refused by name.
    let pkg = Path::new(env!("CARGO_MANIFEST_DIR")).join("../cli/tests/fixtures/paket-koma");
    let r = upload(addr, &cookie, &csrf, "semua.zip", &zip_of(&pkg, None)).await;
    assert_eq!(r.status, 403, "{}", r.body);
    for table in [
        "program.csv",
        "instansi.csv",
        "pelatihan.csv",
        "kinerja.csv",
    ] {
        assert!(r.body.contains(table), "{table}: {}", r.body);
    }

    // Their own queue log: checked, then saved; other instansi's rows untouched.
    let dir = tempfile::tempdir().unwrap();
    let layanan = std::fs::read_to_string(pkg.join("layanan.csv")).unwrap();
    let mut lines = layanan.lines();
    let header = lines.next().unwrap();
    let own: Vec<&str> = lines
        .clone()
        .filter(|l| l.starts_with(OWN))
        .take(10)
        .collect();
    let others = lines.filter(|l| !l.starts_with(OWN)).count();
    std::fs::write(
        dir.path().join("layanan.csv"),
        format!("{header}\n{}\n", own.join("\n")),
    )
    .unwrap();
    // One row of another instansi: refused, located.
    let foreign = own[0].replacen(OWN, OTHER, 1);
    let r = upload(
        addr,
        &cookie,
        &csrf,
        "antrean.zip",
        &zip_of(dir.path(), Some(("layanan.csv", 3, foreign))),
    )
    .await;
    assert_eq!(r.status, 403, "{}", r.body);
    assert!(r.body.contains("layanan.csv:3: instansi"), "{}", r.body);
    // A malformed row of their own is the file's fault: 422.
    let bad = own[0].replacen("2025-", "2025/13/", 1);
    let r = upload(
        addr,
        &cookie,
        &csrf,
        "antrean.zip",
        &zip_of(dir.path(), Some(("layanan.csv", 3, bad))),
    )
    .await;
    assert_eq!(r.status, 422, "{}", r.body);

    let r = upload(
        addr,
        &cookie,
        &csrf,
        "antrean.zip",
        &zip_of(dir.path(), None),
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let id = upload_id(&r.body);
    // Another account cannot save this upload.
    let (evaluator, ecsrf) = login(addr, "evaluator", PASSWORD).await.unwrap();
    let stolen = http(
        addr,
        "POST",
        "/impor/simpan",
        &evaluator,
        Some(&format!("csrf={ecsrf}&berkas={id}")),
    )
    .await;
    assert_eq!(stolen.status, 404);
    let saved = http(
        addr,
        "POST",
        "/impor/simpan",
        &cookie,
        Some(&format!("csrf={csrf}&berkas={id}")),
    )
    .await;
    assert_eq!(saved.status, 200, "{}", saved.body);
    let data = server
        .store()
        .await
        .load_program("ASN-AMPENAN-2025")
        .await
        .unwrap();
    assert_eq!(
        data.layanan.iter().filter(|l| &*l.instansi == OWN).count(),
        own.len()
    );
    assert_eq!(
        data.layanan.iter().filter(|l| &*l.instansi != OWN).count(),
        others
    );
    let (admin, _) = login(addr, "admin", PASSWORD).await.unwrap();
    let log = http(addr, "GET", "/audit", &admin, None).await;
    assert!(
        log.body.contains(&format!("instansi:{OWN}")),
        "{}",
        log.body
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn api_tokens_open_the_api_with_the_same_rules() {
    let server = spawn(Settings::default()).await;
    let addr = server.addr;
    let store = server.store().await;
    let (_, token) = monev_web::issue_api_token(&store, "operator", "uji")
        .await
        .unwrap();
    let bearer = |path: String, token: String| async move {
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        let mut s = tokio::net::TcpStream::connect(addr).await.unwrap();
        let req = format!(
            "GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\nAuthorization: Bearer {token}\r\n\r\n"
        );
        s.write_all(req.as_bytes()).await.unwrap();
        let mut raw = Vec::new();
        s.read_to_end(&mut raw).await.unwrap();
        String::from_utf8_lossy(&raw)
            .split(' ')
            .nth(1)
            .unwrap()
            .parse::<u16>()
            .unwrap()
    };
    assert_eq!(
        bearer(format!("/api/v1/instansi/{OWN}/asn"), token.clone()).await,
        200
    );
    assert_eq!(
        bearer(format!("/api/v1/instansi/{OTHER}/asn"), token.clone()).await,
        404
    );
    assert_eq!(
        bearer("/api/v1/evaluasi".into(), token.clone()).await,
        403,
        "an operator's token reads no report"
    );
    assert_eq!(bearer("/api/v1/evaluasi".into(), "salah".into()).await, 401);
    // A token opens the API only, not the pages.
    assert_eq!(bearer("/asn".into(), token.clone()).await, 303);

    let doc = http(addr, "GET", "/api/openapi.json", "", None).await;
    assert_eq!(doc.status, 200);
    let v: serde_json::Value = serde_json::from_str(&doc.body).unwrap();
    for spec in ROUTES.iter().filter(|r| r.path.starts_with("/api/v1/")) {
        assert!(
            v["paths"][spec.path].is_object(),
            "{} missing from the OpenAPI document",
            spec.path
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn admins_manage_accounts_and_every_change_is_audited() {
    let server = spawn(Settings::default()).await;
    let addr = server.addr;
    let (admin, csrf) = login(addr, "admin", PASSWORD).await.unwrap();
    let form = format!(
        "csrf={csrf}&username=operator2&nama=Operator+Dua&peran=operator&instansi={OTHER}&sandi=sandi-panjang-baru"
    );
    assert_eq!(
        http(addr, "POST", "/pengguna", &admin, Some(&form))
            .await
            .status,
        303
    );
    let (op2, _) = login(addr, "operator2", "sandi-panjang-baru")
        .await
        .expect("the new operator signs in");
    assert_eq!(
        http(addr, "GET", &format!("/instansi/{OTHER}/asn"), &op2, None)
            .await
            .status,
        200
    );
    assert_eq!(
        http(addr, "GET", &format!("/instansi/{OWN}/asn"), &op2, None)
            .await
            .status,
        404
    );

    // A reset ends the user's sessions; the new password works.
    let list = http(addr, "GET", "/pengguna", &admin, None).await;
    let id = list
        .body
        .split("/pengguna/")
        .filter_map(|s| s.split('/').next())
        .filter_map(|s| s.parse::<i64>().ok())
        .max()
        .unwrap();
    let reset = format!("csrf={csrf}&sandi=sandi-lain-sekali");
    assert_eq!(
        http(
            addr,
            "POST",
            &format!("/pengguna/{id}/sandi"),
            &admin,
            Some(&reset)
        )
        .await
        .status,
        303
    );
    assert_eq!(
        http(addr, "GET", "/asn", &op2, None).await.status,
        303,
        "old session ended"
    );
    assert!(
        login(addr, "operator2", "sandi-lain-sekali")
            .await
            .is_some()
    );
    // Deactivated: no more sign-in.
    let off = format!("csrf={csrf}&aktif=0");
    assert_eq!(
        http(
            addr,
            "POST",
            &format!("/pengguna/{id}/aktif"),
            &admin,
            Some(&off)
        )
        .await
        .status,
        303
    );
    assert!(
        login(addr, "operator2", "sandi-lain-sekali")
            .await
            .is_none()
    );
    // Short passwords are refused.
    let weak = format!("csrf={csrf}&username=x&nama=X&peran=pimpinan&sandi=pendek");
    assert_eq!(
        http(addr, "POST", "/pengguna", &admin, Some(&weak))
            .await
            .status,
        400
    );

    let log = http(addr, "GET", "/audit", &admin, None).await.body;
    for action in [
        "tambah_pengguna",
        "reset_sandi",
        "ubah_status_pengguna",
        "aktif=true",
        "aktif=false",
    ] {
        assert!(log.contains(action), "{action} not in the audit log");
    }
}

/// Issue 18: a signed-in role's POST is declared with `Route::change`, whose
/// handler must take a CSRF-checking extractor (else the table does not
/// compile); public POSTs have no session to ride. Walked here through the
/// running server: every state-changing route, posted by a role it allows
/// with a wrong token (as a URL-encoded form and as an upload), is refused
/// and changes nothing the audit log would record.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_state_changing_route_checks_the_csrf_token() {
    let server = spawn(Settings::default()).await;
    let addr = server.addr;
    let store = server.store().await;
    let mut cookies = std::collections::HashMap::new();
    for role in Role::ALL {
        cookies.insert(role, login(addr, role.code(), PASSWORD).await.unwrap().0);
    }
    // Signing in is audited; from here nothing may be.
    let before = store.audit_rows(10_000).await.unwrap().len();
    let mut checked = 0;
    for spec in ROUTES.iter().filter(|r| r.method == "POST") {
        let Access::Roles(roles) = spec.access else {
            assert!(!spec.csrf, "{}", spec.path);
            continue;
        };
        assert!(
            spec.csrf,
            "{}: a signed-in POST without the CSRF check",
            spec.path
        );
        let role = roles[0];
        let cookie = &cookies[&role];
        let path = spec
            .path
            .replace("{kode}", OWN)
            .replace("{id}", "1")
            .replace("{jenis}", "wawancara");
        let form = http(addr, "POST", &path, cookie, Some("csrf=salah&nama=x")).await;
        let upload = multipart(addr, &path, cookie, &[("csrf", "salah")], None).await;
        for (how, r) in [("form", &form), ("upload", &upload)] {
            assert!(
                r.status >= 400,
                "{} {path} as {how}: {} {}",
                role.code(),
                r.status,
                r.body
            );
        }
        assert!(
            form.status == 403 || upload.status == 403,
            "{path}: {} / {}",
            form.status,
            upload.status
        );
        checked += 1;
    }
    assert!(checked >= 20, "{checked}");
    assert_eq!(store.audit_rows(10_000).await.unwrap().len(), before);
}
