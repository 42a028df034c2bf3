//! The opening: the cover, the executive summary with the key figures,
//! section 1 (background) and section 2 (purpose).

use monev_domain::Kelompok;
use monev_domain::format::date_long;
use monev_eval::Fase;
use monev_eval::rules::{Finding, Jenis};

use super::{R, find, rejected};
use crate::doc::{Block, Card, Item, Num, bold, link, text};
use crate::teks::Teks;

/// "Mataram, 30 November 2026", from the report settings, if set.
pub(super) fn place_date(r: &R<'_>) -> Option<String> {
    let l = &r.e.program.laporan;
    match (&l.tempat, l.tanggal) {
        (Some(t), Some(d)) => Some(format!("{t}, {}", date_long(d, r.lang))),
        (None, Some(d)) => Some(date_long(d, r.lang)),
        (Some(t), None) => Some(t.clone()),
        (None, None) => None,
    }
}

/// The cover: the kind of report, the programme, where, when, who.
pub(super) fn sampul(r: &mut R<'_>) {
    let p = &r.e.program;
    let lang = r.lang;
    let l = &p.laporan;
    let periode = format!(
        "{} – {}",
        date_long(p.mulai, lang),
        date_long(p.selesai, lang)
    );
    let mut lines = vec![
        p.wilayah.clone(),
        format!("{}: {periode}", r.t("Periode", "Period")),
        format!(
            "{}: {}",
            r.t("Tanggal intervensi", "Intervention date"),
            date_long(p.tanggal_intervensi, lang)
        ),
    ];
    if let Some(v) = &p.evaluator {
        lines.push(format!("{}: {v}", r.t("Evaluator", "Evaluator")));
    }
    if !l.tim.is_empty() {
        lines.push(format!(
            "{}: {}",
            r.t("Tim evaluasi", "Evaluation team"),
            l.tim.join("; ")
        ));
    }
    if let Some(sk) = &l.nomor_sk {
        lines.push(format!(
            "{}: {sk}",
            r.t("Ditetapkan dengan SK Nomor", "Appointed by decree no."),
        ));
    }
    lines.extend(place_date(r));
    let cover = Block::Cover {
        kind: r.t("Laporan Evaluasi", "Evaluation Report").to_string(),
        title: p.nama.clone(),
        lines,
        logo: l
            .logo
            .as_ref()
            .map(|g| (g.mime.to_string(), g.data.clone())),
        short: false,
    };
    r.push(cover);
}

/// The key figures as cards.
pub(super) fn ringkasan(r: &mut R<'_>) {
    let e = r.e;
    let g = e.pembelajaran.n_gain_rata_modul;
    let ikm0 = find(e, Kelompok::Intervensi, Fase::Sebelum)
        .map(|g| g.ikm.ikm)
        .unwrap_or(f64::NAN);
    let ikm1 = find(e, Kelompok::Intervensi, Fase::Sesudah)
        .map(|g| g.ikm.ikm)
        .unwrap_or(f64::NAN);
    let cards = vec![
        Card {
            figure: r.pct(e.partisipasi.intervensi.persen),
            value: Num::percent(e.partisipasi.intervensi.persen, 1),
            label: format!(
                "{} ({} {})",
                r.t(
                    "ASN unit intervensi ikut pelatihan",
                    "of intervention-unit ASN trained"
                ),
                r.t("target", "target"),
                r.pct(e.partisipasi.target_persen)
            ),
        },
        Card {
            figure: r.n(g, 2),
            value: Num::decimals(g, 2),
            label: r
                .t("rata-rata N-gain modul", "mean module N-gain")
                .to_string(),
        },
        Card {
            figure: format!("{} → {}", r.n(ikm0, 1), r.n(ikm1, 1)),
            value: None,
            label: r
                .t(
                    "IKM unit intervensi, sebelum → sesudah",
                    "IKM of intervention units, before → after",
                )
                .to_string(),
        },
        Card {
            figure: format!(
                "{} {}",
                r.n(e.layanan.did.estimasi_menit, 1),
                r.t("menit", "min")
            ),
            value: None,
            label: r
                .t(
                    "selisih-dalam-selisih waktu tunggu",
                    "difference-in-differences in waiting time",
                )
                .to_string(),
        },
        Card {
            figure: r.pct(e.anggaran.persen_realisasi),
            value: Num::percent(e.anggaran.persen_realisasi, 1),
            label: r.t("realisasi anggaran", "budget spent").to_string(),
        },
    ];
    let label = r.t("Ringkasan", "Summary").to_string();
    r.push(Block::Cards { label, cards });
}

