//! The close: section 7 (conclusion), section 8 (limitations, with every
//! withheld cell), the signature, section 9 (annexes) and the page's foot.

use monev_domain::Lang;
use monev_eval::rules::{Finding, Jenis};

use super::pembuka::place_date;
use super::{R, lower_first};
use crate::doc::{Block, Cell, Inline, Item, Table, bold, text};

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
    let text = match (r.lang, hasil.is_empty(), kendala.is_empty()) {
        (Lang::Id, false, false) => format!(
            "{nama} menunjukkan hasil yang menjanjikan: {}. Namun evaluasi juga menemukan kendala: {}. Program layak dilanjutkan dengan perbaikan sesuai rekomendasi di atas, dan dievaluasi kembali dengan data yang sama agar dampaknya dapat dibandingkan.",
            join(&hasil),
            join(&kendala)
        ),
        (Lang::Id, false, true) => format!(
            "{nama} menunjukkan hasil yang menjanjikan: {}, tanpa kendala berarti yang terdeteksi dari data. Program layak dilanjutkan.",
            join(&hasil)
        ),
        (Lang::Id, true, _) => format!(
            "Data belum menunjukkan hasil {nama} yang bermakna. {}Program perlu ditinjau ulang sebelum dilanjutkan.",
            if kendala.is_empty() {
                String::new()
            } else {
                format!("Kendala utama: {}. ", join(&kendala))
            }
        ),
        (Lang::En, false, false) => format!(
            "{nama} shows promising results: {}. The evaluation also found constraints: {}. The programme merits continuation with the improvements recommended above, and a repeat evaluation on the same data so that its impact can be compared.",
            join(&hasil),
            join(&kendala)
        ),
        (Lang::En, false, true) => format!(
            "{nama} shows promising results: {}, with no significant constraint detected in the data. The programme merits continuation.",
            join(&hasil)
        ),
        (Lang::En, true, _) => format!(
            "The data do not yet show a significant result of {nama}. {}The programme should be reviewed before it continues.",
            if kendala.is_empty() {
                String::new()
            } else {
                format!("Main constraints: {}. ", join(&kendala))
            }
        ),
    };
    r.h2("kesimpulan", "Kesimpulan", "Conclusion");
    r.text(text);
}

