//! The monitoring report of one period (*Laporan Monitoring Triwulan*): a
//! short document built from a [`Monitoring`], rendered by the same
//! writers as the evaluation report (HTML here, DOCX, PDF, the XLSX
//! workbook of its tables) and as `monitoring.json`.
//!
//! In order: the cover and key figures; a summary; realisation of the
//! budget against plan; indicators against the period's targets; the early
//! warnings and what changed since the period before; the IKM and the
//! waiting time of each unit in both periods, with the IKM series and the
//! weekly run chart; how the figures were computed. Every table names the
//! file its figures come from.

use monev_domain::Lang;
use monev_domain::Periode;
use monev_domain::format::{date_long, number};
use monev_eval::berkala::{Aturan, RunChart, TitikIkm};
use monev_eval::capaian::Status;
use monev_eval::monitoring::{JenisBaris, Monitoring};

use crate::doc::{Block, Card, Cell, Inline, Item, Num, Table, bold, span, text};
use crate::esc;
use crate::svg;

/// `monitoring.json`: every figure, unrounded.
pub fn json(m: &Monitoring) -> String {
    serde_json::to_string_pretty(m).expect("the monitoring report serialises")
}

/// The report's name: *Laporan Monitoring Triwulan* for a quarterly
/// programme.
pub fn kind(m: &Monitoring, lang: Lang) -> &'static str {
    use monev_domain::JenisPeriode as J;
    match (m.jenis_periode, lang) {
        (J::Bulan, Lang::Id) => "Laporan Monitoring Bulanan",
        (J::Triwulan, Lang::Id) => "Laporan Monitoring Triwulan",
        (J::Semester, Lang::Id) => "Laporan Monitoring Semester",
        (J::Bulan, Lang::En) => "Monthly Monitoring Report",
        (J::Triwulan, Lang::En) => "Quarterly Monitoring Report",
        (J::Semester, Lang::En) => "Half-yearly Monitoring Report",
    }
}

/// The document's title: the report's name, the period, the programme.
pub fn title(m: &Monitoring, lang: Lang) -> String {
    format!(
        "{} {} — {}",
        lang.pick("Laporan Monitoring", "Monitoring Report,"),
        period_label(m.periode, lang),
        m.program.nama
    )
}

/// "Triwulan III 2025", "Quarter 3 2025", "Semester I 2025", "Juli 2025".
pub fn period_label(p: Periode, lang: Lang) -> String {
    use monev_domain::JenisPeriode as J;
    const ROMAN: [&str; 4] = ["I", "II", "III", "IV"];
    let n = usize::from(p.nomor());
    match p.jenis() {
        J::Triwulan => match lang {
            Lang::Id => format!("Triwulan {} {}", ROMAN[n - 1], p.tahun()),
            Lang::En => format!("Quarter {n} {}", p.tahun()),
        },
        J::Semester => match lang {
            Lang::Id => format!("Semester {} {}", ROMAN[n - 1], p.tahun()),
            Lang::En => format!("Half {n} {}", p.tahun()),
        },
        J::Bulan => {
            // "1 Juli 2025" without its day.
            let long = date_long(p.mulai(), lang);
            long.split_once(' ')
                .map_or(long.clone(), |(_, r)| r.to_string())
        }
    }
}

/// A status as the report names it.
pub fn status_label(s: Status, lang: Lang) -> &'static str {
    match s {
        Status::SesuaiRencana => lang.pick("Sesuai rencana", "On track"),
        Status::Tertinggal => lang.pick("Tertinggal", "Behind"),
        Status::JauhTertinggal => lang.pick("Jauh tertinggal", "Far behind"),
        Status::BelumDilaporkan => lang.pick("Belum dilaporkan", "Not reported"),
    }
}

fn status(s: Status, lang: Lang) -> Inline {
    span(
        &format!("status status-{}", s.code()),
        vec![text(status_label(s, lang))],
    )
}

struct W<'a> {
    m: &'a Monitoring,
    lang: Lang,
    out: Vec<Block>,
}

impl W<'_> {
    fn t<'b>(&self, id: &'b str, en: &'b str) -> &'b str {
        self.lang.pick(id, en)
    }
    fn n(&self, v: f64, d: usize) -> String {
        number(v, d, self.lang)
    }
    fn opt(&self, v: Option<f64>, d: usize) -> String {
        v.map_or_else(|| "–".to_string(), |v| self.n(v, d))
    }
    fn pct(&self, v: Option<f64>) -> String {
        v.filter(|v| v.is_finite())
            .map_or_else(|| "–".to_string(), |v| format!("{}%", self.n(v, 1)))
    }
    fn rp(&self, v: f64) -> String {
        format!("{} {}", self.t("Rp", "IDR"), self.n(v, 0))
    }
    fn fig(&self, v: Option<f64>, d: usize) -> Cell {
        match v.filter(|v| v.is_finite()) {
            Some(v) => crate::doc::figure(v, d, self.lang),
            None => Cell::num_text("–"),
        }
    }
    fn pct_cell(&self, v: Option<f64>) -> Cell {
        Cell::figure(self.pct(v), v.and_then(|v| Num::percent(v, 1)))
    }
    fn rp_cell(&self, v: Option<f64>) -> Cell {
        match v.filter(|v| v.is_finite()) {
            Some(v) => Cell::figure(self.n(v, 0), Num::rupiah(v, self.lang)),
            None => Cell::num_text("–"),
        }
    }
    fn signed(&self, v: f64, d: usize) -> String {
        if v > 0.0 {
            format!("+{}", self.n(v, d))
        } else {
            self.n(v, d)
        }
    }
    fn unit(&self, kode: Option<&str>) -> String {
        match kode {
            None => self.t("Program", "Programme").to_string(),
            Some(k) => k.to_string(),
        }
    }
    fn push(&mut self, b: Block) {
        self.out.push(b);
    }
    fn h2(&mut self, id: &str, id_text: &str, en_text: &str) {
        let text = self.t(id_text, en_text).to_string();
        self.push(Block::Heading {
            level: 2,
            text,
            id: Some(id.to_string()),
            numbered: true,
        });
    }
    fn h3(&mut self, id: &str, id_text: &str, en_text: &str) {
        let text = self.t(id_text, en_text).to_string();
        self.push(Block::Heading {
            level: 3,
            text,
            id: Some(id.to_string()),
            numbered: true,
        });
    }
    fn para(&mut self, content: Vec<Inline>) {
        self.push(Block::para(content));
    }
    /// Where a table's figures come from.
    fn source(&mut self, file: &str, what: String) {
        self.push(Block::para_class(
            "bukti",
            vec![
                text(format!("{}: ", self.t("Bukti", "Evidence"))),
                Inline::Code(file.to_string()),
                text(format!(" {what}")),
            ],
        ));
    }
    fn period(&self, p: Periode) -> String {
        period_label(p, self.lang)
    }
}