/// Ringkasan Eksekutif, on one page: what was evaluated and on what
/// evidence, the key figures, and the title of every result, constraint and
/// high-priority recommendation, each linked to where its figure, test and
/// n are stated.
pub(super) fn ringkasan_eksekutif(r: &mut R<'_>) {
    let e = r.e;
    let heading = r.t("Ringkasan Eksekutif", "Executive Summary");
    r.heading(2, "ringkasan", heading, false);
    let j = &e.jumlah;
    let q = &e.kualitatif;
    let data = |t: Teks, n: usize| r.say(t, &[("n", &r.count(n))]);
    let mut sources = vec![
        format!("{} ASN", r.count(j.asn)),
        data(Teks::DataSkm, j.skm),
        data(Teks::DataTiket, j.layanan),
    ];
    if q.wawancara > 0 {
        sources.push(data(Teks::DataWawancara, q.wawancara));
    }
    if q.dokumen > 0 {
        sources.push(data(Teks::DataDokumen, q.dokumen));
    }
    let intro = r.say(
        Teks::Pengantar,
        &[
            ("program", &e.program.nama),
            ("wilayah", &e.program.wilayah),
            ("intervensi", &r.count(j.instansi_intervensi)),
            ("pembanding", &r.count(j.instansi_pembanding)),
            ("data", &sources.join(", ")),
        ],
    );
    r.text(intro);
    if let Some(t) = e.tinjauan.filter(|t| t.sementara()) {
        let belum = t.skm.belum_disetujui() + t.asn.belum_disetujui();
        let counted = t.skm.total() + t.asn.total() - t.skm.ditolak - t.asn.ditolak;
        let ditolak = t.skm.ditolak + t.asn.ditolak;
        let (belum, counted) = (r.count(belum as usize), r.count(counted as usize));
        let s = if ditolak == 0 {
            r.say(
                Teks::AngkaSementaraTanpaTolak,
                &[("belum", &belum), ("dihitung", &counted)],
            )
        } else {
            r.say(
                Teks::AngkaSementara,
                &[
                    ("belum", &belum),
                    ("dihitung", &counted),
                    ("ditolak", &r.count(ditolak as usize)),
                ],
            )
        };
        r.note(s);
    }
    ringkasan(r);
    let list = |r: &mut R<'_>, label: &str, items: Vec<&Finding>, none: &str| {
        r.para(vec![bold(label)]);
        if items.is_empty() {
            r.text(none);
            return;
        }
        let items = items
            .into_iter()
            .map(|f| {
                Item::runs(vec![link(
                    format!("#{}", f.kode),
                    vec![text(f.title(r.lang))],
                )])
            })
            .collect();
        r.push(Block::List {
            ordered: false,
            class: None,
            items,
        });
    };
    let of = |j: Jenis| -> Vec<&Finding> {
        e.temuan
            .iter()
            .filter(|f| f.jenis == j && !rejected(f))
            .collect()
    };
    let high: Vec<&Finding> = of(Jenis::Rekomendasi)
        .into_iter()
        .filter(|f| f.prioritas == Some(1))
        .collect();
    list(
        r,
        r.t(
            "Hasil utama (uji, angka dan n di bagian 4):",
            "Main results (tests, figures and n in section 4):",
        ),
        of(Jenis::Hasil),
        r.t(
            "Data belum menunjukkan hasil yang bermakna.",
            "The data do not yet show a significant result.",
        ),
    );
    list(
        r,
        r.t("Kendala (bagian 5):", "Constraints (section 5):"),
        of(Jenis::Kendala),
        r.t(
            "Tidak ada kendala yang terdeteksi dari data.",
            "No constraint was detected in the data.",
        ),
    );
    list(
        r,
        r.t(
            "Rekomendasi prioritas tinggi (bagian 6):",
            "High-priority recommendations (section 6):",
        ),
        high,
        r.t("Tidak ada.", "None."),
    );
}

/// Section 1.
pub(super) fn latar_belakang(r: &mut R<'_>) {
    let e = r.e;
    let j = &e.jumlah;
    let text = r.say(
        Teks::LatarBelakang,
        &[
            ("program", &e.program.nama),
            ("wilayah", &e.program.wilayah),
            ("instansi", &r.count(j.instansi)),
            ("intervensi", &r.count(j.instansi_intervensi)),
            ("pembanding", &r.count(j.instansi_pembanding)),
            ("asn", &r.count(j.asn)),
            ("modul", &r.count(j.pelatihan)),
            ("tanggal", &date_long(e.program.tanggal_intervensi, r.lang)),
            ("pagu", &r.rp(e.program.pagu_anggaran)),
        ],
    );
    r.h2("latar-belakang", "Latar Belakang", "Background");
    r.text(text);
}

/// Section 2.
pub(super) fn tujuan(r: &mut R<'_>) {
    r.h2("tujuan", "Tujuan Evaluasi", "Purpose of the Evaluation");
    r.push(Block::List {
        ordered: true,
        class: None,
        items: [Teks::Tujuan1, Teks::Tujuan2, Teks::Tujuan3]
            .into_iter()
            .map(|t| Item::runs(vec![text(r.say(t, &[]))]))
            .collect(),
    });
}
