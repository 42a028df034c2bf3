//! Writes a programme as a package of CSV files: the inverse of reading, so
//! that export → import gives back the same data (and the demo can be
//! written as a package a user can open in Excel).

use std::fs::File;
use std::io::BufWriter;
use std::path::{Path, PathBuf};

use monev_domain::{Date, ProgramData, Timestamp};

/// How the CSV files are delimited.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Delimiter {
    /// `,` with a decimal point.
    Comma,
    /// `;` with a decimal comma, as Indonesian Excel writes.
    Semicolon,
}

struct Out {
    w: csv::Writer<BufWriter<File>>,
    comma: bool,
}

impl Out {
    fn create(dir: &Path, name: &str, d: Delimiter, header: &[&str]) -> std::io::Result<Out> {
        let file = File::create(dir.join(format!("{name}.csv")))?;
        let mut w = csv::WriterBuilder::new()
            .delimiter(if d == Delimiter::Semicolon {
                b';'
            } else {
                b','
            })
            .from_writer(BufWriter::with_capacity(256 * 1024, file));
        w.write_record(header)?;
        Ok(Out {
            w,
            comma: d == Delimiter::Semicolon,
        })
    }

    fn num(&self, v: f64) -> String {
        let s = format!("{v}");
        if self.comma { s.replace('.', ",") } else { s }
    }

    fn opt(&self, v: Option<f64>) -> String {
        v.map(|v| self.num(v)).unwrap_or_default()
    }

    fn row(&mut self, cells: &[String]) -> std::io::Result<()> {
        self.w.write_record(cells)?;
        Ok(())
    }

    fn finish(mut self) -> std::io::Result<()> {
        self.w.flush()?;
        Ok(())
    }
}

fn d(v: Date) -> String {
    v.to_string()
}

fn od(v: Option<Date>) -> String {
    v.map(d).unwrap_or_default()
}

fn ts(v: Timestamp) -> String {
    v.to_string()
}