/// The report as blocks, unnumbered.
pub fn document(m: &Monitoring, lang: Lang) -> Vec<Block> {
    let mut w = W {
        m,
        lang,
        out: Vec::new(),
    };
    cover(&mut w);
    cards(&mut w);
    summary(&mut w);
    budget(&mut w);
    indicators(&mut w);
    warnings(&mut w);
    services(&mut w);
    approvals(&mut w);
    method(&mut w);
    footer(&mut w);
    w.out
}

fn cover(w: &mut W<'_>) {
    let m = w.m;
    let l = &m.program.laporan;
    let mut lines = vec![
        m.program.wilayah.clone(),
        format!(
            "{}: {} ({} – {})",
            w.t("Periode", "Period"),
            w.period(m.periode),
            date_long(m.mulai, w.lang),
            date_long(m.selesai, w.lang)
        ),
    ];
    if !l.tim.is_empty() {
        lines.push(format!(
            "{}: {}",
            w.t("Disusun oleh", "Prepared by"),
            l.tim.join(", ")
        ));
    }
    let kind = kind(m, w.lang).to_string();
    w.push(Block::Cover {
        kind,
        title: m.program.nama.clone(),
        lines,
        logo: l
            .logo
            .as_ref()
            .map(|g| (g.mime.to_string(), g.data.clone())),
        short: true,
    });
}

fn programme_ikm(m: &Monitoring) -> Option<&monev_eval::monitoring::IkmPeriode> {
    m.ikm.iter().find(|i| i.instansi.is_none())
}

fn cards(w: &mut W<'_>) {
    let m = w.m;
    let r = &m.ringkasan;
    let ikm = programme_ikm(m);
    let mut cards = vec![
        Card {
            figure: w.pct(r.capaian_keuangan_persen),
            value: r.capaian_keuangan_persen.and_then(|v| Num::percent(v, 1)),
            label: w
                .t(
                    "capaian keuangan terhadap rencana s.d. periode ini",
                    "money spent against plan to the end of the period",
                )
                .to_string(),
        },
        Card {
            figure: format!(
                "{} / {}",
                r.anggaran.peringatan(),
                m.realisasi.anggaran.len()
            ),
            value: None,
            label: w
                .t(
                    "kegiatan tertinggal atau jauh tertinggal",
                    "budget lines behind or far behind",
                )
                .to_string(),
        },
        Card {
            figure: format!(
                "{} / {}",
                r.indikator.peringatan(),
                m.realisasi.indikator.len()
            ),
            value: None,
            label: w
                .t(
                    "indikator tertinggal atau jauh tertinggal",
                    "indicators behind or far behind",
                )
                .to_string(),
        },
    ];
    if let Some(i) = ikm {
        cards.push(Card {
            figure: w.opt(i.sekarang.ikm, 1),
            value: i.sekarang.ikm.and_then(|v| Num::decimals(v, 1)),
            label: format!(
                "{} (n = {})",
                w.t("IKM program periode ini", "programme IKM this period"),
                w.n(i.sekarang.n as f64, 0)
            ),
        });
    }
    let label = w.t("Ringkasan", "Summary").to_string();
    w.push(Block::Cards { label, cards });
}

