//! Section 4, the findings with their figures: participation, reaction
//! (Kirkpatrick 1), learning (2), behaviour (3), citizen satisfaction and
//! waiting time (4), budget, indicators.

use monev_domain::{Kelompok, Lang};
use monev_eval::Fase;
use monev_eval::rules::{Jenis, effect_name};

use super::{R, find, mutu};
use crate::charts;
use crate::doc::{Cell, Inline, Num, Table, bold, span, text};
use crate::teks::Teks;

/// How a difference-in-differences was tested, in words.
pub(super) fn did_method(r: &R<'_>, u: &monev_eval::did::DidInference) -> String {
    use monev_eval::did::DidMethod;
    match u.metode {
        DidMethod::KlasterCr1 => r.say(
            Teks::DidCr1,
            &[("df", &u.klaster.saturating_sub(1).to_string())],
        ),
        DidMethod::WildClusterBootstrapWebb => r.say(
            Teks::DidWild,
            &[
                ("klaster", &u.klaster.to_string()),
                ("replikasi", &r.count(u.replikasi.unwrap_or(0))),
                ("seed", &u.seed.unwrap_or(0).to_string()),
            ],
        ),
        DidMethod::TidakDapatDihitung => r.say(Teks::DidTidakDapat, &[]),
    }
}

/// One sentence stating a difference-in-differences with its inference:
/// the interval, p, n, the number of instansi, and how the interval was
/// computed (CR1 with t(G − 1), or the wild cluster bootstrap), and
/// "fragile" when there is too little to stand on.
pub(super) fn did_sentence(
    r: &R<'_>,
    estimate: f64,
    u: &monev_eval::did::DidInference,
    decimals: usize,
    unit: (&str, &str),
    obs: (&str, &str),
) -> String {
    let fragile = if u.rapuh {
        r.say(Teks::DidRapuh, &[])
    } else {
        String::new()
    };
    r.say(
        Teks::DidSentence,
        &[
            ("estimasi", &r.n(estimate, decimals)),
            ("satuan", r.t(unit.0, unit.1)),
            ("bawah", &r.n(u.ci95_bawah, decimals)),
            ("atas", &r.n(u.ci95_atas, decimals)),
            ("p", &r.p(u.p)),
            ("n", &r.count(u.n)),
            ("pengamatan", r.t(obs.0, obs.1)),
            ("klaster", &u.klaster.to_string()),
            ("metode", &did_method(r, u)),
            ("fragile", &fragile),
        ],
    )
}

/// A group measured before and after the intervention.
trait Phased {
    fn instansi(&self) -> &str;
    fn kelompok(&self) -> Kelompok;
}

impl Phased for monev_eval::SkmGroup {
    fn instansi(&self) -> &str {
        &self.instansi
    }
    fn kelompok(&self) -> Kelompok {
        self.kelompok
    }
}

impl Phased for monev_eval::TungguGroup {
    fn instansi(&self) -> &str {
        &self.instansi
    }
    fn kelompok(&self) -> Kelompok {
        self.kelompok
    }
}

