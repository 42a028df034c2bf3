//! The package's tables: their columns, how a row becomes a domain value, and
//! which references to earlier tables it must satisfy.

use std::collections::HashMap;
use std::path::Path;

use monev_domain::{
    Anggaran, AnggaranPeriode, Arah, Asn, AspekReaksi, Gender, Indikator, IndikatorPeriode,
    Instansi, JenisPeriode, Kelompok, Kinerja, KodeKualitatif, Kutipan, Layanan, Likert4, Likert5,
    Nip, ParseError, Pelatihan, Penilai, Periode, Peserta, Program, Reaksi, ReaksiItem,
    SkmResponse, Sumber, Wawancara,
};

use crate::cells::{Cells, ColumnSpec, Columns, RowParser, Rows, column_map};
use crate::{Errors, Package, PackageError, RowError, source};

const PROGRAM: ColumnSpec = ColumnSpec {
    required: &[
        "kode",
        "nama",
        "wilayah",
        "mulai",
        "selesai",
        "tanggal_intervensi",
        "pagu_anggaran",
    ],
    optional: &[
        "target_partisipasi_persen",
        "evaluator",
        "tim_evaluator",
        "nomor_sk",
        "tempat",
        "tanggal_laporan",
        "penandatangan_nama",
        "penandatangan_jabatan",
        "penandatangan_nip",
        "zona_waktu",
        "periode",
    ],
    numbered: None,
};
const WILAYAH: ColumnSpec = ColumnSpec {
    required: &["kode", "nama", "tingkat"],
    optional: &["induk"],
    numbered: None,
};
const INSTANSI: ColumnSpec = ColumnSpec {
    required: &["kode", "nama", "jenis", "kelompok"],
    optional: &["wilayah"],
    numbered: None,
};
const ASN: ColumnSpec = ColumnSpec {
    required: &["nip", "nama", "instansi"],
    optional: &["jabatan", "golongan", "pendidikan", "jenis_kelamin"],
    numbered: None,
};
const PELATIHAN: ColumnSpec = ColumnSpec {
    required: &["kode", "nama", "jp", "biaya_per_peserta"],
    optional: &["bidang"],
    numbered: None,
};
const PESERTA: ColumnSpec = ColumnSpec {
    required: &["nip", "pelatihan"],
    optional: &[
        "tanggal_mulai",
        "tanggal_selesai",
        "kehadiran_persen",
        "pre_test",
        "post_test",
    ],
    numbered: None,
};
const UNSUR_COLS: [&str; 9] = ["u1", "u2", "u3", "u4", "u5", "u6", "u7", "u8", "u9"];
const SKM: ColumnSpec = ColumnSpec {
    required: &[
        "instansi", "tanggal", "u1", "u2", "u3", "u4", "u5", "u6", "u7", "u8", "u9",
    ],
    optional: &[
        "jenis_kelamin",
        "usia",
        "pendidikan",
        "pekerjaan",
        "jenis_layanan",
        "jam",
    ],
    numbered: None,
};
const LAYANAN: ColumnSpec = ColumnSpec {
    required: &["instansi", "waktu_datang", "waktu_dipanggil"],
    optional: &["jenis_layanan", "waktu_selesai", "loket"],
    numbered: None,
};
const ANGGARAN: ColumnSpec = ColumnSpec {
    required: &["kegiatan", "pagu", "realisasi"],
    optional: &[],
    numbered: None,
};
const KINERJA: ColumnSpec = ColumnSpec {
    required: &["nip", "tanggal", "penilai", "aspek", "skor"],
    optional: &[],
    numbered: None,
};
const WAWANCARA: ColumnSpec = ColumnSpec {
    required: &["kode", "tanggal", "kelompok", "instansi", "transkrip"],
    optional: &["pewawancara", "persetujuan"],
    numbered: None,
};
const BUKU_KODE: ColumnSpec = ColumnSpec {
    required: &["kode", "nama"],
    optional: &["definisi"],
    numbered: None,
};
const DOKUMEN: ColumnSpec = ColumnSpec {
    required: &["kode", "judul", "jenis", "teks"],
    optional: &[],
    numbered: None,
};
const KUTIPAN_KODE: ColumnSpec = ColumnSpec {
    required: &["mulai", "selesai", "kode", "pengkode"],
    optional: &["wawancara", "dokumen", "teks", "memo"],
    numbered: None,
};
const REAKSI_ITEM: ColumnSpec = ColumnSpec {
    required: &["kode", "nama"],
    optional: &["aspek"],
    numbered: None,
};
const REAKSI: ColumnSpec = ColumnSpec {
    required: &["nip", "pelatihan"],
    optional: &["tanggal"],
    numbered: Some("r"),
};
const INDIKATOR: ColumnSpec = ColumnSpec {
    required: &["kode", "nama", "baseline", "target", "arah"],
    optional: &["ukuran", "realisasi"],
    numbered: None,
};
const INDIKATOR_PERIODE: ColumnSpec = ColumnSpec {
    required: &["indikator", "periode", "target"],
    optional: &["instansi", "realisasi"],
    numbered: None,
};
const ANGGARAN_PERIODE: ColumnSpec = ColumnSpec {
    required: &[
        "kegiatan",
        "periode",
        "rencana_keuangan",
        "rencana_fisik_persen",
    ],
    optional: &["instansi", "realisasi_keuangan", "realisasi_fisik_persen"],
    numbered: None,
};

