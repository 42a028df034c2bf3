//! `monev serve` as it is run: the web crate does not build the typesetter,
//! the CLI gives the server Typst's PDF renderer (`App::with_pdf`). Signed in
//! as an evaluator, the report downloads as a real PDF whose text is the
//! report's, in the language asked; an operator may not download it.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const PASSWORD: &str = "rahasia-panjang-123";

struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn monev(args: &[&str]) {
    let out = Command::new(env!("CARGO_BIN_EXE_monev"))
        .args(args)
        .env("MONEV_PASSWORD", PASSWORD)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "monev {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// One request on its own connection: status, headers (lower-case names)
/// and the body's bytes.
fn request(
    addr: SocketAddr,
    method: &str,
    path: &str,
    cookie: &str,
    body: &str,
) -> (u16, Vec<(String, String)>, Vec<u8>) {
    let mut c = TcpStream::connect_timeout(&addr, Duration::from_secs(2)).unwrap();
    c.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
    write!(
        c,
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nCookie: {cookie}\r\n\
         Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    let mut raw = Vec::new();
    c.read_to_end(&mut raw).unwrap();
    let end = raw.windows(4).position(|w| w == b"\r\n\r\n").unwrap();
    let head = String::from_utf8_lossy(&raw[..end]).into_owned();
    let mut lines = head.split("\r\n");
    let status = lines
        .next()
        .unwrap()
        .split(' ')
        .nth(1)
        .unwrap()
        .parse()
        .unwrap();
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_lowercase(), v.trim().to_string()))
        .collect::<Vec<_>>();
    assert!(
        !headers
            .iter()
            .any(|(k, v)| k == "transfer-encoding" && v == "chunked"),
        "{path}: a sized body"
    );
    (status, headers, raw[end + 4..].to_vec())
}

fn cookie(headers: &[(String, String)], name: &str) -> Option<String> {
    headers
        .iter()
        .filter(|(k, _)| k == "set-cookie")
        .find_map(|(_, v)| v.strip_prefix(&format!("{name}=")))
        .map(|v| v.split(';').next().unwrap_or("").to_string())
}

fn sign_in(addr: SocketAddr, user: &str) -> String {
    let (_, headers, body) = request(addr, "GET", "/masuk", "", "");
    let csrf_cookie = cookie(&headers, "monev_csrf").unwrap();
    let body = String::from_utf8(body).unwrap();
    let token = body
        .split("name=\"csrf\" value=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap();
    let (status, headers, _) = request(
        addr,
        "POST",
        "/masuk",
        &format!("monev_csrf={csrf_cookie}"),
        &format!("username={user}&password={PASSWORD}&csrf={token}&ke=/"),
    );
    assert_eq!(status, 303, "{user} signs in");
    format!("monev_sesi={}", cookie(&headers, "monev_sesi").unwrap())
}

#[test]
fn the_server_run_from_the_cli_typesets_the_report_as_pdf() {
    let test_db = monev_store::testing::TestDb::blocking();
    let db = test_db.url().to_string();
    let paket = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/paket-koma");
    monev(&["import", paket.to_str().unwrap(), "--db", &db]);
    monev(&["user", "add", "eva", "--role", "evaluator", "--db", &db]);
    let operator = ["user", "add", "ops", "--role", "operator", "--instansi"];
    monev(&[&operator[..], &["KEL-AMS", "--db", &db]].concat());

    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let addr: SocketAddr = format!("127.0.0.1:{port}").parse().unwrap();
    let _server = Server(
        Command::new(env!("CARGO_BIN_EXE_monev"))
            .args(["serve", "--addr", &addr.to_string(), "--db", &db])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap(),
    );
    let started = Instant::now();
    while TcpStream::connect(addr).is_err() {
        assert!(started.elapsed() < Duration::from_secs(30), "server start");
        std::thread::sleep(Duration::from_millis(50));
    }

    let eva = sign_in(addr, "eva");
    let (_, _, page) = request(addr, "GET", "/laporan", &eva, "");
    assert!(
        String::from_utf8(page)
            .unwrap()
            .contains(r#"href="/laporan/laporan.pdf?lang=id">PDF</a>"#)
    );
    for (lang, heading) in [("id", "Ringkasan Eksekutif"), ("en", "Executive Summary")] {
        let (status, headers, pdf) = request(
            addr,
            "GET",
            &format!("/laporan/laporan.pdf?lang={lang}"),
            &eva,
            "",
        );
        assert_eq!(status, 200, "{}", String::from_utf8_lossy(&pdf));
        assert!(headers.contains(&("content-type".into(), "application/pdf".into())));
        assert!(pdf.starts_with(b"%PDF-"));
        let text = monev_dokumen::extract("laporan.pdf", &pdf).unwrap();
        assert!(text.halaman > 10, "{lang}: {} pages", text.halaman);
        assert!(text.teks.contains(heading), "{lang}");
        assert!(text.teks.contains("Kecamatan Ampenan"), "{lang}");
    }
    let ops = sign_in(addr, "ops");
    let (status, _, _) = request(addr, "GET", "/laporan/laporan.pdf", &ops, "");
    assert_eq!(status, 403);
}
