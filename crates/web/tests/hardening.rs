//! Hostile input against the real server: no session survives a sign-in
//! (session fixation), and malformed bodies, oversized fields, wrong
//! content types and invalid UTF-8 sent to every route get a clear 4xx,
//! never a 5xx, a panic or a dead server.

mod common;

use common::*;
use monev_web::{ROUTES, Settings};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

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
    for spec in ROUTES {
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
            checked += 1;
        }
    }
    assert!(checked > ROUTES.len() * 3, "{checked}");
    // And the server is still there.
    assert_eq!(http(addr, "GET", "/healthz", "", None).await.status, 200);
}