impl Package {
    /// Opens a table and maps its columns; `None` when it is absent or its
    /// header lacks a required column (errors recorded).
    fn rows<T>(
        &mut self,
        table: &str,
        spec: ColumnSpec,
        parse: RowParser<T>,
    ) -> Option<Rows<'_, T>> {
        let raw = match self.source.table(table) {
            Ok(Some(raw)) => raw,
            Ok(None) => return None,
            Err(e) => {
                self.errors.push(e);
                return None;
            }
        };
        let cols = Columns::new(column_map(
            &raw.file,
            &raw.header,
            spec,
            &mut self.errors,
            &mut self.notes,
        )?);
        Some(Rows {
            raw,
            record: csv::StringRecord::new(),
            cols,
            errors: &mut self.errors,
            known: &mut self.known,
            seen: HashMap::new(),
            parse,
        })
    }

    /// `program.csv`: exactly one row.
    pub fn program(&mut self) -> Option<Program> {
        let mut rows = self.rows("program", PROGRAM, parse_program)?;
        let file = rows.file().to_string();
        let first = rows.next();
        let extra = rows.count();
        if extra > 0 {
            self.errors.push(RowError::file(
                &file,
                "satu paket memuat satu program; pisahkan program lain ke paket sendiri (one programme per package)",
            ));
        }
        if first.is_none() && self.errors.total == 0 {
            self.errors.push(RowError::file(
                &file,
                "tabel program kosong (no programme row)",
            ));
        }
        first
    }

    /// `wilayah.csv`: regions, each after the region it belongs to.
    pub fn wilayah(&mut self) -> Option<Vec<monev_domain::Wilayah>> {
        Some(self.rows("wilayah", WILAYAH, parse_wilayah)?.collect())
    }

    pub fn instansi(&mut self) -> Option<Vec<Instansi>> {
        let out: Vec<Instansi> = self.rows("instansi", INSTANSI, parse_instansi)?.collect();
        Some(out)
    }

    pub fn asn(&mut self) -> Option<Vec<Asn>> {
        Some(self.rows("asn", ASN, parse_asn)?.collect())
    }

    pub fn pelatihan(&mut self) -> Option<Vec<Pelatihan>> {
        Some(
            self.rows("pelatihan", PELATIHAN, parse_pelatihan)?
                .collect(),
        )
    }

    /// `peserta.csv`, streamed. Each (nip, pelatihan) pair may appear once.
    pub fn peserta(&mut self) -> Option<Rows<'_, Peserta>> {
        self.rows("peserta", PESERTA, parse_peserta)
    }

    /// `skm.csv`, streamed.
    pub fn skm(&mut self) -> Option<Rows<'_, SkmResponse>> {
        self.rows("skm", SKM, parse_skm)
    }

    /// `layanan.csv` (queue tickets), streamed.
    pub fn layanan(&mut self) -> Option<Rows<'_, Layanan>> {
        self.rows("layanan", LAYANAN, parse_layanan)
    }

    pub fn anggaran(&mut self) -> Option<Vec<Anggaran>> {
        Some(self.rows("anggaran", ANGGARAN, parse_anggaran)?.collect())
    }

    /// `kinerja.csv`: performance ratings (Kirkpatrick level 3), streamed.
    pub fn kinerja(&mut self) -> Option<Rows<'_, Kinerja>> {
        self.rows("kinerja", KINERJA, parse_kinerja)
    }

    /// `reaksi_item.csv`: the reaction questionnaire's items.
    pub fn reaksi_item(&mut self) -> Option<Vec<ReaksiItem>> {
        Some(
            self.rows("reaksi_item", REAKSI_ITEM, parse_reaksi_item)?
                .collect(),
        )
    }

    /// `wawancara.csv`: interviews with their transcripts.
    pub fn wawancara(&mut self) -> Option<Vec<Wawancara>> {
        Some(
            self.rows("wawancara", WAWANCARA, parse_wawancara)?
                .collect(),
        )
    }

    /// `buku_kode.csv`: the codebook (hierarchical codes, `induk.anak`).
    pub fn buku_kode(&mut self) -> Option<Vec<KodeKualitatif>> {
        Some(
            self.rows("buku_kode", BUKU_KODE, parse_buku_kode)?
                .collect(),
        )
    }

    /// `dokumen.csv`: documents analysed, with their text.
    pub fn dokumen(&mut self) -> Option<Vec<monev_domain::Dokumen>> {
        Some(self.rows("dokumen", DOKUMEN, parse_dokumen)?.collect())
    }

    /// `kutipan_kode.csv`: coded segments of transcripts and documents.
    pub fn kutipan_kode(&mut self) -> Option<Vec<Kutipan>> {
        Some(
            self.rows("kutipan_kode", KUTIPAN_KODE, parse_kutipan)?
                .collect(),
        )
    }

    /// `reaksi.csv`: reactions to each module (Kirkpatrick level 1), columns r1 … rk.
    pub fn reaksi(&mut self) -> Option<Rows<'_, Reaksi>> {
        self.rows("reaksi", REAKSI, parse_reaksi)
    }

    pub fn indikator(&mut self) -> Option<Vec<Indikator>> {
        Some(
            self.rows("indikator", INDIKATOR, parse_indikator)?
                .collect(),
        )
    }

    /// `indikator_periode.csv`: indicators' targets and realisations per
    /// reporting period.
    pub fn indikator_periode(&mut self) -> Option<Vec<IndikatorPeriode>> {
        Some(
            self.rows(
                "indikator_periode",
                INDIKATOR_PERIODE,
                parse_indikator_periode,
            )?
            .collect(),
        )
    }

    /// `anggaran_periode.csv`: budget lines' plans and realisations per
    /// reporting period.
    pub fn anggaran_periode(&mut self) -> Option<Vec<AnggaranPeriode>> {
        Some(
            self.rows("anggaran_periode", ANGGARAN_PERIODE, parse_anggaran_periode)?
                .collect(),
        )
    }
}

