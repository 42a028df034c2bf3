//! The report's charts, each drawn from the [`Evaluasi`] in the reader's
//! language (the drawing itself is `svg.rs`): the SVG and its title, which
//! every format shows beside the figure's number.

use monev_domain::format::number;
use monev_domain::{Kelompok, Lang, UNSUR};
use monev_eval::Evaluasi;

use crate::svg::{self, Bar, HBars};

/// A drawn chart and its title.
pub struct Chart {
    pub svg: String,
    pub title: String,
}

fn drawn(c: &HBars<'_>, lang: Lang) -> Chart {
    Chart {
        svg: svg::hbars(c, lang),
        title: c.title.to_string(),
    }
}

/// Share of each intervention unit's ASN who took part, with the target.
pub fn participation(e: &Evaluasi, lang: Lang) -> Chart {
    let part = &e.partisipasi;
    let b: Vec<Bar> = part
        .per_instansi
        .iter()
        .filter(|i| i.kelompok == Kelompok::Intervensi)
        .map(|i| Bar {
            label: i.nama.clone(),
            values: vec![i.persen],
        })
        .collect();
    drawn(
        &HBars {
            title: lang.pick(
                "ASN yang mengikuti pelatihan, unit intervensi (%)",
                "ASN who attended training, intervention units (%)",
            ),
            series: &[""],
            bars: &b,
            max: 100.0,
            decimals: 1,
            suffix: "%",
            target: Some((part.target_persen, lang.pick("target", "target"))),
        },
        lang,
    )
}

/// Each unit's SKM respondents after the intervention as a share of its
/// Krejcie–Morgan sample (units without a queue log are left out).
pub fn sample(e: &Evaluasi, lang: Lang) -> Option<Chart> {
    let b: Vec<Bar> = e
        .skm
        .sampel
        .iter()
        .filter_map(|s| {
            Some(Bar {
                label: format!(
                    "{} ({}/{})",
                    s.nama,
                    number(s.responden as f64, 0, lang),
                    number(s.target_krejcie_morgan? as f64, 0, lang)
                ),
                values: vec![s.persen_target?.min(150.0)],
            })
        })
        .collect();
    if b.is_empty() {
        return None;
    }
    Some(drawn(
        &HBars {
            title: lang.pick(
                "Responden SKM sesudah intervensi, % dari sampel Krejcie–Morgan",
                "SKM respondents after the intervention, % of the Krejcie–Morgan sample",
            ),
            series: &[""],
            bars: &b,
            max: 150.0,
            decimals: 0,
            suffix: "%",
            target: Some((100.0, lang.pick("sampel", "sample"))),
        },
        lang,
    ))
}

/// Mean waiting time of both groups before and after: the DiD picture.
pub fn waiting(e: &Evaluasi, lang: Lang) -> Chart {
    let d = &e.layanan.did.uji;
    let title = lang.pick(
        "Rata-rata waktu tunggu (menit)",
        "Mean waiting time (minutes)",
    );
    Chart {
        svg: svg::did_lines(
            title,
            [
                lang.pick("Intervensi", "Intervention"),
                lang.pick("Pembanding", "Comparison"),
            ],
            [
                lang.pick("Sebelum", "Before"),
                lang.pick("Sesudah", "After"),
            ],
            [
                [d.intervensi_sebelum, d.intervensi_sesudah],
                [d.pembanding_sebelum, d.pembanding_sesudah],
            ],
            lang.pick("menit", "minutes"),
            lang,
        ),
        title: title.to_string(),
    }
}

/// Mean pre-test and post-test score per module; none without modules.
pub fn learning(e: &Evaluasi, lang: Lang) -> Option<Chart> {
    let b: Vec<Bar> = e
        .pembelajaran
        .per_pelatihan
        .iter()
        .map(|m| Bar {
            label: m.nama.clone(),
            values: vec![m.pre_rata, m.post_rata],
        })
        .collect();
    (!b.is_empty()).then(|| {
        drawn(
            &HBars {
                title: lang.pick(
                    "Rata-rata skor pre-test dan post-test per modul",
                    "Mean pre-test and post-test score per module",
                ),
                series: &["Pre-test", "Post-test"],
                bars: &b,
                max: 100.0,
                decimals: 1,
                suffix: "",
                target: None,
            },
            lang,
        )
    })
}