fn summary(w: &mut W<'_>) {
    let m = w.m;
    let r = &m.ringkasan;
    w.h2("ikhtisar", "Ringkasan", "Summary");
    if let Some(t) = m.tinjauan.filter(|t| t.sementara()) {
        let belum = t.skm.belum_disetujui() + t.asn.belum_disetujui();
        let ditolak = t.skm.ditolak + t.asn.ditolak;
        let mut s = match w.lang {
            Lang::Id => format!(
                "Angka sementara: {} jawaban program ini belum disetujui peninjau dan ikut dihitung.",
                w.n(belum as f64, 0)
            ),
            Lang::En => format!(
                "Provisional figures: {} of the programme's answers have not yet been approved by a reviewer and are counted.",
                w.n(belum as f64, 0)
            ),
        };
        if ditolak > 0 {
            s.push_str(&match w.lang {
                Lang::Id => format!(
                    " {} jawaban ditolak dan tidak dihitung.",
                    w.n(ditolak as f64, 0)
                ),
                Lang::En => format!(
                    " {} answers were rejected and are not counted.",
                    w.n(ditolak as f64, 0)
                ),
            });
        }
        w.push(Block::para_class("catatan", vec![text(s)]));
    }
    let reported = m
        .realisasi
        .anggaran
        .iter()
        .any(|a| a.realisasi_keuangan.is_some());
    let mut s = Vec::new();
    if reported {
        s.push(text(match w.lang {
            Lang::Id => format!(
                "Sampai akhir {}, realisasi keuangan program ",
                w.period(m.periode)
            ),
            Lang::En => format!(
                "By the end of {}, the programme had spent ",
                w.period(m.periode)
            ),
        }));
        s.push(bold(w.rp(r.realisasi_keuangan)));
        s.push(text(match w.lang {
            Lang::Id => format!(" dari rencana {} (capaian ", w.rp(r.rencana_keuangan)),
            Lang::En => format!(" of a planned {} (", w.rp(r.rencana_keuangan)),
        }));
        s.push(bold(w.pct(r.capaian_keuangan_persen)));
        s.push(text(match w.lang {
            Lang::Id => format!(
                "; {} dari pagu {}). ",
                w.pct(r.serapan_pagu_persen),
                w.rp(r.pagu_anggaran)
            ),
            Lang::En => format!(
                " of plan; {} of the ceiling of {}). ",
                w.pct(r.serapan_pagu_persen),
                w.rp(r.pagu_anggaran)
            ),
        }));
    } else {
        s.push(text(match w.lang {
            Lang::Id => format!(
                "Belum ada realisasi keuangan yang dilaporkan untuk {}. ",
                w.period(m.periode)
            ),
            Lang::En => format!(
                "No money spent has been reported for {} yet. ",
                w.period(m.periode)
            ),
        }));
    }
    let count = |h: &monev_eval::monitoring::Hitungan, w: &W<'_>| match w.lang {
        Lang::Id => format!(
            "{} sesuai rencana, {} tertinggal, {} jauh tertinggal, {} belum dilaporkan",
            h.sesuai_rencana, h.tertinggal, h.jauh_tertinggal, h.belum_dilaporkan
        ),
        Lang::En => format!(
            "{} on track, {} behind, {} far behind, {} not reported",
            h.sesuai_rencana, h.tertinggal, h.jauh_tertinggal, h.belum_dilaporkan
        ),
    };
    s.push(text(match w.lang {
        Lang::Id => format!(
            "Dari {} baris anggaran: {}. Dari {} indikator: {}.",
            m.realisasi.anggaran.len(),
            count(&r.anggaran, w),
            m.realisasi.indikator.len(),
            count(&r.indikator, w)
        ),
        Lang::En => format!(
            "Of {} budget lines: {}. Of {} indicators: {}.",
            m.realisasi.anggaran.len(),
            count(&r.anggaran, w),
            m.realisasi.indikator.len(),
            count(&r.indikator, w)
        ),
    }));
    w.para(s);
    if let Some(i) = programme_ikm(m) {
        let mut s = vec![text(match w.lang {
            Lang::Id => format!("IKM program pada {} sebesar ", w.period(m.periode)),
            Lang::En => format!("The programme's IKM in {} was ", w.period(m.periode)),
        })];
        s.push(bold(w.opt(i.sekarang.ikm, 2)));
        s.push(text(format!(
            " (n = {}{})",
            w.n(i.sekarang.n as f64, 0),
            i.sekarang
                .selang_95
                .map(|[a, b]| format!(
                    "; {}: {} – {}",
                    w.t("selang 95%", "95% interval"),
                    w.n(a, 2),
                    w.n(b, 2)
                ))
                .unwrap_or_default()
        )));
        s.push(text(match (i.sebelumnya.ikm, i.selisih) {
            (Some(b), Some(d)) => match w.lang {
                Lang::Id => format!(
                    ", dibanding {} pada {} (selisih {}, p {}; {}).",
                    w.n(b, 2),
                    w.period(m.sebelumnya),
                    w.signed(d, 2),
                    p_text(w, i.p),
                    if i.bermakna {
                        "perubahan bermakna"
                    } else {
                        "perubahan tidak bermakna"
                    }
                ),
                Lang::En => format!(
                    ", against {} in {} (change {}, p {}; {}).",
                    w.n(b, 2),
                    w.period(m.sebelumnya),
                    w.signed(d, 2),
                    p_text(w, i.p),
                    if i.bermakna {
                        "a significant change"
                    } else {
                        "not a significant change"
                    }
                ),
            },
            _ => match w.lang {
                Lang::Id => format!(
                    "; {} tidak punya cukup kuesioner untuk dibandingkan.",
                    w.period(m.sebelumnya)
                ),
                Lang::En => format!(
                    "; {} has too few questionnaires to compare with.",
                    w.period(m.sebelumnya)
                ),
            },
        }));
        w.para(s);
    }
}

fn p_text(w: &W<'_>, p: Option<f64>) -> String {
    match p {
        None => "–".to_string(),
        Some(p) if p < 0.001 => format!("< {}", w.n(0.001, 3)),
        Some(p) => format!("= {}", w.n(p, 3)),
    }
}