fn parse_program(c: &mut Cells<'_>, known: &mut crate::Known) -> Option<Program> {
    let p = Program {
        kode: c.text("kode"),
        nama: c.text("nama"),
        wilayah: c.text("wilayah"),
        mulai: c.date("mulai"),
        selesai: c.date("selesai"),
        tanggal_intervensi: c.date("tanggal_intervensi"),
        pagu_anggaran: c.non_negative("pagu_anggaran"),
        target_partisipasi_persen: c.opt_number_in("target_partisipasi_persen", 0.0, 100.0),
        evaluator: c.opt_text("evaluator"),
        zona_waktu: c
            .opt_with("zona_waktu", monev_domain::ZonaWaktu::parse)
            .unwrap_or_default(),
        periode: c
            .opt_with("periode", monev_domain::JenisPeriode::parse)
            .unwrap_or_default(),
        laporan: monev_domain::PengaturanLaporan {
            // Team members separated by ";" in one cell.
            tim: c
                .opt_text("tim_evaluator")
                .map(|t| {
                    t.split(';')
                        .map(str::trim)
                        .filter(|t| !t.is_empty())
                        .map(str::to_string)
                        .collect()
                })
                .unwrap_or_default(),
            nomor_sk: c.opt_text("nomor_sk"),
            tempat: c.opt_text("tempat"),
            tanggal: c.opt_date("tanggal_laporan"),
            penandatangan_nama: c.opt_text("penandatangan_nama"),
            penandatangan_jabatan: c.opt_text("penandatangan_jabatan"),
            penandatangan_nip: c.opt_text("penandatangan_nip"),
            logo: None,
        },
    };
    if !c.failed && p.selesai < p.mulai {
        c.fail(
            "selesai",
            "tanggal selesai sebelum tanggal mulai (ends before it starts)",
        );
    }
    known.periode = Some((p.periode, p.mulai, p.selesai));
    Some(p)
}

/// Records `key` as seen in this table, or fails naming the earlier line.
fn check_unique(c: &mut Cells<'_>, col: &'static str, key: String) {
    if let Some(&prev) = c.seen.get(&key) {
        c.fail(
            col,
            format!("duplikat; sudah ada di baris {prev} (duplicate of line {prev})"),
        );
    } else {
        c.seen.insert(key, c.line);
    }
}

fn parse_wilayah(c: &mut Cells<'_>, known: &mut crate::Known) -> Option<monev_domain::Wilayah> {
    use monev_domain::Tingkat;
    let w = monev_domain::Wilayah {
        kode: c.text("kode"),
        nama: c.text("nama"),
        tingkat: c.with("tingkat", Tingkat::parse, Tingkat::Kecamatan),
        induk: c.opt_text("induk"),
    };
    check_unique(c, "kode", w.kode.clone());
    // A Kemendagri code says its own level and parent.
    if !c.failed
        && let Some(form) = monev_domain::kemendagri(&w.kode)
    {
        match form {
            Err(why) => c.fail("kode", why),
            Ok(parts) if parts != w.tingkat.kemendagri_parts() => c.fail(
                "kode",
                format!(
                    "kode Kemendagri dengan {parts} bagian bukan {} (a Kemendagri code of {parts} parts is not a {})",
                    w.tingkat.code(),
                    w.tingkat.code()
                ),
            ),
            Ok(_) => {
                if let Some(induk) = &w.induk
                    && matches!(monev_domain::kemendagri(induk), Some(Ok(_)))
                    && !w.kode.starts_with(&format!("{induk}."))
                {
                    c.fail(
                        "induk",
                        format!(
                            "kode {} tidak berada di bawah {induk} menurut kode Kemendagri (the code is not under its parent)",
                            w.kode
                        ),
                    );
                }
            }
        }
    }
    if !c.failed {
        match (w.tingkat.induk(), &w.induk) {
            (None, Some(_)) => c.fail(
                "induk",
                "provinsi tidak punya induk; kosongkan kolom ini (a province belongs to no region)",
            ),
            (Some(want), None) => c.fail(
                "induk",
                format!(
                    "{} harus punya induk {} (a {} belongs to a {})",
                    w.tingkat.code(),
                    want.code(),
                    w.tingkat.code(),
                    want.code()
                ),
            ),
            (Some(want), Some(induk)) => match known.wilayah.get(induk) {
                None => c.fail(
                    "induk",
                    "wilayah induk tidak dikenal; tulis induk di baris sebelumnya atau impor dulu (unknown parent region: list it in an earlier row)",
                ),
                Some(t) if *t != want => c.fail(
                    "induk",
                    format!(
                        "induk berupa {}, seharusnya {} (the parent is a {}, it should be a {})",
                        t.code(),
                        want.code(),
                        t.code(),
                        want.code()
                    ),
                ),
                Some(_) => {}
            },
            (None, None) => {}
        }
    }
    if c.failed {
        return None;
    }
    known.wilayah.insert(w.kode.clone(), w.tingkat);
    Some(w)
}

