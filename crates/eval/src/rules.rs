//! The rules that read the figures and write the findings: results (Hasil),
//! constraints (Kendala) and recommendations (Rekomendasi).
//!
//! Results and constraints are here, in the order the report presents them;
//! recommendations are rules in a TOML file ([`crate::recommend`]). A rule fires on
//! a condition over the figures and yields a [`Finding`] whose sentence is a
//! template in Indonesian and English with named arguments; the report
//! formats the arguments in the reader's language (1.234,5 / 1,234.5). Each
//! finding names the figures it stands on (`bukti`: paths into
//! `evaluasi.json`), so no sentence claims what no figure shows.

use serde::Serialize;

use monev_domain::Lang;
use monev_domain::format::number;

use crate::{Evaluasi, Fase, Kelompok};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Jenis {
    Hasil,
    Kendala,
    Rekomendasi,
}

/// A value in a finding's sentence, typed so the report can format it.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
#[serde(tag = "jenis", content = "nilai", rename_all = "lowercase")]
pub enum Arg {
    /// A decimal shown with the given number of decimals.
    Angka(f64, u8),
    /// A percentage (0–100) with one decimal.
    Persen(f64),
    /// Minutes with one decimal.
    Menit(f64),
    /// Rupiah, no decimals.
    Rupiah(f64),
    /// A p-value (shown as "< 0,001" when tiny).
    P(f64),
    /// A count.
    Bulat(usize),
    /// Text in both languages.
    Teks(String, String),
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Finding {
    /// Stable code, e.g. `kendala.partisipasi`.
    pub kode: String,
    pub jenis: Jenis,
    /// Title: Indonesian, English.
    pub judul: [String; 2],
    /// Sentence templates with `{name}` placeholders: Indonesian, English.
    pub teks: [String; 2],
    pub args: Vec<(String, Arg)>,
    /// Paths into `evaluasi.json` of the figures the finding rests on.
    pub bukti: Vec<String>,
    /// For a recommendation, the code of the finding it answers.
    pub dasar: Option<String>,
    /// For a recommendation: 1 high, 2 medium, 3 low (from its rule).
    pub prioritas: Option<u8>,
    /// For a recommendation: what the evaluator decided, if anything yet.
    pub keputusan: Option<crate::recommend::Keputusan>,
}

impl Finding {
    fn new(kode: &str, jenis: Jenis, judul: [&str; 2], teks: [&str; 2]) -> Finding {
        Finding {
            kode: kode.to_string(),
            jenis,
            judul: judul.map(str::to_string),
            teks: teks.map(str::to_string),
            args: Vec::new(),
            bukti: Vec::new(),
            dasar: None,
            prioritas: None,
            keputusan: None,
        }
    }
    fn arg(mut self, name: &str, v: Arg) -> Finding {
        self.args.push((name.to_string(), v));
        self
    }
    fn bukti(mut self, path: impl Into<String>) -> Finding {
        self.bukti.push(path.into());
        self
    }

    /// The title in `lang`.
    pub fn title(&self, lang: Lang) -> &str {
        lang.pick(&self.judul[0], &self.judul[1])
    }

    /// The sentence in `lang`, each argument passed through `wrap(name,
    /// shown value)` (the HTML report makes figures bold).
    pub fn render_with(&self, lang: Lang, wrap: impl Fn(&str, &str) -> String) -> String {
        let template = lang.pick(&self.teks[0], &self.teks[1]);
        let mut s = String::with_capacity(template.len() + 64);
        let mut rest = template;
        while let Some(i) = rest.find('{') {
            let Some(j) = rest[i..].find('}') else {
                break;
            };
            let name = &rest[i + 1..i + j];
            match self.args.iter().find(|(n, _)| n == name) {
                Some((n, a)) => {
                    s.push_str(&wrap("", &rest[..i]));
                    s.push_str(&wrap(n, &a.show(lang)));
                }
                None => s.push_str(&wrap("", &rest[..i + j + 1])),
            }
            rest = &rest[i + j + 1..];
        }
        s.push_str(&wrap("", rest));
        s
    }

