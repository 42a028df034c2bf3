//! Hostile input against the real server: no session survives a sign-in
//! (session fixation), and malformed bodies, oversized fields, wrong
//! content types and invalid UTF-8 sent to every route get a clear 4xx,
//! never a 5xx, a panic or a dead server.

use crate::common;

use common::*;
use monev_web::{ROUTES, Settings};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// No Rust `Debug` output reaches a person (issue 17): `Io(Custom { kind:
/// Other, … })` is for the log, not for an evaluator.
fn no_debug_text(text: &str, what: &str) {
    for leak in ["{ kind:", "Custom {", "Error(", "Failed to deserialize"] {
        assert!(!text.contains(leak), "{what}: {leak:?} in\n{text}");
    }
}

/// One raw request: any headers, any bytes. Status and body.
async fn raw(
    addr: std::net::SocketAddr,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> (u16, String) {
    let mut s = tokio::net::TcpStream::connect(addr).await.unwrap();
    let mut head = format!(
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nContent-Length: {}\r\n",
        body.len()
    );
    for (k, v) in headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str("\r\n");
    s.write_all(head.as_bytes()).await.unwrap();
    // The server may answer (413) before reading a large body, and close.
    let _ = s.write_all(body).await;
    let mut out = Vec::new();
    let _ = s.read_to_end(&mut out).await;
    let text = String::from_utf8_lossy(&out).into_owned();
    let status = text
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("{method} {path}: no answer: {text:?}"));
    (status, text)
}

/// Signs in through the form while the browser already carries `carried`
/// as its session cookie; returns the session cookie the server set.
async fn sign_in_carrying(addr: std::net::SocketAddr, user: &str, carried: &str) -> String {
    let r = post_sign_in(addr, user, PASSWORD, carried).await;
    assert_eq!(r.status, 303, "{}", r.body);
    r.cookie("monev_sesi").expect("a session cookie")
}

/// Whether a session cookie opens the dashboard.
async fn signed_in(addr: std::net::SocketAddr, session: &str) -> bool {
    http(addr, "GET", "/", &format!("monev_sesi={session}"), None)
        .await
        .status
        == 200
}

