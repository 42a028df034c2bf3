//! Reading packages: located errors, Indonesian number formats, references
//! between tables, and refused rows that do not cascade.

use std::path::Path;

use monev_ingest::{Package, PackageError, read_all};

fn write(dir: &Path, name: &str, text: &str) {
    std::fs::write(dir.join(name), text).unwrap();
}

/// A minimal valid package; `with` overrides single files.
fn package(with: &[(&str, &str)]) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let base = [
        (
            "program.csv",
            "kode;nama;wilayah;mulai;selesai;tanggal_intervensi;pagu_anggaran\nP1;Program Uji;Kota Uji;01/01/2025;31/12/2025;01/07/2025;1.250.000,50\n",
        ),
        (
            "instansi.csv",
            "kode,nama,jenis,kelompok\nA,Kantor A,kelurahan,intervensi\nB,Kantor B,kelurahan,pembanding\n",
        ),
        (
            "asn.csv",
            "NIP,Nama,Instansi,Jenis_Kelamin\n198503122010011003,Budi,A,L\n199001012015032002,Sari,B,P\n",
        ),
        (
            "pelatihan.csv",
            "kode,nama,jp,biaya_per_peserta\nM1,Modul Satu,24,1500000\n",
        ),
        (
            "peserta.csv",
            "nip,pelatihan,pre_test,post_test\n198503122010011003,M1,50,70\n",
        ),
        (
            "skm.csv",
            "instansi,tanggal,u1,u2,u3,u4,u5,u6,u7,u8,u9\nA,2025-02-01,3,3,4,4,3,,2,3,4\n",
        ),
    ];
    for (name, text) in base {
        let text = with
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, t)| *t)
            .unwrap_or(text);
        write(tmp.path(), name, text);
    }
    for (name, text) in with
        .iter()
        .filter(|(n, _)| !base.iter().any(|(b, _)| b == n))
    {
        write(tmp.path(), name, text);
    }
    tmp
}

fn errors(with: &[(&str, &str)]) -> Vec<String> {
    let tmp = package(with);
    match read_all(tmp.path()) {
        Err(PackageError::Invalid { errors, total }) => {
            assert_eq!(errors.len(), total);
            errors
                .iter()
                .map(|e| {
                    e.to_string()
                        .replace(&format!("{}/", tmp.path().display()), "")
                })
                .collect()
        }
        Err(e) => panic!("unexpected {e}"),
        Ok(_) => Vec::new(),
    }
}

#[test]
fn a_valid_package_reads_with_indonesian_numbers_and_dates() {
    let tmp = package(&[]);
    let d = read_all(tmp.path()).unwrap();
    assert_eq!(d.program.pagu_anggaran, 1_250_000.5);
    assert_eq!(d.program.tanggal_intervensi.to_string(), "2025-07-01");
    assert_eq!(d.asn.len(), 2);
    assert_eq!(d.skm[0].jawaban[5], None);
    assert_eq!(d.peserta[0].post_test, Some(70.0));
}

#[test]
fn a_programme_states_its_time_zone_or_is_in_wita() {
    let tmp = package(&[]);
    assert_eq!(
        read_all(tmp.path()).unwrap().program.zona_waktu,
        monev_domain::ZonaWaktu::Wita
    );
    let program = "kode;nama;wilayah;mulai;selesai;tanggal_intervensi;pagu_anggaran;zona_waktu\nP1;Program Uji;Kota Uji;01/01/2025;31/12/2025;01/07/2025;1000;wit\n";
    let tmp = package(&[("program.csv", program)]);
    assert_eq!(
        read_all(tmp.path()).unwrap().program.zona_waktu,
        monev_domain::ZonaWaktu::Wit
    );
    let e = errors(&[("program.csv", &program.replace(";wit", ";UTC+8"))]);
    assert_eq!(
        e,
        ["program.csv:2: zona_waktu: \"UTC+8\": zona waktu: WIB, WITA atau WIT"]
    );
}