/// The rows of a before/after table: both kelompok totals first, in bold,
/// then each instansi in roster order; `row` makes one row from its groups.
fn phase_rows<G: Phased>(
    r: &R<'_>,
    per_kelompok: &[G],
    per_instansi: &[G],
    row: impl Fn(&R<'_>, Inline, Kelompok, &[&G]) -> Vec<Cell>,
) -> Vec<Vec<Cell>> {
    let mut rows = Vec::new();
    for k in [Kelompok::Intervensi, Kelompok::Pembanding] {
        let groups: Vec<&G> = per_kelompok.iter().filter(|g| g.kelompok() == k).collect();
        let name = bold(format!(
            "{} {}",
            r.t("Semua unit", "All units"),
            r.kelompok(k).to_lowercase()
        ));
        rows.push(row(r, name, k, &groups));
    }
    for i in &r.e.partisipasi.per_instansi {
        let groups: Vec<&G> = per_instansi
            .iter()
            .filter(|g| g.instansi() == i.instansi)
            .collect();
        if !groups.is_empty() {
            rows.push(row(r, text(&i.nama), i.kelompok, &groups));
        }
    }
    rows
}

pub(super) fn hasil(r: &mut R<'_>) {
    r.h2("hasil", "Hasil Evaluasi", "Findings");
    if r.findings(Jenis::Hasil) == 0 {
        let s = r.t(
            "Data belum menunjukkan hasil yang bermakna secara statistik.",
            "The data show no statistically significant result yet.",
        );
        r.text(s);
    }
    partisipasi(r);
    reaksi(r);
    pembelajaran(r);
    kinerja(r);
    skm(r);
    layanan(r);
    anggaran(r);
    indikator(r);
}

fn partisipasi(r: &mut R<'_>) {
    let e = r.e;
    let part = &e.partisipasi;
    r.h3("partisipasi", "Partisipasi ASN", "ASN participation");
    r.figure(charts::participation(e, r.lang));
    let mut t = Table::numbered(r.t("Partisipasi per instansi", "Participation by unit"));
    t.head.push(vec![
        Cell::th(r.t("Instansi", "Unit")),
        Cell::th(r.t("Kelompok", "Group")),
        Cell::th_num("ASN"),
        Cell::th_num(r.t("Peserta", "Participants")),
        Cell::th_num(r.t("Partisipasi", "Participation")),
    ]);
    for i in &part.per_instansi {
        t.body.push(vec![
            Cell::text(&i.nama),
            Cell::text(r.kelompok(i.kelompok)),
            r.int(i.asn),
            r.int(i.peserta),
            r.pct_cell(i.persen),
        ]);
    }
    t.body.push(vec![
        Cell::th(r.t("Unit intervensi", "Intervention units")).cols(2),
        r.int(part.intervensi.asn).header(),
        r.int(part.intervensi.peserta).header(),
        r.pct_cell(part.intervensi.persen).header(),
    ]);
    r.table(t);
    let chart = charts::funnel_participation(e, r.lang);
    funnel(r, chart, &e.perbandingan.partisipasi);
    let s = r.say(
        Teks::Kehadiran,
        &[
            ("kehadiran", &r.pct(part.kehadiran_rata_persen)),
            ("tidak_selesai", &r.count(part.tidak_selesai)),
            ("persen", &r.pct(part.tidak_selesai_persen)),
        ],
    );
    r.text(s);
}

/// 4.2: reaction to each module (Kirkpatrick level 1).
fn reaksi(r: &mut R<'_>) {
    let e = r.e;
    if e.reaksi.per_pelatihan.is_empty() {
        return;
    }
    r.h3(
        "reaksi",
        "Reaksi peserta (Kirkpatrick tingkat 1)",
        "Participants' reaction (Kirkpatrick level 1)",
    );
    r.figure(charts::relevance(e, r.lang));
    let mut t = Table::numbered(r.t(
        "Reaksi peserta per modul (skala 1–5)",
        "Participants' reaction by module (scale 1–5)",
    ));
    t.head.push(vec![
        Cell::th(r.t("Modul", "Module")),
        Cell::th_num("n"),
        Cell::th_num(r.t("Rata-rata semua butir", "Mean of all items")),
        Cell::th_num(r.t("Rata-rata relevansi", "Mean relevance")),
        Cell::th_num(r.t("Menilai relevan", "Rate it relevant")),
    ]);
    for m in &e.reaksi.per_pelatihan {
        t.body.push(vec![
            Cell::text(&m.nama),
            r.int(m.n),
            r.fig(m.rata, 2),
            r.fig(m.relevansi_rata, 2),
            r.pct_cell(m.relevansi_setuju_persen),
        ]);
    }
    r.table(t);
}

/// 4.3: learning (Kirkpatrick level 2).
fn pembelajaran(r: &mut R<'_>) {
    let e = r.e;
    let lang = r.lang;
    r.h3(
        "pembelajaran",
        "Pembelajaran (Kirkpatrick tingkat 2)",
        "Learning (Kirkpatrick level 2)",
    );
    if let Some(chart) = charts::learning(e, lang) {
        r.figure(chart);
    }
    let mut t = Table::numbered(r.t(
        "Hasil pre/post-test per modul",
        "Pre/post test results by module",
    ));
    let mut dz = Cell::th_num("d");
    dz.content.push(Inline::Sub("z".into()));
    t.head.push(vec![
        Cell::th(r.t("Modul", "Module")),
        Cell::th_num("JP"),
        Cell::th_num("n"),
        Cell::th_num("Pre"),
        Cell::th_num("Post"),
        Cell::th_num(r.t("Selisih", "Difference")),
        Cell::th_num(r.t("IK 95%", "95% CI")),
        Cell::th_num("t (df)"),
        Cell::th_num("p Holm"),
        dz,
        Cell::th_num("p Wilcoxon Holm"),
        Cell::th_num("N-gain"),
    ]);
    for m in &e.pembelajaran.per_pelatihan {
        let (ef_id, ef_en) = effect_name(m.cohen_dz);
        let kat = m.n_gain_kategori.map(|k| match (lang, k) {
            (Lang::En, "tinggi") => "high",
            (Lang::En, "sedang") => "medium",
            (Lang::En, "rendah") => "low",
            (_, k) => k,
        });
        let with_note = |v: String, note: &str| {
            Cell::num_runs(vec![
                text(format!("{v} ")),
                span("catatan", vec![text(note)]),
            ])
        };
        t.body.push(vec![
            Cell::text(format!("{}{}", m.nama, if m.rapuh { " †" } else { "" })),
            r.fig(m.jp, 0),
            r.int(m.n),
            r.fig(m.pre_rata, 1),
            r.fig(m.post_rata, 1),
            r.fig(m.selisih_rata, 1),
            Cell::num_text(format!(
                "{} – {}",
                r.n(m.ci95_bawah, 1),
                r.n(m.ci95_atas, 1)
            )),
            Cell::num_text(format!("{} ({})", r.n(m.t, 2), r.n(m.df, 0))),
            Cell::num_text(r.p(m.p_holm)),
            with_note(r.n(m.cohen_dz, 2), lang.pick(ef_id, ef_en)),
            Cell::num_text(r.p(m.wilcoxon_p_holm)),
            with_note(r.n(m.n_gain_rata, 2), kat.unwrap_or("–")),
        ]);
    }
    r.table(t);
    let fragile = e.pembelajaran.per_pelatihan.iter().any(|m| m.rapuh);
    let note = r.t(
        "p disesuaikan dengan metode Holm atas semua modul. Selisih disebut bermakna bila p Holm < α.",
        "p-values are Holm-adjusted over all modules. A difference is called significant when the Holm p < α.",
    );
    let fragile_note = if fragile {
        r.t(
            " † Hasil rapuh: kurang dari 10 pasangan nilai, atau uji-t dan uji Wilcoxon tidak sepakat (asumsi normalitas diragukan); jangan dinyatakan sebagai kesimpulan pasti.",
            " † Fragile result: fewer than 10 pairs of scores, or the t-test and the Wilcoxon test disagree (normality in doubt); do not state it as a firm conclusion.",
        )
    } else {
        ""
    };
    r.note(format!("{note}{fragile_note}"));
}

/// 4.4: performance ratings at work (Kirkpatrick level 3).
fn kinerja(r: &mut R<'_>) {
    let e = r.e;
    if e.kinerja.per_aspek.is_empty() {
        return;
    }
    let lang = r.lang;
    r.h3(
        "kinerja",
        "Perilaku kerja (Kirkpatrick tingkat 3)",
        "Behaviour at work (Kirkpatrick level 3)",
    );
    r.figure(charts::behaviour(e, lang));
    let mut t = Table::numbered(r.t(
        "Penilaian kinerja oleh atasan dan rekan: peserta dibanding bukan peserta, sebelum dan sesudah",
        "Supervisor and peer ratings: participants against non-participants, before and after",
    ));
    t.head.push(vec![
        Cell::th(r.t("Aspek", "Aspect")),
        Cell::th_num(r.t("Peserta: sebelum → sesudah", "Participants: before → after")),
        Cell::th_num(r.t("Bukan peserta: sebelum → sesudah", "Others: before → after")),
        Cell::th_num(r.t("Selisih-dalam-selisih", "Diff.-in-diff.")),
        Cell::th_num("IK 95%"),
        Cell::th_num("p Holm"),
    ]);
    for a in &e.kinerja.per_aspek {
        let u = &a.uji;
        t.body.push(vec![
            Cell::text(format!(
                "{}{}",
                charts::aspect_label(&a.aspek),
                if u.rapuh { " †" } else { "" }
            )),
            Cell::num_text(format!(
                "{} → {}",
                r.n(u.intervensi_sebelum, 2),
                r.n(u.intervensi_sesudah, 2)
            )),
            Cell::num_text(format!(
                "{} → {}",
                r.n(u.pembanding_sebelum, 2),
                r.n(u.pembanding_sesudah, 2)
            )),
            r.signed_cell(a.estimasi, 2),
            Cell::num_text(format!(
                "{} – {}",
                r.n(u.ci95_bawah, 2),
                r.n(u.ci95_atas, 2)
            )),
            Cell::num_text(r.p(a.p_holm)),
        ]);
    }
    r.table(t);
    if let Some(a) = e.kinerja.per_aspek.first() {
        let u = &a.uji;
        let note = r.say(
            Teks::KinerjaDinilai,
            &[
                ("peserta", &r.count(a.n_peserta)),
                ("bukan_peserta", &r.count(a.n_nonpeserta)),
                ("klaster", &u.klaster.to_string()),
                ("n", &r.count(u.n)),
                ("metode", &did_method(r, u)),
            ],
        );
        let fragile = if e.kinerja.per_aspek.iter().any(|a| a.uji.rapuh) {
            r.t(
                " † Hasil rapuh: terlalu sedikit instansi atau penilaian.",
                " † Fragile: too few units or ratings.",
            )
        } else {
            ""
        };
        r.note(format!("{note}{fragile}"));
    }
}

/// 4.5: citizen satisfaction (IKM).
fn skm(r: &mut R<'_>) {
    let e = r.e;
    let lang = r.lang;
    r.h3(
        "skm",
        "Kepuasan masyarakat (IKM, Kirkpatrick tingkat 4)",
        "Citizen satisfaction (IKM, Kirkpatrick level 4)",
    );
    let k = &e.skm.keseluruhan;
    let s = r.say(
        Teks::SkmKeseluruhan,
        &[
            ("n", &r.count(k.n)),
            ("ikm", &r.n(k.ikm, 2)),
            (
                "mutu",
                &k.mutu.map(|m| format!("{m:?}")).unwrap_or("–".into()),
            ),
            (
                "kinerja",
                lang.pick(k.kinerja.unwrap_or("–"), k.kinerja_en.unwrap_or("–")),
            ),
        ],
    );
    r.text(s);
    if let (Some(a), Some(b)) = (
        find(e, Kelompok::Intervensi, Fase::Sebelum),
        find(e, Kelompok::Intervensi, Fase::Sesudah),
    ) {
        r.figure(charts::unsur(&a.ikm, &b.ikm, lang));
    }
    let s = did_sentence(
        r,
        e.skm.did.estimasi_poin,
        &e.skm.did.uji,
        2,
        ("poin", "points"),
        ("responden", "respondents"),
    );
    r.text(s);
    let mut t = Table::numbered(r.t(
        "IKM per instansi, sebelum dan sesudah intervensi",
        "IKM by unit, before and after the intervention",
    ));
    t.head.push(vec![
        Cell::th(r.t("Instansi", "Unit")).rows(2),
        Cell::th(r.t("Kelompok", "Group")).rows(2),
        Cell::th_num(r.t("Sebelum", "Before")).cols(2),
        Cell::th_num(r.t("Sesudah", "After")).cols(2),
        Cell::th_num(r.t("Perubahan", "Change")).rows(2),
    ]);
    t.head.push(vec![
        Cell::th_num("n"),
        Cell::th_num("IKM"),
        Cell::th_num("n"),
        Cell::th_num("IKM"),
    ]);
    let skm_row = |r: &R<'_>, name: Inline, k: Kelompok, groups: &[&monev_eval::SkmGroup]| {
        let at = |f: Fase| groups.iter().find(|g| g.fase == f).map(|g| &g.ikm);
        let cells = |i: Option<&monev_eval::Ikm>| match i {
            Some(i) => [
                r.int(i.n),
                Cell::num_runs(vec![text(format!("{} ", r.n(i.ikm, 2))), mutu(i.mutu)]),
            ],
            None => [Cell::num_text("–"), Cell::num_text("–")],
        };
        let [n0, v0] = cells(at(Fase::Sebelum));
        let [n1, v1] = cells(at(Fase::Sesudah));
        let change = match (at(Fase::Sebelum), at(Fase::Sesudah)) {
            (Some(x), Some(y)) => r.signed_cell(y.ikm - x.ikm, 2),
            _ => Cell::num_text("–"),
        };
        vec![
            Cell::runs(vec![name]),
            Cell::text(r.kelompok(k)),
            n0,
            v0,
            n1,
            v1,
            change,
        ]
    };
    t.body = phase_rows(r, &e.skm.per_kelompok, &e.skm.per_instansi, skm_row);
    r.table(t);
    let chart = charts::funnel_ikm(e, lang);
    funnel(r, chart, &e.perbandingan.ikm);

    // The sample behind each unit's IKM.
    if e.skm.sampel.iter().any(|s| s.populasi.is_some()) {
        if let Some(chart) = charts::sample(e, lang) {
            r.figure_with(chart, Vec::new(), Some("sampel-skm"));
        }
        let mut t = Table::numbered(r.t(
            "Sampel SKM sesudah intervensi: populasi = tiket antrean pada periode itu",
            "SKM sample after the intervention: population = queue tickets in that period",
        ));
        t.head.push(vec![
            Cell::th(r.t("Instansi", "Unit")),
            Cell::th_num(r.t("Populasi", "Population")),
            Cell::th_num("Krejcie–Morgan"),
            Cell::th_num("Slovin 5%"),
            Cell::th_num(r.t("Responden", "Respondents")),
            Cell::th_num("%"),
            Cell::th(r.t("Status", "Status")),
        ]);
        for s in &e.skm.sampel {
            let opt = |v: Option<u64>| match v {
                Some(v) => r.fig(v as f64, 0),
                None => Cell::num_text("–"),
            };
            let status = match s.cukup {
                Some(true) => r.t("cukup", "sufficient"),
                Some(false) => r.t("belum cukup", "too few"),
                None => r.t("tanpa log antrean", "no queue log"),
            };
            t.body.push(vec![
                Cell::text(&s.nama),
                opt(s.populasi),
                opt(s.target_krejcie_morgan),
                opt(s.target_slovin),
                r.int(s.responden),
                match s.persen_target {
                    Some(p) => r.fig(p, 0),
                    None => Cell::num_text("–"),
                },
                Cell::text(status),
            ]);
        }
        r.table(t);
    }
}