/// Writes `data` as `dir/*.csv` (creating `dir`); returns the files written.
pub fn write_package(
    data: &ProgramData,
    dir: &Path,
    delim: Delimiter,
) -> std::io::Result<Vec<PathBuf>> {
    std::fs::create_dir_all(dir)?;
    let p = &data.program;
    let mut o = Out::create(
        dir,
        "program",
        delim,
        &[
            "kode",
            "nama",
            "wilayah",
            "mulai",
            "selesai",
            "tanggal_intervensi",
            "pagu_anggaran",
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
    )?;
    let row = vec![
        p.kode.clone(),
        p.nama.clone(),
        p.wilayah.clone(),
        d(p.mulai),
        d(p.selesai),
        d(p.tanggal_intervensi),
        o.num(p.pagu_anggaran),
        o.opt(p.target_partisipasi_persen),
        p.evaluator.clone().unwrap_or_default(),
        p.laporan.tim.join("; "),
        p.laporan.nomor_sk.clone().unwrap_or_default(),
        p.laporan.tempat.clone().unwrap_or_default(),
        p.laporan.tanggal.map(d).unwrap_or_default(),
        p.laporan.penandatangan_nama.clone().unwrap_or_default(),
        p.laporan.penandatangan_jabatan.clone().unwrap_or_default(),
        p.laporan.penandatangan_nip.clone().unwrap_or_default(),
        p.zona_waktu.code().to_string(),
        p.periode.code().to_string(),
    ];
    o.row(&row)?;
    o.finish()?;

    if !data.wilayah.is_empty() {
        // Each region after the one it belongs to.
        let mut regions: Vec<&monev_domain::Wilayah> = data.wilayah.iter().collect();
        regions.sort_by(|a, b| (a.tingkat, &a.kode).cmp(&(b.tingkat, &b.kode)));
        let mut o = Out::create(dir, "wilayah", delim, &["kode", "nama", "tingkat", "induk"])?;
        for w in regions {
            o.row(&[
                w.kode.clone(),
                w.nama.clone(),
                w.tingkat.code().to_string(),
                w.induk.clone().unwrap_or_default(),
            ])?;
        }
        o.finish()?;
    }
    let with_region = data.instansi.iter().any(|i| i.wilayah.is_some());
    let mut header = vec!["kode", "nama", "jenis", "kelompok"];
    if with_region {
        header.push("wilayah");
    }
    let mut o = Out::create(dir, "instansi", delim, &header)?;
    for i in &data.instansi {
        let mut row = vec![
            i.kode.clone(),
            i.nama.clone(),
            i.jenis.clone(),
            i.kelompok.code().to_string(),
        ];
        if with_region {
            row.push(i.wilayah.clone().unwrap_or_default());
        }
        o.row(&row)?;
    }
    o.finish()?;

    let mut o = Out::create(
        dir,
        "asn",
        delim,
        &[
            "nip",
            "nama",
            "instansi",
            "jabatan",
            "golongan",
            "pendidikan",
            "jenis_kelamin",
        ],
    )?;
    for a in &data.asn {
        o.row(&[
            a.nip.to_string(),
            a.nama.clone(),
            a.instansi.clone(),
            a.jabatan.clone(),
            a.golongan.clone(),
            a.pendidikan.clone(),
            a.jenis_kelamin.code().to_string(),
        ])?;
    }
    o.finish()?;

    let mut o = Out::create(
        dir,
        "pelatihan",
        delim,
        &["kode", "nama", "bidang", "jp", "biaya_per_peserta"],
    )?;
    for m in &data.pelatihan {
        let row = vec![
            m.kode.clone(),
            m.nama.clone(),
            m.bidang.clone(),
            o.num(m.jp),
            o.num(m.biaya_per_peserta),
        ];
        o.row(&row)?;
    }
    o.finish()?;

    let mut o = Out::create(
        dir,
        "peserta",
        delim,
        &[
            "nip",
            "pelatihan",
            "tanggal_mulai",
            "tanggal_selesai",
            "kehadiran_persen",
            "pre_test",
            "post_test",
        ],
    )?;
    for r in &data.peserta {
        let row = vec![
            r.nip.to_string(),
            r.pelatihan.clone(),
            od(r.tanggal_mulai),
            od(r.tanggal_selesai),
            o.opt(r.kehadiran_persen),
            o.opt(r.pre_test),
            o.opt(r.post_test),
        ];
        o.row(&row)?;
    }
    o.finish()?;

    let mut o = Out::create(
        dir,
        "skm",
        delim,
        &[
            "instansi",
            "tanggal",
            "u1",
            "u2",
            "u3",
            "u4",
            "u5",
            "u6",
            "u7",
            "u8",
            "u9",
            "jenis_kelamin",
            "usia",
            "pendidikan",
            "pekerjaan",
            "jenis_layanan",
        ],
    )?;
    for r in &data.skm {
        let mut row = vec![r.instansi.clone(), d(r.tanggal)];
        row.extend(
            r.jawaban
                .iter()
                .map(|j| j.map(|v| v.value().to_string()).unwrap_or_default()),
        );
        row.push(
            r.jenis_kelamin
                .map(|g| g.code().to_string())
                .unwrap_or_default(),
        );
        row.push(r.usia.map(|u| u.to_string()).unwrap_or_default());
        row.push(r.pendidikan.clone().unwrap_or_default());
        row.push(r.pekerjaan.clone().unwrap_or_default());
        row.push(r.jenis_layanan.clone().unwrap_or_default());
        o.row(&row)?;
    }
    o.finish()?;

    let mut o = Out::create(
        dir,
        "layanan",
        delim,
        &[
            "instansi",
            "jenis_layanan",
            "waktu_datang",
            "waktu_dipanggil",
            "waktu_selesai",
        ],
    )?;
    for l in &data.layanan {
        o.row(&[
            l.instansi.to_string(),
            l.jenis_layanan.to_string(),
            ts(l.waktu_datang),
            ts(l.waktu_dipanggil),
            l.waktu_selesai.map(ts).unwrap_or_default(),
        ])?;
    }
    o.finish()?;

    let mut o = Out::create(dir, "anggaran", delim, &["kegiatan", "pagu", "realisasi"])?;
    for a in &data.anggaran {
        let row = vec![a.kegiatan.clone(), o.num(a.pagu), o.num(a.realisasi)];
        o.row(&row)?;
    }
    o.finish()?;

    let mut o = Out::create(
        dir,
        "indikator",
        delim,
        &[
            "kode",
            "nama",
            "ukuran",
            "baseline",
            "target",
            "arah",
            "realisasi",
        ],
    )?;
    for i in &data.indikator {
        let row = vec![
            i.kode.clone(),
            i.nama.clone(),
            i.ukuran.clone(),
            o.num(i.baseline),
            o.num(i.target),
            i.arah.code().to_string(),
            o.opt(i.realisasi),
        ];
        o.row(&row)?;
    }
    o.finish()?;

    if !data.indikator_periode.is_empty() {
        let mut o = Out::create(
            dir,
            "indikator_periode",
            delim,
            &["indikator", "periode", "instansi", "target", "realisasi"],
        )?;
        for r in &data.indikator_periode {
            let row = vec![
                r.indikator.clone(),
                r.periode.to_string(),
                r.instansi.clone().unwrap_or_default(),
                o.num(r.target),
                o.opt(r.realisasi),
            ];
            o.row(&row)?;
        }
        o.finish()?;
    }

    if !data.anggaran_periode.is_empty() {
        let mut o = Out::create(
            dir,
            "anggaran_periode",
            delim,
            &[
                "kegiatan",
                "periode",
                "instansi",
                "rencana_keuangan",
                "realisasi_keuangan",
                "rencana_fisik_persen",
                "realisasi_fisik_persen",
            ],
        )?;
        for r in &data.anggaran_periode {
            let row = vec![
                r.kegiatan.clone(),
                r.periode.to_string(),
                r.instansi.clone().unwrap_or_default(),
                o.num(r.rencana_keuangan),
                o.opt(r.realisasi_keuangan),
                o.num(r.rencana_fisik_persen),
                o.opt(r.realisasi_fisik_persen),
            ];
            o.row(&row)?;
        }
        o.finish()?;
    }

    if !data.kinerja.is_empty() {
        let mut o = Out::create(
            dir,
            "kinerja",
            delim,
            &["nip", "tanggal", "penilai", "aspek", "skor"],
        )?;
        for k in &data.kinerja {
            o.row(&[
                k.nip.to_string(),
                d(k.tanggal),
                k.penilai.code().to_string(),
                k.aspek.clone(),
                k.skor.value().to_string(),
            ])?;
        }
        o.finish()?;
    }
    if !data.reaksi_item.is_empty() {
        let mut o = Out::create(dir, "reaksi_item", delim, &["kode", "nama", "aspek"])?;
        for i in &data.reaksi_item {
            o.row(&[i.kode.clone(), i.nama.clone(), i.aspek.code().to_string()])?;
        }
        o.finish()?;
    }
    if !data.reaksi.is_empty() {
        // Item columns: those named in reaksi_item, then any others answered, in number order.
        let mut items: Vec<String> = data.reaksi_item.iter().map(|i| i.kode.clone()).collect();
        for r in &data.reaksi {
            for (k, _) in &r.skor {
                if !items.contains(k) {
                    items.push(k.clone());
                }
            }
        }
        items.sort_by_key(|k| crate::cells::numbered(k, "r").unwrap_or(u32::MAX));
        let mut header = vec!["nip", "pelatihan", "tanggal"];
        header.extend(items.iter().map(String::as_str));
        let mut o = Out::create(dir, "reaksi", delim, &header)?;
        for r in &data.reaksi {
            let mut row = vec![r.nip.to_string(), r.pelatihan.clone(), od(r.tanggal)];
            row.extend(items.iter().map(|k| {
                r.skor
                    .iter()
                    .find(|(c, _)| c == k)
                    .map(|(_, v)| v.value().to_string())
                    .unwrap_or_default()
            }));
            o.row(&row)?;
        }
        o.finish()?;
    }

    if !data.wawancara.is_empty() {
        let mut o = Out::create(
            dir,
            "wawancara",
            delim,
            &[
                "kode",
                "tanggal",
                "pewawancara",
                "kelompok",
                "instansi",
                "persetujuan",
                "transkrip",
            ],
        )?;
        for w in &data.wawancara {
            o.row(&[
                w.kode.clone(),
                d(w.tanggal),
                w.pewawancara.clone(),
                w.kelompok.code().to_string(),
                w.instansi.clone(),
                if w.persetujuan { "ya" } else { "tidak" }.to_string(),
                w.transkrip.clone(),
            ])?;
        }
        o.finish()?;
    }
    if !data.kode_kualitatif.is_empty() {
        let mut o = Out::create(dir, "buku_kode", delim, &["kode", "nama", "definisi"])?;
        for k in &data.kode_kualitatif {
            o.row(&[k.kode.clone(), k.nama.clone(), k.definisi.clone()])?;
        }
        o.finish()?;
    }
    if !data.dokumen.is_empty() {
        let mut o = Out::create(dir, "dokumen", delim, &["kode", "judul", "jenis", "teks"])?;
        for d in &data.dokumen {
            o.row(&[
                d.kode.clone(),
                d.judul.clone(),
                d.jenis.clone(),
                d.teks.clone(),
            ])?;
        }
        o.finish()?;
    }
    if !data.kutipan.is_empty() {
        let mut o = Out::create(
            dir,
            "kutipan_kode",
            delim,
            &[
                "wawancara",
                "dokumen",
                "mulai",
                "selesai",
                "kode",
                "pengkode",
                "teks",
                "memo",
            ],
        )?;
        for k in &data.kutipan {
            let teks = data
                .source_text(&k.sumber)
                .map(|t| k.teks(t).to_string())
                .unwrap_or_default();
            o.row(&[
                k.sumber.wawancara().unwrap_or_default().to_string(),
                k.sumber.dokumen().unwrap_or_default().to_string(),
                k.mulai.to_string(),
                k.selesai.to_string(),
                k.kode.clone(),
                k.pengkode.clone(),
                teks,
                k.memo.clone().unwrap_or_default(),
            ])?;
        }
        o.finish()?;
    }

    Ok(crate::TABLES
        .iter()
        .map(|t| dir.join(format!("{t}.csv")))
        .filter(|p| p.exists())
        .collect())
}
