//! An operator's import: limited to one instansi's tables and rows, it
//! replaces only that instansi's data and refuses, located, anything else.

use std::path::{Path, PathBuf};

use monev_domain::ProgramData;
use monev_ingest::PackageError;
use monev_store::{ImportOptions, Store, StoreError};

const OWN: &str = "KEL-AMS";
const OTHER: &str = "KEL-BAN";

fn reference() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../cli/tests/fixtures/paket-koma")
}

/// Lines of a reference table (header first) whose row passes `keep`.
fn table(name: &str, keep: impl Fn(&[&str], &[&str]) -> bool) -> Vec<String> {
    let text = std::fs::read_to_string(reference().join(name)).unwrap();
    let mut lines = text.lines();
    let header = lines.next().unwrap();
    let cols: Vec<&str> = header.split(',').collect();
    std::iter::once(header.to_string())
        .chain(
            lines
                .filter(|l| keep(&cols, &l.split(',').collect::<Vec<_>>()))
                .map(str::to_string),
        )
        .collect()
}

fn col<'a>(cols: &[&str], row: &[&'a str], name: &str) -> &'a str {
    row[cols.iter().position(|c| *c == name).unwrap()]
}

/// A package of `KEL-AMS`'s roster, participation and queue log.
fn own_package(dir: &Path) -> Vec<String> {
    let asn = table("asn.csv", |c, r| col(c, r, "instansi") == OWN);
    let nips: Vec<String> = asn[1..]
        .iter()
        .map(|l| l.split(',').next().unwrap().to_string())
        .collect();
    let peserta = table("peserta.csv", |c, r| {
        nips.iter().any(|n| n == col(c, r, "nip"))
    });
    let layanan = table("layanan.csv", |c, r| col(c, r, "instansi") == OWN);
    std::fs::create_dir_all(dir).unwrap();
    for (name, lines) in [
        ("asn.csv", &asn),
        ("peserta.csv", &peserta),
        ("layanan.csv", &layanan),
    ] {
        std::fs::write(dir.join(name), lines.join("\n") + "\n").unwrap();
    }
    nips
}

fn scoped(scope: &str) -> ImportOptions<'static> {
    ImportOptions {
        scope: Some(scope.to_string()),
        ..ImportOptions::default()
    }
}

async fn fresh() -> (monev_store::testing::TestDb, Store) {
    let tmp = monev_store::testing::TestDb::new().await;
    let store = Store::open(tmp.url()).await.unwrap();
    store
        .import(&reference(), ImportOptions::default())
        .await
        .unwrap();
    (tmp, store)
}

async fn data(store: &Store) -> ProgramData {
    store.load_program("ASN-AMPENAN-2025").await.unwrap()
}

fn located(e: StoreError) -> Vec<String> {
    match e {
        StoreError::Package(PackageError::Invalid { errors, .. }) => {
            errors.iter().map(|e| e.to_string()).collect()
        }
        other => panic!("expected located errors, got {other}"),
    }
}

fn layanan_of(d: &ProgramData, kode: &str) -> usize {
    d.layanan.iter().filter(|l| &*l.instansi == kode).count()
}

#[tokio::test]
async fn an_operator_replaces_only_their_own_instansi() {
    let (tmp, store) = fresh().await;
    let before = data(&store).await;
    let dir = tmp.dir().join("ams");
    let nips = own_package(&dir);
    // Drop half of the queue log: the import must replace, not append.
    let layanan = std::fs::read_to_string(dir.join("layanan.csv")).unwrap();
    let lines: Vec<&str> = layanan.lines().collect();
    let kept = lines.len() / 2;
    std::fs::write(dir.join("layanan.csv"), lines[..kept].join("\n") + "\n").unwrap();

    let s = store.import(&dir, scoped(OWN)).await.unwrap();
    assert_eq!(s.program, "ASN-AMPENAN-2025");
    let after = data(&store).await;
    assert_eq!(layanan_of(&after, OWN), kept - 1);
    for i in &before.instansi {
        if i.kode != OWN {
            assert_eq!(
                layanan_of(&after, &i.kode),
                layanan_of(&before, &i.kode),
                "{}",
                i.kode
            );
        }
    }
    assert_eq!(after.asn.len(), before.asn.len(), "other rosters kept");
    assert_eq!(after.peserta.len(), before.peserta.len());
    assert_eq!(after.skm.len(), before.skm.len(), "skm absent: untouched");
    assert_eq!(after.kinerja.len(), before.kinerja.len());
    assert!(!nips.is_empty());
}