/// 4.6: waiting time at the counter.
fn layanan(r: &mut R<'_>) {
    let e = r.e;
    let lang = r.lang;
    r.h3(
        "layanan",
        "Waktu tunggu layanan (Kirkpatrick tingkat 4)",
        "Service waiting time (Kirkpatrick level 4)",
    );
    let d = &e.layanan.did.uji;
    let caption = did_sentence(
        r,
        e.layanan.did.estimasi_menit,
        d,
        1,
        ("menit", "minutes"),
        ("tiket", "tickets"),
    );
    r.figure_with(charts::waiting(e, lang), vec![text(caption)], None);
    let m = r.t("Rata-rata", "Mean");
    let mut t = Table::numbered(r.t(
        "Waktu tunggu per instansi, sebelum dan sesudah intervensi (menit)",
        "Waiting time by unit, before and after the intervention (minutes)",
    ));
    t.head.push(vec![
        Cell::th(r.t("Instansi", "Unit")).rows(2),
        Cell::th(r.t("Kelompok", "Group")).rows(2),
        Cell::th_num(r.t("Sebelum", "Before")).cols(3),
        Cell::th_num(r.t("Sesudah", "After")).cols(4),
        Cell::th_num(r.t("Perubahan", "Change")).rows(2),
    ]);
    t.head.push(vec![
        Cell::th_num("n"),
        Cell::th_num(m),
        Cell::th_num("Median"),
        Cell::th_num("n"),
        Cell::th_num(m),
        Cell::th_num("Median"),
        Cell::th_num("P90"),
    ]);
    let wait_row = |r: &R<'_>, name: Inline, k: Kelompok, groups: &[&monev_eval::TungguGroup]| {
        let at = |f: Fase| groups.iter().find(|g| g.fase == f);
        let cells = |g: Option<&&monev_eval::TungguGroup>| match g {
            Some(g) => [
                r.int(g.n),
                r.fig(g.tunggu_rata_menit, 1),
                r.fig(g.tunggu_median_menit, 1),
                r.fig(g.tunggu_p90_menit, 1),
            ],
            None => std::array::from_fn(|_| Cell::num_text("–")),
        };
        let [n0, m0, md0, _] = cells(at(Fase::Sebelum));
        let [n1, m1, md1, p1] = cells(at(Fase::Sesudah));
        let change = match (at(Fase::Sebelum), at(Fase::Sesudah)) {
            (Some(x), Some(y)) => r.signed_cell(y.tunggu_rata_menit - x.tunggu_rata_menit, 1),
            _ => Cell::num_text("–"),
        };
        vec![
            Cell::runs(vec![name]),
            Cell::text(r.kelompok(k)),
            n0,
            m0,
            md0,
            n1,
            m1,
            md1,
            p1,
            change,
        ]
    };
    t.body = phase_rows(
        r,
        &e.layanan.per_kelompok,
        &e.layanan.per_instansi,
        wait_row,
    );
    r.table(t);
    let chart = charts::funnel_waiting(e, lang);
    funnel(r, chart, &e.perbandingan.waktu_tunggu);
}

