//! The real server on a random port with a fresh database: every route ×
//! every role (and no session) × own and other instansi gets the status its
//! rule says; sign-in, CSRF, throttling and timeouts behave.

use std::path::Path;

use monev_store::{ImportOptions, Role, Store};
use monev_web::{Access, App, ROUTES, RouteSpec, Settings};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

const PASSWORD: &str = "rahasia-panjang-123";
const OWN: &str = "KEL-AMS";
const OTHER: &str = "KEL-BAN";

struct Server {
    addr: std::net::SocketAddr,
    _tmp: tempfile::TempDir,
}

async fn spawn(settings: Settings) -> Server {
    let tmp = tempfile::tempdir().unwrap();
    let db = tmp.path().join("m.db");
    let store = Store::open(db.to_str().unwrap()).await.unwrap();
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
        App::new(store, settings),
        std::future::pending(),
    ));
    Server { addr, _tmp: tmp }
}

struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
}

impl Reply {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
    fn cookie(&self, name: &str) -> Option<String> {
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
async fn http(
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
    let text = String::from_utf8_lossy(&raw).to_string();
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
    let headers = lines
        .filter_map(|l| {
            l.split_once(": ")
                .map(|(k, v)| (k.to_string(), v.to_string()))
        })
        .collect();
    Reply {
        status,
        headers,
        body: body.to_string(),
    }
}

/// Signs in; returns the session cookie and its CSRF token.
async fn login(addr: std::net::SocketAddr, user: &str, password: &str) -> Option<(String, String)> {
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
    let r = http(
        addr,
        "POST",
        "/masuk",
        &format!("monev_csrf={csrf_cookie}"),
        Some(&body),
    )
    .await;
    let session = r.cookie("monev_sesi").filter(|v| !v.is_empty())?;
    let cookie = format!("monev_sesi={session}");
    let page = http(addr, "GET", "/", &cookie, None).await;
    let csrf = page
        .body
        .split("name=\"csrf\" value=\"")
        .nth(1)?
        .split('"')
        .next()?
        .to_string();
    Some((cookie, csrf))
}

/// What a request must get: an exact status, or just "let through" (the
/// rule passed; what the handler then says about the request body is
/// tested elsewhere).
#[derive(Debug, PartialEq)]
enum Want {
    Exactly(u16),
    LetThrough,
}

fn expected(spec: &RouteSpec, role: Option<Role>, own: bool) -> Want {
    let api = spec.path.starts_with("/api/");
    match (spec.access, role) {
        (Access::Public, _) if spec.method == "POST" => Want::Exactly(403), // the sign-in form without its token
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
    let mut actors: Vec<(Option<Role>, String, String)> =
        vec![(None, String::new(), String::new())];
    for role in Role::ALL {
        let (cookie, csrf) = login(addr, role.code(), PASSWORD).await.expect("sign in");
        actors.push((Some(role), cookie, csrf));
    }
    let mut checked = 0;
    for spec in ROUTES {
        for (role, cookie, csrf) in &actors {
            for own in [true, false] {
                if !spec.scoped && !own {
                    continue;
                }
                let path = spec.path.replace("{kode}", if own { OWN } else { OTHER });
                let (cookie, csrf) = if spec.method == "POST" && role.is_some() {
                    // Signing out ends the session: use a fresh one.
                    login(addr, role.unwrap().code(), PASSWORD).await.unwrap()
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
                match expected(spec, *role, own) {
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
                assert!(
                    r.header("content-security-policy")
                        .is_some_and(|c| c.contains("frame-ancestors 'none'"))
                );
                checked += 1;
            }
        }
    }
    assert!(checked >= ROUTES.len() * 6);
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

fn zip_of(dir: &Path, edit: Option<(&str, usize, String)>) -> Vec<u8> {
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

async fn upload(
    addr: std::net::SocketAddr,
    cookie: &str,
    csrf: &str,
    name: &str,
    bytes: &[u8],
) -> Reply {
    let boundary = "----monevtestboundary";
    let mut body = Vec::new();
    body.extend(
        format!("--{boundary}\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{csrf}\r\n")
            .as_bytes(),
    );
    body.extend(
        format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"berkas\"; filename=\"{name}\"\r\nContent-Type: application/zip\r\n\r\n"
        )
        .as_bytes(),
    );
    body.extend(bytes);
    body.extend(format!("\r\n--{boundary}--\r\n").as_bytes());
    let mut s = TcpStream::connect(addr).await.unwrap();
    let head = format!(
        "POST /impor HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nCookie: {cookie}\r\nContent-Type: multipart/form-data; boundary={boundary}\r\nContent-Length: {}\r\n\r\n",
        body.len()
    );
    s.write_all(head.as_bytes()).await.unwrap();
    s.write_all(&body).await.unwrap();
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).await.unwrap();
    let text = String::from_utf8_lossy(&raw).to_string();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let status = head
        .lines()
        .next()
        .unwrap()
        .split(' ')
        .nth(1)
        .unwrap()
        .parse()
        .unwrap();
    Reply {
        status,
        headers: Vec::new(),
        body: body.to_string(),
    }
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
    let id = r
        .body
        .split("name=\"berkas\" value=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_string();
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