fn parse_instansi(c: &mut Cells<'_>, known: &mut crate::Known) -> Option<Instansi> {
    let i = Instansi {
        kode: c.text("kode"),
        nama: c.text("nama"),
        jenis: c.text("jenis"),
        kelompok: c.with("kelompok", Kelompok::parse, Kelompok::Intervensi),
        wilayah: c.opt_text("wilayah"),
    };
    if let Some(w) = &i.wilayah
        && !known.wilayah.contains_key(w)
    {
        c.fail(
            "wilayah",
            "wilayah tidak dikenal; daftarkan di wilayah.csv (unknown region: list it in wilayah.csv)",
        );
    }
    check_unique(c, "kode", i.kode.clone());
    if c.failed {
        reject(c, known, "kode");
        return None;
    }
    known.instansi.insert(i.kode.clone());
    Some(i)
}

fn known_ref(
    c: &mut Cells<'_>,
    known: &crate::Known,
    set: &crate::KeySet,
    col: &'static str,
    what: &str,
) {
    let v = c.raw(col);
    if v.is_empty() {
        return;
    }
    if let Some(scope) = &known.scope
        && what == "instansi"
        && v != scope
    {
        let msg = format!(
            "data instansi lain; Anda hanya boleh mengimpor data {scope} (another instansi's data: you may import only {scope}'s)"
        );
        c.forbid(col, msg);
        return;
    }
    if what == "NIP" && known.foreign_nip.contains(v) {
        c.forbid(
            col,
            "ASN ini terdaftar di instansi lain (this ASN belongs to another instansi)",
        );
        return;
    }
    if set.contains(v) {
        return;
    }
    if known.rejected.contains(v) {
        // Its own row was refused and reported: drop this one quietly.
        c.failed = true;
    } else {
        c.fail(
            col,
            format!("{what} tidak dikenal (unknown {what}); daftarkan dulu di tabelnya"),
        );
    }
}

/// Remembers the key of a refused dimension row.
fn reject(c: &Cells<'_>, known: &mut crate::Known, col: &'static str) {
    let v = c.raw(col);
    if !v.is_empty() {
        known
            .rejected
            .insert(v.chars().filter(|ch| !ch.is_whitespace()).collect());
    }
}

fn parse_asn(c: &mut Cells<'_>, known: &mut crate::Known) -> Option<Asn> {
    let nip = c.with("nip", |s| Nip::parse(s).map(Some), None);
    let instansi = c.text("instansi");
    known_ref(c, known, &known.instansi, "instansi", "instansi");
    let gender = c.opt_with("jenis_kelamin", Gender::parse);
    let Some(nip) = nip else {
        reject(c, known, "nip");
        return None;
    };
    let jenis_kelamin = match gender {
        Some(g) if g != nip.gender() => {
            c.fail(
                "jenis_kelamin",
                "tidak cocok dengan digit ke-15 NIP (does not match the NIP's gender digit)",
            );
            g
        }
        Some(g) => g,
        None => nip.gender(),
    };
    check_unique(c, "nip", nip.to_string());
    if known.foreign_nip.contains(nip.as_str()) {
        c.forbid(
            "nip",
            "ASN ini terdaftar di instansi lain; hanya evaluator yang dapat memindahkannya (this ASN belongs to another instansi; only an evaluator can move them)",
        );
    }
    let a = Asn {
        nip,
        nama: c.text("nama"),
        instansi,
        jabatan: c.opt_text("jabatan").unwrap_or_default(),
        golongan: c.opt_text("golongan").unwrap_or_default(),
        pendidikan: c.opt_text("pendidikan").unwrap_or_default(),
        jenis_kelamin,
    };
    if c.failed {
        reject(c, known, "nip");
        return None;
    }
    known.nip.insert(a.nip.to_string());
    Some(a)
}