/// A funnel plot of the units and what it says: the units beyond the
/// 99.8% limit by name, or that none is.
fn funnel(r: &mut R<'_>, chart: Option<charts::Chart>, f: &monev_eval::perbandingan::Funnel) {
    use monev_eval::perbandingan::Posisi;
    let Some(chart) = chart else { return };
    let name = charts::unit_names(r.e);
    let below: Vec<String> = f
        .unit
        .iter()
        .filter(|u| u.posisi == Posisi::DiBawah998)
        .map(|u| name(&u.instansi))
        .collect();
    let above: Vec<String> = f
        .unit
        .iter()
        .filter(|u| u.posisi == Posisi::DiAtas998)
        .map(|u| name(&u.instansi))
        .collect();
    let mut caption = r
        .t(
            "Setiap titik satu unit, dibandingkan dengan batas kendali menurut ukurannya (Spiegelhalter 2005), bukan dengan peringkat: unit kecil wajar menyimpang lebih jauh.",
            "Each point is a unit, set against control limits for its size (Spiegelhalter 2005), not ranked: a small unit is expected to stray further.",
        )
        .to_string();
    if below.is_empty() && above.is_empty() {
        caption.push(' ');
        caption.push_str(r.t(
            "Tidak ada unit di luar batas 99,8%: perbedaan antarunit masih dalam batas kebetulan.",
            "No unit lies beyond the 99.8% limits: the differences between units are within chance.",
        ));
    }
    if !below.is_empty() {
        caption.push_str(&format!(
            " {} {}.",
            r.t("Di bawah batas 99,8%:", "Below the 99.8% limit:"),
            below.join(", ")
        ));
    }
    if !above.is_empty() {
        caption.push_str(&format!(
            " {} {}.",
            r.t("Di atas batas 99,8%:", "Above the 99.8% limit:"),
            above.join(", ")
        ));
    }
    r.figure_with(chart, vec![text(caption)], None);
}