/// The mean score per unsur of the intervention units, before and after.
pub fn unsur(before: &monev_eval::Ikm, after: &monev_eval::Ikm, lang: Lang) -> Chart {
    let b: Vec<Bar> = UNSUR
        .iter()
        .enumerate()
        .map(|(i, u)| Bar {
            label: format!("{} {}", u.0, lang.pick(u.1, u.2)),
            values: vec![before.nrr[i], after.nrr[i]],
        })
        .collect();
    drawn(
        &HBars {
            title: lang.pick(
                "NRR per unsur, unit intervensi (skala 1–4)",
                "Mean score per element, intervention units (scale 1–4)",
            ),
            series: &[
                lang.pick("Sebelum", "Before"),
                lang.pick("Sesudah", "After"),
            ],
            bars: &b,
            max: 4.0,
            decimals: 2,
            suffix: "",
            target: Some((76.61 / 25.0, lang.pick("batas mutu B", "grade B floor"))),
        },
        lang,
    )
}

/// Budget spent per activity, % of its ceiling, titled `title`; none
/// without activities.
pub fn budget(e: &Evaluasi, title: &str, lang: Lang) -> Option<Chart> {
    let b: Vec<Bar> = e
        .anggaran
        .per_kegiatan
        .iter()
        .map(|k| Bar {
            label: k.kegiatan.clone(),
            values: vec![k.persen_realisasi],
        })
        .collect();
    (!b.is_empty()).then(|| {
        drawn(
            &HBars {
                title,
                series: &[""],
                bars: &b,
                max: 100.0,
                decimals: 1,
                suffix: "%",
                target: None,
            },
            lang,
        )
    })
}

/// Participants who rate each module relevant, against the threshold.
pub fn relevance(e: &Evaluasi, lang: Lang) -> Chart {
    let b: Vec<Bar> = e
        .reaksi
        .per_pelatihan
        .iter()
        .map(|m| Bar {
            label: m.nama.clone(),
            values: vec![m.relevansi_setuju_persen],
        })
        .collect();
    drawn(
        &HBars {
            title: lang.pick(
                "Peserta yang menilai modul relevan dengan tugasnya (skor relevansi ≥ 4, %)",
                "Participants rating the module relevant to their work (relevance score ≥ 4, %)",
            ),
            series: &[""],
            bars: &b,
            max: 100.0,
            decimals: 1,
            suffix: "%",
            target: Some((e.config.relevan_min_persen, lang.pick("batas", "threshold"))),
        },
        lang,
    )
}

