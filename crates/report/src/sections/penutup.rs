//! The close: section 7 (conclusion), section 8 (limitations, with every
//! withheld cell), the signature, section 9 (annexes) and the page's foot.

use monev_domain::KelompokResponden;
use monev_eval::rules::{Finding, Jenis};

use super::pembuka::place_date;
use super::{R, lower_first};
use crate::doc::{Block, Cell, Inline, Item, Table, bold, text};
use crate::teks::Teks;

/// Section 7.
pub(super) fn kesimpulan(r: &mut R<'_>) {
    let e = r.e;
    let titles = |j: Jenis| -> Vec<String> {
        e.temuan
            .iter()
            .filter(|f| f.jenis == j)
            .map(|f| lower_first(f.title(r.lang)))
            .collect()
    };
    let (hasil, kendala) = (titles(Jenis::Hasil), titles(Jenis::Kendala));
    let join = |v: &[String]| -> String {
        match v.len() {
            0 => String::new(),
            1 => v[0].clone(),
            _ => format!(
                "{} {} {}",
                v[..v.len() - 1].join(", "),
                r.t("dan", "and"),
                v[v.len() - 1]
            ),
        }
    };
    let nama = &e.program.nama;
    let text = match (hasil.is_empty(), kendala.is_empty()) {
        (false, false) => r.say(
            Teks::SimpulanHasilKendala,
            &[
                ("nama", nama),
                ("hasil", &join(&hasil)),
                ("kendala", &join(&kendala)),
            ],
        ),
        (false, true) => r.say(
            Teks::SimpulanHasil,
            &[("nama", nama), ("hasil", &join(&hasil))],
        ),
        (true, _) => {
            let main = if kendala.is_empty() {
                String::new()
            } else {
                r.say(Teks::KendalaUtama, &[("kendala", &join(&kendala))])
            };
            r.say(
                Teks::SimpulanBelum,
                &[("nama", nama), ("kendala_utama", &main)],
            )
        }
    };
    r.h2("kesimpulan", "Kesimpulan", "Conclusion");
    r.text(text);
}