fn budget(w: &mut W<'_>) {
    let m = w.m;
    w.h2(
        "anggaran",
        "Realisasi anggaran terhadap rencana",
        "Budget: realisation against plan",
    );
    let mut t = Table::numbered(match w.lang {
        Lang::Id => format!(
            "Realisasi keuangan dan fisik kumulatif s.d. {}",
            w.period(m.periode)
        ),
        Lang::En => format!(
            "Cumulative financial and physical progress to {}",
            w.period(m.periode)
        ),
    });
    let money = w.t("Rp", "IDR");
    t.head = vec![
        vec![
            Cell::th(w.t("Kegiatan", "Budget line")).rows(2),
            Cell::th(w.t("Unit", "Unit")).rows(2),
            Cell::th(format!("{} ({money})", w.t("Keuangan", "Money"))).cols(4),
            Cell::th(format!("{} (%)", w.t("Fisik", "Physical"))).cols(3),
            Cell::th(w.t("Status", "Status")).rows(2),
            Cell::th(w.t("Sebelumnya", "Previous")).rows(2),
        ],
        vec![
            Cell::th_num(w.t("Rencana", "Plan")),
            Cell::th_num(w.t("Realisasi", "Actual")),
            Cell::th_num(w.t("Deviasi", "Deviation")),
            Cell::th_num(w.t("Capaian", "Achieved")),
            Cell::th_num(w.t("Rencana", "Plan")),
            Cell::th_num(w.t("Realisasi", "Actual")),
            Cell::th_num(w.t("Capaian", "Achieved")),
        ],
    ];
    for a in &m.realisasi.anggaran {
        t.body.push(vec![
            Cell::text(a.kegiatan.clone()),
            Cell::text(w.unit(a.instansi.as_deref())),
            w.rp_cell(a.rencana_keuangan),
            w.rp_cell(a.realisasi_keuangan),
            w.rp_cell(a.deviasi_keuangan),
            w.pct_cell(a.capaian_keuangan_persen),
            w.fig(a.rencana_fisik_persen, 1),
            w.fig(a.realisasi_fisik_persen, 1),
            w.pct_cell(a.capaian_fisik_persen),
            Cell::runs(vec![status(a.status, w.lang)]),
            Cell::text(
                a.status_sebelumnya
                    .map_or("–", |s| status_label(s, w.lang))
                    .to_string(),
            ),
        ]);
    }
    w.push(Block::Table(t));
    let what = match w.lang {
        Lang::Id => format!(
            "baris periode {} dan {}; kegiatan tanpa baris pada periode ini tercatat belum dilaporkan.",
            m.periode, m.sebelumnya
        ),
        Lang::En => format!(
            "rows of periods {} and {}; a budget line without a row this period is marked not reported.",
            m.periode, m.sebelumnya
        ),
    };
    w.source("anggaran_periode.csv", what);
}

fn indicators(w: &mut W<'_>) {
    let m = w.m;
    w.h2(
        "indikator",
        "Indikator terhadap target periode",
        "Indicators against the period's targets",
    );
    let mut t = Table::numbered(match w.lang {
        Lang::Id => format!("Capaian indikator {}", w.period(m.periode)),
        Lang::En => format!("Indicators in {}", w.period(m.periode)),
    });
    t.head = vec![vec![
        Cell::th(w.t("Indikator", "Indicator")),
        Cell::th(w.t("Unit", "Unit")),
        Cell::th_num(w.t("Target", "Target")),
        Cell::th_num(w.t("Realisasi", "Actual")),
        Cell::th_num(w.t("Deviasi", "Deviation")),
        Cell::th_num(w.t("Capaian", "Achieved")),
        Cell::th(w.t("Status", "Status")),
        Cell::th(w.t("Sebelumnya", "Previous")),
    ]];
    for i in &m.realisasi.indikator {
        let arrow = match i.arah {
            monev_domain::Arah::Naik => "↑",
            monev_domain::Arah::Turun => "↓",
        };
        t.body.push(vec![
            Cell::runs(vec![
                Inline::Code(i.indikator.clone()),
                text(format!(" {} {arrow}", i.nama)),
            ]),
            Cell::text(w.unit(i.instansi.as_deref())),
            w.fig(i.target, 2),
            w.fig(i.realisasi, 2),
            w.fig(i.deviasi, 2),
            w.pct_cell(i.capaian_persen),
            Cell::runs(vec![status(i.status, w.lang)]),
            Cell::text(
                i.status_sebelumnya
                    .map_or("–", |s| status_label(s, w.lang))
                    .to_string(),
            ),
        ]);
    }
    w.push(Block::Table(t));
    let what = match w.lang {
        Lang::Id => format!(
            "target dan realisasi periode {}; ↑ makin tinggi makin baik, ↓ makin rendah makin baik.",
            m.periode
        ),
        Lang::En => format!(
            "targets and actuals of period {}; ↑ higher is better, ↓ lower is better.",
            m.periode
        ),
    };
    w.source("indikator_periode.csv", what);
}

