//! The dashboard: key figures, the main charts and the findings, in the
//! report's words and numbers, each linking to where the report states them.

use monev_domain::Lang;
use monev_eval::Evaluasi;
use monev_eval::rules::Jenis;

use super::hasil::{did_sentence, indicator_decimals};
use super::{R, mutu, pembuka};
use crate::charts;
use crate::doc::{Block, Cell, Table, link, text};

/// The dashboard's blocks.
pub fn dashboard(e: &Evaluasi, lang: Lang) -> Vec<Block> {
    let mut r = R::new(e, lang);
    pembuka::ringkasan(&mut r);
    r.figure(charts::participation(e, lang));
    let d = &e.layanan.did.uji;
    if d.n > 0 {
        let caption = did_sentence(
            &r,
            e.layanan.did.estimasi_menit,
            d,
            1,
            ("menit", "minutes"),
            ("tiket", "tickets"),
        );
        r.figure_with(charts::waiting(e, lang), vec![text(caption)], None);
    }
    let numbers = |r: &mut R<'_>, anchor: &str| {
        let see = r.t("Lihat angkanya →", "See the numbers →");
        r.push(Block::para_class(
            "catatan",
            vec![link(format!("#{anchor}"), vec![text(see)])],
        ));
    };
    numbers(&mut r, "layanan");

    if let Some(chart) = charts::learning(e, lang) {
        r.figure(chart);
        numbers(&mut r, "pembelajaran");
    }

    // IKM by group and phase, with the grade colours.
    if !e.skm.per_kelompok.is_empty() {
        let mut t = Table::captioned(r.t(
            "IKM per kelompok, sebelum dan sesudah",
            "IKM by group, before and after",
        ));
        t.head.push(vec![
            Cell::th(r.t("Kelompok", "Group")),
            Cell::th(r.t("Fase", "Phase")),
            Cell::th_num("n"),
            Cell::th_num("IKM"),
            Cell::th(r.t("Mutu", "Grade")),
        ]);
        for g in &e.skm.per_kelompok {
            let fase = match g.fase {
                monev_eval::Fase::Sebelum => r.t("Sebelum", "Before"),
                monev_eval::Fase::Sesudah => r.t("Sesudah", "After"),
            };
            t.body.push(vec![
                Cell::text(r.kelompok(g.kelompok)),
                Cell::text(fase),
                r.int(g.ikm.n),
                r.fig(g.ikm.ikm, 2),
                Cell::runs(vec![mutu(g.ikm.mutu)]),
            ]);
        }
        r.table(t);
        numbers(&mut r, "skm");
    }
    if let Some(chart) = charts::sample(e, lang) {
        r.figure(chart);
        numbers(&mut r, "sampel-skm");
    }

    let title = r.t(
        "Realisasi anggaran per kegiatan (% dari pagu)",
        "Budget spent per activity (% of ceiling)",
    );
    if let Some(chart) = charts::budget(e, title, lang) {
        r.figure(chart);
        numbers(&mut r, "anggaran");
    }

    // Indicators against their targets.
    if !e.indikator.is_empty() {
        let mut t = Table::captioned(r.t("Capaian indikator", "Indicator attainment"));
        t.head.push(vec![
            Cell::th(r.t("Indikator", "Indicator")),
            Cell::th_num("Target"),
            Cell::th_num(r.t("Realisasi", "Actual")),
            Cell::th(r.t("Status", "Status")),
        ]);
        for i in &e.indikator {
            let status = match i.tercapai {
                Some(true) => r.t("tercapai", "met"),
                Some(false) => r.t("belum tercapai", "not met"),
                None => r.t("tidak ada data", "no data"),
            };
            let dec = indicator_decimals(i.target);
            t.body.push(vec![
                Cell::text(&i.nama),
                r.fig(i.target, dec),
                r.fig(i.realisasi, dec),
                Cell::text(status),
            ]);
        }
        r.table(t);
    }

    let h = r.t("Hasil", "Results");
    r.heading(2, "", h, false);
    r.findings(Jenis::Hasil);
    let h = r.t("Kendala", "Constraints");
    r.heading(2, "", h, false);
    r.findings(Jenis::Kendala);
    r.out
}