#[test]
fn every_bad_cell_is_located() {
    let e = errors(&[(
        "skm.csv",
        "instansi,tanggal,u1,u2,u3,u4,u5,u6,u7,u8,u9\nA,2025-02-30,3,3,4,4,3,,2,3,4\nZ,2025-02-01,3,3,4,5,3,,2,3,4\n",
    )]);
    assert_eq!(
        e,
        vec![
            "skm.csv:2: tanggal: \"2025-02-30\": tanggal tidak ada di kalender",
            "skm.csv:3: instansi: \"Z\": instansi tidak dikenal (unknown instansi); daftarkan dulu di tabelnya",
            "skm.csv:3: u4: \"5\": jawaban SKM harus 1, 2, 3 atau 4 (atau kosong)",
        ]
    );
}

/// Regression: csv 1.x reports lines one short in CRLF files (rust-csv#395);
/// Excel on Windows writes CRLF, so every error pointed at the line above.
#[test]
fn crlf_files_are_located_on_the_right_line() {
    for (name, text) in [
        (
            "crlf",
            "instansi,tanggal,u1,u2,u3,u4,u5,u6,u7,u8,u9\r\nA,2025-02-01,3,3,4,4,3,,2,3,4\r\nA,2025-02-01,3,3,4,5,3,,2,3,4\r\n",
        ),
        (
            "quoted, semicolon, a line break inside a cell",
            "\"instansi\";\"tanggal\";\"u1\";\"u2\";\"u3\";\"u4\";\"u5\";\"u6\";\"u7\";\"u8\";\"u9\";\"jenis_layanan\"\r\n\"A\";\"2025-02-01\";\"3\";\"3\";\"4\";\"4\";\"3\";\"\";\"2\";\"3\";\"4\";\"KTP\r\nbaru\"\r\n\"A\";\"2025-02-01\";\"3\";\"3\";\"4\";\"5\";\"3\";\"\";\"2\";\"3\";\"4\";\"KK\"\r\n",
        ),
    ] {
        let e = errors(&[("skm.csv", text)]);
        let line = if name == "crlf" { 3 } else { 4 };
        assert_eq!(
            e,
            vec![format!(
                "skm.csv:{line}: u4: \"5\": jawaban SKM harus 1, 2, 3 atau 4 (atau kosong)"
            )],
            "{name}"
        );
    }
}

#[test]
fn a_missing_required_column_is_named() {
    let e = errors(&[(
        "instansi.csv",
        "kode,nama,kelompok\nA,Kantor A,intervensi\n",
    )]);
    assert!(
        e[0].starts_with("instansi.csv:1: jenis: \"\": kolom wajib tidak ada"),
        "{e:?}"
    );
}

#[test]
fn a_refused_asn_does_not_cascade_into_its_participation() {
    let e = errors(&[
        (
            "asn.csv",
            "nip,nama,instansi\n198503122010011003,Budi,A\n199001012015032002,Sari,B\n19900101201503200,Pendek,B\n",
        ),
        (
            "peserta.csv",
            "nip,pelatihan,pre_test,post_test\n19900101201503200,M1,50,70\n",
        ),
    ]);
    assert_eq!(e.len(), 1, "{e:?}");
    assert!(e[0].contains("18 digit"));
}

#[test]
fn duplicates_and_gender_mismatch_are_refused() {
    let e = errors(&[(
        "asn.csv",
        "nip,nama,instansi,jenis_kelamin\n198503122010011003,Budi,A,L\n198503122010011003,Budi Lagi,A,L\n199001012015032002,Sari,B,L\n",
    )]);
    assert!(
        e[0].contains("asn.csv:3: nip") && e[0].contains("baris 2"),
        "{e:?}"
    );
    assert!(
        e[1].contains("asn.csv:4: jenis_kelamin") && e[1].contains("digit ke-15"),
        "{e:?}"
    );
}

#[test]
fn extra_columns_are_noted_not_fatal() {
    let tmp = package(&[(
        "instansi.csv",
        "kode,nama,jenis,kelompok,alamat\nA,Kantor A,kelurahan,intervensi,Jl. Majapahit\nB,Kantor B,kelurahan,pembanding,\n",
    )]);
    let mut pkg = Package::open(tmp.path()).unwrap();
    let _ = pkg.program();
    let rows = pkg.instansi().unwrap();
    assert_eq!(rows.len(), 2);
    assert!(pkg.notes().iter().any(|n| n.contains("alamat")));
    assert_eq!(pkg.error_total(), 0);
}

