//! A person's path through the application in a real headless Chromium,
//! driven over the WebDriver protocol (Debian's chromium and
//! chromium-driver; `.ci/run` installs them and sets MONEV_REQUIRE_BROWSER):
//! sign in, read the dashboard, fail an import and read its located errors,
//! import for real, read the report, on a desktop and on a 360-px phone.
//! On failure a screenshot is written to `target/browser-screenshots/`.

use crate::common;

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use common::*;
use monev_web::Settings;
use serde_json::{Value, json};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
const CHROMIUM: &str = "/usr/bin/chromium";

/// A WebDriver session on a chromedriver of our own.
struct Browser {
    driver: Child,
    port: u16,
    session: String,
    shots: PathBuf,
}

impl Drop for Browser {
    fn drop(&mut self) {
        self.driver.kill().ok();
        self.driver.wait().ok();
    }
}

async fn wd(port: u16, method: &str, path: &str, body: Option<&Value>) -> Value {
    let body = body.map(Value::to_string).unwrap_or_default();
    let mut s = TcpStream::connect(("127.0.0.1", port))
        .await
        .expect("chromedriver answers");
    let req = format!(
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    );
    s.write_all(req.as_bytes()).await.unwrap();
    // chromedriver keeps the connection open: read exactly Content-Length bytes.
    let mut raw = Vec::new();
    let mut chunk = [0u8; 16 * 1024];
    loop {
        let n = s.read(&mut chunk).await.unwrap();
        if n == 0 {
            break;
        }
        raw.extend_from_slice(&chunk[..n]);
        let text = String::from_utf8_lossy(&raw);
        if let Some(end) = text.find("\r\n\r\n") {
            let length = text[..end]
                .lines()
                .find_map(|l| {
                    l.to_ascii_lowercase()
                        .strip_prefix("content-length:")
                        .map(|v| v.trim().to_string())
                })
                .and_then(|v| v.parse::<usize>().ok());
            if length.is_some_and(|len| raw.len() >= end + 4 + len) {
                break;
            }
        }
    }
    let text = String::from_utf8_lossy(&raw).to_string();
    let json = text.split_once("\r\n\r\n").map(|(_, b)| b).unwrap_or("");
    serde_json::from_str(json.trim()).unwrap_or(Value::Null)
}

