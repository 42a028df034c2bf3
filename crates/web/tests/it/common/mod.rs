//! Shared by the integration tests: a real server on a random port with a
//! fresh database holding the reference package and one account per role,
//! and a minimal HTTP/1.1 client (one request per connection).
#![allow(dead_code)]

use std::path::Path;

use monev_store::{ImportOptions, Role, Store};
use monev_web::{App, Settings};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

pub const PASSWORD: &str = "rahasia-panjang-123";
pub const OWN: &str = "KEL-AMS";
pub const OTHER: &str = "KEL-BAN";

pub struct Server {
    pub addr: std::net::SocketAddr,
    db: monev_store::testing::TestDb,
}

impl Server {
    /// A second handle on the server's database.
    pub async fn store(&self) -> Store {
        Store::open(self.db.url()).await.unwrap()
    }
}

/// The PDF renderer the test servers are given. The web crate does not
/// build the typesetter (the CLI gives `App::with_pdf` Typst's renderer, and
/// `crates/cli/tests/it/serve.rs` downloads that real PDF through `monev
/// serve`); here the route must deliver exactly what its renderer wrote,
/// for the programme and language asked.
pub fn pdf_of(e: &monev_eval::Evaluasi, lang: monev_domain::Lang) -> Result<Vec<u8>, String> {
    Ok(format!("%PDF-uji {} {}", e.program.kode, lang.code()).into_bytes())
}

/// The monitoring report's PDF renderer the test servers are given.
pub fn monitoring_pdf_of(
    m: &monev_eval::monitoring::Monitoring,
    lang: monev_domain::Lang,
) -> Result<Vec<u8>, String> {
    Ok(format!("%PDF-uji {} {} {}", m.program.kode, m.periode, lang.code()).into_bytes())
}

pub async fn spawn(settings: Settings) -> Server {
    let db = monev_store::testing::TestDb::new().await;
    let store = Store::open(db.url()).await.unwrap();
    let pkg = Path::new(env!("CARGO_MANIFEST_DIR")).join("../cli/tests/fixtures/paket-koma");
    store.import(&pkg, ImportOptions::default()).await.unwrap();
    let hash = monev_web::hash_password(PASSWORD).unwrap();
    for role in Role::ALL {
        let instansi = (role == Role::Operator).then_some(OWN);
        store
            .create_user(role.code(), role.code(), role, instansi, &hash)
            .await
            .unwrap();
    }
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(monev_web::serve(
        listener,
        App::new(store, settings)
            .with_pdf(pdf_of)
            .with_monitoring_pdf(monitoring_pdf_of),
        std::future::pending(),
    ));
    Server { addr, db }
}

/// A second server on the same database, as a load balancer's other
/// backend: its own process state (caches), nothing else.
pub async fn spawn_beside(server: &Server, settings: Settings) -> std::net::SocketAddr {
    let store = Store::open(server.db.url()).await.unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(monev_web::serve(
        listener,
        App::new(store, settings)
            .with_pdf(pdf_of)
            .with_monitoring_pdf(monitoring_pdf_of),
        std::future::pending(),
    ));
    addr
}

pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Reply {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
    pub fn cookie(&self, name: &str) -> Option<String> {
        self.headers
            .iter()
            .filter(|(k, _)| k.eq_ignore_ascii_case("set-cookie"))
            .find_map(|(_, v)| {
                v.split(';')
                    .next()?
                    .strip_prefix(&format!("{name}="))
                    .map(str::to_string)
            })
    }
}

/// A minimal HTTP/1.1 client: one request per connection.
pub async fn http(
    addr: std::net::SocketAddr,
    method: &str,
    path: &str,
    cookie: &str,
    form: Option<&str>,
) -> Reply {
    let mut s = TcpStream::connect(addr).await.unwrap();
    let body = form.unwrap_or("");
    let mut req = format!("{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n");
    if !cookie.is_empty() {
        req.push_str(&format!("Cookie: {cookie}\r\n"));
    }
    if form.is_some() {
        req.push_str(&format!(
            "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n",
            body.len()
        ));
    }
    req.push_str("\r\n");
    req.push_str(body);
    s.write_all(req.as_bytes()).await.unwrap();
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).await.unwrap();
    reply(&raw)
}

/// A response read off the wire.
fn reply(raw: &[u8]) -> Reply {
    let text = String::from_utf8_lossy(raw).to_string();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let mut lines = head.lines();
    let status = lines
        .next()
        .unwrap()
        .split(' ')
        .nth(1)
        .unwrap()
        .parse()
        .unwrap();
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| {
            l.split_once(": ")
                .map(|(k, v)| (k.to_string(), v.to_string()))
        })
        .collect();
    let chunked = headers.iter().any(|(k, v)| {
        k.eq_ignore_ascii_case("transfer-encoding") && v.eq_ignore_ascii_case("chunked")
    });
    let body = if chunked {
        let start = raw
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .map_or(raw.len(), |p| p + 4);
        dechunk(&raw[start..])
    } else {
        body.to_string()
    };
    Reply {
        status,
        headers,
        body,
    }
}