/// A list item that opens with its subject in bold.
fn lead(name: &str, rest: impl Into<String>) -> Item {
    Item::runs(vec![bold(name), text(rest)])
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
    if q.skm_n > 0 {
        let short =
            r.e.skm
                .sampel
                .iter()
                .filter(|s| s.cukup == Some(false))
                .count();
        let judged = r.e.skm.sampel.iter().filter(|s| s.cukup.is_some()).count();
        items.push(match r.lang {
            Lang::Id => lead("SKM", format!(
                ": {} dari {} jawaban unsur kosong ({}); {} dari {} unit belum mencapai sampel Krejcie–Morgan sesudah intervensi, sehingga IKM unit itu belum mewakili penggunanya.",
                n(q.skm_sel_kosong), n(q.skm_sel), r.pct(share(q.skm_sel_kosong, q.skm_sel)), n(short), n(judged)
            )),
            Lang::En => lead("SKM", format!(
                ": {} of {} unsur answers blank ({}); {} of {} units short of the Krejcie–Morgan sample after the intervention, so their IKM does not yet represent their users.",
                n(q.skm_sel_kosong), n(q.skm_sel), r.pct(share(q.skm_sel_kosong, q.skm_sel)), n(short), n(judged)
            )),
        });
    }
    if q.peserta > 0 {
        let (tests, reaction) = match r.lang {
            Lang::Id => (
                format!(
                    ": {} dari {} kepesertaan tanpa post-test (tidak menyelesaikan pelatihan) dan {} tanpa pre-test; uji berpasangan dan N-gain hanya memakai pasangan nilai yang lengkap. ",
                    n(q.tanpa_post_test),
                    n(q.peserta),
                    n(q.tanpa_pre_test)
                ),
                format!(
                    ": {} kuesioner kembali dari {} kepesertaan (tingkat respons {}).",
                    n(q.reaksi),
                    n(q.peserta),
                    r.pct(q.reaksi_respons_persen)
                ),
            ),
            Lang::En => (
                format!(
                    ": {} of {} participations without a post-test (did not finish) and {} without a pre-test; paired tests and N-gain use complete pairs only. ",
                    n(q.tanpa_post_test),
                    n(q.peserta),
                    n(q.tanpa_pre_test)
                ),
                format!(
                    ": {} questionnaires returned of {} participations (response rate {}).",
                    n(q.reaksi),
                    n(q.peserta),
                    r.pct(q.reaksi_respons_persen)
                ),
            ),
        };
        items.push(Item::runs(vec![
            bold(r.t("Pre/post-test", "Pre/post tests")),
            text(tests),
            bold(r.t("Reaksi", "Reaction")),
            text(reaction),
        ]));
    }
    if q.tiket > 0 {
        items.push(match r.lang {
            Lang::Id => lead("Waktu tunggu", format!(
                ": {} dari {} tiket ({}) melewati batas pencilan jauh Tukey (Q3 + 3·IQR = {} menit); tiket itu tetap diikutkan, dan median serta P90 dilaporkan di samping rata-rata. {} tiket tanpa waktu selesai.",
                n(q.tunggu_pencilan), n(q.tiket), r.pct(share(q.tunggu_pencilan, q.tiket)), r.n(q.tunggu_batas_menit, 1), n(q.tiket_tanpa_selesai)
            )),
            Lang::En => lead("Waiting times", format!(
                ": {} of {} tickets ({}) lie beyond Tukey's far fence (Q3 + 3·IQR = {} minutes); they are kept, and medians and 90th percentiles are reported beside the means. {} tickets have no completion time.",
                n(q.tunggu_pencilan), n(q.tiket), r.pct(share(q.tunggu_pencilan, q.tiket)), r.n(q.tunggu_batas_menit, 1), n(q.tiket_tanpa_selesai)
            )),
        });
    }
    if q.asn > 0 {
        items.push(match r.lang {
            Lang::Id => lead(
                "Kinerja",
                format!(
                    ": {} dari {} ASN ({}) mendapat penilaian atasan atau rekan.",
                    n(q.asn_dinilai),
                    n(q.asn),
                    r.pct(share(q.asn_dinilai, q.asn))
                ),
            ),
            Lang::En => lead(
                "Performance",
                format!(
                    ": {} of {} ASN ({}) were rated by a superior or a peer.",
                    n(q.asn_dinilai),
                    n(q.asn),
                    r.pct(share(q.asn_dinilai, q.asn))
                ),
            ),
        });
    }
    items.push(lead(
        r.t("Duplikat", "Duplicates"),
        r.t(
            ": baris ganda ditolak saat impor (dengan lokasinya) dan kiriman formulir daring disimpan sekali menurut UUID-nya, sehingga data yang dievaluasi bebas duplikat.",
            ": duplicate rows are refused at import (located) and online form submissions are kept once by their UUID, so the data evaluated hold no duplicates.",
        ),
    ));
    // Small-cell suppression (monev_eval::privasi): always stated, and the
    // rows withheld named with their size only.
    let min = monev_eval::privasi::MIN_SEL;
    let hidden: Vec<String> =
        r.e.disembunyikan
            .iter()
            .map(|h| format!("{} (n = {})", h.baris, h.n))
            .collect();
    let subject = r.t("Kerahasiaan responden", "Respondent confidentiality");
    items.push(lead(
        subject,
        match (r.lang, hidden.is_empty()) {
            (Lang::Id, true) => format!(
                ": rincian yang bertumpu pada kurang dari {min} responden tidak ditampilkan (UU 27/2022); pada data ini tidak ada rincian sekecil itu."
            ),
            (Lang::En, true) => format!(
                ": breakdowns resting on fewer than {min} respondents are not shown (UU 27/2022); these data have none that small."
            ),
            (Lang::Id, false) => format!(
                ": rincian yang bertumpu pada kurang dari {min} responden tidak ditampilkan (UU 27/2022), tetapi tetap dihitung dalam angka keseluruhan: {}.",
                hidden.join("; ")
            ),
            (Lang::En, false) => format!(
                ": breakdowns resting on fewer than {min} respondents are not shown (UU 27/2022) but still count in the overall figures: {}.",
                hidden.join("; ")
            ),
        },
    ));
    if r.e.kualitatif.wawancara > 0 {
        items.push(lead(
            r.t("Wawancara", "Interviews"),
            r.t(
                ": responden dipilih secara purposif; kutipan menggambarkan pengalaman, bukan proporsi populasi.",
                ": respondents were chosen purposively; quotes show experiences, not shares of a population.",
            ),
        ));
    }
    r.push(Block::List {
        ordered: false,
        class: None,
        items,
    });
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
    r.h3(
        "lampiran-tabel",
        "Tabel dan angka lengkap",
        "Full tables and figures",
    );
    let code = |s: &str| Inline::Code(s.into());
    let s = match r.lang {
        Lang::Id => vec![
            text("Semua tabel laporan ini tersedia sebagai lembar kerja di "),
            code("lampiran.xlsx"),
            text(
                " (satu lembar per tabel, angka sebagai angka), dan semua angka tanpa pembulatan di ",
            ),
            code("evaluasi.json"),
            text(", yang strukturnya dijelaskan skema JSON yang menyertainya."),
        ],
        Lang::En => vec![
            text("Every table of this report is in "),
            code("lampiran.xlsx"),
            text(" (one sheet per table, numbers as numbers), and every figure unrounded in "),
            code("evaluasi.json"),
            text(", whose structure its JSON schema describes."),
        ],
    };
    r.para(s);
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