/// "sikap_pelayanan" → "Sikap pelayanan".
pub fn aspect_label(a: &str) -> String {
    let pretty = a.replace('_', " ");
    let mut c = pretty.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// The rise in ratings of participants beyond non-participants per aspect.
pub fn behaviour(e: &Evaluasi, lang: Lang) -> Chart {
    let b: Vec<Bar> = e
        .kinerja
        .per_aspek
        .iter()
        .map(|a| Bar {
            label: aspect_label(&a.aspek),
            values: vec![a.estimasi],
        })
        .collect();
    let top = e
        .kinerja
        .per_aspek
        .iter()
        .map(|a| a.uji.ci95_atas)
        .fold(0.5f64, f64::max);
    drawn(
        &HBars {
            title: lang.pick(
            "Kenaikan penilaian kinerja peserta dibanding bukan peserta (selisih-dalam-selisih, poin skala 1–5)",
            "Rise in performance ratings of participants beyond non-participants (difference-in-differences, points on 1–5)",
        ),
            series: &[""],
            bars: &b,
            max: (top * 10.0).ceil() / 10.0,
            decimals: 2,
            suffix: "",
            target: None,
        },
        lang,
    )
}

/// A funnel plot of the units (`Evaluasi::perbandingan`): the limits drawn
/// as curves from the same formulas the evaluation used; a unit beyond the
/// 99.8% limit is named.
pub(crate) fn funnel_chart(
    f: &monev_eval::perbandingan::Funnel,
    names: &dyn Fn(&str) -> String,
    title: &str,
    x_label: &str,
    y_label: &str,
    decimals: usize,
    lang: Lang,
) -> Option<Chart> {
    use monev_eval::perbandingan::Posisi;
    use monev_stats::funnel::{COVERAGES, binomial_limits, normal_limits};
    if f.unit.len() < 2 || !f.pusat.is_finite() {
        return None;
    }
    let points: Vec<(String, f64, f64, bool)> = f
        .unit
        .iter()
        .map(|u| {
            (
                names(&u.instansi),
                u.n as f64,
                u.nilai,
                matches!(u.posisi, Posisi::DiBawah998 | Posisi::DiAtas998),
            )
        })
        .collect();
    let (centre, sd, binomial) = (
        f.pusat,
        f.sebaran.unwrap_or(f64::NAN),
        f.metode == "binomial",
    );
    let limits = move |n: f64| -> [f64; 4] {
        let [w, a] = COVERAGES.map(|cov| {
            if binomial {
                let l = binomial_limits(centre / 100.0, n.round().max(1.0) as u64, cov);
                (l.lower * 100.0, l.upper * 100.0)
            } else {
                let l = normal_limits(centre, sd, n, cov);
                (l.lower, l.upper)
            }
        });
        [w.0, w.1, a.0, a.1]
    };
    Some(Chart {
        svg: svg::funnel(
            &svg::FunnelPlot {
                title,
                x_label,
                y_label,
                centre,
                limits: &limits,
                points: &points,
                decimals,
            },
            lang,
        ),
        title: title.to_string(),
    })
}

/// A unit's name by its code (the code when the evaluation has no name).
pub(crate) fn unit_names(e: &Evaluasi) -> impl Fn(&str) -> String + '_ {
    |kode: &str| {
        e.partisipasi
            .per_instansi
            .iter()
            .find(|i| i.instansi == kode)
            .map_or_else(|| kode.to_string(), |i| i.nama.clone())
    }
}

/// Each unit's IKM after the intervention against its questionnaires.
pub fn funnel_ikm(e: &Evaluasi, lang: Lang) -> Option<Chart> {
    funnel_chart(
        &e.perbandingan.ikm,
        &unit_names(e),
        lang.pick(
            "IKM per unit sesudah intervensi, dengan batas kendali",
            "IKM by unit after the intervention, with control limits",
        ),
        lang.pick("kuesioner", "questionnaires"),
        "IKM",
        1,
        lang,
    )
}

/// Each unit's mean waiting time after the intervention against its tickets.
pub fn funnel_waiting(e: &Evaluasi, lang: Lang) -> Option<Chart> {
    funnel_chart(
        &e.perbandingan.waktu_tunggu,
        &unit_names(e),
        lang.pick(
            "Waktu tunggu rata-rata per unit sesudah intervensi (menit)",
            "Mean waiting time by unit after the intervention (minutes)",
        ),
        lang.pick("tiket", "tickets"),
        lang.pick("menit", "minutes"),
        1,
        lang,
    )
}

/// Each intervention unit's participation against its ASN.
pub fn funnel_participation(e: &Evaluasi, lang: Lang) -> Option<Chart> {
    funnel_chart(
        &e.perbandingan.partisipasi,
        &unit_names(e),
        lang.pick(
            "Partisipasi unit intervensi, dengan batas kendali (%)",
            "Participation of intervention units, with control limits (%)",
        ),
        "ASN",
        "%",
        1,
        lang,
    )
}