fn parse_pelatihan(c: &mut Cells<'_>, known: &mut crate::Known) -> Option<Pelatihan> {
    let p = Pelatihan {
        kode: c.text("kode"),
        nama: c.text("nama"),
        bidang: c.opt_text("bidang").unwrap_or_default(),
        jp: c.non_negative("jp"),
        biaya_per_peserta: c.non_negative("biaya_per_peserta"),
    };
    check_unique(c, "kode", p.kode.clone());
    if c.failed {
        reject(c, known, "kode");
        return None;
    }
    known.pelatihan.insert(p.kode.clone());
    Some(p)
}

fn parse_peserta(c: &mut Cells<'_>, known: &mut crate::Known) -> Option<Peserta> {
    let nip = roster_nip(c, known);
    let pelatihan = c.text("pelatihan");
    known_ref(c, known, &known.pelatihan, "pelatihan", "pelatihan");
    let p = Peserta {
        nip: nip?,
        pelatihan,
        tanggal_mulai: c.opt_date("tanggal_mulai"),
        tanggal_selesai: c.opt_date("tanggal_selesai"),
        kehadiran_persen: c.opt_number_in("kehadiran_persen", 0.0, 100.0),
        pre_test: c.opt_number_in("pre_test", 0.0, 100.0),
        post_test: c.opt_number_in("post_test", 0.0, 100.0),
    };
    if let (Some(a), Some(b)) = (p.tanggal_mulai, p.tanggal_selesai)
        && b < a
    {
        c.fail(
            "tanggal_selesai",
            "sebelum tanggal_mulai (before the start date)",
        );
    }
    check_unique(c, "pelatihan", format!("{}|{}", p.nip, p.pelatihan));
    Some(p)
}

fn parse_unsur(c: &mut Cells<'_>) -> [Option<Likert4>; 9] {
    let mut jawaban = [None; 9];
    for (k, col) in UNSUR_COLS.iter().enumerate() {
        jawaban[k] = c.with(col, Likert4::parse_opt, None);
    }
    jawaban
}

fn parse_skm(c: &mut Cells<'_>, known: &mut crate::Known) -> Option<SkmResponse> {
    let instansi = c.text("instansi");
    known_ref(c, known, &known.instansi, "instansi", "instansi");
    let tanggal = c.date("tanggal");
    let jawaban = parse_unsur(c);
    if !c.failed && jawaban.iter().all(Option::is_none) {
        c.fail("u1", "semua jawaban U1–U9 kosong (all nine answers blank)");
    }
    Some(SkmResponse {
        instansi,
        tanggal,
        jawaban,
        jenis_kelamin: c.opt_with("jenis_kelamin", Gender::parse),
        usia: c.opt_with("usia", |s| {
            s.parse::<u32>()
                .ok()
                .filter(|v| (10..=110).contains(v))
                .ok_or_else(|| {
                    monev_domain::ParseError::new("usia harus bilangan bulat 10–110 (age)")
                })
        }),
        pendidikan: c.opt_text("pendidikan"),
        pekerjaan: c.opt_text("pekerjaan"),
        jenis_layanan: c.opt_text("jenis_layanan"),
    })
}

fn parse_layanan(c: &mut Cells<'_>, known: &mut crate::Known) -> Option<Layanan> {
    // No String per ticket: the texts come from the package's interner.
    let instansi = known.texts.get(c.raw("instansi"));
    if instansi.is_empty() {
        c.fail("instansi", "wajib diisi (required)");
    }
    known_ref(c, known, &known.instansi, "instansi", "instansi");
    let l = Layanan {
        instansi,
        jenis_layanan: known.texts.get(c.raw("jenis_layanan")),
        waktu_datang: c.timestamp("waktu_datang"),
        waktu_dipanggil: c.timestamp("waktu_dipanggil"),
        waktu_selesai: c.opt_timestamp("waktu_selesai"),
    };
    if !c.failed {
        if l.waktu_dipanggil < l.waktu_datang {
            c.fail(
                "waktu_dipanggil",
                "sebelum waktu_datang (called before arrival)",
            );
        } else if l.waktu_selesai.is_some_and(|s| s < l.waktu_dipanggil) {
            c.fail(
                "waktu_selesai",
                "sebelum waktu_dipanggil (finished before called)",
            );
        }
    }
    Some(l)
}

fn parse_anggaran(c: &mut Cells<'_>, known: &mut crate::Known) -> Option<Anggaran> {
    let a = Anggaran {
        kegiatan: c.text("kegiatan"),
        pagu: c.non_negative("pagu"),
        realisasi: c.non_negative("realisasi"),
    };
    known.kegiatan.insert(a.kegiatan.clone());
    Some(a)
}

fn parse_indikator(c: &mut Cells<'_>, known: &mut crate::Known) -> Option<Indikator> {
    let i = Indikator {
        kode: c.text("kode"),
        nama: c.text("nama"),
        ukuran: c.opt_text("ukuran").unwrap_or_default(),
        baseline: c.number("baseline"),
        target: c.number("target"),
        arah: c.with("arah", Arah::parse, Arah::Naik),
        realisasi: c.opt_number("realisasi"),
    };
    check_unique(c, "kode", i.kode.clone());
    known.indikator.insert(i.kode.clone());
    Some(i)
}

