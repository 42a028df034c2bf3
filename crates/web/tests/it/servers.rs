//! Two `monev serve` processes on one database behave as one application
//! behind a load balancer: a session opened on one is good on the other
//! (and ends on both), a package checked on one is saved through the other,
//! a decision taken on one shows in the other's report, and the public
//! forms' allowance per address is counted once for both. On PostgreSQL
//! when `MONEV_TEST_POSTGRES` is set (`scripts/test.sh`), else on one SQLite
//! file.

use crate::common;

use std::path::Path;

use common::*;
use monev_web::Settings;

fn hidden(body: &str, name: &str) -> String {
    body.split(&format!("name=\"{name}\" value=\""))
        .nth(1)
        .unwrap_or_else(|| panic!("a {name} field"))
        .split('"')
        .next()
        .unwrap()
        .to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_servers_on_one_database_act_as_one() {
    let settings = || Settings {
        submissions_per_10_min: 3,
        ..Settings::default()
    };
    let server = spawn(settings()).await;
    let a = server.addr;
    let b = spawn_beside(&server, settings()).await;

    // Signed in through A, acting through B.
    let (cookie, csrf) = login(a, "evaluator", PASSWORD).await.unwrap();
    assert_eq!(http(b, "GET", "/", &cookie, None).await.status, 200);
    let r = http(
        b,
        "POST",
        "/rekomendasi/rekomendasi.sosialisasi",
        &cookie,
        Some(&format!("csrf={csrf}&aksi=tolak")),
    )
    .await;
    assert_eq!(r.status, 303, "{}", r.body);
    // A's cached evaluation follows the data version B bumped.
    let report = http(a, "GET", "/laporan", &cookie, None).await.body;
    assert!(report.contains("ditolak oleh"), "A sees B's decision");

    // A package checked on A, saved on B (the upload is in the database).
    let pkg = Path::new(env!("CARGO_MANIFEST_DIR")).join("../cli/tests/fixtures/paket-koma");
    let renamed = std::fs::read_to_string(pkg.join("program.csv"))
        .unwrap()
        .lines()
        .nth(1)
        .unwrap()
        .replace("ASN-AMPENAN-2025", "ASN-KEDUA-2026");
    let r = upload(
        a,
        &cookie,
        &csrf,
        "kedua.zip",
        &zip_of(&pkg, Some(("program.csv", 2, renamed))),
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let id = hidden(&r.body, "berkas");
    let saved = http(
        b,
        "POST",
        "/impor/simpan",
        &cookie,
        Some(&format!("csrf={csrf}&berkas={id}")),
    )
    .await;
    assert_eq!(saved.status, 200, "{}", saved.body);
    let new = "/api/v1/evaluasi?program=ASN-KEDUA-2026";
    assert_eq!(http(a, "GET", new, &cookie, None).await.status, 200);
    // Another account cannot save that upload, on either server.
    let (admin, admin_csrf) = login(b, "admin", PASSWORD).await.unwrap();
    let r = http(
        a,
        "POST",
        "/impor/simpan",
        &admin,
        Some(&format!("csrf={admin_csrf}&berkas={id}")),
    )
    .await;
    assert_eq!(r.status, 404);

    // The public form's allowance (3 per 10 minutes) is shared.
    let code = form_link(&server, OWN).await;
    let path = format!("/f/{code}");
    let mut statuses = Vec::new();
    for (i, addr) in [a, b, a, b].into_iter().enumerate() {
        let form = http(addr, "GET", &path, "", None).await;
        assert_eq!(form.status, 200);
        let uuid = hidden(&form.body, "_uuid");
        let mut body = format!(
            "_uuid={uuid}&_situs=&jenis_kelamin=P&usia={}&pendidikan=SMA&pekerjaan=Wirausaha&jenis_layanan=KTP",
            30 + i
        );
        for u in 1..=9 {
            body.push_str(&format!("&u{u}=3"));
        }
        statuses.push(http(addr, "POST", &path, "", Some(&body)).await.status);
    }
    assert_eq!(statuses, [303, 303, 303, 429]);

    // Signing out on B ends the session on A too.
    let r = http(b, "POST", "/keluar", &cookie, Some(&format!("csrf={csrf}"))).await;
    assert!(r.status == 303 || r.status == 200, "{}", r.status);
    let r = http(a, "GET", "/", &cookie, None).await;
    assert!(
        r.status == 303
            && r.header("location")
                .is_some_and(|l| l.starts_with("/masuk")),
        "{} {:?}",
        r.status,
        r.header("location")
    );
}