fn warnings(w: &mut W<'_>) {
    let m = w.m;
    w.h2(
        "peringatan",
        "Peringatan dini dan perubahan sejak periode lalu",
        "Early warnings and changes since the last period",
    );
    let mut items = Vec::new();
    for a in &m.realisasi.anggaran {
        if matches!(a.status, Status::Tertinggal | Status::JauhTertinggal) {
            items.push(Item::runs(vec![
                status(a.status, w.lang),
                text(format!(
                    ": {} ({}) — {} {}, {} {}.",
                    a.kegiatan,
                    w.unit(a.instansi.as_deref()),
                    w.t("keuangan", "money"),
                    w.pct(a.capaian_keuangan_persen),
                    w.t("fisik", "physical"),
                    w.pct(a.capaian_fisik_persen),
                )),
            ]));
        }
    }
    for i in &m.realisasi.indikator {
        if matches!(i.status, Status::Tertinggal | Status::JauhTertinggal) {
            items.push(Item::runs(vec![
                status(i.status, w.lang),
                text(format!(
                    ": {} {} ({}) — {} {}, {} {} ({}).",
                    i.indikator,
                    i.nama,
                    w.unit(i.instansi.as_deref()),
                    w.t("realisasi", "actual"),
                    w.opt(i.realisasi, 2),
                    w.t("target", "target"),
                    w.opt(i.target, 2),
                    w.pct(i.capaian_persen),
                )),
            ]));
        }
    }
    if items.is_empty() {
        let s = w.t(
            "Tidak ada kegiatan atau indikator yang tertinggal pada periode ini.",
            "No budget line or indicator is behind this period.",
        );
        w.para(vec![text(s)]);
    } else {
        w.push(Block::List {
            ordered: false,
            class: Some("temuan".into()),
            items,
        });
    }
    w.h3("perubahan", "Perubahan status", "Changes of status");
    if m.perubahan.is_empty() {
        let s = match w.lang {
            Lang::Id => format!(
                "Tidak ada status yang berubah dibanding {}.",
                w.period(m.sebelumnya)
            ),
            Lang::En => format!("No status changed since {}.", w.period(m.sebelumnya)),
        };
        w.para(vec![text(s)]);
    } else {
        let mut t = Table::numbered(match w.lang {
            Lang::Id => format!("Status yang berubah sejak {}", w.period(m.sebelumnya)),
            Lang::En => format!("Statuses changed since {}", w.period(m.sebelumnya)),
        });
        t.head = vec![vec![
            Cell::th(w.t("Jenis", "Kind")),
            Cell::th(w.t("Kegiatan / indikator", "Budget line / indicator")),
            Cell::th(w.t("Unit", "Unit")),
            Cell::th(w.period(m.sebelumnya)),
            Cell::th(w.period(m.periode)),
            Cell::th(w.t("Arah", "Direction")),
        ]];
        for p in &m.perubahan {
            t.body.push(vec![
                Cell::text(match p.jenis {
                    JenisBaris::Anggaran => w.t("Kegiatan", "Budget line"),
                    JenisBaris::Indikator => w.t("Indikator", "Indicator"),
                }),
                Cell::text(if p.nama == p.kode {
                    p.kode.clone()
                } else {
                    format!("{} {}", p.kode, p.nama)
                }),
                Cell::text(w.unit(p.instansi.as_deref())),
                Cell::text(status_label(p.sebelumnya, w.lang)),
                Cell::runs(vec![status(p.sekarang, w.lang)]),
                Cell::text(if p.membaik {
                    w.t("membaik", "better")
                } else {
                    w.t("memburuk", "worse")
                }),
            ]);
        }
        w.push(Block::Table(t));
    }
}

fn ikm_cell(w: &W<'_>, p: &TitikIkm) -> Cell {
    w.fig(p.ikm, 2)
}

fn interval(w: &W<'_>, ci: Option<[f64; 2]>, d: usize) -> Cell {
    Cell::num_text(ci.map_or_else(
        || "–".to_string(),
        |[a, b]| format!("{} – {}", w.n(a, d), w.n(b, d)),
    ))
}

/// Where each unit's figures of the period stand in their approval: the
/// version this report cites, and whether today's figures still equal it.
fn approvals(w: &mut W<'_>) {
    let m = w.m;
    let Some(units) = &m.persetujuan else {
        return;
    };
    w.h2(
        "persetujuan",
        "Persetujuan angka",
        "Approval of the figures",
    );
    let approved = units.iter().filter(|u| u.approved()).count();
    let s = match w.lang {
        Lang::Id => format!(
            "Angka {} dari {} unit untuk {} telah disetujui sampai tingkat kota dan sama dengan angka dalam laporan ini; angka unit lainnya belum disetujui.",
            w.n(approved as f64, 0),
            w.n(units.len() as f64, 0),
            w.period(m.periode)
        ),
        Lang::En => format!(
            "The figures of {} of {} units for {} were approved up to the kota and equal those in this report; the other units' figures are not approved.",
            w.n(approved as f64, 0),
            w.n(units.len() as f64, 0),
            w.period(m.periode)
        ),
    };
    w.push(Block::para(vec![text(s)]));
    let mut t = Table::numbered(w.t(
        "Persetujuan angka per unit",
        "Approval of each unit's figures",
    ));
    t.head = vec![vec![
        Cell::th(w.t("Unit", "Unit")),
        Cell::th(w.t("Versi terakhir", "Latest version")),
        Cell::th(w.t("Versi yang dikutip", "Version cited")),
        Cell::th(w.t("Angka laporan ini", "Figures of this report")),
    ]];
    for u in units {
        let last = u.terakhir.as_ref().map_or_else(
            || w.t("belum diajukan", "not submitted").to_string(),
            |v| format!("v{} {}", v.versi, v.status.label(w.lang)),
        );
        let cited = u.disetujui.as_ref().map_or_else(
            || "–".to_string(),
            |v| {
                format!(
                    "v{} ({}{})",
                    v.versi,
                    v.kota_oleh.as_deref().unwrap_or(""),
                    v.kota_waktu
                        .map(|s| format!(
                            ", {}",
                            date_long(
                                monev_domain::Timestamp::from_seconds(
                                    s + m.program.zona_waktu.offset_seconds()
                                )
                                .date(),
                                w.lang
                            )
                        ))
                        .unwrap_or_default()
                )
            },
        );
        let same = match u.sesuai {
            Some(true) => w.t("disetujui", "approved"),
            Some(false) => w.t(
                "berubah sesudah disetujui: belum disetujui",
                "changed after approval: not approved",
            ),
            None => w.t("belum disetujui", "not approved"),
        };
        t.body.push(vec![
            Cell::text(format!("{} {}", u.instansi, u.nama)),
            Cell::text(last),
            Cell::text(cited),
            Cell::text(same),
        ]);
    }
    w.push(Block::Table(t));
}