/// A reporting period of the programme's kind, within its dates.
fn periode_of(c: &mut Cells<'_>, known: &crate::Known) -> Periode {
    let program = known.periode;
    c.with(
        "periode",
        |s| {
            let p = Periode::parse(s)?;
            let Some((jenis, mulai, selesai)) = program else {
                return Ok(p);
            };
            if p.jenis() != jenis {
                let example = Periode::of(mulai, jenis);
                return Err(ParseError::new(format!(
                    "program ini dilaporkan per {}; tulis periodenya seperti {example} (the programme reports by {})",
                    jenis.code(),
                    jenis.code()
                )));
            }
            if p.selesai() < mulai || p.mulai() > selesai {
                return Err(ParseError::new(format!(
                    "di luar masa program {mulai} s.d. {selesai} (outside the programme's dates)"
                )));
            }
            Ok(p)
        },
        Periode::new(1970, JenisPeriode::Triwulan, 1).expect("a real period"),
    )
}

/// A percentage of physical progress: 0–100.
fn persen(c: &mut Cells<'_>, col: &'static str) -> f64 {
    let v = c.number(col);
    if !(0.0..=100.0).contains(&v) {
        c.fail(col, "harus antara 0 dan 100 (a percentage)");
    }
    v
}

/// A realised amount: empty while not reported, never negative.
fn opt_non_negative(c: &mut Cells<'_>, col: &'static str) -> Option<f64> {
    let v = c.opt_number(col)?;
    if v < 0.0 {
        c.fail(col, "tidak boleh negatif (must not be negative)");
        return None;
    }
    Some(v)
}

fn parse_indikator_periode(
    c: &mut Cells<'_>,
    known: &mut crate::Known,
) -> Option<IndikatorPeriode> {
    let r = IndikatorPeriode {
        indikator: c.text("indikator"),
        periode: periode_of(c, known),
        instansi: c.opt_text("instansi"),
        target: c.number("target"),
        realisasi: c.opt_number("realisasi"),
    };
    known_ref(c, known, &known.indikator, "indikator", "indikator");
    known_ref(c, known, &known.instansi, "instansi", "instansi");
    // A failed cell holds a stand-in value: no duplicate to speak of.
    if c.failed {
        return None;
    }
    check_unique(
        c,
        "periode",
        format!(
            "{}\u{1f}{}\u{1f}{}",
            r.indikator,
            r.periode,
            r.instansi.as_deref().unwrap_or("")
        ),
    );
    Some(r)
}

fn parse_anggaran_periode(c: &mut Cells<'_>, known: &mut crate::Known) -> Option<AnggaranPeriode> {
    let r = AnggaranPeriode {
        kegiatan: c.text("kegiatan"),
        periode: periode_of(c, known),
        instansi: c.opt_text("instansi"),
        rencana_keuangan: c.non_negative("rencana_keuangan"),
        realisasi_keuangan: opt_non_negative(c, "realisasi_keuangan"),
        rencana_fisik_persen: persen(c, "rencana_fisik_persen"),
        realisasi_fisik_persen: c.opt_number_in("realisasi_fisik_persen", 0.0, 100.0),
    };
    known_ref(c, known, &known.kegiatan, "kegiatan", "kegiatan");
    known_ref(c, known, &known.instansi, "instansi", "instansi");
    // A failed cell holds a stand-in value: no duplicate to speak of.
    if c.failed {
        return None;
    }
    check_unique(
        c,
        "periode",
        format!(
            "{}\u{1f}{}\u{1f}{}",
            r.kegiatan,
            r.periode,
            r.instansi.as_deref().unwrap_or("")
        ),
    );
    Some(r)
}

/// A NIP cell that must name an ASN of the roster; `None` (with the row
/// failed) otherwise. Rows of a refused roster entry drop quietly.
fn roster_nip(c: &mut Cells<'_>, known: &crate::Known) -> Option<Nip> {
    let raw: String = c
        .raw("nip")
        .chars()
        .filter(|ch| !ch.is_whitespace())
        .collect();
    if known.rejected.contains(&raw) {
        c.failed = true;
        return None;
    }
    let nip = c.with("nip", |s| Nip::parse(s).map(Some), None);
    if nip.is_some() {
        known_ref(c, known, &known.nip, "nip", "NIP");
    }
    nip
}

fn parse_kinerja(c: &mut Cells<'_>, known: &mut crate::Known) -> Option<Kinerja> {
    let nip = roster_nip(c, known);
    let k = Kinerja {
        nip: nip?,
        tanggal: c.date("tanggal"),
        penilai: c.with("penilai", Penilai::parse, Penilai::Atasan),
        aspek: c.text("aspek"),
        skor: c.with(
            "skor",
            Likert5::parse,
            Likert5::new(1).expect("1 is a score"),
        ),
    };
    Some(k)
}