/// 4.7: the budget.
fn anggaran(r: &mut R<'_>) {
    let e = r.e;
    let a = &e.anggaran;
    let lang = r.lang;
    r.h3("anggaran", "Anggaran", "Budget");
    let title = r.t(
        "Realisasi per kegiatan (% dari pagu)",
        "Spending per activity (% of ceiling)",
    );
    if let Some(chart) = charts::budget(e, title, lang) {
        r.figure(chart);
    }
    let mut t = Table::numbered(r.t("Pagu dan realisasi anggaran", "Budget ceiling and spending"));
    t.head.push(vec![
        Cell::th(r.t("Kegiatan", "Activity")),
        Cell::th_num(r.t("Pagu", "Ceiling")),
        Cell::th_num(r.t("Realisasi", "Spent")),
        Cell::th_num("%"),
    ]);
    for k in &a.per_kegiatan {
        t.body.push(vec![
            Cell::text(&k.kegiatan),
            r.rp_cell(k.pagu),
            r.rp_cell(k.realisasi),
            r.pct_cell(k.persen_realisasi),
        ]);
    }
    t.body.push(vec![
        Cell::th(r.t("Jumlah", "Total")),
        r.rp_cell(a.pagu).header(),
        r.rp_cell(a.realisasi).header(),
        r.pct_cell(a.persen_realisasi).header(),
    ]);
    r.table(t);
    let s = r.say(
        Teks::BiayaPelatihan,
        &[
            ("biaya", &r.rp(a.biaya_pelatihan)),
            ("per_peserta", &r.rp(a.biaya_per_peserta)),
            ("per_jp", &r.rp(a.biaya_per_jp)),
        ],
    );
    r.text(s);
}