#[tokio::test]
async fn no_session_outlives_a_sign_in() {
    let server = spawn(Settings::default()).await;
    let addr = server.addr;
    // A token planted in the victim's browser before sign-in is not adopted.
    let planted = "a".repeat(43);
    let got = sign_in_carrying(addr, "evaluator", &planted).await;
    assert_ne!(got, planted);
    assert!(signed_in(addr, &got).await);
    assert!(!signed_in(addr, &planted).await);
    // Signing in as someone else on the same browser ends the first session.
    let first = sign_in_carrying(addr, "admin", "").await;
    assert!(signed_in(addr, &first).await);
    let second = sign_in_carrying(addr, "pimpinan", &first).await;
    assert_ne!(second, first);
    assert!(signed_in(addr, &second).await);
    assert!(
        !signed_in(addr, &first).await,
        "the earlier session still opens pages"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn malformed_requests_to_every_route_get_a_clear_refusal() {
    let server = spawn(Settings::default()).await;
    let addr = server.addr;
    let link = form_link(&server, OWN).await;
    let token = survey_token(&server, "nonpeserta").await;
    interview(&server, "W01").await;
    let (cookie, csrf) = login(addr, "admin", PASSWORD).await.unwrap();
    let big = "a".repeat(2 * 1024 * 1024);
    let bodies: Vec<(&str, &str, Vec<u8>)> = vec![
        (
            "invalid UTF-8 in a form",
            "application/x-www-form-urlencoded",
            [format!("csrf={csrf}&nama=").into_bytes(), vec![0xff, 0xfe, 0xc3, 0x28]].concat(),
        ),
        (
            "a broken percent escape",
            "application/x-www-form-urlencoded",
            format!("csrf={csrf}&nama=%E0%A4%A&u1=%").into_bytes(),
        ),
        (
            "JSON where a form is expected",
            "application/json",
            format!("{{\"csrf\": \"{csrf}\", \"nama\": [").into_bytes(),
        ),
        (
            "no content type",
            "",
            b"\x00\x01\x02garbage".to_vec(),
        ),
        (
            "a 2 MB field",
            "application/x-www-form-urlencoded",
            format!("csrf={csrf}&nama={big}&teks={big}").into_bytes(),
        ),
        (
            "multipart without its boundary",
            "multipart/form-data",
            b"--x\r\nContent-Disposition: form-data; name=\"berkas\"\r\n\r\nabc".to_vec(),
        ),
        (
            "multipart cut off mid-part",
            "multipart/form-data; boundary=x",
            format!(
                "--x\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{csrf}\r\n--x\r\nContent-Disposition: form-data; name=\"berkas\"; filename=\"p.zip\"\r\n\r\nPK\x03\x04"
            )
            .into_bytes(),
        ),
    ];
    let mut checked = 0;
    for spec in ROUTES.iter() {
        let path = spec
            .path
            .replace(
                "{kode}",
                if spec.path.starts_with("/f/") {
                    &link
                } else {
                    OWN
                },
            )
            .replace("{token}", &token)
            .replace("{id}", "1")
            .replace("{jenis}", "wawancara");
        let path = path.replace("/wawancara/KEL-AMS", "/wawancara/W01");
        if spec.method == "GET" {
            // Invalid UTF-8 and broken escapes in the query string.
            let q = format!("{path}?program=%ff%fe&lang=%c3%28&halaman=-1&cari=%");
            let (status, text) = raw(addr, "GET", &q, &[("Cookie", &cookie)], b"").await;
            assert!(status < 500, "GET {q}: {status}\n{text}");
            no_debug_text(&text, &q);
            checked += 1;
            continue;
        }
        for (what, ctype, body) in &bodies {
            let mut headers = vec![("Cookie", cookie.as_str())];
            if !ctype.is_empty() {
                headers.push(("Content-Type", ctype));
            }
            let (status, text) = raw(addr, "POST", &path, &headers, body).await;
            assert!(
                (400..500).contains(&status) || status == 303,
                "POST {path} with {what}: {status}\n{}",
                text.chars().take(600).collect::<String>()
            );
            assert!(!text.contains("panicked"), "POST {path} with {what}");
            no_debug_text(&text, &format!("POST {path} with {what}"));
            checked += 1;
        }
    }
    // Every GET once, every POST with every malformed body.
    let gets = ROUTES.iter().filter(|r| r.method == "GET").count();
    assert_eq!(checked, gets + (ROUTES.len() - gets) * bodies.len());
    // And the server is still there.
    assert_eq!(http(addr, "GET", "/healthz", "", None).await.status, 200);
}

/// The `Location` a raw response redirects to.
fn location(text: &str) -> Option<&str> {
    text.split("\r\n\r\n").next()?.lines().find_map(|l| {
        l.split_once(':')
            .filter(|(k, _)| k.eq_ignore_ascii_case("location"))
            .map(|(_, v)| v.trim())
    })
}

/// Issue 17: the sign-in target is a path on this site. Browsers drop a tab
/// or newline from a URL, so `/<TAB>/evil.example/` is `//evil.example/`
/// to them; a backslash is a slash; a newline must not break the header.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_sign_in_target_never_leaves_the_site() {
    let server = spawn(Settings::default()).await;
    let addr = server.addr;
    let (cookie, _) = login(addr, "evaluator", PASSWORD).await.unwrap();
    let hostile = [
        "/%09/evil.example/",
        "/%0A/evil.example/",
        "/%0D%0ASet-Cookie:%20x=1",
        "//evil.example/",
        "/%5Cevil.example/",
        "%5C%5Cevil.example/",
        "https://evil.example/",
        "/%00/evil.example",
        "/laporan%5C..%5C..",
    ];
    for ke in hostile {
        // Signed in: /masuk sends the reader on at once.
        let (status, text) = raw(
            addr,
            "GET",
            &format!("/masuk?ke={ke}"),
            &[("Cookie", &cookie)],
            b"",
        )
        .await;
        assert_eq!(status, 303, "{ke}: {text}");
        assert_eq!(location(&text), Some("/"), "{ke}");
        // Signed out: the form carries the target, cleaned.
        let (status, text) = raw(addr, "GET", &format!("/masuk?ke={ke}"), &[], b"").await;
        assert_eq!(status, 200, "{ke}");
        assert!(text.contains(r#"name="ke" value="/">"#), "{ke}: {text}");
        // Posted with the sign-in form: the same.
        let form = http(addr, "GET", "/masuk", "", None).await;
        let csrf_cookie = form.cookie("monev_csrf").unwrap();
        let token = form
            .body
            .split("name=\"csrf\" value=\"")
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap()
            .to_string();
        let body = format!("username=admin&password={PASSWORD}&csrf={token}&ke={ke}");
        let r = http(
            addr,
            "POST",
            "/masuk",
            &format!("monev_csrf={csrf_cookie}"),
            Some(&body),
        )
        .await;
        assert_eq!(r.status, 303, "{ke}: {}", r.body);
        assert_eq!(r.header("location"), Some("/"), "{ke}");
    }
    // A path on the site is kept, query and all.
    let (_, text) = raw(
        addr,
        "GET",
        "/masuk?ke=/laporan%3Flang%3Den",
        &[("Cookie", &cookie)],
        b"",
    )
    .await;
    assert_eq!(location(&text), Some("/laporan?lang=en"));
}

/// Issue 17: `HEAD` wherever `GET` is (load balancers probe
/// `HEAD /healthz`), under the same rule.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn head_is_answered_wherever_get_is() {
    let server = spawn(Settings::default()).await;
    let addr = server.addr;
    let (cookie, _) = login(addr, "evaluator", PASSWORD).await.unwrap();
    for (path, cookie, want) in [
        ("/healthz", "", 200),
        ("/static/monev.css", "", 200),
        ("/masuk", "", 200),
        ("/", "", 303),
        ("/", cookie.as_str(), 200),
        ("/laporan", cookie.as_str(), 200),
        ("/api/v1/evaluasi", "", 401),
        ("/tidak-ada", "", 404),
    ] {
        let (status, text) = raw(addr, "HEAD", path, &[("Cookie", cookie)], b"").await;
        assert_eq!(status, want, "HEAD {path}: {text}");
        let body = text.split_once("\r\n\r\n").map_or("", |(_, b)| b);
        assert!(body.is_empty(), "HEAD {path} sent a body");
    }
}

/// Issue 17: the API's errors are JSON of one shape; a bearer token wins
/// over a stale session cookie; pages with personal data and downloads are
/// not kept by caches; the public address never comes from `Host`.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn api_errors_bearer_tokens_caching_and_the_public_address() {
    let server = spawn(Settings::default()).await;
    let addr = server.addr;
    let store = server.store().await;
    let (_, token) = monev_web::issue_api_token(&store, "evaluator", "uji")
        .await
        .unwrap();
    let bearer = format!("Bearer {token}");
    for (path, headers, want) in [
        ("/api/v1/evaluasi", vec![], 401),
        ("/api/v1/tidak-ada", vec![], 404),
        (
            "/api/v1/evaluasi?program=TIDAK-ADA",
            vec![("Authorization", bearer.as_str())],
            404,
        ),
        (
            "/api/v1/evaluasi",
            vec![("Authorization", "Bearer salah")],
            401,
        ),
    ] {
        let (status, text) = raw(addr, "GET", path, &headers, b"").await;
        assert_eq!(status, want, "{path}: {text}");
        let (head, body) = text.split_once("\r\n\r\n").unwrap();
        assert!(
            head.to_lowercase()
                .contains("content-type: application/json"),
            "{path}: {head}"
        );
        let doc: serde_json::Value =
            serde_json::from_str(body).unwrap_or_else(|e| panic!("{path}: {e}: {body}"));
        assert_eq!(doc["error"]["status"], want, "{path}: {body}");
        assert!(
            doc["error"]["pesan"]
                .as_str()
                .is_some_and(|s| !s.is_empty()),
            "{body}"
        );
        assert!(
            doc["error"]["message"]
                .as_str()
                .is_some_and(|s| !s.is_empty()),
            "{body}"
        );
    }
    // A stale session cookie beside a valid bearer token: the token counts.
    let (status, _) = raw(
        addr,
        "GET",
        "/api/v1/evaluasi",
        &[
            ("Authorization", &bearer),
            ("Cookie", "monev_sesi=kedaluwarsa"),
        ],
        b"",
    )
    .await;
    assert_eq!(status, 200);

    // no-store on whatever needs a sign-in; static files may be cached.
    let (admin, _) = login(addr, "admin", PASSWORD).await.unwrap();
    for path in [
        "/asn",
        "/peserta",
        "/formulir/skm.csv",
        "/formulir/skm.xlsx",
        "/pengguna",
        "/audit",
        "/api/v1/evaluasi",
    ] {
        let r = http(addr, "GET", path, &admin, None).await;
        assert_eq!(r.status, 200, "{path}");
        assert_eq!(r.header("cache-control"), Some("no-store"), "{path}");
    }
    let css = http(addr, "GET", "/static/monev.css", "", None).await;
    assert_ne!(css.header("cache-control"), Some("no-store"));

    // QR codes and posters: never the request's Host.
    let code = form_link(&server, OWN).await;
    for path in [format!("/f/{code}/qr.svg"), format!("/f/{code}/poster")] {
        let (status, text) = raw(addr, "GET", &path, &[("Host", "evil.example")], b"").await;
        assert_eq!(status, 200, "{path}");
        assert!(
            !text.contains("evil.example/f/"),
            "{path} links to the Host header"
        );
        assert!(text.contains(&format!("http://{addr}/f/{code}")), "{path}");
    }
    // Without --public-url the links page says so.
    let (evaluator, _) = login(addr, "evaluator", PASSWORD).await.unwrap();
    let page = http(addr, "GET", "/formulir", &evaluator, None).await;
    assert!(
        page.body.contains("Alamat publik belum diatur"),
        "{}",
        page.body
    );
}

/// Issue 17: an account needs a printable name and an instansi that
/// exists; the web form offers the units held and no default role.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn accounts_need_a_name_and_a_real_instansi() {
    let server = spawn(Settings::default()).await;
    let addr = server.addr;
    let (admin, csrf) = login(addr, "admin", PASSWORD).await.unwrap();
    let list = http(addr, "GET", "/pengguna", &admin, None).await;
    // The page's template puts lines between tags.
    assert!(
        list.body.replace('\n', "").contains(
            r#"<select id="peran" name="peran" required><option value="" selected disabled>"#
        ),
        "{}",
        list.body
    );
    assert!(
        list.body.contains(&format!(r#"<option value="{OWN}">"#)),
        "{}",
        list.body
    );
    for (nama, instansi, why) in [
        ("", "", "an empty name"),
        ("%20%20", "", "a blank name"),
        ("Budi%07", "", "a control character"),
        ("Budi", "TIDAK-ADA", "an instansi that does not exist"),
    ] {
        let body = format!(
            "csrf={csrf}&username=baru&nama={nama}&peran=operator&instansi={instansi}&sandi=rahasia-panjang-1"
        );
        let r = http(addr, "POST", "/pengguna", &admin, Some(&body)).await;
        assert!((400..500).contains(&r.status), "{why}: {}", r.status);
        assert!(
            r.body.contains("<nav"),
            "{why}: the error page has the navigation"
        );
    }
    let store = server.store().await;
    assert!(
        store
            .users()
            .await
            .unwrap()
            .iter()
            .all(|(u, _)| u.username != "baru")
    );
    let body = format!(
        "csrf={csrf}&username=baru&nama=Budi&peran=operator&instansi={OWN}&sandi=rahasia-panjang-1"
    );
    assert_eq!(
        http(addr, "POST", "/pengguna", &admin, Some(&body))
            .await
            .status,
        303
    );
}

/// Issue 17: API tokens are listed and revoked by their owner or an admin,
/// and end with a password reset or a deactivation.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn api_tokens_are_listed_revoked_and_end_with_the_account() {
    let server = spawn(Settings::default()).await;
    let addr = server.addr;
    let store = server.store().await;
    let works = |token: String| async move {
        let (status, _) = raw(
            addr,
            "GET",
            "/api/v1/evaluasi",
            &[("Authorization", &format!("Bearer {token}"))],
            b"",
        )
        .await;
        status == 200
    };
    let (_, first) = monev_web::issue_api_token(&store, "evaluator", "dasbor provinsi")
        .await
        .unwrap();
    let (_, second) = monev_web::issue_api_token(&store, "evaluator", "<b>skrip</b>")
        .await
        .unwrap();
    let (_, admins) = monev_web::issue_api_token(&store, "admin", "cadangan")
        .await
        .unwrap();
    assert!(works(first.clone()).await && works(second.clone()).await);

    // The owner sees their own tokens (never the token itself), not others'.
    let (evaluator, csrf) = login(addr, "evaluator", PASSWORD).await.unwrap();
    let page = http(addr, "GET", "/token", &evaluator, None).await;
    assert_eq!(page.status, 200);
    // Escaped by the template (askama writes `<` as `&#60;`).
    assert!(
        page.body.contains("dasbor provinsi")
            && page.body.contains("&#60;b&#62;skrip")
            && !page.body.contains("<b>"),
        "{}",
        page.body
    );
    assert!(!page.body.contains("cadangan") && !page.body.contains(&first));
    let ids: Vec<String> = store
        .api_tokens(None)
        .await
        .unwrap()
        .into_iter()
        .map(|t| (t.nama, t.id))
        .filter(|(n, _)| n != "cadangan")
        .map(|(_, id)| id)
        .collect();
    assert_eq!(ids.len(), 2);
    let admin_id = store
        .api_tokens(None)
        .await
        .unwrap()
        .into_iter()
        .find(|t| t.nama == "cadangan")
        .unwrap()
        .id;
    // Not someone else's: 404, and it still works.
    let r = http(
        addr,
        "POST",
        &format!("/token/{admin_id}/hapus"),
        &evaluator,
        Some(&format!("csrf={csrf}")),
    )
    .await;
    assert_eq!(r.status, 404);
    assert!(works(admins.clone()).await);
    // Revoking needs the form's token.
    let r = http(
        addr,
        "POST",
        &format!("/token/{}/hapus", ids[0]),
        &evaluator,
        Some("csrf=salah"),
    )
    .await;
    assert_eq!(r.status, 403);
    let r = http(
        addr,
        "POST",
        &format!("/token/{}/hapus", ids[0]),
        &evaluator,
        Some(&format!("csrf={csrf}")),
    )
    .await;
    assert_eq!(r.status, 303);
    assert_eq!(store.api_tokens(None).await.unwrap().len(), 2);
    // The admin sees every account's and revokes any.
    let (admin, admin_csrf) = login(addr, "admin", PASSWORD).await.unwrap();
    let page = http(addr, "GET", "/token", &admin, None).await;
    assert!(page.body.contains("cadangan") && page.body.contains("evaluator"));
    let r = http(
        addr,
        "POST",
        &format!("/token/{admin_id}/hapus"),
        &admin,
        Some(&format!("csrf={admin_csrf}")),
    )
    .await;
    assert_eq!(r.status, 303);
    assert!(!works(admins).await);

    // A password reset ends the account's tokens; so does a deactivation.
    let remaining = if works(first.clone()).await {
        first
    } else {
        second
    };
    assert!(works(remaining.clone()).await);
    let evaluator_id = user_id(&store, "evaluator").await;
    let r = http(
        addr,
        "POST",
        &format!("/pengguna/{evaluator_id}/sandi"),
        &admin,
        Some(&format!("csrf={admin_csrf}&sandi=sandi-baru-yang-panjang")),
    )
    .await;
    assert_eq!(r.status, 303);
    assert!(!works(remaining).await, "a password reset ends the tokens");
    let (_, again) = monev_web::issue_api_token(&store, "evaluator", "lagi")
        .await
        .unwrap();
    assert!(works(again.clone()).await);
    store.set_active(evaluator_id, false).await.unwrap();
    store.set_active(evaluator_id, true).await.unwrap();
    assert!(!works(again).await, "deactivating ends the tokens for good");
    let revoked = store
        .audit_rows(100)
        .await
        .unwrap()
        .into_iter()
        .filter(|r| r.aksi == "cabut_token_api")
        .count();
    assert_eq!(revoked, 2, "each revocation in the audit log");
}

/// Issue 17: every error a person can reach is a page in the layout, in
/// Indonesian with the English in brackets, saying what was wrong.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn errors_are_pages_a_person_can_read() {
    let server = spawn(Settings::default()).await;
    let addr = server.addr;
    let (cookie, csrf) = login(addr, "admin", PASSWORD).await.unwrap();
    // A query that does not parse: the field named, in the layout.
    let r = http(addr, "GET", "/asn?halaman=abc", &cookie, None).await;
    assert_eq!(r.status, 400, "{}", r.body);
    assert!(
        r.header("content-type")
            .is_some_and(|c| c.starts_with("text/html"))
    );
    assert!(r.body.contains("<nav"), "the navigation: {}", r.body);
    assert!(
        r.body.contains("tidak dapat dibaca") && r.body.contains("halaman"),
        "{}",
        r.body
    );
    assert!(
        r.body.contains("lang=\"en\""),
        "the English in brackets: {}",
        r.body
    );
    no_debug_text(&r.body, "/asn?halaman=abc");
    // In English on request.
    let r = http(addr, "GET", "/asn?halaman=abc&lang=en", &cookie, None).await;
    assert!(r.body.contains("could not be read"), "{}", r.body);
    // A package whose CSV has a line of megabytes.
    let tmp = tempfile::tempdir().unwrap();
    let pkg =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../cli/tests/fixtures/paket-koma");
    for e in std::fs::read_dir(&pkg).unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), tmp.path().join(e.file_name())).unwrap();
    }
    let zip = zip_of(
        tmp.path(),
        Some((
            "instansi.csv",
            2,
            format!("X,{},kelurahan,intervensi", "y".repeat(3 << 20)),
        )),
    );
    let r = upload(addr, &cookie, &csrf, "paket.zip", &zip).await;
    assert!((400..500).contains(&r.status), "{}", r.status);
    assert!(
        r.body.contains("MiB") && r.body.contains("instansi.csv"),
        "{}",
        &r.body[..r.body.len().min(3000)]
    );
    no_debug_text(&r.body, "a package with a 3 MB line");
    // Not a zip at all: said once, in the layout.
    let r = upload(addr, &cookie, &csrf, "paket.zip", b"bukan zip").await;
    assert!((400..500).contains(&r.status), "{}", r.status);
    assert!(r.body.contains("<nav"), "{}", r.body);
    assert_eq!(
        r.body.matches("bukan berkas zip yang sah").count(),
        1,
        "{}",
        r.body
    );
    no_debug_text(&r.body, "not a zip");
}