fn services(w: &mut W<'_>) {
    let m = w.m;
    w.h2("layanan", "Mutu layanan", "Service quality");
    w.h3("ikm", "Indeks Kepuasan Masyarakat per unit", "IKM per unit");
    let (now, before) = (w.period(m.periode), w.period(m.sebelumnya));
    let mut t = Table::numbered(match w.lang {
        Lang::Id => format!("IKM per unit, {before} dan {now}"),
        Lang::En => format!("IKM per unit, {before} and {now}"),
    });
    t.head = vec![
        vec![
            Cell::th(w.t("Unit", "Unit")).rows(2),
            Cell::th(before.clone()).cols(2),
            Cell::th(now.clone()).cols(3),
            Cell::th(w.t("Perubahan", "Change")).cols(3),
        ],
        vec![
            Cell::th_num("n"),
            Cell::th_num("IKM"),
            Cell::th_num("n"),
            Cell::th_num("IKM"),
            Cell::th_num(w.t("Selang 95%", "95% interval")),
            Cell::th_num(w.t("Selisih", "Difference")),
            Cell::th_num(w.t("Selang 95%", "95% interval")),
            Cell::th_num(w.t("p (Holm)", "p (Holm)")),
        ],
    ];
    for i in &m.ikm {
        let name = match &i.instansi {
            None => w.unit(None),
            Some(k) => format!("{k} {}", i.nama),
        };
        let diff = match i.selisih {
            Some(d) => Cell::figure(w.signed(d, 2), Num::decimals(d, 2)),
            None => Cell::num_text("–"),
        };
        let mut p = p_text(w, i.p_holm);
        if i.bermakna {
            p.push_str(" *");
        }
        t.body.push(vec![
            if i.instansi.is_none() {
                Cell::runs(vec![bold(name)])
            } else {
                Cell::text(name)
            },
            w.fig(Some(i.sebelumnya.n as f64), 0),
            ikm_cell(w, &i.sebelumnya),
            w.fig(Some(i.sekarang.n as f64), 0),
            ikm_cell(w, &i.sekarang),
            interval(w, i.sekarang.selang_95, 2),
            diff,
            interval(w, i.selang_selisih_95, 2),
            Cell::num_text(p),
        ]);
    }
    w.push(Block::Table(t));
    let what = match w.lang {
        Lang::Id => "kuesioner bertanggal dalam tiap periode; IKM program dihitung dari seluruh kuesioner, bukan rata-rata IKM unit; unit dengan kurang dari 5 kuesioner hanya disebut n-nya; * perubahan bermakna (p Holm < 0,05).".to_string(),
        Lang::En => "questionnaires dated in each period; the programme's IKM is computed from every questionnaire, not as a mean of unit IKMs; a unit with fewer than 5 questionnaires shows only its n; * significant change (Holm p < 0.05).".to_string(),
    };
    w.source("skm.csv", what);

    let points: Vec<(String, f64, Option<[f64; 2]>, bool)> = m
        .deret_ikm
        .iter()
        .map(|p| {
            (
                short_period(p.periode, w.lang),
                p.ikm.unwrap_or(f64::NAN),
                p.selang_95,
                false,
            )
        })
        .collect();
    if points.iter().filter(|p| p.1.is_finite()).count() >= 2 {
        let title = w
            .t(
                "IKM program per periode, dengan selang 95%",
                "Programme IKM per period, with 95% intervals",
            )
            .to_string();
        let svg = svg::series(
            &svg::Series {
                title: &title,
                y_label: "IKM",
                points: &points,
                centre: None,
                decimals: 1,
                values: true,
            },
            w.lang,
        );
        w.push(Block::Figure {
            svg,
            alt: title,
            caption: Vec::new(),
            id: Some("gambar-ikm".into()),
        });
    }

    w.h3("partisipasi", "Partisipasi ASN", "ASN participation");
    let mut t = Table::numbered(
        w.t(
            "ASN unit intervensi yang sudah mengikuti pelatihan pada akhir tiap periode",
            "Intervention units' ASN who had taken part in training by the end of each period",
        )
        .to_string(),
    );
    t.head = vec![vec![
        Cell::th(w.t("Periode", "Period")),
        Cell::th_num("ASN"),
        Cell::th_num(w.t("Peserta", "Took part")),
        Cell::th_num("%"),
        Cell::th_num(w.t("Selang 95%", "95% interval")),
    ]];
    for p in &m.deret_partisipasi {
        t.body.push(vec![
            Cell::text(w.period(p.periode)),
            w.fig(Some(p.asn as f64), 0),
            w.fig(Some(p.peserta as f64), 0),
            w.pct_cell(p.persen),
            interval(w, p.selang_95, 1),
        ]);
    }
    w.push(Block::Table(t));
    let what = w
        .t(
            "tanggal mulai modul pertama tiap ASN; selang Wilson.",
            "each ASN's first module's start date; Wilson interval.",
        )
        .to_string();
    w.source("peserta.csv", what);

    w.h3("tunggu", "Waktu tunggu", "Waiting time");
    let mut t = Table::numbered(match w.lang {
        Lang::Id => format!("Waktu tunggu per unit (menit), {before} dan {now}"),
        Lang::En => format!("Waiting time per unit (minutes), {before} and {now}"),
    });
    t.head = vec![
        vec![
            Cell::th(w.t("Unit", "Unit")).rows(2),
            Cell::th(before).cols(3),
            Cell::th(now).cols(3),
        ],
        vec![
            Cell::th_num(w.t("Tiket", "Tickets")),
            Cell::th_num(w.t("Median", "Median")),
            Cell::th_num(w.t("Rerata", "Mean")),
            Cell::th_num(w.t("Tiket", "Tickets")),
            Cell::th_num(w.t("Median", "Median")),
            Cell::th_num(w.t("Rerata", "Mean")),
        ],
    ];
    for u in &m.tunggu {
        let name = match &u.instansi {
            None => w.unit(None),
            Some(k) => format!("{k} {}", u.nama),
        };
        t.body.push(vec![
            if u.instansi.is_none() {
                Cell::runs(vec![bold(name)])
            } else {
                Cell::text(name)
            },
            w.fig(Some(u.sebelumnya.n as f64), 0),
            w.fig(u.sebelumnya.median_menit, 1),
            w.fig(u.sebelumnya.rata_menit, 1),
            w.fig(Some(u.sekarang.n as f64), 0),
            w.fig(u.sekarang.median_menit, 1),
            w.fig(u.sekarang.rata_menit, 1),
        ]);
    }
    w.push(Block::Table(t));
    let what = w
        .t(
            "tiket yang datang dalam tiap periode; waktu tunggu = dipanggil − datang.",
            "tickets that arrived in each period; waiting time = called − arrived.",
        )
        .to_string();
    w.source("layanan.csv", what);
    run_chart(w, &m.run_tunggu);
    signals(w);
}

