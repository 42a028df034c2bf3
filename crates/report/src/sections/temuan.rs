//! The findings: results, constraints and recommendations, each with its
//! sentence, its evidence (figures, interviews, documents) and, for a
//! recommendation, the evaluator's decision; sections 5 and 6.

use monev_domain::StatusRekomendasi;
use monev_eval::rules::{Finding, Jenis};

use super::{R, rejected};
use crate::doc::{Block, Cell, Inline, Item, Table, link, span, text};
use crate::teks::Teks;

impl R<'_> {
    fn bukti(&self, f: &Finding) -> Block {
        let mut content = vec![text(format!("{}: ", self.t("Bukti", "Evidence")))];
        for (i, b) in f.bukti.iter().enumerate() {
            if i > 0 {
                content.push(text(", "));
            }
            let anchor = b.split(['.', '[']).next().unwrap_or(b);
            content.push(link(format!("#{anchor}"), vec![Inline::Code(b.clone())]));
        }
        Block::para_class("bukti", content)
    }

    /// The interview evidence of a finding: how many interviews bear on it
    /// and a few de-identified quotes, attributed by group only. A
    /// constraint without any, in a programme with interviews, says so.
    fn voices(&self, f: &Finding) -> Option<Block> {
        let q = &self.e.kualitatif;
        if (q.wawancara == 0 && q.dokumen == 0) || f.jenis == Jenis::Rekomendasi {
            return None;
        }
        let Some(t) = q.triangulasi.iter().find(|t| t.temuan == f.kode) else {
            return (f.jenis == Jenis::Kendala).then(|| {
                Block::para_class(
                    "suara kosong",
                    vec![text(self.t(
                        "Tidak ada kutipan wawancara yang dikodekan untuk kendala ini.",
                        "No interview passage was coded for this constraint.",
                    ))],
                )
            });
        };
        let mut blocks = Vec::new();
        if t.wawancara > 0 {
            blocks.push(Block::para_class(
                "bukti",
                vec![text(format!(
                    "{} {} {} {}:",
                    self.t("Suara dari", "Voices from"),
                    self.count(t.wawancara),
                    self.t("dari", "of"),
                    self.say(Teks::DataWawancara, &[("n", &self.count(q.wawancara))]),
                ))],
            ));
        }
        for k in &t.kutipan {
            let against = if k.bertentangan {
                self.t(
                    " · bertentangan dengan angka",
                    " · goes against the figures",
                )
            } else {
                ""
            };
            blocks.push(Block::Quote {
                class: None,
                blocks: vec![
                    Block::para(vec![text(format!("“{}”", k.teks))]),
                    Block::para_class(
                        "footer",
                        vec![text(format!(
                            "— {}{against}",
                            self.lang.pick(&k.atribusi, &k.atribusi_en)
                        ))],
                    ),
                ],
            });
        }
        if t.dokumen > 0 {
            blocks.push(Block::para_class(
                "bukti",
                vec![text(format!(
                    "{} {} {} {}:",
                    self.t("Dokumen:", "Documents:"),
                    self.count(t.dokumen),
                    self.t("dari", "of"),
                    self.say(Teks::DataDokumen, &[("n", &self.count(q.dokumen))]),
                ))],
            ));
            for d in &t.kutipan_dokumen {
                blocks.push(Block::Quote {
                    class: Some("dokumen".into()),
                    blocks: vec![
                        Block::para(vec![text(format!("“{}”", d.teks))]),
                        Block::para_class(
                            "footer",
                            vec![text(format!(
                                "— {}, {}",
                                d.judul,
                                self.jenis_dokumen(&d.jenis)
                            ))],
                        ),
                    ],
                });
            }
        }
        Some(Block::Group {
            class: "suara".into(),
            blocks,
        })
    }

    pub(super) fn jenis_dokumen(&self, code: &str) -> &'static str {
        let j =
            monev_domain::JenisDokumen::parse(code).unwrap_or(monev_domain::JenisDokumen::Lainnya);
        let (id, en) = j.label();
        self.lang.pick(id, en)
    }

    /// For each result and constraint: the figure, the interview evidence
    /// and the document evidence side by side (issue: triangulation).
    fn triangulation_table(&mut self) {
        let q = &self.e.kualitatif;
        if q.wawancara == 0 && q.dokumen == 0 {
            return;
        }
        let list: Vec<&Finding> = self
            .e
            .temuan
            .iter()
            .filter(|f| f.jenis != Jenis::Rekomendasi)
            .collect();
        if list.is_empty() {
            return;
        }
        let mut t = Table::numbered(self.t(
            "Triangulasi: angka, wawancara dan dokumen per temuan",
            "Triangulation: figures, interviews and documents per finding",
        ));
        t.class = Some("triangulasi".into());
        t.head.push(vec![
            Cell::th(self.t("Temuan", "Finding")),
            Cell::th(self.t("Angka", "Figures")),
            Cell::th(self.t("Wawancara", "Interviews")),
            Cell::th(self.t("Dokumen", "Documents")),
        ]);
        let none = || vec![text(self.t("tidak ada", "none"))];
        for f in list {
            let tr = q.triangulasi.iter().find(|t| t.temuan == f.kode);
            let interviews = match tr {
                Some(t) if t.wawancara > 0 => {
                    let mut c = vec![text(format!(
                        "{} {} {}",
                        self.count(t.wawancara),
                        self.t("dari", "of"),
                        self.count(q.wawancara)
                    ))];
                    if let Some(k) = t.kutipan.first() {
                        c.push(Inline::Break);
                        c.push(span("kutipan", vec![text(format!("“{}”", k.teks))]));
                        c.push(text(format!(
                            " — {}",
                            self.lang.pick(&k.atribusi, &k.atribusi_en)
                        )));
                    }
                    c
                }
                _ => none(),
            };
            let documents = match tr {
                Some(t) if t.dokumen > 0 => {
                    let mut c = vec![text(format!(
                        "{} {} {}",
                        self.count(t.dokumen),
                        self.t("dari", "of"),
                        self.count(q.dokumen)
                    ))];
                    if let Some(d) = t.kutipan_dokumen.first() {
                        c.push(Inline::Break);
                        c.push(span("kutipan", vec![text(format!("“{}”", d.teks))]));
                        c.push(text(format!(" — {}", d.judul)));
                    }
                    c
                }
                _ => none(),
            };
            t.body.push(vec![
                Cell::runs(vec![link(
                    format!("#{}", f.kode),
                    vec![text(f.title(self.lang))],
                )]),
                Cell::runs(self.sentence(f)),
                Cell::runs(interviews),
                Cell::runs(documents),
            ]);
        }
        self.table(t);
    }

    /// The findings of one kind as a list; how many.
    pub(super) fn findings(&mut self, jenis: Jenis) -> usize {
        // A rejected recommendation is not the report's (the annex lists it).
        let list: Vec<&Finding> = self
            .e
            .temuan
            .iter()
            .filter(|f| f.jenis == jenis && !rejected(f))
            .collect();
        if list.is_empty() {
            return 0;
        }
        if jenis == Jenis::Rekomendasi {
            let pending = list.iter().filter(|f| f.keputusan.is_none()).count();
            if pending > 0 {
                let s = self.say(
                    Teks::Draf,
                    &[
                        ("belum", &self.count(pending)),
                        ("semua", &self.count(list.len())),
                    ],
                );
                self.note(s);
            }
        }
        let mut items = Vec::new();
        for f in &list {
            let mut blocks = vec![
                Block::Heading {
                    level: 4,
                    text: f.title(self.lang).to_string(),
                    id: None,
                    numbered: false,
                },
                Block::para(self.sentence(f)),
            ];
            blocks.extend(self.voices(f));
            blocks.push(self.bukti(f));
            if let (Jenis::Rekomendasi, Some(d)) = (jenis, &f.dasar) {
                let title = self
                    .e
                    .temuan
                    .iter()
                    .find(|k| &k.kode == d)
                    .map(|k| k.title(self.lang))
                    .unwrap_or(d);
                blocks.push(Block::para_class(
                    "bukti",
                    vec![
                        text(format!(
                            "{}: ",
                            self.t("Menjawab kendala", "Answers the constraint")
                        )),
                        link(format!("#{d}"), vec![text(title)]),
                    ],
                ));
            }
            if jenis == Jenis::Rekomendasi {
                blocks.push(Block::para_class("bukti", vec![text(self.review(f))]));
            }
            items.push(Item {
                id: Some(f.kode.clone()),
                blocks,
            });
        }
        self.push(Block::List {
            ordered: jenis == Jenis::Rekomendasi,
            class: Some(format!("temuan {}", format!("{jenis:?}").to_lowercase())),
            items,
        });
        list.len()
    }

    pub(super) fn priority(&self, f: &Finding) -> &'static str {
        match f.prioritas {
            Some(1) => self.t("tinggi", "high"),
            Some(2) => self.t("sedang", "medium"),
            _ => self.t("rendah", "low"),
        }
    }

    /// "accepted by X, when" and whether the figures changed since.
    pub(super) fn decision(&self, k: &monev_eval::recommend::Keputusan) -> String {
        let what = match k.status {
            StatusRekomendasi::Terima => self.t("diterima", "accepted"),
            StatusRekomendasi::Ubah => self.t("disunting", "edited"),
            StatusRekomendasi::Tolak => self.t("ditolak", "rejected"),
        };
        let stale = if k.usang {
            self.t(
                "; angka berubah sejak ditinjau",
                "; the figures changed after the review",
            )
        } else {
            ""
        };
        format!(
            "{what} {} {}, {}{stale}",
            self.t("oleh", "by"),
            k.oleh,
            k.waktu
        )
    }

    /// A recommendation's priority and what the evaluator made of it.
    fn review(&self, f: &Finding) -> String {
        let decision = match &f.keputusan {
            None => self
                .t(
                    "belum ditinjau evaluator",
                    "not yet reviewed by the evaluator",
                )
                .to_string(),
            Some(k) => self.decision(k),
        };
        format!(
            "{}: {} · {}: {decision}",
            self.t("Prioritas", "Priority"),
            self.priority(f),
            self.t("Keputusan", "Decision"),
        )
    }
}

/// Section 5: the constraints, and the triangulation table.
pub(super) fn kendala(r: &mut R<'_>) {
    r.h2("kendala", "Kendala", "Constraints");
    if r.findings(Jenis::Kendala) == 0 {
        let s = r.t(
            "Tidak ada kendala yang terdeteksi dari data.",
            "No constraint was detected in the data.",
        );
        r.text(s);
    }
    r.triangulation_table();
}

/// Section 6: the recommendations.
pub(super) fn rekomendasi(r: &mut R<'_>) {
    r.h2("rekomendasi", "Rekomendasi", "Recommendations");
    if r.findings(Jenis::Rekomendasi) == 0 {
        let s = r.t(
            "Tidak ada rekomendasi perbaikan dari aturan yang berlaku.",
            "The rules produced no recommendation.",
        );
        r.text(s);
    }
}