fn parse_wawancara(c: &mut Cells<'_>, known: &mut crate::Known) -> Option<Wawancara> {
    let kode = c.text("kode");
    check_unique(c, "kode", kode.clone());
    let instansi = c.text("instansi");
    known_ref(c, known, &known.instansi, "instansi", "instansi");
    let persetujuan = match c.raw("persetujuan").to_lowercase().as_str() {
        "" | "ya" | "yes" | "1" | "true" => true,
        "tidak" | "no" | "0" | "false" => false,
        _ => {
            c.fail("persetujuan", "isi ya atau tidak (yes or no)");
            false
        }
    };
    let w = Wawancara {
        kode,
        tanggal: c.date("tanggal"),
        pewawancara: c.opt_text("pewawancara").unwrap_or_default(),
        kelompok: c.with(
            "kelompok",
            monev_domain::KelompokResponden::parse,
            monev_domain::KelompokResponden::Masyarakat,
        ),
        instansi,
        persetujuan,
        transkrip: c.text("transkrip"),
    };
    if !w.persetujuan && !w.transkrip.is_empty() {
        c.fail(
            "persetujuan",
            "transkrip tanpa persetujuan responden tidak boleh disimpan (no consent: the transcript may not be kept)",
        );
    }
    if c.failed {
        return None;
    }
    known.transkrip.insert(w.kode.clone(), w.transkrip.clone());
    Some(w)
}

fn parse_buku_kode(c: &mut Cells<'_>, known: &mut crate::Known) -> Option<KodeKualitatif> {
    let kode = c.text("kode").to_lowercase();
    if !kode.is_empty()
        && !kode
            .split('.')
            .all(|p| !p.is_empty() && p.chars().all(|ch| ch.is_alphanumeric() || ch == '_'))
    {
        c.fail(
            "kode",
            "kode berbentuk induk.anak dari huruf, angka dan _ (e.g. kendala.partisipasi)",
        );
    }
    check_unique(c, "kode", kode.clone());
    let k = KodeKualitatif {
        kode,
        nama: c.text("nama"),
        definisi: c.opt_text("definisi").unwrap_or_default(),
    };
    if c.failed {
        return None;
    }
    known.kode.insert(k.kode.clone());
    Some(k)
}

fn parse_dokumen(c: &mut Cells<'_>, known: &mut crate::Known) -> Option<monev_domain::Dokumen> {
    let kode = c.text("kode");
    check_unique(c, "kode", kode.clone());
    let jenis = c.with(
        "jenis",
        |s| {
            monev_domain::JenisDokumen::parse(s).ok_or_else(|| {
                monev_domain::ParseError::new(
                    "jenis dokumen: laporan, sk, anggaran, notulen atau lainnya",
                )
            })
        },
        monev_domain::JenisDokumen::Lainnya,
    );
    let d = monev_domain::Dokumen {
        kode,
        judul: c.text("judul"),
        jenis: jenis.code().to_string(),
        teks: c.text("teks"),
    };
    if c.failed {
        return None;
    }
    known.teks_dokumen.insert(d.kode.clone(), d.teks.clone());
    Some(d)
}

fn parse_kutipan(c: &mut Cells<'_>, known: &mut crate::Known) -> Option<Kutipan> {
    let wawancara = c.opt_text("wawancara").unwrap_or_default();
    let dokumen = c.opt_text("dokumen").unwrap_or_default();
    let kode = c.text("kode").to_lowercase();
    let mulai = c.with("mulai", parse_offset, 0);
    let selesai = c.with("selesai", parse_offset, 0);
    let pengkode = c.text("pengkode");
    let (sumber, teks) = match (wawancara.is_empty(), dokumen.is_empty()) {
        (false, true) => {
            let Some(t) = known.transkrip.get(&wawancara) else {
                c.fail(
                    "wawancara",
                    "wawancara tidak dikenal (unknown interview); daftarkan di wawancara.csv",
                );
                return None;
            };
            (Sumber::Wawancara(wawancara), t)
        }
        (true, false) => {
            let Some(t) = known.teks_dokumen.get(&dokumen) else {
                c.fail(
                    "dokumen",
                    "dokumen tidak dikenal (unknown document); daftarkan di dokumen.csv atau unggah dulu",
                );
                return None;
            };
            (Sumber::Dokumen(dokumen), t)
        }
        (true, true) => {
            c.fail(
                "wawancara",
                "isi kode wawancara atau kode dokumen (the segment needs an interview or a document)",
            );
            return None;
        }
        (false, false) => {
            c.fail(
                "dokumen",
                "isi wawancara atau dokumen, tidak keduanya (an interview or a document, not both)",
            );
            return None;
        }
    };
    if !kode.is_empty() && !known.kode.contains(&kode) {
        c.fail("kode", "kode tidak ada di buku kode (not in the codebook)");
    }
    let len = teks.chars().count();
    if selesai <= mulai || selesai > len {
        c.fail(
            "selesai",
            format!("rentang {mulai}..{selesai} di luar teks ({len} karakter) atau kosong (span outside the text)"),
        );
    }
    let k = Kutipan {
        sumber,
        mulai,
        selesai,
        kode,
        pengkode,
        memo: c.opt_text("memo"),
    };
    if let Some(quoted) = c.opt_text("teks")
        && !c.failed
        && k.teks(teks).trim() != quoted.trim()
    {
        c.fail(
            "teks",
            format!("tidak sama dengan teks sumber pada {mulai}..{selesai}: {:?} (the quote does not match the span)", k.teks(teks)),
        );
    }
    if c.failed { None } else { Some(k) }
}