/// Issue 17: a zip bomb uploaded as a package is refused from the sizes its
/// entries declare, before it is inflated: one sentence that says why, not
/// millions of "instansi tidak dikenal".
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_zip_bomb_upload_is_refused_in_one_sentence() {
    use std::io::Write;
    let server = spawn(Settings::default()).await;
    let addr = server.addr;
    let (cookie, csrf) = login(addr, "admin", PASSWORD).await.unwrap();
    let mut out = std::io::Cursor::new(Vec::new());
    let mut zip = zip::ZipWriter::new(&mut out);
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(9));
    zip.start_file("skm.csv", opts).unwrap();
    zip.write_all(b"instansi,tanggal,u1,u2,u3,u4,u5,u6,u7,u8,u9\n")
        .unwrap();
    let row = b"X,2025-02-01,3,3,4,4,3,3,2,3,4\n".repeat(32 * 1024);
    for _ in 0..(40 << 20) / row.len() {
        zip.write_all(&row).unwrap();
    }
    zip.finish().unwrap();
    let bytes = out.into_inner();
    assert!(bytes.len() < 1 << 20, "{} bytes", bytes.len());
    let r = upload(addr, &cookie, &csrf, "paket.zip", &bytes).await;
    assert!((400..500).contains(&r.status), "{}: {}", r.status, r.body);
    assert!(
        r.body.contains("zip bomb") && r.body.contains("skm.csv"),
        "{}",
        r.body
    );
    assert!(!r.body.contains("tidak dikenal"), "{}", r.body);
    no_debug_text(&r.body, "a zip bomb");
}
