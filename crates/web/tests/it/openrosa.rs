//! monev as an OpenRosa server, driven the way ODK Collect drives it: the
//! form list behind a Digest challenge, the XForm download checked against
//! the list's `md5:` hash, `HEAD /submission` for the size limit, a
//! multipart submission of an instance built from the served XForm, the
//! same instance again (202), a form-version mismatch and a wrong answer
//! (located errors in OpenRosa's XML), an oversized body, a replayed
//! request; the answers then count in the evaluation. javarosa, the form
//! engine of ODK Collect, fills a served form through its own form-entry API
//! (`reference/javarosa/FillForm.java`) and monev keeps what it writes. The
//! device page's settings QR code is decoded (base64, zlib, JSON) and every
//! served XForm goes through ODK Validate.

#[path = "../../../survey/tests/support/odk_validate.rs"]
mod odk_validate;

use crate::common;

use common::*;
use md5::Digest as _;
use monev_store::Role;
use monev_web::Settings;
use serde_json::Value;

fn md5_hex(bytes: &[u8]) -> String {
    md5::Md5::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// ODK Collect as the protocol has it: `X-OpenRosa-Version` on every
/// request; a 401's Digest challenge answered (`qop=auth`), and the nonce
/// then sent ahead with each request, counted.
struct Collect {
    addr: std::net::SocketAddr,
    username: String,
    password: String,
    nonce: Option<String>,
    nc: u32,
}

impl Collect {
    fn new(addr: std::net::SocketAddr, username: &str, password: &str) -> Collect {
        Collect {
            addr,
            username: username.into(),
            password: password.into(),
            nonce: None,
            nc: 0,
        }
    }

    fn authorization(&mut self, method: &str, uri: &str) -> Option<String> {
        let nonce = self.nonce.clone()?;
        self.nc += 1;
        let nc = format!("{:08x}", self.nc);
        let cnonce = format!("c0ffee{:04x}", self.nc);
        let ha1 = md5_hex(format!("{}:monev:{}", self.username, self.password).as_bytes());
        let ha2 = md5_hex(format!("{method}:{uri}").as_bytes());
        let response = md5_hex(format!("{ha1}:{nonce}:{nc}:{cnonce}:auth:{ha2}").as_bytes());
        Some(format!(
            r#"Digest username="{}", realm="monev", nonce="{nonce}", uri="{uri}", response="{response}", qop=auth, nc={nc}, cnonce="{cnonce}", algorithm=MD5, opaque="monev""#,
            self.username
        ))
    }

    /// Sends a request; on a challenge, answers it once.
    async fn send(
        &mut self,
        method: &str,
        path: &str,
        extra: &[(&str, String)],
        body: &[u8],
    ) -> Reply {
        let mut last = None;
        for _ in 0..2 {
            let mut headers = vec![
                ("X-OpenRosa-Version", "1.0".to_string()),
                (
                    "User-Agent",
                    "org.odk.collect.android/v2024.3.5".to_string(),
                ),
            ];
            headers.extend(extra.iter().cloned());
            if let Some(a) = self.authorization(method, path) {
                headers.push(("Authorization", a));
            }
            let r = http_raw(self.addr, method, path, &headers, body).await;
            if r.status == 401 {
                let stale_or_first = self.nonce.is_none()
                    || r.header("www-authenticate")
                        .is_some_and(|h| h.contains("stale=true"));
                self.nonce = nonce_of(&r);
                self.nc = 0;
                last = Some(r);
                if stale_or_first {
                    continue;
                }
                break;
            }
            return r;
        }
        last.unwrap()
    }

    async fn get(&mut self, path: &str) -> Reply {
        self.send("GET", path, &[], b"").await
    }

    async fn submit(&mut self, xml: &str) -> Reply {
        let (kind, body) = multipart_instance(xml);
        self.send("POST", "/odk/submission", &[("Content-Type", kind)], &body)
            .await
    }
}

fn nonce_of(r: &Reply) -> Option<String> {
    Some(
        r.header("www-authenticate")?
            .split("nonce=\"")
            .nth(1)?
            .split('"')
            .next()?
            .to_string(),
    )
}

/// The body Collect posts: the instance as the part `xml_submission_file`.
fn multipart_instance(xml: &str) -> (String, Vec<u8>) {
    let b = "----odkCollectBoundary7e3a";
    let body = format!(
        "--{b}\r\nContent-Disposition: form-data; name=\"xml_submission_file\"; filename=\"instance.xml\"\r\nContent-Type: text/xml\r\n\r\n{xml}\r\n--{b}--\r\n"
    );
    (
        format!("multipart/form-data; boundary={b}"),
        body.into_bytes(),
    )
}

/// A filled instance of a served XForm, as Collect saves it: the primary
/// instance's elements with `answers` filled in, the values the form
/// carries kept, `meta/instanceID` and `meta/timeStart` set.
fn instance_of(xform: &str, answers: &[(&str, &str)], uuid: &str, version: Option<&str>) -> String {
    let doc = roxmltree::Document::parse(xform).unwrap();
    let primary = doc
        .descendants()
        .find(|n| n.tag_name().name() == "instance" && n.attribute("id").is_none())
        .unwrap();
    let root = primary.children().find(|n| n.is_element()).unwrap();
    fn write(n: roxmltree::Node, answers: &[(&str, &str)], uuid: &str, out: &mut String) {
        let name = n.tag_name().name();
        let children: Vec<_> = n.children().filter(|c| c.is_element()).collect();
        if children.is_empty() {
            let value = match name {
                "instanceID" => format!("uuid:{uuid}"),
                "timeStart" => "2026-12-05T09:30:00.000+08:00".to_string(),
                _ => answers.iter().find(|(k, _)| *k == name).map_or_else(
                    || n.text().unwrap_or("").to_string(),
                    |(_, v)| v.to_string(),
                ),
            };
            out.push_str(&format!("<{name}>{value}</{name}>"));
        } else {
            out.push_str(&format!("<{name}>"));
            for c in children {
                write(c, answers, uuid, out);
            }
            out.push_str(&format!("</{name}>"));
        }
    }
    let mut out = format!(
        "<?xml version='1.0' ?><data xmlns:jr=\"http://openrosa.org/javarosa\" xmlns:orx=\"http://openrosa.org/xforms\" id=\"{}\" version=\"{}\">",
        root.attribute("id").unwrap(),
        version.unwrap_or(root.attribute("version").unwrap_or(""))
    );
    for c in root.children().filter(|c| c.is_element()) {
        write(c, answers, uuid, &mut out);
    }
    out.push_str("</data>");
    out
}

/// (formID, version, hash, downloadUrl) of each form in a form list.
fn listed(body: &str) -> Vec<(String, String, String, String)> {
    let doc = roxmltree::Document::parse(body).unwrap();
    assert_eq!(
        doc.root_element().tag_name().namespace(),
        Some("http://openrosa.org/xforms/xformsList")
    );
    doc.descendants()
        .filter(|n| n.tag_name().name() == "xform")
        .map(|x| {
            let get = |tag: &str| {
                x.children()
                    .find(|c| c.tag_name().name() == tag)
                    .and_then(|c| c.text())
                    .unwrap_or("")
                    .to_string()
            };
            (
                get("formID"),
                get("version"),
                get("hash"),
                get("downloadUrl"),
            )
        })
        .collect()
}

fn path_of(url: &str) -> String {
    let rest = url.split_once("://").unwrap().1;
    rest[rest.find('/').unwrap()..].to_string()
}

const SKM_ANSWERS: [(&str, &str); 14] = [
    ("jenis_layanan", "KTP elektronik"),
    ("jenis_kelamin", "P"),
    ("usia", "41"),
    ("pendidikan", "SMA"),
    ("pekerjaan", "Wirausaha"),
    ("u1", "4"),
    ("u2", "3"),
    ("u3", "4"),
    ("u4", "4"),
    ("u5", "3"),
    ("u6", "4"),
    ("u7", "4"),
    ("u8", "3"),
    ("u9", "4"),
];

/// n of the instansi's SKM questionnaires after the intervention, from the API.
async fn n_after(addr: std::net::SocketAddr, cookie: &str, instansi: &str) -> u64 {
    let r = http(addr, "GET", "/api/v1/evaluasi", cookie, None).await;
    let doc: Value = serde_json::from_str(&r.body).unwrap();
    doc["skm"]["per_instansi"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["instansi"] == instansi && g["fase"] == "sesudah")
        .unwrap()["n"]
        .as_u64()
        .unwrap()
}

/// Gives `username` the device password `password` (as an admin's
/// "set up a phone" would) and a Collect client that uses it.
async fn device(server: &Server, username: &str, password: &str) -> Collect {
    let store = server.store().await;
    let id = user_id(&store, username).await;
    store
        .set_device_secret(id, Some(&monev_web::device_hash(username, password)))
        .await
        .unwrap();
    Collect::new(server.addr, username, password)
}

/// A field account bound to `OWN`, and its device password made on its
/// own device page (shown there once).
async fn field_account(server: &Server) -> (String, String) {
    let store = server.store().await;
    let hash = monev_web::hash_password(PASSWORD).unwrap();
    store
        .create_user(
            "petugas",
            "Petugas Ampenan Selatan",
            Role::Enumerator,
            Some(OWN),
            &hash,
        )
        .await
        .unwrap();
    let (cookie, csrf) = login(server.addr, "petugas", PASSWORD).await.unwrap();
    let page = http(server.addr, "GET", "/perangkat", &cookie, None).await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("belum dibuat"), "no device password yet");
    let made = http(
        server.addr,
        "POST",
        "/perangkat",
        &cookie,
        Some(&format!("csrf={csrf}")),
    )
    .await;
    assert_eq!(made.status, 200, "{}", made.body);
    let password = made
        .body
        .split("id=\"sandi-perangkat\">")
        .nth(1)
        .unwrap()
        .split('<')
        .next()
        .unwrap()
        .to_string();
    // Shown once: the page does not show it again.
    let again = http(server.addr, "GET", "/perangkat", &cookie, None).await;
    assert!(!again.body.contains(&password) && again.body.contains("sudah dibuat"));
    (cookie, password)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn odk_collect_lists_downloads_and_submits_and_the_answers_count() {
    let server = spawn(Settings::default()).await;
    let addr = server.addr;
    let (field_cookie, password) = field_account(&server).await;
    let (evaluator, _) = login(addr, "evaluator", PASSWORD).await.unwrap();

    // No credentials: a Digest challenge, in OpenRosa's XML.
    let bare = http_raw(addr, "GET", "/odk/formList", &[], b"").await;
    assert_eq!(bare.status, 401);
    let challenge = bare.header("www-authenticate").unwrap();
    assert!(
        challenge.starts_with("Digest ")
            && challenge.contains("realm=\"monev\"")
            && challenge.contains("qop=\"auth\""),
        "{challenge}"
    );
    assert_eq!(bare.header("x-openrosa-version"), Some("1.0"));
    assert!(bare.body.contains("<OpenRosaResponse"), "{}", bare.body);
    // A session cookie is not a device's credential.
    let cookie_only = http(addr, "GET", "/odk/formList", &field_cookie, None).await;
    assert_eq!(cookie_only.status, 401);

    let mut collect = Collect::new(addr, "petugas", &password);
    let list = collect.get("/odk/formList").await;
    assert_eq!(list.status, 200, "{}", list.body);
    assert_eq!(list.header("x-openrosa-version"), Some("1.0"));
    let forms = listed(&list.body);
    // Bound to one unit: that unit's SKM form only.
    assert_eq!(forms.len(), 1, "{}", list.body);
    let (form_id, version, hash, url) = forms[0].clone();
    assert!(form_id.starts_with("skm-"), "{form_id}");
    assert!(
        list.body.contains("Kantor Lurah Ampenan Selatan"),
        "{}",
        list.body
    );

    let download = collect.get(&path_of(&url)).await;
    assert_eq!(download.status, 200);
    assert!(
        download
            .header("content-type")
            .unwrap()
            .starts_with("text/xml")
    );
    assert_eq!(hash, format!("md5:{}", md5_hex(download.body.as_bytes())));
    let xform = download.body.clone();
    assert!(xform.contains(&format!("version=\"{version}\"")));
    // The unit travels in the instance, with no control to change it.
    assert!(
        xform.contains(&format!("<instansi>{OWN}</instansi>")),
        "{xform}"
    );
    assert!(!xform.contains("ref=\"/data/instansi\""));

    let probe = collect.send("HEAD", "/odk/submission", &[], b"").await;
    assert_eq!(probe.status, 204);
    assert_eq!(
        probe.header("x-openrosa-accept-content-length"),
        Some("4194304")
    );

    let before = n_after(addr, &evaluator, OWN).await;
    let uuid = "5f0c3a51-2b7e-4c1d-9a8e-0d6f1b2c3e4f";
    let instance = instance_of(&xform, &SKM_ANSWERS, uuid, None);
    let sent = collect.submit(&instance).await;
    assert_eq!(sent.status, 201, "{}", sent.body);
    assert!(sent.body.contains("OpenRosaResponse") && sent.body.contains("submit_success"));
    // A flaky connection sends it again: kept once.
    let again = collect.submit(&instance).await;
    assert_eq!(again.status, 202, "{}", again.body);
    assert_eq!(n_after(addr, &evaluator, OWN).await, before + 1);
    let export = http(addr, "GET", "/formulir/skm.csv", &evaluator, None).await;
    let row = export
        .body
        .lines()
        .find(|l| l.contains(uuid))
        .expect("exported");
    let row: Vec<&str> = row.split(';').map(|c| c.trim_matches('"')).collect();
    // The link's unit, the day the form was opened (WITA), not yet
    // reviewed, and its source.
    assert_eq!(
        (row[0], row[17], row[18], row[19]),
        (OWN, "2026-12-05", "", "odk"),
        "{row:?}"
    );

    // A phone holding last week's form: refused, naming both versions.
    let old = instance_of(
        &xform,
        &SKM_ANSWERS,
        "6a1d4b62-3c8f-4d2e-8b9f-1e7a2c3d4f50",
        Some("lama"),
    );
    let r = collect.submit(&old).await;
    assert_eq!(r.status, 409, "{}", r.body);
    assert!(
        r.body.contains("'lama'") && r.body.contains(&version) && r.body.contains("Get Blank Form"),
        "{}",
        r.body
    );
    // A wrong answer: the element, its line and column, the value, the reason.
    let mut wrong: Vec<(&str, &str)> = SKM_ANSWERS.to_vec();
    wrong[7] = ("u3", "7");
    let r = collect
        .submit(&instance_of(
            &xform,
            &wrong,
            "7b2e5c73-4d90-4e3f-9ca0-2f8b3d4e5061",
            None,
        ))
        .await;
    assert_eq!(r.status, 400, "{}", r.body);
    assert!(
        r.body.contains("/data/u3 '7'") && r.body.contains("baris 1, kolom"),
        "{}",
        r.body
    );
    // A question the form does not have.
    let extra = instance_of(
        &xform,
        &SKM_ANSWERS,
        "8c3f6d84-5ea1-4f40-8db1-3a9c4e5f6172",
        None,
    )
    .replace("</data>", "<nik>5271012345678901</nik></data>");
    let r = collect.submit(&extra).await;
    assert_eq!(r.status, 400);
    assert!(
        r.body.contains("/data/nik") && r.body.contains("tidak ada di formulir"),
        "{}",
        r.body
    );
    // Not XML at all.
    let r = collect.submit("<data id=\"x\"><u1>4</data>").await;
    assert_eq!(r.status, 400);
    assert!(r.body.contains("baris 1, kolom"), "{}", r.body);
    // Larger than the limit Collect was told.
    let big = format!("{instance}{}", " ".repeat(4 * 1024 * 1024 + 10));
    let r = collect.submit(&big).await;
    assert_eq!(r.status, 413, "{}", r.body);
    assert!(r.body.contains("OpenRosaResponse"), "{}", r.body);
    // Without OpenRosa's header (a browser's cross-site form cannot add it).
    let (kind, body) = multipart_instance(&instance);
    let auth = collect.authorization("POST", "/odk/submission").unwrap();
    let r = http_raw(
        addr,
        "POST",
        "/odk/submission",
        &[
            ("Content-Type", kind.clone()),
            ("Authorization", auth.clone()),
        ],
        &body,
    )
    .await;
    assert_eq!(r.status, 400, "{}", r.body);
    assert!(r.body.contains("X-OpenRosa-Version"));
    // The same request replayed (same nonce and count): refused.
    let replay = http_raw(
        addr,
        "POST",
        "/odk/submission",
        &[
            ("Content-Type", kind),
            ("Authorization", auth),
            ("X-OpenRosa-Version", "1.0".into()),
        ],
        &body,
    )
    .await;
    assert_eq!(replay.status, 401);

    // A wrong password, and another unit's form.
    let mut stranger = Collect::new(addr, "petugas", "bukan-sandinya");
    assert_eq!(stranger.get("/odk/formList").await.status, 401);
    assert!(
        server
            .store()
            .await
            .device_user("admin")
            .await
            .unwrap()
            .is_none(),
        "no device password until one is made"
    );
    let mut admin_collect = device(&server, "admin", "sandi-admin-panjang").await;
    let every = listed(&admin_collect.get("/odk/formList").await.body);
    assert!(every.len() >= 2, "an admin collects for every unit");
    let other = every.iter().find(|f| f.0 != form_id).unwrap();
    let refused = collect.get(&path_of(&other.3)).await;
    assert_eq!(refused.status, 403, "{}", refused.body);

    // The device page counts what the account sent today.
    let page = http(addr, "GET", "/perangkat", &field_cookie, None).await;
    assert!(
        page.body.contains("Jawaban yang Anda kirim hari ini: 1"),
        "{}",
        page.body
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn roles_without_collection_are_refused_with_a_device_password() {
    let server = spawn(Settings::default()).await;
    for role in Role::ALL {
        // Each role's account is named after it.
        let mut c = device(&server, role.code(), "perangkat-123").await;
        let r = c.get("/odk/formList").await;
        let want = if role == Role::Pimpinan { 403 } else { 200 };
        assert_eq!(r.status, want, "{role:?}: {}", r.body);
    }
}

/// Decodes a settings code as Collect does: base64, zlib, JSON.
fn decode_settings(code: &str) -> Value {
    use base64::Engine;
    let packed = base64::engine::general_purpose::STANDARD
        .decode(code)
        .unwrap();
    let json = miniz_oxide::inflate::decompress_to_vec_zlib(&packed).unwrap();
    serde_json::from_slice(&json).unwrap()
}

fn settings_on(page: &str) -> String {
    page.split("data-pengaturan=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_settings_qr_configures_collect_without_the_password_unless_an_admin_asks() {
    let server = spawn(Settings::default()).await;
    let addr = server.addr;
    let (cookie, password) = field_account(&server).await;
    let page = http(addr, "GET", "/perangkat", &cookie, None).await;
    let code = settings_on(&page.body);
    let settings = decode_settings(&code);
    assert_eq!(
        settings["general"]["server_url"],
        format!("http://{addr}/odk")
    );
    assert_eq!(settings["general"]["username"], "petugas");
    assert_eq!(settings["general"]["form_update_mode"], "match_exactly");
    assert!(settings["general"].get("password").is_none(), "{settings}");
    assert!(!page.body.contains(&password));
    // The QR code on the page is this text's.
    let svg = monev_report::qr::svg(&code, "Kode QR pengaturan ODK Collect").unwrap();
    assert!(page.body.contains(&svg));
    // The address the QR code gives is where Collect finds the forms.
    let server_url = settings["general"]["server_url"].as_str().unwrap();
    let mut collect = Collect::new(addr, "petugas", &password);
    assert_eq!(
        collect
            .get(&format!("{}/formList", path_of(server_url)))
            .await
            .status,
        200
    );

    // An admin sets up a phone for the account and asks for the password in
    // the code: a new password, in the code, shown this once.
    let (admin, csrf) = login(addr, "admin", PASSWORD).await.unwrap();
    let id = user_id(&server.store().await, "petugas").await;
    let r = http(
        addr,
        "POST",
        &format!("/pengguna/{id}/perangkat"),
        &admin,
        Some(&format!("csrf={csrf}&sandi_di_qr=1")),
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let settings = decode_settings(&settings_on(&r.body));
    let new_password = settings["general"]["password"]
        .as_str()
        .unwrap()
        .to_string();
    assert_ne!(new_password, password);
    assert!(r.body.contains(&new_password));
    // The old password no longer opens the list; the new one does.
    let mut old = Collect::new(addr, "petugas", &password);
    assert_eq!(old.get("/odk/formList").await.status, 401);
    let mut new = Collect::new(addr, "petugas", &new_password);
    assert_eq!(new.get("/odk/formList").await.status, 200);
    // Without the box ticked, the code carries no password.
    let r = http(
        addr,
        "POST",
        &format!("/pengguna/{id}/perangkat"),
        &admin,
        Some(&format!("csrf={csrf}")),
    )
    .await;
    assert!(
        decode_settings(&settings_on(&r.body))["general"]
            .get("password")
            .is_none()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn odk_validate_accepts_every_served_xform() {
    let server = spawn(Settings::default()).await;
    let addr = server.addr;
    // A form of the evaluator's own beside the SKM.
    let (evaluator, csrf) = login(addr, "evaluator", PASSWORD).await.unwrap();
    let fixture = std::fs::read(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../ingest/tests/fixtures/pyxform/choice_filter_test.xlsx"),
    )
    .unwrap();
    let up = upload_to(
        addr,
        "/instrumen",
        "xlsform",
        &evaluator,
        &csrf,
        "choice_filter_test.xlsx",
        &fixture,
    )
    .await;
    assert_eq!(up.status, 200, "{}", up.body);
    let mut collect = device(&server, "evaluator", "perangkat-evaluator").await;
    let forms = listed(&collect.get("/odk/formList").await.body);
    let instruments: std::collections::BTreeSet<&str> = forms
        .iter()
        .map(|f| f.0.rsplit_once('-').unwrap().0)
        .collect();
    assert_eq!(instruments.len(), 2, "{instruments:?}");
    let dir = tempfile::tempdir().unwrap();
    let mut files = Vec::new();
    for (form_id, _, hash, url) in &forms {
        let xml = collect.get(&path_of(url)).await.body;
        assert_eq!(*hash, format!("md5:{}", md5_hex(xml.as_bytes())));
        let file = dir.path().join(format!("{form_id}.xml"));
        std::fs::write(&file, xml).unwrap();
        files.push(file);
    }
    let Some(jar) = odk_validate::odk_validate() else {
        return;
    };
    for file in files {
        if let Err(e) = odk_validate::validate(&jar, &file) {
            panic!("{}: {e}", file.display());
        }
    }
}

/// javarosa (ODK Collect's form engine, from ODK Validate's jar) fills
/// `form` with `answers` through its own form-entry API and writes the
/// instance Collect would send: `Ok(xml)`, or `Err((exit code, what it
/// said))` when it refuses an answer. The client is Java source run as it
/// is (`java File.java`), so it needs the JDK; `.ci/run` installs it.
fn javarosa_fill(
    jar: &std::path::Path,
    form: &str,
    answers: &[(&str, &str)],
) -> Result<String, (i32, String)> {
    let dir = tempfile::tempdir().unwrap();
    let (form_path, out) = (dir.path().join("form.xml"), dir.path().join("instance.xml"));
    std::fs::write(&form_path, form).unwrap();
    let client = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../reference/javarosa/FillForm.java");
    let run = std::process::Command::new("java")
        .arg("-Djava.awt.headless=true")
        .arg("-cp")
        .arg(jar)
        .arg(&client)
        .arg(&form_path)
        .arg(&out)
        .args(answers.iter().map(|(k, v)| format!("{k}={v}")))
        .output()
        .unwrap();
    match run.status.code() {
        Some(0) => Ok(std::fs::read_to_string(&out).unwrap()),
        code => Err((
            code.unwrap_or(-1),
            format!(
                "{}{}",
                String::from_utf8_lossy(&run.stdout),
                String::from_utf8_lossy(&run.stderr)
            ),
        )),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn javarosa_fills_the_served_form_and_monev_keeps_what_it_sends() {
    let Some(jar) = odk_validate::odk_validate() else {
        return;
    };
    let server = spawn(Settings::default()).await;
    let addr = server.addr;
    let (_, password) = field_account(&server).await;
    let (evaluator, _) = login(addr, "evaluator", PASSWORD).await.unwrap();
    let mut collect = Collect::new(addr, "petugas", &password);
    let forms = listed(&collect.get("/odk/formList").await.body);
    let xform = collect.get(&path_of(&forms[0].3)).await.body;

    // javarosa holds the form's own rules: an age outside 15-100 is refused
    // with the form's message, an unknown choice too.
    let mut young: Vec<(&str, &str)> = SKM_ANSWERS.to_vec();
    young[2] = ("usia", "7");
    let (code, said) = javarosa_fill(&jar, &xform, &young).unwrap_err();
    assert_eq!(code, 3, "{said}");
    assert!(said.contains("usia '7'") && said.contains("15"), "{said}");
    // A required question left empty.
    let (code, said) = javarosa_fill(&jar, &xform, &SKM_ANSWERS[5..]).unwrap_err();
    assert_eq!(code, 4, "{said}");

    let before = n_after(addr, &evaluator, OWN).await;
    let instance = javarosa_fill(&jar, &xform, &SKM_ANSWERS).unwrap_or_else(|e| panic!("{e:?}"));
    // What javarosa wrote: the fixed unit, its own uuid and start time.
    assert!(
        instance.contains(&format!("<instansi>{OWN}</instansi>")),
        "{instance}"
    );
    assert!(instance.contains("<instanceID>uuid:"), "{instance}");
    assert!(instance.contains("<timeStart>20"), "{instance}");
    let sent = collect.submit(&instance).await;
    assert_eq!(sent.status, 201, "{}\n{instance}", sent.body);
    assert_eq!(collect.submit(&instance).await.status, 202);
    assert_eq!(n_after(addr, &evaluator, OWN).await, before + 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn basic_authentication_only_behind_tls() {
    use base64::Engine;
    let basic = |user: &str, password: &str| {
        format!(
            "Basic {}",
            base64::engine::general_purpose::STANDARD.encode(format!("{user}:{password}"))
        )
    };
    let probe = |addr, auth: String| async move {
        http_raw(
            addr,
            "GET",
            "/odk/formList",
            &[
                ("Authorization", auth),
                ("X-OpenRosa-Version", "1.0".into()),
            ],
            b"",
        )
        .await
    };
    // Plain HTTP: a password in the clear is not taken; Digest is asked for.
    let plain = spawn(Settings::default()).await;
    let (_, password) = field_account(&plain).await;
    let r = probe(plain.addr, basic("petugas", &password)).await;
    assert_eq!(r.status, 401);
    assert!(r.header("www-authenticate").unwrap().starts_with("Digest "));
    // Behind TLS (a proxy that terminates it): Basic with the device password.
    let tls = spawn(Settings {
        secure_cookies: true,
        ..Settings::default()
    })
    .await;
    let (_, password) = field_account(&tls).await;
    assert_eq!(
        probe(tls.addr, basic("petugas", &password)).await.status,
        200
    );
    assert_eq!(probe(tls.addr, basic("petugas", "salah")).await.status, 401);
    assert_eq!(
        probe(tls.addr, basic("petugas", PASSWORD)).await.status,
        401,
        "the sign-in password is not the device's"
    );
}