fn parse_offset(s: &str) -> Result<usize, monev_domain::ParseError> {
    s.trim().parse().map_err(|_| {
        monev_domain::ParseError::new("posisi karakter: bilangan bulat ≥ 0 (a character offset)")
    })
}

fn parse_reaksi_item(c: &mut Cells<'_>, _: &mut crate::Known) -> Option<ReaksiItem> {
    let kode = c.text("kode").to_lowercase();
    if !kode.is_empty() && crate::cells::numbered(&kode, "r").is_none() {
        c.fail("kode", "kode item harus r1, r2, … seperti nama kolomnya di reaksi.csv (item codes are column names)");
    }
    check_unique(c, "kode", kode.clone());
    Some(ReaksiItem {
        kode,
        nama: c.text("nama"),
        aspek: c.with("aspek", AspekReaksi::parse, AspekReaksi::Lainnya),
    })
}

fn parse_reaksi(c: &mut Cells<'_>, known: &mut crate::Known) -> Option<Reaksi> {
    let nip = roster_nip(c, known);
    let pelatihan = c.text("pelatihan");
    known_ref(c, known, &known.pelatihan, "pelatihan", "pelatihan");
    let tanggal = c.opt_date("tanggal");
    let mut items: Vec<(u32, String)> = c
        .cols
        .names()
        .filter_map(|k| crate::cells::numbered(k, "r").map(|n| (n, k.clone())))
        .collect();
    items.sort();
    let mut skor = Vec::new();
    for (_, col) in items {
        if let Some(v) = c.with_named(&col, Likert5::parse_opt, None) {
            skor.push((col, v));
        }
    }
    if !c.failed && skor.is_empty() {
        c.fail("r1", "tidak ada skor reaksi yang diisi (no item answered)");
    }
    Some(Reaksi {
        nip: nip?,
        pelatihan,
        tanggal,
        skor,
    })
}

/// One row of a stand-alone SKM file (`monev skm FILE`).
#[derive(Debug, Clone)]
pub struct SkmFileRow {
    /// The value of the `--by` column, if any.
    pub key: Option<String>,
    pub jawaban: [Option<Likert4>; 9],
}

/// Reads a single SKM response file (CSV or the first/`skm` sheet of an
/// XLSX) with columns `u1 … u9` and any others; all-or-nothing.
pub fn read_skm_file(path: &Path, by: Option<&str>) -> Result<Vec<SkmFileRow>, PackageError> {
    let mut raw = source::open_single(path).map_err(PackageError::Open)?;
    let mut errors = Errors::default();
    let by_norm = by.map(crate::cells::normalise_header);
    let spec = ColumnSpec {
        required: &UNSUR_COLS,
        optional: &[],
        numbered: None,
    };
    let mut cols = column_map(&raw.file, &raw.header, spec, &mut errors, &mut Vec::new());
    if let (Some(c), Some(b)) = (cols.as_ref(), by_norm.as_deref())
        && !c.contains_key(b)
    {
        errors.push(RowError {
            forbidden: false,
            file: raw.file.clone(),
            line: 1,
            column: b.to_string(),
            value: String::new(),
            reason: format!(
                "kolom --by tidak ada (no such column); ada: {}",
                raw.header
                    .iter()
                    .map(|h| crate::cells::normalise_header(h))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        });
        cols = None;
    }
    let mut out = Vec::new();
    if let Some(cols) = cols.map(Columns::new) {
        let file = raw.file.clone();
        let mut seen = HashMap::new();
        while let Some(item) = raw.next_row() {
            let (line, row) = match item {
                Ok(r) => r,
                Err(e) => {
                    errors.push(e);
                    continue;
                }
            };
            if row.iter().all(|c| c.trim().is_empty()) {
                continue;
            }
            let mut c = Cells {
                file: &file,
                line,
                row: &row,
                cols: &cols,
                style: raw.style,
                errors: &mut errors,
                seen: &mut seen,
                failed: false,
            };
            let jawaban = parse_unsur(&mut c);
            if !c.failed && jawaban.iter().all(Option::is_none) {
                c.fail("u1", "semua jawaban U1–U9 kosong (all nine answers blank)");
            }
            let key = by_norm.as_deref().map(|b| c.raw_named(b).to_string());
            if !c.failed {
                out.push(SkmFileRow { key, jawaban });
            }
        }
    }
    if errors.total > 0 {
        return Err(PackageError::Invalid {
            errors: errors.list,
            total: errors.total,
        });
    }
    Ok(out)
}