impl Browser {
    async fn start(width: u32, height: u32) -> Option<Browser> {
        if !Path::new(CHROMEDRIVER).exists() || !Path::new(CHROMIUM).exists() {
            assert!(
                std::env::var_os("MONEV_REQUIRE_BROWSER").is_none(),
                "MONEV_REQUIRE_BROWSER is set but {CHROMEDRIVER} or {CHROMIUM} is missing"
            );
            eprintln!("skipping browser test: install chromium and chromium-driver to run it");
            return None;
        }
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let driver = Command::new(CHROMEDRIVER)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver starts");
        for _ in 0..100 {
            if TcpStream::connect(("127.0.0.1", port)).await.is_ok() {
                break;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        let profile = tempfile::tempdir().unwrap().keep();
        let caps = json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": CHROMIUM,
                "args": [
                    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync",
                    format!("--user-data-dir={}", profile.display()),
                    format!("--window-size={width},{height}")
                ]
            }
        }}});
        let r = wd(port, "POST", "/session", Some(&caps)).await;
        let session = r["value"]["sessionId"]
            .as_str()
            .unwrap_or_else(|| panic!("no WebDriver session: {r}"))
            .to_string();
        let shots = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/browser-screenshots");
        Some(Browser {
            driver,
            port,
            session,
            shots,
        })
    }

    async fn cmd(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        wd(
            self.port,
            method,
            &format!("/session/{}{path}", self.session),
            body.as_ref(),
        )
        .await
    }

    async fn go(&self, url: &str) {
        self.cmd("POST", "/url", Some(json!({ "url": url }))).await;
    }

    async fn find(&self, css: &str) -> String {
        let r = self
            .cmd(
                "POST",
                "/element",
                Some(json!({"using": "css selector", "value": css})),
            )
            .await;
        match r["value"]
            .as_object()
            .and_then(|o| o.values().next())
            .and_then(Value::as_str)
        {
            Some(id) => id.to_string(),
            None => self.fail(&format!("no element {css}: {r}")).await,
        }
    }

    async fn type_into(&self, css: &str, text: &str) {
        let id = self.find(css).await;
        self.cmd(
            "POST",
            &format!("/element/{id}/value"),
            Some(json!({ "text": text })),
        )
        .await;
    }

    async fn click(&self, css: &str) {
        let id = self.find(css).await;
        self.cmd("POST", &format!("/element/{id}/click"), Some(json!({})))
            .await;
    }

    async fn source(&self) -> String {
        self.cmd("GET", "/source", None).await["value"]
            .as_str()
            .unwrap_or_default()
            .to_string()
    }

    /// Waits up to 30 s: the first dashboard computes the evaluation, which
    /// in a debug build under a parallel test run takes seconds.
    async fn expect_text(&self, what: &str, needle: &str) {
        for _ in 0..300 {
            if self.source().await.contains(needle) {
                return;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        self.fail(&format!("{what}: the page does not show {needle:?}"))
            .await
    }

    /// Saves a screenshot and fails.
    async fn fail(&self, why: &str) -> ! {
        let shot = self.cmd("GET", "/screenshot", None).await;
        std::fs::create_dir_all(&self.shots).ok();
        let path = self.shots.join(format!(
            "{}.png.b64",
            why.chars()
                .filter(char::is_ascii_alphanumeric)
                .take(40)
                .collect::<String>()
        ));
        std::fs::write(&path, shot["value"].as_str().unwrap_or_default()).ok();
        panic!("{why} (screenshot, base64: {})", path.display());
    }
}

fn package_zip(bad: bool, dir: &Path) -> PathBuf {
    let pkg = Path::new(env!("CARGO_MANIFEST_DIR")).join("../cli/tests/fixtures/paket-koma");
    let edit = bad.then(|| {
        (
            "skm.csv",
            4,
            "KEL-AMS,2025-02-03,3,3,7,3,3,3,3,3,3,L,40,SMA,Swasta,KTP-el".to_string(),
        )
    });
    let bytes = zip_of(&pkg, edit);
    let path = dir.join(if bad { "salah.zip" } else { "ampenan.zip" });
    std::fs::write(&path, bytes).unwrap();
    path
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_evaluator_signs_in_imports_and_reads_the_report() {
    let Some(b) = Browser::start(1280, 900).await else {
        return;
    };
    let server = spawn(Settings::default()).await;
    let base = format!("http://{}", server.addr);
    let files = tempfile::tempdir().unwrap();

    b.go(&format!("{base}/")).await;
    b.expect_text("redirected to sign in", "Kata sandi").await;
    b.type_into("#username", "evaluator").await;
    b.type_into("#password", PASSWORD).await;
    b.click("button[type=submit]").await;
    b.expect_text("dashboard", "Program Peningkatan Kualitas ASN")
        .await;
    b.expect_text("dashboard figures", "selisih-dalam-selisih")
        .await;

    // A package with an SKM answer of 7: the located error, nothing saved.
    b.go(&format!("{base}/impor")).await;
    b.type_into(
        "#berkas",
        &package_zip(true, files.path()).display().to_string(),
    )
    .await;
    b.click("form[action='/impor'] button").await;
    b.expect_text("located error", "skm.csv:4: u3").await;
    b.expect_text("nothing saved", "Tidak ada yang disimpan")
        .await;

    // The good package: checked, then saved.
    b.go(&format!("{base}/impor")).await;
    b.type_into(
        "#berkas",
        &package_zip(false, files.path()).display().to_string(),
    )
    .await;
    b.click("form[action='/impor'] button").await;
    b.expect_text("checked", "Simpan ke basis data").await;
    b.click("form[action='/impor/simpan'] button").await;
    b.expect_text("saved", "Impor selesai").await;

    // The report, and its English version.
    b.go(&format!("{base}/laporan")).await;
    b.expect_text("report", "Kesimpulan").await;
    b.go(&format!("{base}/laporan?lang=en")).await;
    b.expect_text("report in English", "Conclusion").await;
    b.go(&format!("{base}/laporan/evaluasi.json")).await;
    b.cmd("DELETE", "", None).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_dashboard_fits_a_phone() {
    let Some(b) = Browser::start(360, 740).await else {
        return;
    };
    let server = spawn(Settings::default()).await;
    let base = format!("http://{}", server.addr);
    b.go(&format!("{base}/masuk")).await;
    b.type_into("#username", "pimpinan").await;
    b.type_into("#password", PASSWORD).await;
    b.click("button[type=submit]").await;
    b.expect_text("dashboard", "Program Peningkatan Kualitas ASN")
        .await;
    // Nothing wider than the screen: the page does not scroll sideways.
    let r = b
        .cmd(
            "POST",
            "/execute/sync",
            Some(json!({"script": "return document.documentElement.scrollWidth <= window.innerWidth + 1;", "args": []})),
        )
        .await;
    if r["value"] != Value::Bool(true) {
        b.fail("the dashboard scrolls sideways on a 360-px screen")
            .await;
    }
    b.cmd("DELETE", "", None).await;
}

/// The live IKM of an instansi after the intervention: (n, IKM).
async fn ikm_after(addr: std::net::SocketAddr, instansi: &str) -> (u64, f64) {
    let (cookie, _) = login(addr, "evaluator", PASSWORD).await.unwrap();
    let r = http(addr, "GET", "/api/v1/evaluasi", &cookie, None).await;
    let doc: Value = serde_json::from_str(&r.body).unwrap();
    let g = doc["skm"]["per_instansi"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["instansi"] == instansi && g["fase"] == "sesudah")
        .unwrap()
        .clone();
    (g["n"].as_u64().unwrap(), g["ikm"].as_f64().unwrap())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_citizen_fills_the_skm_form_on_a_phone_and_sends_it_twice() {
    let Some(b) = Browser::start(360, 740).await else {
        return;
    };
    let server = spawn(Settings::default()).await;
    let code = form_link(&server, OWN).await;
    let before = ikm_after(server.addr, OWN).await;
    // "Scan": the QR code's URL, opened on the phone.
    b.go(&format!("http://{}/f/{code}", server.addr)).await;
    b.expect_text("the form", "Survei Kepuasan Masyarakat")
        .await;
    b.click("input[name=jenis_kelamin][value=L]").await;
    b.type_into("#q-usia", "41").await;
    b.click("input[name=pendidikan][value=SMA]").await;
    for u in 1..=9 {
        b.click(&format!("input[name=u{u}][value='4']")).await;
    }
    let r = b
        .cmd(
            "POST",
            "/execute/sync",
            Some(json!({"script": "return document.documentElement.scrollWidth <= window.innerWidth + 1;", "args": []})),
        )
        .await;
    if r["value"] != Value::Bool(true) {
        b.fail("the form scrolls sideways on a 360-px screen").await;
    }
    // Sent twice: once as a retry would (the same form data), once by the button.
    let r = b
        .cmd(
            "POST",
            "/execute/sync",
            Some(json!({"script": "const f = document.querySelector('form.formulir'); return fetch(f.action, {method: 'POST', body: new URLSearchParams(new FormData(f))}).then(r => r.status);", "args": []})),
        )
        .await;
    if r["value"] != json!(200) {
        b.fail(&format!("the first sending: {r}")).await;
    }
    b.click("form.formulir button[type=submit]").await;
    b.expect_text("thanks", "Terima kasih").await;
    let after = ikm_after(server.addr, OWN).await;
    assert_eq!(after.0, before.0 + 1, "exactly one response landed");
    assert!(
        after.1 > before.1,
        "all-4 answers raise the IKM: {before:?} → {after:?}"
    );
    b.cmd("DELETE", "", None).await;
}

/// A coder selects a passage with the mouse — starting inside a passage
/// already coded, ending after it — and the form carries its span in
/// characters as the server counts them; the segment lands there.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_coder_selects_a_passage_and_codes_it() {
    let Some(b) = Browser::start(1280, 900).await else {
        return;
    };
    let server = spawn(Settings::default()).await;
    interview(&server, "W01").await;
    let store = server.store().await;
    let w01 = monev_domain::Sumber::Wawancara("W01".into());
    let chars = |s: &str| s.chars().count();
    let at = |needle: &str| chars(&TRANSKRIP[..TRANSKRIP.find(needle).unwrap()]);
    let marked = "lebih sabar menjelaskan persyaratan";
    store
        .add_segment(
            "ASN-AMPENAN-2025",
            &monev_domain::Kutipan {
                sumber: w01.clone(),
                mulai: at(marked),
                selesai: at(marked) + chars(marked),
                kode: "hasil.komunikasi".into(),
                pengkode: "evaluator".into(),
                memo: None,
            },
        )
        .await
        .unwrap();
    let base = format!("http://{}", server.addr);
    b.go(&format!("{base}/masuk?ke=/kualitatif/wawancara/W01"))
        .await;
    b.type_into("#username", "evaluator").await;
    b.type_into("#password", PASSWORD).await;
    b.click("form.masuk button[type=submit]").await;
    b.expect_text("the transcript", "<mark").await;
    let select = r#"
        const teks = document.getElementById('teks');
        const mark = teks.querySelector('mark');
        const a = mark.firstChild, z = mark.nextSibling;
        const r = document.createRange();
        r.setStart(a, a.data.indexOf('persyaratan'));
        r.setEnd(z, z.data.indexOf('warga.') + 'warga.'.length);
        const s = document.getSelection();
        s.removeAllRanges();
        s.addRange(r);
        return s.toString();"#;
    let r = b
        .cmd(
            "POST",
            "/execute/sync",
            Some(json!({"script": select, "args": []})),
        )
        .await;
    let passage = "persyaratan kepada warga.";
    assert_eq!(r["value"], json!(passage), "{r}");
    let mut filled = Value::Null;
    for _ in 0..50 {
        filled = b
            .cmd(
                "POST",
                "/execute/sync",
                Some(json!({"script": "return [document.getElementById('mulai').value, document.getElementById('selesai').value, document.getElementById('kutipan').value];", "args": []})),
            )
            .await["value"]
            .clone();
        if filled[0] != json!("") {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let start = at(passage);
    assert_eq!(
        filled,
        json!([
            start.to_string(),
            (start + chars(passage)).to_string(),
            passage
        ]),
        "the selection fills the form"
    );
    b.cmd(
        "POST",
        "/execute/sync",
        Some(json!({"script": "document.getElementById('kode').value = 'hasil.lainnya'; return true;", "args": []})),
    )
    .await;
    b.click("form.formulir button[type=submit]").await;
    b.expect_text("the new segment", "<code>hasil.lainnya</code>")
        .await;
    let segs = store.segments("ASN-AMPENAN-2025", &w01).await.unwrap();
    let new = segs
        .iter()
        .find(|s| s.kutipan.kode == "hasil.lainnya")
        .expect("stored");
    assert_eq!(
        (new.kutipan.mulai, new.kutipan.selesai),
        (start, start + chars(passage))
    );
    b.cmd("DELETE", "", None).await;
}

/// A unit's figures of `periode` approved by both levels and published.
async fn published(server: &Server, unit: &str, periode: &str) {
    use monev_store::{Ajuan, Pelaku};
    let store = server.store().await;
    let program = "ASN-AMPENAN-2025";
    let data = store.load_program(program).await.unwrap();
    let deret = monev_eval::berkala::Deret::of(&data);
    let periode = monev_domain::Periode::parse(periode).unwrap();
    let angka = monev_eval::persetujuan::angka_unit(
        &data,
        &deret,
        unit,
        periode,
        monev_eval::Config::default().bobot_ikm,
    )
    .unwrap();
    let json = serde_json::to_string(&angka).unwrap();
    let who = |nama| Pelaku { user: None, nama };
    let v = store
        .submit_figures(
            program,
            &Ajuan {
                instansi: unit,
                periode,
                angka: &json,
                alasan: "",
                waktu: 0,
            },
            who("Operator"),
        )
        .await
        .unwrap();
    for (tahap, nama) in [
        (monev_domain::Tahap::Kecamatan, "Camat"),
        (monev_domain::Tahap::Kota, "Kota"),
    ] {
        store
            .approve_figures(program, unit, periode, v, tahap, who(nama), 0)
            .await
            .unwrap();
    }
    store
        .set_follow_up(
            program,
            unit,
            periode,
            "Menambah kursi tunggu dan kipas angin di ruang tunggu loket pelayanan\nMemasang papan alur layanan",
            who("Operator"),
            0,
        )
        .await
        .unwrap();
    store
        .publish(program, unit, periode, who("Operator"), 0)
        .await
        .unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_units_public_results_fit_a_phone_and_print_on_one_a4_page() {
    let Some(b) = Browser::start(360, 740).await else {
        return;
    };
    let server = spawn(Settings::default()).await;
    for periode in ["2025-T3", "2025-T4"] {
        published(&server, OWN, periode).await;
    }
    let base = format!("http://{}", server.addr);
    // No sign-in: a citizen's phone.
    b.go(&format!("{base}/hasil/ASN-AMPENAN-2025/{OWN}")).await;
    b.expect_text("public results", "Hasil Survei Kepuasan Masyarakat")
        .await;
    b.expect_text("follow-up actions", "Memasang papan alur layanan")
        .await;
    let r = b
        .cmd(
            "POST",
            "/execute/sync",
            Some(json!({"script": "return document.documentElement.scrollWidth <= window.innerWidth + 1;", "args": []})),
        )
        .await;
    if r["value"] != Value::Bool(true) {
        b.fail("the public results scroll sideways on a 360-px screen")
            .await;
    }
    // The poster, printed by the browser on A4 (WebDriver's Print).
    b.go(&format!("{base}/hasil/ASN-AMPENAN-2025/{OWN}/poster"))
        .await;
    b.expect_text("poster", "Rencana tindak lanjut").await;
    let r = b
        .cmd(
            "POST",
            "/print",
            Some(json!({"page": {"width": 21.0, "height": 29.7}, "background": true})),
        )
        .await;
    let pdf = r["value"]
        .as_str()
        .map(|s| {
            use base64::Engine;
            base64::engine::general_purpose::STANDARD.decode(s).unwrap()
        })
        .unwrap_or_else(|| panic!("no PDF: {r}"));
    assert!(pdf.starts_with(b"%PDF-"));
    let text = String::from_utf8_lossy(&pdf);
    std::fs::write(b.shots.with_file_name("hasil-poster.pdf"), &pdf).ok();
    // One page, A4: 595 × 842 points.
    let pages = text
        .match_indices("/Type /Page")
        .filter(|(i, _)| !text[i + 11..].starts_with('s'))
        .count();
    assert_eq!(pages, 1, "the poster takes one A4 page");
    let media = text
        .split("/MediaBox")
        .nth(1)
        .and_then(|m| m.split(']').next())
        .unwrap_or_default()
        .to_string();
    let dims: Vec<f64> = media
        .trim_start_matches([' ', '['])
        .split_whitespace()
        .filter_map(|v| v.parse().ok())
        .collect();
    assert!(
        dims.len() == 4 && (dims[2] - 595.3).abs() < 1.0 && (dims[3] - 841.9).abs() < 1.0,
        "not A4: {media}"
    );
    b.cmd("DELETE", "", None).await;
}