/// A chunked body (a streamed download), joined; as any HTTP client does.
fn dechunk(mut raw: &[u8]) -> String {
    let mut out = Vec::new();
    while let Some(end) = raw.windows(2).position(|w| w == b"\r\n") {
        let size = std::str::from_utf8(&raw[..end])
            .ok()
            .and_then(|s| usize::from_str_radix(s.split(';').next().unwrap_or("").trim(), 16).ok())
            .unwrap_or(0);
        if size == 0 {
            break;
        }
        let start = end + 2;
        out.extend_from_slice(&raw[start..(start + size).min(raw.len())]);
        raw = &raw[(start + size + 2).min(raw.len())..];
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Posts the sign-in form as a browser would (the form's CSRF cookie and
/// token), with `carried` sent as the session cookie the browser already
/// holds ("" for none); the server's answer.
pub async fn post_sign_in(
    addr: std::net::SocketAddr,
    user: &str,
    password: &str,
    carried: &str,
) -> Reply {
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
    let body = format!("username={user}&password={password}&csrf={token}&ke=/");
    let mut cookie = format!("monev_csrf={csrf_cookie}");
    if !carried.is_empty() {
        cookie.push_str(&format!("; monev_sesi={carried}"));
    }
    http(addr, "POST", "/masuk", &cookie, Some(&body)).await
}

/// Signs in; returns the session cookie and its CSRF token.
pub async fn login(
    addr: std::net::SocketAddr,
    user: &str,
    password: &str,
) -> Option<(String, String)> {
    let r = post_sign_in(addr, user, password, "").await;
    let session = r.cookie("monev_sesi").filter(|v| !v.is_empty())?;
    let cookie = format!("monev_sesi={session}");
    // A page every account may open (an account limited to a region is
    // sent from the dashboard to its region's page).
    let page = http(addr, "GET", "/token", &cookie, None).await;
    let csrf = page
        .body
        .split("name=\"csrf\" value=\"")
        .nth(1)?
        .split('"')
        .next()?
        .to_string();
    Some((cookie, csrf))
}

pub fn zip_of(dir: &Path, edit: Option<(&str, usize, String)>) -> Vec<u8> {
    use std::io::Write;
    let mut out = std::io::Cursor::new(Vec::new());
    let mut zip = zip::ZipWriter::new(&mut out);
    for e in std::fs::read_dir(dir).unwrap() {
        let e = e.unwrap();
        let name = e.file_name().to_string_lossy().to_string();
        let mut text = std::fs::read_to_string(e.path()).unwrap();
        if let Some((file, line, replacement)) = &edit
            && *file == name
        {
            let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
            lines[line - 1] = replacement.clone();
            text = lines.join("\n") + "\n";
        }
        zip.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    }
    zip.finish().unwrap();
    out.into_inner()
}

pub async fn upload(
    addr: std::net::SocketAddr,
    cookie: &str,
    csrf: &str,
    name: &str,
    bytes: &[u8],
) -> Reply {
    upload_to(addr, "/impor", "berkas", cookie, csrf, name, bytes).await
}

/// A multipart upload of one file (field `field`) with the CSRF token.
pub async fn upload_to(
    addr: std::net::SocketAddr,
    path: &str,
    field: &str,
    cookie: &str,
    csrf: &str,
    name: &str,
    bytes: &[u8],
) -> Reply {
    multipart(
        addr,
        path,
        cookie,
        &[("csrf", csrf)],
        Some((field, name, bytes)),
    )
    .await
}

/// A multipart POST of text fields and, optionally, one file
/// (field, file name, bytes).
pub async fn multipart(
    addr: std::net::SocketAddr,
    path: &str,
    cookie: &str,
    fields: &[(&str, &str)],
    file: Option<(&str, &str, &[u8])>,
) -> Reply {
    let boundary = "----monevtestboundary";
    let mut body = Vec::new();
    for (k, v) in fields {
        body.extend(
            format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n")
                .as_bytes(),
        );
    }
    if let Some((field, name, bytes)) = file {
        body.extend(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"{field}\"; filename=\"{name}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
            )
            .as_bytes(),
        );
        body.extend(bytes);
        body.extend(b"\r\n");
    }
    body.extend(format!("--{boundary}--\r\n").as_bytes());
    let mut s = TcpStream::connect(addr).await.unwrap();
    let head = format!(
        "POST {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nCookie: {cookie}\r\nContent-Type: multipart/form-data; boundary={boundary}\r\nContent-Length: {}\r\n\r\n",
        body.len()
    );
    s.write_all(head.as_bytes()).await.unwrap();
    s.write_all(&body).await.unwrap();
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).await.unwrap();
    reply(&raw)
}

/// The public SKM form link of an instansi (created on first ask).
pub async fn form_link(server: &Server, instansi: &str) -> String {
    let mut n = 0;
    let links = server
        .store()
        .await
        .form_links("ASN-AMPENAN-2025", "skm", || {
            n += 1;
            format!("UJI{n:05}")
        })
        .await
        .unwrap();
    links
        .into_iter()
        .find(|l| l.instansi == instansi)
        .expect("a link per instansi")
        .kode
}

/// GET returning the raw body bytes (for binary downloads).
pub async fn http_bytes(addr: std::net::SocketAddr, path: &str, cookie: &str) -> Vec<u8> {
    let mut s = TcpStream::connect(addr).await.unwrap();
    let req = format!(
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nCookie: {cookie}\r\n\r\n"
    );
    s.write_all(req.as_bytes()).await.unwrap();
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).await.unwrap();
    let end = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("a header");
    let head = String::from_utf8_lossy(&raw[..end]).to_lowercase();
    assert!(
        !head.contains("transfer-encoding: chunked"),
        "expected a sized body"
    );
    raw[end + 4..].to_vec()
}