#[tokio::test]
async fn an_operator_cannot_touch_another_instansi_or_the_programme() {
    let (tmp, store) = fresh().await;
    let before = data(&store).await;
    let other_nip = before
        .asn
        .iter()
        .filter(|a| a.instansi == OTHER)
        .nth(1)
        .unwrap()
        .nip
        .to_string();

    // Programme-wide tables are refused by name.
    let dir = tmp.dir().join("wide");
    own_package(&dir);
    std::fs::copy(reference().join("pelatihan.csv"), dir.join("pelatihan.csv")).unwrap();
    let errors = located(store.import(&dir, scoped(OWN)).await.unwrap_err());
    assert!(
        errors
            .iter()
            .any(|e| e.starts_with("pelatihan.csv") && e.contains("tingkat program")),
        "{errors:?}"
    );

    // Rows of another instansi, located to the line and column.
    let dir = tmp.dir().join("rows");
    own_package(&dir);
    let mut layanan = std::fs::read_to_string(dir.join("layanan.csv")).unwrap();
    let lines = layanan.lines().count();
    layanan.push_str(&format!(
        "{OTHER},Akta kelahiran,2025-01-02 08:29:53,2025-01-02 09:21:43,2025-01-02 09:29:21\n"
    ));
    std::fs::write(dir.join("layanan.csv"), layanan).unwrap();
    // An ASN of another instansi, claimed for one's own roster…
    let mut asn = std::fs::read_to_string(dir.join("asn.csv")).unwrap();
    let asn_lines = asn.lines().count();
    let theirs = before.asn.iter().find(|a| a.instansi == OTHER).unwrap();
    asn.push_str(&format!(
        "{},{},{OWN},Staf,II/a,SMA,{}\n",
        theirs.nip,
        theirs.nama,
        theirs.jenis_kelamin.code()
    ));
    std::fs::write(dir.join("asn.csv"), asn).unwrap();
    // … and another instansi's ASN in one's participation list.
    let mut peserta = std::fs::read_to_string(dir.join("peserta.csv")).unwrap();
    let peserta_lines = peserta.lines().count();
    peserta.push_str(&format!(
        "{other_nip},PEL-01,2025-04-10,2025-04-11,100,50,70\n"
    ));
    std::fs::write(dir.join("peserta.csv"), peserta).unwrap();

    let errors = located(store.import(&dir, scoped(OWN)).await.unwrap_err());
    let has = |prefix: String, word: &str| {
        errors
            .iter()
            .any(|e| e.contains(&prefix) && e.contains(word))
    };
    assert!(
        has(format!("layanan.csv:{}: instansi", lines + 1), OTHER),
        "{errors:?}"
    );
    assert!(
        has(format!("asn.csv:{}: nip", asn_lines + 1), "instansi lain"),
        "{errors:?}"
    );
    assert!(
        has(
            format!("peserta.csv:{}: nip", peserta_lines + 1),
            "instansi lain"
        ),
        "{errors:?}"
    );

    // Nothing was written by either attempt.
    let after = data(&store).await;
    assert_eq!(after.layanan.len(), before.layanan.len());
    assert_eq!(after.peserta.len(), before.peserta.len());
    assert_eq!(
        after
            .asn
            .iter()
            .find(|a| a.nip == theirs.nip)
            .unwrap()
            .instansi,
        OTHER
    );

    // An instansi the programme does not have.
    let dir = tmp.dir().join("none");
    own_package(&dir);
    let e = store
        .import(&dir, scoped("KEL-TIDAK-ADA"))
        .await
        .unwrap_err();
    assert!(e.to_string().contains("KEL-TIDAK-ADA"), "{e}");
}