/// Section 8, Keterbatasan: what the data cannot bear (blanks, response
/// rates, samples short of Krejcie–Morgan, outlying waits), each counted.
pub(super) fn keterbatasan(r: &mut R<'_>) {
    let q = &r.e.kualitas_data;
    r.h2("keterbatasan", "Keterbatasan", "Limitations");
    let intro = r.t(
        "Keterbatasan data yang perlu diingat saat membaca temuan:",
        "Limits of the data to keep in mind when reading the findings:",
    );
    r.text(intro);
    let share = |a: usize, n: usize| {
        if n == 0 {
            f64::NAN
        } else {
            a as f64 / n as f64 * 100.0
        }
    };
    let n = |v: usize| r.count(v);
    let mut items: Vec<Item> = Vec::new();
    let mut item = |t: Teks, args: &[(&str, &str)]| items.push(Item::runs(r.say_runs(t, args)));
    if q.skm_n > 0 {
        let short =
            r.e.skm
                .sampel
                .iter()
                .filter(|s| s.cukup == Some(false))
                .count();
        let judged = r.e.skm.sampel.iter().filter(|s| s.cukup.is_some()).count();
        item(
            Teks::BatasSkm,
            &[
                ("kosong", &n(q.skm_sel_kosong)),
                ("sel", &n(q.skm_sel)),
                ("persen", &r.pct(share(q.skm_sel_kosong, q.skm_sel))),
                ("kurang", &n(short)),
                ("dinilai", &n(judged)),
            ],
        );
    }
    if q.peserta > 0 {
        item(
            Teks::BatasPrePost,
            &[
                ("tanpa_post", &n(q.tanpa_post_test)),
                ("peserta", &n(q.peserta)),
                ("tanpa_pre", &n(q.tanpa_pre_test)),
                ("reaksi", &n(q.reaksi)),
                ("respons", &r.pct(q.reaksi_respons_persen)),
            ],
        );
    }
    if q.tiket > 0 {
        item(
            Teks::BatasTunggu,
            &[
                ("pencilan", &n(q.tunggu_pencilan)),
                ("tiket", &n(q.tiket)),
                ("persen", &r.pct(share(q.tunggu_pencilan, q.tiket))),
                ("batas", &r.n(q.tunggu_batas_menit, 1)),
                ("tanpa_selesai", &n(q.tiket_tanpa_selesai)),
            ],
        );
    }
    if q.asn > 0 {
        item(
            Teks::BatasKinerja,
            &[
                ("dinilai", &n(q.asn_dinilai)),
                ("asn", &n(q.asn)),
                ("persen", &r.pct(share(q.asn_dinilai, q.asn))),
            ],
        );
    }
    item(Teks::BatasDuplikat, &[]);
    // Small-cell suppression (monev_eval::privasi): always stated, and the
    // rows withheld named with their size only.
    let min = monev_eval::privasi::MIN_SEL.to_string();
    // Grouped by the table they would have stood in, in the order withheld.
    let mut by_part: Vec<(&str, Vec<String>)> = Vec::new();
    for h in &r.e.disembunyikan {
        let row = match h.bagian.as_str() {
            "kualitatif.per_kelompok" => KelompokResponden::parse(&h.baris)
                .map(|g| {
                    let (id, en) = g.label();
                    r.t(id, en).to_string()
                })
                .unwrap_or_else(|_| h.baris.clone()),
            _ => h.baris.clone(),
        };
        let row = format!("{row} (n = {})", h.n);
        match by_part.iter_mut().find(|(b, _)| *b == h.bagian) {
            Some((_, rows)) => rows.push(row),
            None => by_part.push((&h.bagian, vec![row])),
        }
    }
    let hidden: Vec<String> = by_part
        .iter()
        .map(|(bagian, rows)| format!("{}: {}", withheld_table(r, bagian), rows.join(", ")))
        .collect();
    if hidden.is_empty() {
        item(Teks::BatasKerahasiaan, &[("min", &min)]);
    } else {
        item(
            Teks::BatasDisembunyikan,
            &[("min", &min), ("sel", &hidden.join("; "))],
        );
    }
    if r.e.kualitatif.wawancara > 0 {
        item(Teks::BatasWawancara, &[]);
    }
    if let Some(periods) = &r.e.persetujuan {
        let none = r.t("belum ada", "none yet").to_string();
        let list: Vec<String> = periods
            .iter()
            .map(|p| {
                // Versions: the first, except those named.
                let later: Vec<String> = p
                    .disetujui
                    .iter()
                    .filter(|(_, v)| *v > 1)
                    .map(|(u, v)| format!("{u} v{v}"))
                    .collect();
                let versions = match (later.is_empty(), r.lang) {
                    (true, monev_domain::Lang::Id) => "versi 1".to_string(),
                    (true, monev_domain::Lang::En) => "version 1".to_string(),
                    (false, monev_domain::Lang::Id) => {
                        format!("versi 1 kecuali {}", later.join(", "))
                    }
                    (false, monev_domain::Lang::En) => {
                        format!("version 1 except {}", later.join(", "))
                    }
                };
                match r.lang {
                    monev_domain::Lang::Id => format!(
                        "{} {} dari {} unit ({versions})",
                        p.periode,
                        n(p.disetujui.len()),
                        n(p.unit)
                    ),
                    monev_domain::Lang::En => format!(
                        "{} {} of {} units ({versions})",
                        p.periode,
                        n(p.disetujui.len()),
                        n(p.unit)
                    ),
                }
            })
            .collect();
        let list = if list.is_empty() {
            none
        } else {
            list.join("; ")
        };
        item(Teks::BatasPersetujuan, &[("periode", &list)]);
    }
    if let Some(t) = &r.e.tinjauan {
        let total = t.skm.total() + t.asn.total();
        if total > 0 {
            let counted = if t.hitung_belum_ditinjau {
                r.t("dihitung sebagai angka sementara", "counted as provisional")
            } else {
                r.t("tidak dihitung", "not counted")
            };
            item(
                Teks::BatasTinjauan,
                &[
                    ("semua", &n(total as usize)),
                    (
                        "disetujui",
                        &n((t.skm.disetujui + t.asn.disetujui) as usize),
                    ),
                    (
                        "belum",
                        &n((t.skm.belum_disetujui() + t.asn.belum_disetujui()) as usize),
                    ),
                    ("hitung", counted),
                    ("ditolak", &n((t.skm.ditolak + t.asn.ditolak) as usize)),
                ],
            );
        }
    }
    r.push(Block::List {
        ordered: false,
        class: None,
        items,
    });
}

