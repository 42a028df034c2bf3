//! Section 3: the design, the sources with their counts, each analysis
//! that was computed (with its n and assumptions), the instruments'
//! reliability.

use monev_domain::format::date_long;

use super::R;
use crate::doc::{Block, Cell, Item, Table};
use crate::teks::Teks;

pub(super) fn metodologi(r: &mut R<'_>) {
    let e = r.e;
    let j = &e.jumlah;
    let n_pairs: usize = e.pembelajaran.per_pelatihan.iter().map(|m| m.n).sum();
    let exact = e
        .pembelajaran
        .per_pelatihan
        .iter()
        .any(|m| m.wilcoxon_metode == monev_stats::WilcoxonMethod::Exact);
    let approx = e
        .pembelajaran
        .per_pelatihan
        .iter()
        .any(|m| m.wilcoxon_metode == monev_stats::WilcoxonMethod::Approx);
    let wil_method = r.say(
        match (exact, approx) {
            (true, true) => Teks::WilcoxonCampuran,
            (true, false) => Teks::WilcoxonEksak,
            _ => Teks::WilcoxonAproksimasi,
        },
        &[],
    );
    let bobot = if (e.skm.bobot - 1.0 / 9.0).abs() < 1e-12 {
        "1/9".to_string()
    } else {
        r.n(e.skm.bobot, 2)
    };
    r.h2("metodologi", "Metodologi", "Methodology");
    let design = r.say(
        Teks::Desain,
        &[
            ("intervensi", &r.count(j.instansi_intervensi)),
            ("pembanding", &r.count(j.instansi_pembanding)),
            ("tanggal", &date_long(e.program.tanggal_intervensi, r.lang)),
        ],
    );
    r.text(design);
    let q = &e.kualitatif;
    if q.wawancara > 0 {
        let groups: Vec<String> = q
            .per_kelompok
            .iter()
            .map(|g| {
                let (id, en) = g.kelompok.label();
                let n = g.n.map_or("< 5".to_string(), |n| r.n(n as f64, 0));
                format!("{} {n}", r.t(id, en))
            })
            .collect();
        let agreement = if q.kappa_rata.is_finite() {
            r.say(
                Teks::Kesepakatan,
                &[
                    ("kappa", &r.n(q.kappa_rata, 2)),
                    ("alpha", &r.n(q.alpha_rata, 2)),
                ],
            )
        } else {
            String::new()
        };
        let text = r.say(
            Teks::Wawancara,
            &[
                ("n", &r.count(q.wawancara)),
                ("kelompok", &groups.join(", ")),
                ("pengkode", &r.count(q.pengkode.len())),
                ("segmen", &r.count(q.segmen)),
                ("agreement", &agreement),
            ],
        );
        r.text(text);
    }
    if q.dokumen > 0 {
        let kinds: Vec<String> = q
            .dokumen_per_jenis
            .iter()
            .map(|(j, n)| format!("{} {}", r.jenis_dokumen(j), r.n(*n as f64, 0)))
            .collect();
        let text = r.say(
            Teks::AnalisisDokumen,
            &[
                ("n", &r.count(q.dokumen)),
                ("jenis", &kinds.join(", ")),
                ("dikodekan", &r.count(q.dokumen_dikodekan)),
            ],
        );
        r.text(text);
    }
    let (h1, h2, h3) = (
        r.t("Sumber data", "Data source"),
        r.t("Isi", "Content"),
        r.t("Jumlah", "Count"),
    );
    let rows = [
        (
            r.t("Daftar ASN", "ASN roster"),
            r.t(
                "NIP tervalidasi, instansi, jabatan",
                "validated NIP, unit, position",
            ),
            j.asn,
        ),
        (
            r.t("Kepesertaan pelatihan", "Training participation"),
            r.t(
                "kehadiran, pre-test, post-test",
                "attendance, pre-test, post-test",
            ),
            j.peserta_baris,
        ),
        (
            r.t("Pasangan pre/post-test lengkap", "Complete pre/post pairs"),
            r.t("dasar uji pembelajaran", "basis of the learning tests"),
            n_pairs,
        ),
        (
            r.t(
                "Survei Kepuasan Masyarakat",
                "Citizen satisfaction survey (SKM)",
            ),
            r.t(
                "9 unsur PermenPANRB 14/2017, responden anonim",
                "9 elements of PermenPANRB 14/2017, anonymous respondents",
            ),
            j.skm,
        ),
        (
            r.t("Log antrean layanan", "Service queue log"),
            r.t(
                "waktu datang, dipanggil, selesai",
                "arrival, called, finished",
            ),
            j.layanan,
        ),
        (
            r.t("Modul pelatihan", "Training modules"),
            r.t("JP dan biaya per peserta", "JP and cost per participant"),
            j.pelatihan,
        ),
        (
            r.t("Kuesioner reaksi", "Reaction questionnaires"),
            r.t(
                "tanggapan peserta atas tiap modul (Kirkpatrick 1)",
                "participants' view of each module (Kirkpatrick 1)",
            ),
            j.reaksi,
        ),
        (
            r.t("Penilaian kinerja", "Performance ratings"),
            r.t(
                "oleh atasan, rekan dan diri sendiri (Kirkpatrick 3)",
                "by supervisors, peers and self (Kirkpatrick 3)",
            ),
            j.kinerja,
        ),
    ];
    let mut t = Table::default();
    t.head
        .push(vec![Cell::th(h1), Cell::th(h2), Cell::th_num(h3)]);
    for (a, b, c) in rows.iter().filter(|x| x.2 > 0) {
        t.body.push(vec![Cell::text(*a), Cell::text(*b), r.int(*c)]);
    }
    r.table(t);

    // Only what was computed, each with its n.
    let alpha = r.n(e.config.alpha, 2);
    let mut items: Vec<Item> = Vec::new();
    let mut item = |t: Teks, args: &[(&str, &str)]| items.push(Item::runs(r.say_runs(t, args)));
    let modules = e
        .pembelajaran
        .per_pelatihan
        .iter()
        .filter(|m| m.n >= 2)
        .count();
    if modules > 0 {
        item(
            Teks::MetodeUjiT,
            &[
                ("modul", &r.count(modules)),
                ("pasangan", &r.count(n_pairs)),
                ("alpha", &alpha),
            ],
        );
        item(Teks::MetodeWilcoxon, &[("wil_method", &wil_method)]);
        item(Teks::MetodeEfek, &[]);
    }
    if j.reaksi > 0 {
        item(
            Teks::MetodeReaksi,
            &[
                ("kuesioner", &r.count(j.reaksi)),
                ("batas", &r.n(e.config.relevan_min_persen, 0)),
            ],
        );
    }
    let rated: usize = e.kinerja.per_aspek.iter().map(|a| a.uji.n).sum();
    if rated > 0 {
        item(
            Teks::MetodePerilaku,
            &[
                ("n", &r.count(rated)),
                ("diri", &r.count(e.kinerja.diri_dikecualikan)),
            ],
        );
    }
    if j.skm > 0 {
        item(
            Teks::MetodeIkm,
            &[("kuesioner", &r.count(j.skm)), ("bobot", &bobot)],
        );
    }
    if j.layanan > 0 {
        item(Teks::MetodeTunggu, &[("tiket", &r.count(j.layanan))]);
    }
    if j.layanan > 0 || j.skm > 0 || rated > 0 {
        item(Teks::MetodeDid, &[]);
    }
    if !e.instrumen.is_empty() {
        item(
            Teks::MetodeReliabilitas,
            &[("batas", &r.n(e.config.alpha_reliabel, 2))],
        );
    }
    let h = r.t("Analisis yang dipakai", "Analyses used");
    r.heading(3, "", h, false);
    r.push(Block::List {
        ordered: false,
        class: None,
        items,
    });

    if !e.instrumen.is_empty() {
        let cap = r.t(
            "Reliabilitas dan validitas instrumen",
            "Instrument reliability and validity",
        );
        let mut t = Table::captioned(cap);
        t.head.push(vec![
            Cell::th(r.t("Instrumen", "Instrument")),
            Cell::th_num("n"),
            Cell::th_num(r.t("Butir", "Items")),
            Cell::th_num("Cronbach α"),
            Cell::th_num(format!("r-{}", r.t("tabel", "critical"))),
            Cell::th(r.t("Butir tidak valid", "Invalid items")),
        ]);
        for i in &e.instrumen {
            let invalid: Vec<String> = i
                .item
                .iter()
                .filter(|x| !x.valid)
                .map(|x| format!("{} (r = {})", x.item, r.n(x.r_item_total_terkoreksi, 2)))
                .collect();
            let flag = if i.reliabel {
                ""
            } else {
                r.t(" — kurang reliabel", " — not reliable")
            };
            let name = match i.instrumen {
                "skm" => r.t(
                    "Survei Kepuasan Masyarakat (9 unsur)",
                    "Citizen satisfaction survey (SKM, 9 unsur)",
                ),
                "reaksi" => r.t(
                    "Kuesioner reaksi peserta pelatihan",
                    "Participants' reaction questionnaire",
                ),
                _ => i.nama,
            };
            let alpha = if flag.is_empty() {
                r.fig(i.cronbach_alpha, 3)
            } else {
                Cell::num_text(format!("{}{flag}", r.n(i.cronbach_alpha, 3)))
            };
            t.body.push(vec![
                Cell::text(name),
                r.int(i.n),
                r.int(i.k),
                alpha,
                r.fig(i.r_tabel, 3),
                Cell::text(if invalid.is_empty() {
                    "–".to_string()
                } else {
                    invalid.join(", ")
                }),
            ]);
        }
        r.table(t);
    }
    if q.wawancara == 0 && q.dokumen == 0 {
        let note = r.t(
            "Data wawancara dan dokumen belum dimasukkan ke monev untuk evaluasi ini; temuan di bawah bersandar pada data kuantitatif yang tercantum di atas.",
            "Interview and document evidence has not yet been entered into monev for this evaluation; the findings below rest on the quantitative data listed above.",
        );
        r.note(note);
    }
}