/// Decimals for an indicator's figures: two for small targets (ratios).
pub(super) fn indicator_decimals(target: f64) -> usize {
    if target.abs() < 5.0 { 2 } else { 1 }
}

/// 4.8: the programme's indicators against their targets.
fn indikator(r: &mut R<'_>) {
    let e = r.e;
    if e.indikator.is_empty() {
        return;
    }
    r.h3("indikator", "Capaian indikator", "Indicator attainment");
    let mut t = Table::numbered(r.t(
        "Indikator kinerja program",
        "Programme performance indicators",
    ));
    t.head.push(vec![
        Cell::th(r.t("Indikator", "Indicator")),
        Cell::th_num("Baseline"),
        Cell::th_num("Target"),
        Cell::th_num(r.t("Realisasi", "Actual")),
        Cell::th_num(r.t("Capaian", "Attainment")),
        Cell::th(r.t("Status", "Status")),
    ]);
    for i in &e.indikator {
        let status = match i.tercapai {
            Some(true) => r.t("tercapai", "met"),
            Some(false) => r.t("belum tercapai", "not met"),
            None => r.t("tidak ada data", "no data"),
        };
        let source = if i.sumber == "dihitung" {
            r.t(" (dihitung monev)", " (computed by monev)")
        } else {
            ""
        };
        let dec = indicator_decimals(i.target);
        let mut actual = Cell::num_runs(vec![
            text(r.n(i.realisasi, dec)),
            span("catatan", vec![text(source)]),
        ]);
        if source.is_empty() {
            actual.value = Num::decimals(i.realisasi, dec);
        }
        t.body.push(vec![
            Cell::runs(vec![
                text(format!("{} ", i.nama)),
                span("catatan", vec![text(&i.ukuran)]),
            ]),
            r.fig(i.baseline, dec),
            r.fig(i.target, dec),
            actual,
            r.pct_cell(i.capaian_persen),
            Cell::text(status),
        ]);
    }
    r.table(t);
}