/// The table a withheld cell would have stood in, for Keterbatasan.
fn withheld_table(r: &R<'_>, bagian: &str) -> &'static str {
    match bagian {
        "skm.per_kelompok" | "skm.per_instansi" => r.t("IKM per unit", "IKM per unit"),
        "layanan.per_kelompok" | "layanan.per_instansi" => {
            r.t("waktu tunggu per unit", "waiting time per unit")
        }
        "pembelajaran.per_pelatihan" => r.t("pre/post-test per modul", "pre/post-test per module"),
        "reaksi.per_pelatihan" => r.t("reaksi per modul", "reaction per module"),
        "reaksi.per_pelatihan.per_item" => r.t("reaksi per butir", "reaction per item"),
        "kualitatif.per_kelompok" => r.t(
            "wawancara per kelompok responden",
            "interviews per respondent group",
        ),
        "kualitatif.per_instansi" => r.t("wawancara per instansi", "interviews per unit"),
        _ => r.t("rincian lain", "other breakdown"),
    }
}

/// The signature block, when the programme record names who signs.
pub(super) fn tanda_tangan(r: &mut R<'_>) {
    let l = &r.e.program.laporan;
    if l.penandatangan_nama.is_none() && l.penandatangan_jabatan.is_none() {
        return;
    }
    let mut lines: Vec<String> = place_date(r).into_iter().collect();
    lines.extend(l.penandatangan_jabatan.clone());
    let mut first = Vec::new();
    for (i, line) in lines.into_iter().enumerate() {
        if i > 0 {
            first.push(Inline::Break);
        }
        first.push(text(line));
    }
    let mut who = vec![match l.penandatangan_nama.as_deref() {
        Some(n) => bold(n),
        None => text("(..............................)"),
    }];
    if let Some(nip) = &l.penandatangan_nip {
        who.push(Inline::Break);
        who.push(text(format!("NIP {nip}")));
    }
    let space = r.t("(tanda tangan)", "(signature)");
    r.push(Block::Group {
        class: "ttd".into(),
        blocks: vec![
            Block::para_class("ttd", first),
            Block::para_class("ttd ruang", vec![text(space)]),
            Block::para_class("ttd", who),
        ],
    });
}

/// Section 9, Lampiran: the evaluator's decisions on every generated
/// recommendation (the record of what was edited or rejected), and where
/// the full tables and unrounded figures are.
pub(super) fn lampiran(r: &mut R<'_>) {
    r.h2("lampiran", "Lampiran", "Annexes");
    let recs: Vec<&Finding> =
        r.e.temuan
            .iter()
            .filter(|f| f.jenis == Jenis::Rekomendasi)
            .collect();
    r.h3(
        "lampiran-rekomendasi",
        "Tinjauan rekomendasi oleh evaluator",
        "The evaluator's review of the recommendations",
    );
    if recs.is_empty() {
        let s = r.t(
            "Aturan rekomendasi tidak menghasilkan rekomendasi.",
            "The recommendation rules produced none.",
        );
        r.text(s);
    } else {
        let intro = r.t(
            "Setiap rekomendasi dihasilkan oleh aturan dari angka evaluasi, lalu ditinjau evaluator: diterima, disunting atau ditolak. Untuk rekomendasi yang disunting, teks dari aturannya dicatat di sini.",
            "Each recommendation was generated by a rule from the evaluation's figures, then reviewed by the evaluator: accepted, edited or rejected. For an edited recommendation the rule's own text is recorded here.",
        );
        r.text(intro);
        let mut t = Table::numbered(r.t(
            "Keputusan evaluator atas rekomendasi",
            "The evaluator's decisions on the recommendations",
        ));
        t.head.push(vec![
            Cell::th(r.t("Rekomendasi", "Recommendation")),
            Cell::th(r.t("Prioritas", "Priority")),
            Cell::th(r.t("Keputusan", "Decision")),
            Cell::th(r.t("Teks dari aturan", "The rule's text")),
        ]);
        for f in recs {
            let (decision, original) = match &f.keputusan {
                None => (
                    r.t("belum ditinjau", "not reviewed").to_string(),
                    String::new(),
                ),
                Some(k) => (
                    r.decision(k),
                    k.asli
                        .as_ref()
                        .map(|a| r.lang.pick(&a[0], &a[1]).to_string())
                        .unwrap_or_default(),
                ),
            };
            t.body.push(vec![
                Cell::runs(vec![
                    text(f.title(r.lang)),
                    Inline::Break,
                    Inline::Code(f.kode.clone()),
                ]),
                Cell::text(r.priority(f)),
                Cell::text(decision),
                Cell::runs(if original.is_empty() {
                    Vec::new()
                } else {
                    vec![text(original)]
                }),
            ]);
        }
        r.table(t);
    }
    lampiran_kualitatif(r);
    r.h3(
        "lampiran-tabel",
        "Tabel dan angka lengkap",
        "Full tables and figures",
    );
    let s = r.say_runs(Teks::LampiranTabel, &[]);
    r.para(s);
}

/// The qualitative matrices a QDA tool shows: the framework matrix (codes
/// × respondent group and × instansi, interviews holding the code, cells
/// of fewer than five interviews withheld) and code co-occurrence.
fn lampiran_kualitatif(r: &mut R<'_>) {
    let q = &r.e.kualitatif;
    let coded: Vec<&monev_eval::kualitatif::KodeEval> =
        q.per_kode.iter().filter(|k| k.segmen > 0).collect();
    if coded.is_empty() {
        return;
    }
    r.h3(
        "lampiran-kualitatif",
        "Matriks kualitatif",
        "Qualitative matrices",
    );
    let intro = r.t(
        "Matriks kerangka: jumlah wawancara yang memuat tiap kode menurut kelompok responden dan instansi; kelompok dan instansi dengan kurang dari lima wawancara tidak dirinci (< 5). Kookurensi: pasangan kode dalam sumber yang sama (kode dari semua pengkode) dan pasangan segmen yang rentangnya bertumpang tindih.",
        "Framework matrix: interviews holding each code by respondent group and unit; groups and units with fewer than five interviews are not broken down (< 5). Co-occurrence: pairs of codes in the same source (codes of every coder) and pairs of segments whose spans overlap.",
    );
    r.text(intro);
    let cell = |r: &R<'_>, n: Option<usize>| match n {
        Some(n) => r.int(n),
        None => Cell::num_text("< 5"),
    };
    // By code: the codebook's names are the evaluator's own words, in one
    // language.
    let code_cell =
        |k: &monev_eval::kualitatif::KodeEval| Cell::runs(vec![Inline::Code(k.kode.clone())]);
    // Code × group.
    let mut t = Table::numbered(r.t(
        "Matriks kerangka: kode × kelompok responden (wawancara)",
        "Framework matrix: code × respondent group (interviews)",
    ));
    let mut head = vec![Cell::th(r.t("Kode", "Code"))];
    for (g, _) in &coded[0].per_kelompok {
        let (id, en) = g.label();
        head.push(Cell::th_num(r.t(id, en)));
    }
    head.push(Cell::th_num(r.t("Semua wawancara", "All interviews")));
    t.head.push(head);
    for k in &coded {
        let mut row = vec![code_cell(k)];
        row.extend(k.per_kelompok.iter().map(|(_, n)| cell(r, *n)));
        row.push(r.int(k.wawancara));
        t.body.push(row);
    }
    r.table(t);
    // Code × instansi, the units of five interviews or more.
    let units: Vec<&str> = coded[0]
        .per_instansi
        .iter()
        .filter(|(_, n)| n.is_some())
        .map(|(u, _)| u.as_str())
        .collect();
    if !units.is_empty() {
        let mut t = Table::numbered(r.t(
            "Matriks kerangka: kode × instansi (wawancara)",
            "Framework matrix: code × unit (interviews)",
        ));
        let mut head = vec![Cell::th(r.t("Kode", "Code"))];
        head.extend(units.iter().map(|u| Cell::th_num(*u)));
        t.head.push(head);
        for k in &coded {
            let mut row = vec![code_cell(k)];
            row.extend(
                k.per_instansi
                    .iter()
                    .filter(|(u, _)| units.contains(&u.as_str()))
                    .map(|(_, n)| cell(r, *n)),
            );
            t.body.push(row);
        }
        r.table(t);
    }
    if !q.kookurensi.is_empty() {
        let mut t = Table::numbered(r.t("Kookurensi kode", "Code co-occurrence"));
        t.head.push(vec![
            Cell::th(r.t("Kode A", "Code A")),
            Cell::th(r.t("Kode B", "Code B")),
            Cell::th_num(r.t("Wawancara", "Interviews")),
            Cell::th_num(r.t("Dokumen", "Documents")),
            Cell::th_num(r.t("Segmen bertumpang tindih", "Overlapping segments")),
        ]);
        for c in &q.kookurensi {
            t.body.push(vec![
                Cell::runs(vec![Inline::Code(c.a.clone())]),
                Cell::runs(vec![Inline::Code(c.b.clone())]),
                r.int(c.wawancara),
                r.int(c.dokumen),
                r.int(c.segmen),
            ]);
        }
        r.table(t);
    }
}

/// The page's foot: what made the report, where the unrounded figures are,
/// how numbers are written.
pub(super) fn kaki(r: &mut R<'_>) {
    let content = vec![
        text(format!(
            "{} monev {} · {} ",
            r.t("Dibuat dengan", "Produced with"),
            env!("CARGO_PKG_VERSION"),
            r.t(
                "angka lengkap tanpa pembulatan ada di",
                "unrounded figures are in"
            ),
        )),
        Inline::Code("evaluasi.json".into()),
        text(format!(
            " · {}",
            r.t(
                "Angka ditulis dalam format Indonesia (1.234,5).",
                "Numbers are written in English format (1,234.5)."
            )
        )),
    ];
    r.push(Block::para_class("footer", content));
}