#[test]
fn non_utf8_text_is_refused_with_advice() {
    let tmp = package(&[]);
    std::fs::write(
        tmp.path().join("instansi.csv"),
        b"kode,nama,jenis,kelompok\nA,Kantor \xC9,kelurahan,intervensi\n",
    )
    .unwrap();
    match read_all(tmp.path()) {
        Err(PackageError::Invalid { errors, .. }) => {
            assert!(errors[0].reason.contains("UTF-8"), "{errors:?}")
        }
        other => panic!("{:?}", other.err()),
    }
}

#[test]
fn kirkpatrick_tables_read_and_refuse_bad_scores() {
    let good = package(&[
        (
            "kinerja.csv",
            "nip,tanggal,penilai,aspek,skor\n198503122010011003,2025-02-01,atasan,komunikasi,4\n198503122010011003,2025-09-01,Rekan,komunikasi,5\n",
        ),
        (
            "reaksi_item.csv",
            "kode,nama,aspek\nr1,Materi relevan,relevansi\nr2,Narasumber jelas,narasumber\n",
        ),
        (
            "reaksi.csv",
            "nip,pelatihan,tanggal,r1,r2,catatan\n198503122010011003,M1,2025-03-05,4,\n",
        ),
    ]);
    let d = read_all(good.path()).unwrap();
    assert_eq!(d.kinerja.len(), 2);
    assert_eq!(d.reaksi_item.len(), 2);
    assert_eq!(d.reaksi[0].skor.len(), 1, "a blank item is left out");
    assert_eq!(d.reaksi[0].skor[0].0, "r1");

    let e = errors(&[
        (
            "kinerja.csv",
            "nip,tanggal,penilai,aspek,skor\n198503122010011003,2025-02-01,camat,komunikasi,6\n",
        ),
        ("reaksi.csv", "nip,pelatihan,r1\n199912312020121001,M9,3\n"),
    ]);
    assert!(
        e.iter()
            .any(|m| m.starts_with("kinerja.csv:2: penilai: \"camat\"")),
        "{e:?}"
    );
    assert!(
        e.iter()
            .any(|m| m.starts_with("kinerja.csv:2: skor: \"6\"")),
        "{e:?}"
    );
    assert!(
        e.iter()
            .any(|m| m.starts_with("reaksi.csv:2: nip:") && m.contains("tidak dikenal")),
        "{e:?}"
    );
    assert!(
        e.iter()
            .any(|m| m.starts_with("reaksi.csv:2: pelatihan: \"M9\"")),
        "{e:?}"
    );
}

#[test]
fn segments_of_interviews_and_documents_are_checked_against_their_text() {
    let wawancara = "kode,tanggal,kelompok,instansi,transkrip\nW1,2025-08-01,masyarakat,A,Antrean lebih pendek sekarang.\n";
    let dokumen = "kode,judul,jenis,teks\nD1,Notulen rapat,notulen,Undangan tidak sampai ke kelurahan.\nD2,Lain,surat_edaran,Teks.\n";
    let good = "wawancara,dokumen,mulai,selesai,kode,pengkode,teks\nW1,,0,20,hasil.waktu_tunggu,A,Antrean lebih pendek\n,D1,0,8,kendala.partisipasi,A,Undangan\n";
    let tmp = package(&[
        ("wawancara.csv", wawancara),
        ("dokumen.csv", &dokumen.replace("surat_edaran", "lainnya")),
        ("kutipan_kode.csv", good),
    ]);
    let d = read_all(tmp.path()).unwrap();
    assert_eq!(d.dokumen.len(), 2);
    assert_eq!(
        d.kutipan
            .iter()
            .map(|k| (k.sumber.clone(), k.teks(d.source_text(&k.sumber).unwrap())))
            .collect::<Vec<_>>(),
        vec![
            (
                monev_domain::Sumber::Wawancara("W1".into()),
                "Antrean lebih pendek"
            ),
            (monev_domain::Sumber::Dokumen("D1".into()), "Undangan")
        ]
    );
    let bad = "wawancara,dokumen,mulai,selesai,kode,pengkode\nW1,D1,0,5,hasil.lainnya,A\n,,0,5,hasil.lainnya,A\n,D9,0,5,hasil.lainnya,A\n,D1,30,99,hasil.lainnya,A\n";
    let e = errors(&[
        ("wawancara.csv", wawancara),
        ("dokumen.csv", dokumen),
        ("kutipan_kode.csv", bad),
    ]);
    let joined = e.join("\n");
    assert!(
        joined.contains("dokumen.csv:3: jenis: \"surat_edaran\""),
        "{joined}"
    );
    assert!(joined.contains("kutipan_kode.csv:2: dokumen"), "{joined}");
    assert!(joined.contains("kutipan_kode.csv:3: wawancara"), "{joined}");
    assert!(
        joined.contains("kutipan_kode.csv:4: dokumen: \"D9\": dokumen tidak dikenal"),
        "{joined}"
    );
    assert!(
        joined.contains(
            "kutipan_kode.csv:5: selesai: \"99\": rentang 30..99 di luar teks (35 karakter)"
        ),
        "{joined}"
    );
}