/// A fresh one-time token for a questionnaire, for an ASN of the own
/// instansi (`n` keeps tokens of one test apart).
pub async fn survey_token_n(server: &Server, instrumen: &str, n: usize) -> String {
    let store = server.store().await;
    let data = store.load_program("ASN-AMPENAN-2025").await.unwrap();
    let asn = data
        .asn
        .iter()
        .filter(|a| a.instansi == OWN)
        .nth(n)
        .unwrap();
    let raw = format!("UJI{}{n}TOKEN", instrumen.to_uppercase());
    store
        .create_survey_tokens(
            "ASN-AMPENAN-2025",
            instrumen,
            &[monev_store::NewToken {
                token_hash: monev_web::token_hash(&raw),
                nip: asn.nip.to_string(),
                pelatihan: data.pelatihan.first().map(|p| p.kode.clone()),
                penilai: (instrumen == "kinerja").then(|| "atasan".to_string()),
            }],
        )
        .await
        .unwrap();
    raw
}

pub async fn survey_token(server: &Server, instrumen: &str) -> String {
    survey_token_n(server, instrumen, 0).await
}

/// A transcript the coding tests work on: an ASN of the operator's unit,
/// with a name and a phone number in it, as real transcripts have.
pub const TRANSKRIP: &str = "P: Bagaimana pelatihan kemarin?\nJ: Setelah modul komunikasi, saya lebih sabar menjelaskan persyaratan kepada warga. Modul literasi digital kurang sesuai dengan tugas saya di loket. Antrean sekarang lebih pendek, kata Pak Rahmat (0812-3765-4410).\nP: Terima kasih.";

/// Adds interview `kode` (consent given) to the reference programme.
pub async fn interview(server: &Server, kode: &str) {
    server
        .store()
        .await
        .add_interview(
            Some("ASN-AMPENAN-2025"),
            &monev_domain::Wawancara {
                kode: kode.to_string(),
                tanggal: monev_domain::Date::parse("2025-09-01").unwrap(),
                pewawancara: "Baiq Nurul Aini".into(),
                kelompok: monev_domain::KelompokResponden::AsnPeserta,
                instansi: OWN.into(),
                persetujuan: true,
                transkrip: TRANSKRIP.into(),
            },
        )
        .await
        .unwrap();
}

/// Percent-encodes a form value.
pub fn enc(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// An `application/x-www-form-urlencoded` body.
pub fn form(fields: &[(&str, &str)]) -> String {
    fields
        .iter()
        .map(|(k, v)| format!("{}={}", enc(k), enc(v)))
        .collect::<Vec<_>>()
        .join("&")
}

/// A request with the given headers and raw body (one per connection).
pub async fn http_raw(
    addr: std::net::SocketAddr,
    method: &str,
    path: &str,
    headers: &[(&str, String)],
    body: &[u8],
) -> Reply {
    let mut s = TcpStream::connect(addr).await.unwrap();
    let mut req = format!("{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n");
    for (k, v) in headers {
        req.push_str(&format!("{k}: {v}\r\n"));
    }
    if !body.is_empty() || method == "POST" {
        req.push_str(&format!("Content-Length: {}\r\n", body.len()));
    }
    req.push_str("\r\n");
    let mut bytes = req.into_bytes();
    bytes.extend_from_slice(body);
    // A server may refuse a large body before reading it all: what it
    // answered counts, not the broken pipe.
    let _ = s.write_all(&bytes).await;
    let mut raw = Vec::new();
    let _ = s.read_to_end(&mut raw).await;
    reply(&raw)
}

/// The id of the account `username`.
pub async fn user_id(store: &Store, username: &str) -> i64 {
    store
        .users()
        .await
        .unwrap()
        .into_iter()
        .find(|(u, _)| u.username == username)
        .unwrap()
        .0
        .id
}