fn short_period(p: Periode, lang: Lang) -> String {
    use monev_domain::JenisPeriode as J;
    match (p.jenis(), lang) {
        (J::Triwulan, Lang::Id) => format!("TW{} {}", p.nomor(), p.tahun()),
        (J::Triwulan, Lang::En) => format!("Q{} {}", p.nomor(), p.tahun()),
        (J::Semester, Lang::Id) => format!("S{} {}", p.nomor(), p.tahun()),
        (J::Semester, Lang::En) => format!("H{} {}", p.nomor(), p.tahun()),
        (J::Bulan, _) => p.to_string(),
    }
}

fn run_chart(w: &mut W<'_>, r: &RunChart) {
    if r.minggu.len() < 2 {
        return;
    }
    let points: Vec<(String, f64, Option<[f64; 2]>, bool)> = r
        .minggu
        .iter()
        .map(|p| {
            let signal = r
                .sinyal
                .iter()
                .any(|s| p.mulai >= s.dari && p.mulai <= s.sampai);
            (
                format!("{:02}/{:02}", p.mulai.day(), p.mulai.month()),
                p.median_menit,
                None,
                signal,
            )
        })
        .collect();
    let title = w
        .t(
            "Median waktu tunggu per minggu (run chart)",
            "Median waiting time per week (run chart)",
        )
        .to_string();
    let median_label = w.t("median", "median");
    let svg = svg::series(
        &svg::Series {
            title: &title,
            y_label: w.t("menit", "minutes"),
            points: &points,
            centre: Some((r.median, median_label)),
            decimals: 1,
            values: false,
        },
        w.lang,
    );
    w.push(Block::Figure {
        svg,
        alt: title,
        caption: vec![text(w.t(
            "Titik berwarna: bagian dari sinyal shift atau trend.",
            "Coloured points: part of a shift or trend signal.",
        ))],
        id: Some("gambar-run-chart".into()),
    });
}

fn signal_text(w: &W<'_>, r: &RunChart) -> Vec<String> {
    r.sinyal
        .iter()
        .map(|s| {
            let (rule, way) = match (s.aturan, s.naik, w.lang) {
                (Aturan::Shift, true, Lang::Id) => ("shift", "di atas median"),
                (Aturan::Shift, false, Lang::Id) => ("shift", "di bawah median"),
                (Aturan::Trend, true, Lang::Id) => ("trend", "naik"),
                (Aturan::Trend, false, Lang::Id) => ("trend", "turun"),
                (Aturan::Shift, true, Lang::En) => ("shift", "above the median"),
                (Aturan::Shift, false, Lang::En) => ("shift", "below the median"),
                (Aturan::Trend, true, Lang::En) => ("trend", "rising"),
                (Aturan::Trend, false, Lang::En) => ("trend", "falling"),
            };
            match w.lang {
                Lang::Id => format!(
                    "{rule}: {} minggu {way}, {} – {}",
                    s.titik,
                    date_long(s.dari, w.lang),
                    date_long(s.sampai, w.lang)
                ),
                Lang::En => format!(
                    "{rule}: {} weeks {way}, {} – {}",
                    s.titik,
                    date_long(s.dari, w.lang),
                    date_long(s.sampai, w.lang)
                ),
            }
        })
        .collect()
}

fn signals(w: &mut W<'_>) {
    let m = w.m;
    let r = &m.run_tunggu;
    if !r.diterapkan {
        let s = w.t(
            "Aturan run chart belum diterapkan: kurang dari 10 minggu di luar median.",
            "The run-chart rules were not applied: fewer than 10 weeks off the median.",
        );
        w.para(vec![text(s)]);
        return;
    }
    let mut items: Vec<Item> = signal_text(w, r)
        .into_iter()
        .map(|s| Item::runs(vec![bold(w.unit(None)), text(format!(": {s}."))]))
        .collect();
    for u in &m.run_tunggu_unit {
        for s in signal_text(w, u)
            .into_iter()
            .zip(&u.sinyal)
            .filter(|(_, s)| s.sampai >= m.mulai)
        {
            items.push(Item::runs(vec![
                bold(w.unit(u.instansi.as_deref())),
                text(format!(": {}.", s.0)),
            ]));
        }
    }
    if items.is_empty() {
        let s = w.t(
            "Tidak ada sinyal shift atau trend pada median waktu tunggu mingguan.",
            "No shift or trend signal in the weekly median waiting time.",
        );
        w.para(vec![text(s)]);
    } else {
        let s = w.t(
            "Sinyal pada median waktu tunggu mingguan (program, dan unit yang sinyalnya berlanjut sampai periode ini):",
            "Signals in the weekly median waiting time (the programme, and units whose signal reaches into this period):",
        );
        w.para(vec![text(s)]);
        w.push(Block::List {
            ordered: false,
            class: None,
            items,
        });
    }
}