/// The package of [`package`] zipped, with `extra` written as `name`.
fn zipped_with(name: &str, extra: &mut dyn FnMut(&mut dyn std::io::Write)) -> tempfile::TempDir {
    use std::io::Write;
    let src = package(&[]);
    let out = tempfile::tempdir().unwrap();
    let file = std::fs::File::create(out.path().join("paket.zip")).unwrap();
    let mut zip = zip::ZipWriter::new(file);
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(true);
    for e in std::fs::read_dir(src.path()).unwrap() {
        let e = e.unwrap();
        let n = e.file_name().to_string_lossy().into_owned();
        if n == name {
            continue;
        }
        zip.start_file(n, opts).unwrap();
        zip.write_all(&std::fs::read(e.path()).unwrap()).unwrap();
    }
    zip.start_file(name, opts).unwrap();
    extra(&mut zip);
    zip.finish().unwrap();
    out
}

fn refusal(dir: &tempfile::TempDir) -> String {
    match read_all(&dir.path().join("paket.zip")) {
        Err(PackageError::Invalid { errors, .. }) => errors
            .iter()
            .map(|e| e.to_string())
            .collect::<Vec<_>>()
            .join("\n"),
        Err(e) => e.to_string(),
        Ok(_) => panic!("a hostile package was read"),
    }
}

#[test]
fn a_zip_bomb_is_refused_before_it_fills_memory() {
    // 24 MiB of the same row (it deflates about a thousand times): past
    // 16 MiB the entry has grown over 200 times its packed size.
    let dir = zipped_with("skm.csv", &mut |w| {
        w.write_all(b"instansi,tanggal,u1,u2,u3,u4,u5,u6,u7,u8,u9\n")
            .unwrap();
        let row = b"A,2025-02-01,3,3,4,4,3,3,2,3,4\n".repeat(32 * 1024);
        for _ in 0..(24 << 20) / row.len() {
            w.write_all(&row).unwrap();
        }
    });
    let why = refusal(&dir);
    assert!(why.contains("zip bomb"), "{why}");
    assert!(why.contains("skm.csv"), "located: {why}");
    // Refused from the sizes it declares, before a row is read: one
    // sentence, not the rows' errors ("A" is no instansi) first.
    assert_eq!(why.lines().count(), 1, "{why}");
    assert!(!why.contains("instansi"), "{why}");
}

#[test]
fn a_line_of_megabytes_is_refused() {
    let dir = zipped_with("instansi.csv", &mut |w| {
        w.write_all(b"kode,nama,jenis,kelompok\nA,").unwrap();
        w.write_all(&vec![b'x'; 3 << 20]).unwrap();
    });
    let why = refusal(&dir);
    assert!(why.contains("MiB"), "{why}");
    assert!(why.contains("instansi.csv"), "located: {why}");
}

/// SKM and ticket files of many buffers' worth (read on two threads), with
/// bad rows at `bad_skm` and `bad_tickets` (file lines, the header is 1).
fn large_tables(rows: usize, bad_skm: &[usize], bad_tickets: &[usize]) -> (String, String) {
    let mut skm = String::from("instansi,tanggal,u1,u2,u3,u4,u5,u6,u7,u8,u9,pekerjaan\n");
    let mut tickets =
        String::from("instansi,jenis_layanan,waktu_datang,waktu_dipanggil,waktu_selesai\n");
    for i in 1..=rows {
        let unit = if i % 2 == 0 { "A" } else { "B" };
        let u1 = if bad_skm.contains(&(i + 1)) { "7" } else { "3" };
        skm.push_str(&format!(
            "{unit},2025-0{}-1{},{u1},4,{},3,2,4,3,3,4,\"petani, nelayan {i}\"\n",
            1 + i % 9,
            i % 10,
            1 + i % 4
        ));
        let called = if bad_tickets.contains(&(i + 1)) {
            "07"
        } else {
            "09"
        };
        tickets.push_str(&format!(
            "{unit},KTP,2025-0{m}-1{d} 08:{s:02}:00,2025-0{m}-1{d} {called}:{s:02}:00,\n",
            m = 1 + i % 9,
            d = i % 10,
            s = i % 60
        ));
    }
    (skm, tickets)
}