    /// The sentence in `lang`, as plain text.
    pub fn render(&self, lang: Lang) -> String {
        self.render_with(lang, |_, v| v.to_string())
    }
}

impl Arg {
    /// The value as a reader of `lang` sees it.
    pub fn show(&self, lang: Lang) -> String {
        match self {
            Arg::Angka(v, d) => number(*v, *d as usize, lang),
            Arg::Persen(v) if v.is_finite() => format!("{}%", number(*v, 1, lang)),
            Arg::Menit(v) => number(*v, 1, lang),
            Arg::Rupiah(v) if v.is_finite() => {
                format!("{} {}", lang.pick("Rp", "IDR"), number(*v, 0, lang))
            }
            Arg::P(p) if p.is_finite() && *p < 0.001 => format!("< {}", number(0.001, 3, lang)),
            Arg::P(p) if p.is_finite() => format!("= {}", number(*p, 3, lang)),
            Arg::Persen(_) | Arg::Rupiah(_) | Arg::P(_) => "–".into(),
            Arg::Bulat(v) => number(*v as f64, 0, lang),
            Arg::Teks(id, en) => lang.pick(id, en).to_string(),
        }
    }
}

/// Cohen's conventional names for |d|: 0,2 kecil, 0,5 sedang, 0,8 besar.
pub fn effect_name(d: f64) -> (&'static str, &'static str) {
    let a = d.abs();
    if !a.is_finite() {
        ("tidak dapat dihitung", "not computable")
    } else if a < 0.2 {
        ("sangat kecil", "negligible")
    } else if a < 0.5 {
        ("kecil", "small")
    } else if a < 0.8 {
        ("sedang", "medium")
    } else {
        ("besar", "large")
    }
}

/// An empty argument, or a sentence saying the result is fragile: the
/// report must not state a thin result flatly.
fn fragile(rapuh: bool) -> Arg {
    if rapuh {
        t2(
            " Hasil ini rapuh (data tipis atau asumsi uji diragukan): perlakukan sebagai indikasi, bukan kesimpulan pasti.",
            " This result is fragile (thin data or a doubtful test assumption): treat it as an indication, not a firm conclusion.",
        )
    } else {
        t2("", "")
    }
}

fn t2(a: &str, b: &str) -> Arg {
    Arg::Teks(a.to_string(), b.to_string())
}

/// Finds the results and constraints, in report order (recommendations come
/// from [`crate::recommend::Rules`]).
pub fn apply(e: &Evaluasi) -> Vec<Finding> {
    let cfg = &e.config;
    let mut out = Vec::new();

    // ── Hasil ──────────────────────────────────────────────────────────────
    let modules = &e.pembelajaran.per_pelatihan;
    let tested: Vec<_> = modules.iter().filter(|m| m.n >= 2).collect();
    let significant: Vec<_> = tested.iter().filter(|m| m.signifikan).collect();
    // The strongest gain among the solid results, else among all.
    let solid: Vec<_> = significant.iter().filter(|m| !m.rapuh).collect();
    let pool: Vec<_> = if solid.is_empty() {
        significant.iter().collect()
    } else {
        solid
    };
    if let Some(best) = pool
        .into_iter()
        .max_by(|a, b| a.cohen_dz.total_cmp(&b.cohen_dz))
    {
        let (ef_id, ef_en) = effect_name(best.cohen_dz);
        out.push(
            Finding::new(
                "hasil.pembelajaran",
                Jenis::Hasil,
                ["Pengetahuan peserta meningkat", "Participants' knowledge increased"],
                [
                    "Skor post-test lebih tinggi daripada pre-test secara bermakna (uji-t berpasangan, p Holm < {alpha}) pada {k} dari {m} modul. Kenaikan terkuat pada modul {modul}: rata-rata {pre} menjadi {post} (selisih {d}; IK 95% {lo} s.d. {hi}; t({df}) = {t}; p Holm {p}; d_z = {dz}, efek {efek}; n = {n}).{rapuh}",
                    "Post-test scores were significantly higher than pre-test scores (paired t-test, Holm-adjusted p < {alpha}) in {k} of {m} modules. The strongest gain was in {modul}: mean {pre} to {post} (difference {d}; 95% CI {lo} to {hi}; t({df}) = {t}; Holm p {p}; d_z = {dz}, a {efek} effect; n = {n}).{rapuh}",
                ],
            )
            .arg("alpha", Arg::Angka(cfg.alpha, 2))
            .arg("k", Arg::Bulat(significant.len()))
            .arg("m", Arg::Bulat(tested.len()))
            .arg("modul", t2(&best.nama, &best.nama))
            .arg("pre", Arg::Angka(best.pre_rata, 1))
            .arg("post", Arg::Angka(best.post_rata, 1))
            .arg("d", Arg::Angka(best.selisih_rata, 1))
            .arg("lo", Arg::Angka(best.ci95_bawah, 1))
            .arg("hi", Arg::Angka(best.ci95_atas, 1))
            .arg("df", Arg::Angka(best.df, 0))
            .arg("t", Arg::Angka(best.t, 2))
            .arg("p", Arg::P(best.p_holm))
            .arg("dz", Arg::Angka(best.cohen_dz, 2))
            .arg("efek", t2(ef_id, ef_en))
            .arg("n", Arg::Bulat(best.n))
            .arg("rapuh", fragile(best.rapuh))
            .bukti(format!("pembelajaran.per_pelatihan[pelatihan={}]", best.pelatihan)),
        );
    }

    let better: Vec<_> = e
        .kinerja
        .per_aspek
        .iter()
        .filter(|a| a.signifikan)
        .collect();
    if !better.is_empty() {
        let list_in = |lang: Lang| -> Vec<String> {
            better
                .iter()
                .map(|a| {
                    let (ci, p) = match lang {
                        Lang::Id => ("IK 95%", "p Holm"),
                        Lang::En => ("95% CI", "Holm p"),
                    };
                    let pv = if a.p_holm < 0.001 {
                        format!("< {}", number(0.001, 3, lang))
                    } else {
                        format!("= {}", number(a.p_holm, 3, lang))
                    };
                    format!(
                        "{} +{} ({ci} {} – {}; {p} {pv})",
                        a.aspek.replace('_', " "),
                        number(a.estimasi, 2, lang),
                        number(a.uji.ci95_bawah, 2, lang),
                        number(a.uji.ci95_atas, 2, lang)
                    )
                })
                .collect()
        };
        let first = better[0];
        out.push(
            Finding::new(
                "hasil.kinerja",
                Jenis::Hasil,
                ["Perilaku kerja peserta membaik", "Participants' behaviour at work improved"],
                [
                    "Penilaian atasan dan rekan terhadap ASN peserta naik lebih banyak daripada terhadap ASN yang tidak ikut pelatihan, pada {k} dari {m} aspek (poin skala 1–5): {daftar}. Dinilai {np} peserta dan {nn} bukan peserta di {g} instansi.",
                    "Supervisor and peer ratings of participating ASN rose more than those of ASN who were not trained, in {k} of {m} aspects (points on a 1–5 scale): {daftar}. {np} participants and {nn} non-participants were rated in {g} units.",
                ],
            )
            .arg("k", Arg::Bulat(better.len()))
            .arg("m", Arg::Bulat(e.kinerja.per_aspek.len()))
            .arg("daftar", t2(&list_in(Lang::Id).join("; "), &list_in(Lang::En).join("; ")))
            .arg("np", Arg::Bulat(first.n_peserta))
            .arg("nn", Arg::Bulat(first.n_nonpeserta))
            .arg("g", Arg::Bulat(first.uji.klaster))
            .bukti("kinerja.per_aspek"),
        );
    }

    let did_est = e.layanan.did.estimasi_menit;
    let did = &e.layanan.did.uji;
    if did_est.is_finite() && did.ci95_atas < 0.0 {
        out.push(
            Finding::new(
                "hasil.waktu_tunggu",
                Jenis::Hasil,
                ["Waktu tunggu layanan lebih singkat", "Shorter waiting times"],
                [
                    "Rata-rata waktu tunggu di unit intervensi turun dari {i0} menjadi {i1} menit, sedangkan di unit pembanding dari {p0} menjadi {p1} menit. Selisih-dalam-selisih: {did} menit (IK 95% {lo} s.d. {hi}; p {p}; n = {n} tiket antrean).{rapuh}",
                    "Mean waiting time in intervention units fell from {i0} to {i1} minutes, while comparison units went from {p0} to {p1} minutes. Difference-in-differences: {did} minutes (95% CI {lo} to {hi}; p {p}; n = {n} queue tickets).{rapuh}",
                ],
            )
            .arg("i0", Arg::Menit(did.intervensi_sebelum))
            .arg("i1", Arg::Menit(did.intervensi_sesudah))
            .arg("p0", Arg::Menit(did.pembanding_sebelum))
            .arg("p1", Arg::Menit(did.pembanding_sesudah))
            .arg("did", Arg::Menit(did_est))
            .arg("lo", Arg::Menit(did.ci95_bawah))
            .arg("hi", Arg::Menit(did.ci95_atas))
            .arg("p", Arg::P(did.p))
            .arg("n", Arg::Bulat(did.n))
            .arg("rapuh", fragile(did.rapuh))
            .bukti("layanan.did"),
        );
    }

    let ikm_of = |k: Kelompok, f: Fase| {
        e.skm
            .per_kelompok
            .iter()
            .find(|g| g.kelompok == k && g.fase == f)
            .map(|g| &g.ikm)
    };
    let sd_est = e.skm.did.estimasi_poin;
    let sd = &e.skm.did.uji;
    if let (Some(a), Some(b)) = (
        ikm_of(Kelompok::Intervensi, Fase::Sebelum),
        ikm_of(Kelompok::Intervensi, Fase::Sesudah),
    ) && sd.ci95_bawah > 0.0
    {
        let mutu = |i: &crate::Ikm| {
            i.mutu
                .map(|m| format!("{m:?}"))
                .unwrap_or_else(|| "–".into())
        };
        let c = ikm_of(Kelompok::Pembanding, Fase::Sebelum)
            .map(|g| g.ikm)
            .unwrap_or(f64::NAN);
        let d = ikm_of(Kelompok::Pembanding, Fase::Sesudah)
            .map(|g| g.ikm)
            .unwrap_or(f64::NAN);
        out.push(
            Finding::new(
                "hasil.ikm",
                Jenis::Hasil,
                ["Kepuasan masyarakat naik", "Citizen satisfaction rose"],
                [
                    "IKM unit intervensi naik dari {a} (mutu {ma}, n = {na}) menjadi {b} (mutu {mb}, n = {nb}); di unit pembanding dari {c} menjadi {d}. Selisih-dalam-selisih indeks per responden: {did} poin (IK 95% {lo} s.d. {hi}; p {p}; n = {n} responden).{rapuh}",
                    "The satisfaction index (IKM) of intervention units rose from {a} (grade {ma}, n = {na}) to {b} (grade {mb}, n = {nb}); in comparison units it went from {c} to {d}. Difference-in-differences of the per-respondent index: {did} points (95% CI {lo} to {hi}; p {p}; n = {n} respondents).{rapuh}",
                ],
            )
            .arg("a", Arg::Angka(a.ikm, 2))
            .arg("ma", t2(&mutu(a), &mutu(a)))
            .arg("na", Arg::Bulat(a.n as usize))
            .arg("b", Arg::Angka(b.ikm, 2))
            .arg("mb", t2(&mutu(b), &mutu(b)))
            .arg("nb", Arg::Bulat(b.n as usize))
            .arg("c", Arg::Angka(c, 2))
            .arg("d", Arg::Angka(d, 2))
            .arg("did", Arg::Angka(sd_est, 2))
            .arg("lo", Arg::Angka(sd.ci95_bawah, 2))
            .arg("hi", Arg::Angka(sd.ci95_atas, 2))
            .arg("p", Arg::P(sd.p))
            .arg("n", Arg::Bulat(sd.n))
            .bukti("skm.per_kelompok")
            .arg("rapuh", fragile(sd.rapuh))
            .bukti("skm.did"),
        );
    }

    let met: Vec<_> = e
        .indikator
        .iter()
        .filter(|i| i.tercapai == Some(true))
        .collect();
    let known: Vec<_> = e
        .indikator
        .iter()
        .filter(|i| i.tercapai.is_some())
        .collect();
    if !met.is_empty() {
        let names: Vec<String> = met.iter().map(|i| i.nama.clone()).collect();
        out.push(
            Finding::new(
                "hasil.indikator",
                Jenis::Hasil,
                ["Indikator yang tercapai", "Indicators met"],
                [
                    "{k} dari {m} indikator kinerja mencapai targetnya: {daftar}.",
                    "{k} of {m} performance indicators met their target: {daftar}.",
                ],
            )
            .arg("k", Arg::Bulat(met.len()))
            .arg("m", Arg::Bulat(known.len()))
            .arg("daftar", t2(&names.join("; "), &names.join("; ")))
            .bukti("indikator"),
        );
    }

    // ── Kendala, each followed by its recommendation ───────────────────────
    if let Some(f) = declines(e) {
        out.push(f);
    }
    let part = &e.partisipasi;
    if part.intervensi.persen < part.target_persen {
        let mut low: Vec<_> = part
            .per_instansi
            .iter()
            .filter(|i| i.kelompok == Kelompok::Intervensi && i.asn > 0)
            .collect();
        low.sort_by(|a, b| a.persen.total_cmp(&b.persen));
        let lowest_in = |lang| -> Vec<String> {
            low.iter()
                .take(3)
                .map(|i| format!("{} ({}%)", i.nama, number(i.persen, 1, lang)))
                .collect()
        };
        let (lowest_id, lowest) = (lowest_in(Lang::Id), lowest_in(Lang::En));
        out.push(
            Finding::new(
                "kendala.partisipasi",
                Jenis::Kendala,
                ["Partisipasi ASN di bawah target", "ASN participation below target"],
                [
                    "Baru {persen} ASN di unit intervensi ({peserta} dari {asn}) mengikuti sedikitnya satu pelatihan, di bawah target {target}. Partisipasi terendah: {terendah}.",
                    "Only {persen} of ASN in intervention units ({peserta} of {asn}) attended at least one training, below the {target} target. Lowest participation: {terendah}.",
                ],
            )
            .arg("persen", Arg::Persen(part.intervensi.persen))
            .arg("peserta", Arg::Bulat(part.intervensi.peserta))
            .arg("asn", Arg::Bulat(part.intervensi.asn))
            .arg("target", Arg::Persen(part.target_persen))
            .arg("terendah", t2(&lowest_id.join(", "), &lowest.join(", ")))
            .bukti("partisipasi.intervensi")
            .bukti("partisipasi.per_instansi"),
        );
    }

    // What the non-participants say, when they were asked.
    let alasan = &e.partisipasi.alasan;
    if alasan.responden > 0 {
        let top = |lang: Lang| -> String {
            alasan
                .per_alasan
                .iter()
                .filter(|a| a.n > 0)
                .take(3)
                .map(|a| {
                    format!(
                        "{} ({}%)",
                        if lang == Lang::En {
                            &a.nama_en
                        } else {
                            &a.nama
                        },
                        number(a.persen, 0, lang)
                    )
                    .to_lowercase()
                })
                .collect::<Vec<_>>()
                .join(", ")
        };
        let (top_id, top_en) = (top(Lang::Id), top(Lang::En));
        let f = Finding::new(
            "kendala.alasan_nonpeserta",
            Jenis::Kendala,
            ["Mengapa ASN belum ikut", "Why ASN have not taken part"],
            [
                "Menurut {n} ASN yang belum ikut dan menjawab survei, alasan terbanyak adalah {daftar}; {bersedia} bersedia ikut pada tahap berikutnya.",
                "According to the {n} ASN who have not taken part and answered the survey, the main reasons are {daftar}; {bersedia} would join the next round.",
            ],
        )
        .arg("n", Arg::Bulat(alasan.responden))
        .arg("daftar", t2(&top_id, &top_en))
        .arg("bersedia", Arg::Persen(alasan.bersedia_persen))
        .bukti("partisipasi.alasan");
        out.push(f);
    }

    // A module is weak when its gain is low or not significant, or when few
    // of its participants found it relevant (reaction questionnaire).
    let relevance = |kode: &str| {
        e.reaksi
            .per_pelatihan
            .iter()
            .find(|r| r.pelatihan == kode)
            .map(|r| r.relevansi_setuju_persen)
    };
    let weak: Vec<_> = tested
        .iter()
        .filter(|m| {
            m.n_gain_rata < cfg.n_gain_rendah
                || !m.signifikan
                || relevance(&m.pelatihan).is_some_and(|p| p < cfg.relevan_min_persen)
        })
        .collect();
    if !weak.is_empty() {
        let list_in = |lang| -> Vec<String> {
            weak.iter()
                .map(
                    |m| match (relevance(&m.pelatihan).filter(|p| p.is_finite()), lang) {
                        (Some(p), Lang::Id) => format!(
                            "{} (N-gain {}; dinilai relevan oleh {}% peserta)",
                            m.nama,
                            number(m.n_gain_rata, 2, lang),
                            number(p, 0, lang)
                        ),
                        (Some(p), Lang::En) => format!(
                            "{} (N-gain {}; rated relevant by {}% of participants)",
                            m.nama,
                            number(m.n_gain_rata, 2, lang),
                            number(p, 0, lang)
                        ),
                        (None, _) => {
                            format!("{} (N-gain {})", m.nama, number(m.n_gain_rata, 2, lang))
                        }
                    },
                )
                .collect()
        };
        let (list_id, list) = (list_in(Lang::Id), list_in(Lang::En));
        out.push(
            Finding::new(
                "kendala.relevansi",
                Jenis::Kendala,
                ["Sebagian modul kurang efektif", "Some modules were not effective"],
                [
                    "{k} dari {m} modul memberi peningkatan rendah (rata-rata N-gain di bawah {batas}), tidak bermakna, atau dinilai relevan oleh kurang dari {relevan} peserta: {daftar}.",
                    "{k} of {m} modules gave a low gain (mean N-gain below {batas}), no significant gain, or were rated relevant by fewer than {relevan} of participants: {daftar}.",
                ],
            )
            .arg("k", Arg::Bulat(weak.len()))
            .arg("m", Arg::Bulat(tested.len()))
            .arg("batas", Arg::Angka(cfg.n_gain_rendah, 1))
            .arg("relevan", Arg::Persen(cfg.relevan_min_persen))
            .arg("daftar", t2(&list_id.join("; "), &list.join("; ")))
            .arg("modul", {
                let names: Vec<String> = weak.iter().map(|m| m.nama.clone()).collect();
                t2(&names.join(", "), &names.join(", "))
            })
            .bukti("pembelajaran.per_pelatihan")
            .bukti("reaksi.per_pelatihan"),
        );
    }

    let ang = &e.anggaran;
    if ang.pagu > 0.0 && ang.persen_realisasi < cfg.realisasi_anggaran_min_persen {
        out.push(
            Finding::new(
                "kendala.penyerapan_anggaran",
                Jenis::Kendala,
                ["Penyerapan anggaran rendah", "Low budget execution"],
                [
                    "Realisasi anggaran baru {persen} dari pagu ({realisasi} dari {pagu}), di bawah {batas}.",
                    "Only {persen} of the budget was spent ({realisasi} of {pagu}), below {batas}.",
                ],
            )
            .arg("persen", Arg::Persen(ang.persen_realisasi))
            .arg("realisasi", Arg::Rupiah(ang.realisasi))
            .arg("pagu", Arg::Rupiah(ang.pagu))
            .arg("batas", Arg::Persen(cfg.realisasi_anggaran_min_persen))
            .bukti("anggaran"),
        );
    } else if ang.pagu > 0.0
        && ang.persen_realisasi >= cfg.anggaran_habis_persen
        && part.intervensi.persen < part.target_persen
    {
        out.push(
            Finding::new(
                "kendala.anggaran_terbatas",
                Jenis::Kendala,
                ["Anggaran terbatas", "Limited budget"],
                [
                    "Anggaran hampir habis terserap ({persen}; {realisasi} dari {pagu}) sementara partisipasi baru {partisipasi}: pagu membatasi frekuensi dan jangkauan pelatihan. Biaya pelatihan {per_peserta} per peserta, {per_jp} per JP.",
                    "The budget was almost fully spent ({persen}; {realisasi} of {pagu}) while participation reached only {partisipasi}: the ceiling limits how often and how widely training can run. Training cost {per_peserta} per participant, {per_jp} per JP.",
                ],
            )
            .arg("persen", Arg::Persen(ang.persen_realisasi))
            .arg("realisasi", Arg::Rupiah(ang.realisasi))
            .arg("pagu", Arg::Rupiah(ang.pagu))
            .arg("partisipasi", Arg::Persen(part.intervensi.persen))
            .arg("per_peserta", Arg::Rupiah(ang.biaya_per_peserta))
            .arg("per_jp", Arg::Rupiah(ang.biaya_per_jp))
            .bukti("anggaran")
            .bukti("partisipasi.intervensi"),
        );
    }

    if part.tidak_selesai_persen > cfg.putus_maks_persen
        || part.kehadiran_rata_persen < cfg.kehadiran_min_persen
    {
        out.push(
            Finding::new(
                "kendala.penyelesaian",
                Jenis::Kendala,
                ["Kehadiran dan penyelesaian pelatihan", "Attendance and completion"],
                [
                    "{tidak} peserta ({persen}) tidak menyelesaikan pelatihan (tidak ada post-test), dan rata-rata kehadiran {hadir}.",
                    "{tidak} participants ({persen}) did not finish their training (no post-test), and mean attendance was {hadir}.",
                ],
            )
            .arg("tidak", Arg::Bulat(part.tidak_selesai))
            .arg("persen", Arg::Persen(part.tidak_selesai_persen))
            .arg("hadir", Arg::Persen(part.kehadiran_rata_persen))
            .bukti("partisipasi.tidak_selesai")
            .bukti("partisipasi.kehadiran_rata_persen"),
        );
    }

    if did_est.is_finite() && did.ci95_atas >= 0.0 {
        out.push(
            Finding::new(
                "kendala.waktu_tunggu",
                Jenis::Kendala,
                ["Waktu tunggu belum membaik", "Waiting times have not improved"],
                [
                    "Selisih-dalam-selisih waktu tunggu {did} menit (IK 95% {lo} s.d. {hi}; n = {n} tiket) tidak menunjukkan penurunan yang meyakinkan di unit intervensi.",
                    "The difference-in-differences of waiting time, {did} minutes (95% CI {lo} to {hi}; n = {n} tickets), shows no convincing reduction in intervention units.",
                ],
            )
            .arg("did", Arg::Menit(did_est))
            .arg("lo", Arg::Menit(did.ci95_bawah))
            .arg("hi", Arg::Menit(did.ci95_atas))
            .arg("n", Arg::Bulat(did.n))
            .bukti("layanan.did"),
        );
    }

    // The weakest SKM unsur after the intervention, if below mutu B.
    if let Some(after) = ikm_of(Kelompok::Intervensi, Fase::Sesudah) {
        let b_floor = 76.61 / 25.0;
        if let Some((k, v)) = after
            .nrr
            .iter()
            .enumerate()
            .filter(|(_, v)| v.is_finite())
            .min_by(|a, b| a.1.total_cmp(b.1))
            && *v < b_floor
        {
            let (code, id, en) = monev_domain::UNSUR[k];
            out.push(
                Finding::new(
                    "kendala.unsur_skm",
                    Jenis::Kendala,
                    ["Unsur layanan terlemah", "Weakest service element"],
                    [
                        "Setelah intervensi, unsur {unsur} mendapat nilai rata-rata (NRR) terendah, {nrr} dari 4 (di bawah batas mutu B, {batas}).",
                        "After the intervention, the element {unsur} had the lowest mean score (NRR), {nrr} of 4 (below the grade-B floor of {batas}).",
                    ],
                )
                .arg("unsur", t2(&format!("{code} {id}"), &format!("{code} {en}")))
                .arg("nrr", Arg::Angka(*v, 2))
                .arg("batas", Arg::Angka(b_floor, 2))
                .bukti("skm.per_kelompok"),
            );
        }
    }

    // Units whose SKM respondents after the intervention fall short of the
    // Krejcie–Morgan sample for their service population.
    let short: Vec<_> = e
        .skm
        .sampel
        .iter()
        .filter(|s| s.cukup == Some(false))
        .collect();
    let measured = e.skm.sampel.iter().filter(|s| s.cukup.is_some()).count();
    if !short.is_empty() {
        let list = |lang: Lang| -> String {
            let mut items: Vec<String> = short
                .iter()
                .take(5)
                .map(|s| {
                    format!(
                        "{} ({} {} {})",
                        s.nama,
                        number(s.responden as f64, 0, lang),
                        lang.pick("dari", "of"),
                        number(s.target_krejcie_morgan.unwrap_or(0) as f64, 0, lang)
                    )
                })
                .collect();
            if short.len() > 5 {
                items.push(format!(
                    "{} {}",
                    lang.pick("dan", "and"),
                    lang.pick(
                        &format!("{} unit lain", short.len() - 5),
                        &format!("{} more", short.len() - 5)
                    )
                ));
            }
            items.join(", ")
        };
        let (daftar_id, daftar_en) = (list(Lang::Id), list(Lang::En));
        out.push(
            Finding::new(
                "kendala.sampel_skm",
                Jenis::Kendala,
                ["Responden SKM belum cukup", "Too few SKM respondents"],
                [
                    "{k} dari {m} unit belum mencapai ukuran sampel Krejcie–Morgan untuk jumlah pengguna layanannya setelah intervensi, sehingga IKM unit itu belum mewakili: {daftar}.",
                    "{k} of {m} units have not reached the Krejcie–Morgan sample size for their number of service users after the intervention, so their IKM is not yet representative: {daftar}.",
                ],
            )
            .arg("k", Arg::Bulat(short.len()))
            .arg("m", Arg::Bulat(measured))
            .arg("daftar", t2(&daftar_id, &daftar_en))
            .bukti("skm.sampel"),
        );
    }

    for i in e
        .instrumen
        .iter()
        .filter(|i| !i.reliabel && i.cronbach_alpha.is_finite())
    {
        // One code per instrument, so each finding keeps its own anchor.
        let kendala = match i.instrumen {
            "skm" => "kendala.instrumen_skm",
            _ => "kendala.instrumen_reaksi",
        };
        out.push(
            Finding::new(
                kendala,
                Jenis::Kendala,
                ["Instrumen kurang reliabel", "An instrument is not reliable"],
                [
                    "{nama} memiliki Cronbach α {alpha} (n = {n}), di bawah batas {batas}: butir-butirnya belum mengukur hal yang sama secara konsisten, sehingga skor totalnya perlu dibaca hati-hati.",
                    "{nama} has a Cronbach's α of {alpha} (n = {n}), below {batas}: its items do not yet measure one thing consistently, so its total score must be read with care.",
                ],
            )
            .arg("nama", t2(i.nama, i.nama))
            .arg("alpha", Arg::Angka(i.cronbach_alpha, 2))
            .arg("n", Arg::Bulat(i.n))
            .arg("batas", Arg::Angka(cfg.alpha_reliabel, 2))
            .bukti("instrumen"),
        );
    }

    let missed: Vec<_> = e
        .indikator
        .iter()
        .filter(|i| i.tercapai == Some(false))
        .collect();
    if !missed.is_empty() {
        let names: Vec<String> = missed.iter().map(|i| i.nama.clone()).collect();
        out.push(
            Finding::new(
                "kendala.indikator",
                Jenis::Kendala,
                ["Indikator belum tercapai", "Indicators not met"],
                [
                    "{k} indikator belum mencapai target: {daftar}.",
                    "{k} indicators did not reach their target: {daftar}.",
                ],
            )
            .arg("k", Arg::Bulat(missed.len()))
            .arg("daftar", t2(&names.join("; "), &names.join("; ")))
            .bukti("indikator"),
        );
    }

    out
}

/// Every comparison that moved significantly the unwanted way: a module's
/// post-test below its pre-test (Holm p < α), a behaviour aspect rated down
/// for participants against non-participants (Holm p < α), waiting time up
/// or the IKM down in the difference-in-differences (its 95% interval wholly
/// on the wrong side of zero). `signifikan` marks only gains, so without
/// this a decline would leave the report silent; it is never hidden.
fn declines(e: &Evaluasi) -> Option<Finding> {
    let alpha = e.config.alpha;
    let p_in = |p: f64, lang: Lang| {
        if p < 0.001 {
            format!("< {}", number(0.001, 3, lang))
        } else {
            format!("= {}", number(p, 3, lang))
        }
    };
    // Each item: (Indonesian, English, evidence path).
    let mut items: Vec<(String, String, String)> = Vec::new();
    for m in &e.pembelajaran.per_pelatihan {
        if m.n >= 2 && m.p_holm < alpha && m.selisih_rata < 0.0 {
            let item = |lang: Lang| {
                format!(
                    "{} {}: {} {} {} {} ({} {}; {} {} – {}; {} {}; n = {})",
                    lang.pick("modul", "module"),
                    m.nama,
                    lang.pick(
                        "skor post-test di bawah pre-test, rata-rata",
                        "post-test scores below pre-test scores, mean"
                    ),
                    number(m.pre_rata, 1, lang),
                    lang.pick("menjadi", "to"),
                    number(m.post_rata, 1, lang),
                    lang.pick("selisih", "difference"),
                    number(m.selisih_rata, 1, lang),
                    lang.pick("IK 95%", "95% CI"),
                    number(m.ci95_bawah, 1, lang),
                    number(m.ci95_atas, 1, lang),
                    lang.pick("p Holm", "Holm p"),
                    p_in(m.p_holm, lang),
                    number(m.n as f64, 0, lang),
                )
            };
            items.push((
                item(Lang::Id),
                item(Lang::En),
                format!("pembelajaran.per_pelatihan[pelatihan={}]", m.pelatihan),
            ));
        }
    }
    for a in &e.kinerja.per_aspek {
        if a.p_holm < alpha && a.estimasi < 0.0 {
            let item = |lang: Lang| {
                format!(
                    "{} {}: {} {} {} ({} {} – {}; {} {}; {} {}, {} {})",
                    lang.pick("aspek perilaku kerja", "behaviour aspect"),
                    a.aspek.replace('_', " "),
                    lang.pick(
                        "penilaian peserta berubah",
                        "participants' ratings changed by"
                    ),
                    number(a.estimasi, 2, lang),
                    lang.pick(
                        "poin dibanding bukan peserta",
                        "points against non-participants"
                    ),
                    lang.pick("IK 95%", "95% CI"),
                    number(a.uji.ci95_bawah, 2, lang),
                    number(a.uji.ci95_atas, 2, lang),
                    lang.pick("p Holm", "Holm p"),
                    p_in(a.p_holm, lang),
                    number(a.n_peserta as f64, 0, lang),
                    lang.pick("peserta", "participants"),
                    number(a.n_nonpeserta as f64, 0, lang),
                    lang.pick("bukan peserta", "non-participants"),
                )
            };
            items.push((
                item(Lang::Id),
                item(Lang::En),
                format!("kinerja.per_aspek[aspek={}]", a.aspek),
            ));
        }
    }
    let wait = &e.layanan.did;
    if wait.estimasi_menit.is_finite() && wait.uji.ci95_bawah > 0.0 {
        let item = |lang: Lang| {
            format!(
                "{}: {} +{} {} ({} {} – {}; p {}; n = {} {})",
                lang.pick("waktu tunggu layanan", "waiting time"),
                lang.pick("selisih-dalam-selisih", "difference-in-differences"),
                number(wait.estimasi_menit, 1, lang),
                lang.pick("menit", "minutes"),
                lang.pick("IK 95%", "95% CI"),
                number(wait.uji.ci95_bawah, 1, lang),
                number(wait.uji.ci95_atas, 1, lang),
                p_in(wait.uji.p, lang),
                number(wait.uji.n as f64, 0, lang),
                lang.pick("tiket", "tickets"),
            )
        };
        items.push((item(Lang::Id), item(Lang::En), "layanan.did".into()));
    }
    let ikm = &e.skm.did;
    if ikm.estimasi_poin.is_finite() && ikm.uji.ci95_atas < 0.0 {
        let item = |lang: Lang| {
            format!(
                "{}: {} {} {} ({} {} – {}; p {}; n = {} {})",
                lang.pick("kepuasan masyarakat (IKM)", "citizen satisfaction (IKM)"),
                lang.pick("selisih-dalam-selisih", "difference-in-differences"),
                number(ikm.estimasi_poin, 2, lang),
                lang.pick("poin", "points"),
                lang.pick("IK 95%", "95% CI"),
                number(ikm.uji.ci95_bawah, 2, lang),
                number(ikm.uji.ci95_atas, 2, lang),
                p_in(ikm.uji.p, lang),
                number(ikm.uji.n as f64, 0, lang),
                lang.pick("responden", "respondents"),
            )
        };
        items.push((item(Lang::Id), item(Lang::En), "skm.did".into()));
    }
    if items.is_empty() {
        return None;
    }
    let id: Vec<&str> = items.iter().map(|i| i.0.as_str()).collect();
    let en: Vec<&str> = items.iter().map(|i| i.1.as_str()).collect();
    let mut f = Finding::new(
        "kendala.penurunan",
        Jenis::Kendala,
        ["Ukuran yang memburuk secara bermakna", "Measures that significantly worsened"],
        [
            "{k} perbandingan bergerak ke arah yang tidak diharapkan secara bermakna (α = {alpha}): {daftar}. Penurunan ini perlu ditelusuri sebelum program diperluas.",
            "{k} comparisons moved significantly in the unwanted direction (α = {alpha}): {daftar}. These declines need to be traced before the programme is extended.",
        ],
    )
    .arg("k", Arg::Bulat(items.len()))
    .arg("alpha", Arg::Angka(alpha, 2))
    .arg("daftar", t2(&id.join("; "), &en.join("; ")));
    for (_, _, path) in items {
        f = f.bukti(path);
    }
    Some(f)
}