fn method(w: &mut W<'_>) {
    let a = w.m.realisasi.ambang;
    w.h2("metode", "Cara menghitung", "How the figures are computed");
    let items: Vec<String> = match w.lang {
        Lang::Id => vec![
            "Capaian = realisasi ÷ rencana × 100%. Untuk indikator yang makin rendah makin baik (↓, misalnya waktu tunggu): capaian = (1 + (1 − realisasi ÷ target)) × 100% (PermenPANRB 6/2022). Deviasi = realisasi − rencana.".to_string(),
            format!(
                "Peringatan dini: capaian ≥ {}% sesuai rencana; {}% sampai di bawah {}% tertinggal; di bawah {}% jauh tertinggal; tanpa realisasi belum dilaporkan. Status kegiatan adalah yang terburuk dari keuangan dan fisik. Ambang dapat diubah (`monev monitor --ambang-tertinggal`, `--ambang-jauh`).",
                w.n(a.tertinggal, 0),
                w.n(a.jauh_tertinggal, 0),
                w.n(a.tertinggal, 0),
                w.n(a.jauh_tertinggal, 0)
            ),
            "IKM per periode: rumus PermenPANRB 14/2017 atas kuesioner bertanggal dalam periode itu. Selang 95% = IKM ± 1,96 × s ÷ √n, s simpangan baku skor responden (25 × rata-rata jawabannya). Perubahan antarperiode diuji dengan uji z dua sisi, p disesuaikan dengan metode Holm antarunit.".to_string(),
            "Run chart: median waktu tunggu per minggu (Senin–Minggu) dengan garis median. Aturan Provost & Murray (2011): shift = 6 minggu berturut-turut atau lebih di satu sisi median (minggu tepat di median dilewati); trend = 5 minggu berturut-turut atau lebih naik atau turun (nilai sama dilewati). Aturan diterapkan bila ada sedikitnya 10 minggu di luar median.".to_string(),
        ],
        Lang::En => vec![
            "Achievement = actual ÷ plan × 100%. For an indicator where lower is better (↓, such as waiting time): achievement = (1 + (1 − actual ÷ target)) × 100% (PermenPANRB 6/2022). Deviation = actual − plan.".to_string(),
            format!(
                "Early warning: achievement ≥ {}% on track; {}% up to below {}% behind; below {}% far behind; nothing reported: not reported. A budget line takes the worse of its money and physical status. The thresholds can be changed (`monev monitor --ambang-tertinggal`, `--ambang-jauh`).",
                w.n(a.tertinggal, 0),
                w.n(a.jauh_tertinggal, 0),
                w.n(a.tertinggal, 0),
                w.n(a.jauh_tertinggal, 0)
            ),
            "IKM per period: the PermenPANRB 14/2017 formula over the questionnaires dated in that period. 95% interval = IKM ± 1.96 × s ÷ √n, s the standard deviation of respondents' scores (25 × their mean answer). A change between periods is tested with a two-sided z test, p adjusted across units by Holm's method.".to_string(),
            "Run chart: the median waiting time per week (Monday to Sunday) with its median line. Provost & Murray's rules (2011): shift = 6 or more weeks in a row on one side of the median (a week on the median is skipped); trend = 5 or more weeks in a row going up or going down (equal values skipped). The rules are applied when at least 10 weeks are off the median.".to_string(),
        ],
    };
    w.push(Block::List {
        ordered: false,
        class: None,
        items: items
            .into_iter()
            .map(|s| Item::runs(code_runs(&s)))
            .collect(),
    });
}

/// Text with `code` marks as runs.
fn code_runs(s: &str) -> Vec<Inline> {
    let mut out = Vec::new();
    for (i, part) in s.split('`').enumerate() {
        if part.is_empty() {
            continue;
        }
        out.push(if i % 2 == 1 {
            Inline::Code(part.to_string())
        } else {
            text(part)
        });
    }
    out
}

fn footer(w: &mut W<'_>) {
    let content = vec![
        text(format!(
            "{} monev {} · {} ",
            w.t("Dibuat dengan", "Produced with"),
            env!("CARGO_PKG_VERSION"),
            w.t(
                "angka lengkap tanpa pembulatan ada di",
                "unrounded figures are in"
            ),
        )),
        Inline::Code("monitoring.json".into()),
        text(format!(
            " · {}",
            w.t(
                "Angka ditulis dalam format Indonesia (1.234,5).",
                "Numbers are written in English format (1,234.5)."
            )
        )),
    ];
    w.push(Block::para_class("footer", content));
}

/// The report as one self-contained HTML page.
pub fn html(m: &Monitoring, lang: Lang) -> String {
    crate::html::page(
        &document(m, lang),
        lang,
        &title(m, lang),
        &format!("<style>{}</style>", crate::STYLE),
        "",
    )
}

/// The report with its stylesheet linked from `href` and `lead` (trusted
/// markup) first in the body, for the web application.
pub fn html_linked(m: &Monitoring, lang: Lang, href: &str, lead: &str) -> String {
    crate::html::page(
        &document(m, lang),
        lang,
        &title(m, lang),
        &format!(r#"<link rel="stylesheet" href="{}">"#, esc(href)),
        lead,
    )
}

/// The report as DOCX.
pub fn docx(m: &Monitoring, lang: Lang) -> Result<Vec<u8>, String> {
    crate::docx::write(&document(m, lang), lang, &title(m, lang))
}

/// The report as PDF.
#[cfg(feature = "pdf")]
pub fn pdf(m: &Monitoring, lang: Lang) -> Result<Vec<u8>, String> {
    crate::pdf::write(&document(m, lang), lang, &title(m, lang))
}

/// The report's tables as an XLSX workbook, figures unrounded.
pub fn xlsx(m: &Monitoring, lang: Lang) -> Result<Vec<u8>, String> {
    crate::annex::write(&document(m, lang), lang).map_err(|e| e.to_string())
}