#[test]
fn large_tables_read_on_two_threads_keep_their_rows_and_errors_in_order() {
    let rows = 30_000;
    let (skm, tickets) = large_tables(rows, &[], &[]);
    assert!(skm.len() > 1 << 20 && tickets.len() > 1 << 20);
    let tmp = package(&[("skm.csv", &skm), ("layanan.csv", &tickets)]);
    let data = read_all(tmp.path()).unwrap();
    assert_eq!((data.skm.len(), data.layanan.len()), (rows, rows));
    // File order, cell for cell.
    for (i, r) in data.skm.iter().enumerate() {
        assert_eq!(
            r.pekerjaan.as_deref(),
            Some(&*format!("petani, nelayan {}", i + 1))
        );
    }
    for (i, l) in data.layanan.iter().enumerate() {
        assert_eq!(l.waktu_datang.seconds() % 3600, ((i + 1) % 60 * 60) as i64);
    }

    // Errors in both: the SKM file's first, each file's by line, as one
    // reader would find them.
    let (skm, tickets) = large_tables(rows, &[5, 29_000], &[3, 17_001]);
    let got = errors(&[("skm.csv", &skm), ("layanan.csv", &tickets)]);
    let located: Vec<(String, String)> = got
        .iter()
        .map(|e| {
            let mut parts = e.splitn(3, ':');
            (
                parts.next().unwrap().to_string(),
                parts.next().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        located,
        [
            ("skm.csv", "5"),
            ("skm.csv", "29000"),
            ("layanan.csv", "3"),
            ("layanan.csv", "17001")
        ]
        .map(|(f, l)| (f.to_string(), l.to_string())),
        "{got:#?}"
    );

    // More SKM errors than are kept: the list is the first ones found, the
    // count is of all of them, tickets' included.
    let many: Vec<usize> = (2..=400).collect();
    let (skm, tickets) = large_tables(rows, &many, &[3]);
    let tmp = package(&[("skm.csv", &skm), ("layanan.csv", &tickets)]);
    match read_all(tmp.path()) {
        Err(PackageError::Invalid { errors, total }) => {
            assert_eq!(errors.len(), monev_ingest::MAX_ERRORS);
            assert_eq!(total, many.len() + 1);
            assert!(errors.iter().all(|e| e.file.ends_with("skm.csv")));
            assert_eq!(errors.last().unwrap().line, 201);
        }
        other => panic!("{:?}", other.map(|_| ())),
    }
}

const INDIKATOR: &str =
    "kode,nama,baseline,target,arah\nIKM,IKM unit,74.5,82,naik\nWAKTU,Waktu tunggu,39,30,turun\n";
const ANGGARAN: &str =
    "kegiatan,pagu,realisasi\nPelatihan,210000000,208950000\nSosialisasi,30000000,25800000\n";

#[test]
fn realisations_per_period_are_read_for_the_programme_and_its_units() {
    let tmp = package(&[
        ("indikator.csv", INDIKATOR),
        ("anggaran.csv", ANGGARAN),
        (
            "indikator_periode.csv",
            "indikator;periode;instansi;target;realisasi\nIKM;2025-T1;;76;75,2\nIKM;TW II 2025;A;78;\nWAKTU;2025-T2;;36;37,5\n",
        ),
        (
            "anggaran_periode.csv",
            "kegiatan;periode;instansi;rencana_keuangan;realisasi_keuangan;rencana_fisik_persen;realisasi_fisik_persen\nPelatihan;2025-T1;;52.500.000;40.000.000;25;20\nPelatihan;2025-T2;B;105.000.000;;50;\n",
        ),
    ]);
    let d = read_all(tmp.path()).unwrap();
    assert_eq!(d.program.periode, monev_domain::JenisPeriode::Triwulan);
    let i: Vec<String> = d
        .indikator_periode
        .iter()
        .map(|r| {
            format!(
                "{} {} {:?} {} {:?}",
                r.indikator, r.periode, r.instansi, r.target, r.realisasi
            )
        })
        .collect();
    assert_eq!(
        i,
        [
            "IKM 2025-T1 None 76 Some(75.2)",
            "IKM 2025-T2 Some(\"A\") 78 None",
            "WAKTU 2025-T2 None 36 Some(37.5)",
        ]
    );
    let a = &d.anggaran_periode;
    assert_eq!(a.len(), 2);
    assert_eq!(
        (
            a[0].rencana_keuangan,
            a[0].realisasi_keuangan,
            a[0].realisasi_fisik_persen
        ),
        (52_500_000.0, Some(40_000_000.0), Some(20.0))
    );
    assert_eq!(
        (a[1].instansi.as_deref(), a[1].realisasi_keuangan),
        (Some("B"), None)
    );

    // Written back and read again: the same rows.
    let out = tempfile::tempdir().unwrap();
    monev_ingest::write_package(&d, out.path(), monev_ingest::Delimiter::Comma).unwrap();
    let again = read_all(out.path()).unwrap();
    assert_eq!(again.indikator_periode, d.indikator_periode);
    assert_eq!(again.anggaran_periode, d.anggaran_periode);
    assert_eq!(again.program.periode, d.program.periode);
}

#[test]
fn a_bad_period_row_is_located() {
    let e = errors(&[
        ("indikator.csv", INDIKATOR),
        ("anggaran.csv", ANGGARAN),
        (
            "indikator_periode.csv",
            "indikator,periode,instansi,target,realisasi\nIKM,2025-03,,76,75\nIKM,2026-T1,,76,75\nNGAIN,2025-T1,,1,1\nIKM,2025-T2,Z,76,75\nIKM,2025-T3,,76,\nIKM,2025-T3,,77,\n",
        ),
        (
            "anggaran_periode.csv",
            "kegiatan,periode,rencana_keuangan,realisasi_keuangan,rencana_fisik_persen,realisasi_fisik_persen\nKonsumsi,2025-T1,1,1,10,10\nPelatihan,2025-T1,100,-5,120,101\n",
        ),
    ]);
    assert_eq!(
        e,
        [
            "indikator_periode.csv:2: periode: \"2025-03\": program ini dilaporkan per triwulan; tulis periodenya seperti 2025-T1 (the programme reports by triwulan)",
            "indikator_periode.csv:3: periode: \"2026-T1\": di luar masa program 2025-01-01 s.d. 2025-12-31 (outside the programme's dates)",
            "indikator_periode.csv:4: indikator: \"NGAIN\": indikator tidak dikenal (unknown indikator); daftarkan dulu di tabelnya",
            "indikator_periode.csv:5: instansi: \"Z\": instansi tidak dikenal (unknown instansi); daftarkan dulu di tabelnya",
            "indikator_periode.csv:7: periode: \"2025-T3\": duplikat; sudah ada di baris 6 (duplicate of line 6)",
            "anggaran_periode.csv:2: kegiatan: \"Konsumsi\": kegiatan tidak dikenal (unknown kegiatan); daftarkan dulu di tabelnya",
            "anggaran_periode.csv:3: realisasi_keuangan: \"-5\": tidak boleh negatif (must not be negative)",
            "anggaran_periode.csv:3: rencana_fisik_persen: \"120\": harus antara 0 dan 100 (a percentage)",
            "anggaran_periode.csv:3: realisasi_fisik_persen: \"101\": harus antara 0 dan 100 (out of range)",
        ]
    );
    // A programme that reports by month takes months.
    let program = "kode,nama,wilayah,mulai,selesai,tanggal_intervensi,pagu_anggaran,periode\nP1,Program Uji,Kota Uji,2025-01-01,2025-12-31,2025-07-01,1000,bulan\n";
    let e = errors(&[
        ("program.csv", program),
        ("indikator.csv", INDIKATOR),
        (
            "indikator_periode.csv",
            "indikator,periode,target\nIKM,2025-03,76\nIKM,2025-T1,76\n",
        ),
    ]);
    assert_eq!(
        e,
        [
            "indikator_periode.csv:3: periode: \"2025-T1\": program ini dilaporkan per bulan; tulis periodenya seperti 2025-01 (the programme reports by bulan)"
        ]
    );
}
