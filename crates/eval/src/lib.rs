//! The evaluation: from a programme's data to figures, findings, constraints
//! and recommendations.
//!
//! Architecture invariant: pure. [`evaluate`] takes a [`ProgramData`] and a
//! [`Config`] and returns an [`Evaluasi`]; no I/O, no clock, no database
//! types. Numbers are unrounded (`NaN` becomes `null` in JSON); rounding and
//! language are the report's business. The rules that turn figures into
//! Kendala and Rekomendasi live in [`rules`].

pub mod banding;
pub mod berkala;
pub mod capaian;
pub mod cells;
pub mod did;
pub mod ikm;
pub mod kelengkapan;
pub mod kirkpatrick;
pub mod kualitas;
pub mod kualitatif;
pub mod monitoring;
pub mod perbandingan;
pub mod persetujuan;
pub mod privasi;
pub mod recommend;
pub mod rules;
pub mod wilayah;

use std::collections::{BTreeMap, HashMap, HashSet};

use monev_domain::{Arah, Date, Kelompok, ProgramData};
use monev_stats as stats;
use serde::Serialize;

pub use cells::Cells;
pub use ikm::{BobotIkm, Ikm, IkmAcc, Mutu};
pub use kirkpatrick::{InstrumentReliability, KinerjaAspek, KinerjaEval, ReaksiEval, ReaksiModul};
pub use rules::{Arg, Finding, Jenis};

/// Thresholds the evaluator may change. Defaults are stated in the report.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Config {
    pub bobot_ikm: BobotIkm,
    /// Participation target (%) when the programme states none.
    pub target_partisipasi_persen: f64,
    /// Budget realisation below this (%) is a constraint.
    pub realisasi_anggaran_min_persen: f64,
    /// Realisation at or above this (%) means the budget was used up.
    pub anggaran_habis_persen: f64,
    /// Mean N-gain below this is "rendah" (Hake).
    pub n_gain_rendah: f64,
    /// Significance level.
    pub alpha: f64,
    /// Share of participants without a post-test (%) above which completion is a constraint.
    pub putus_maks_persen: f64,
    /// Mean attendance (%) below which attendance is a constraint.
    pub kehadiran_min_persen: f64,
    /// With fewer instansi than this, DiD intervals come from the wild
    /// cluster bootstrap instead of CR1 with t(G − 1).
    pub min_klaster_tanpa_bootstrap: usize,
    pub bootstrap_replikasi: usize,
    /// Seed of every bootstrap: the same data and seed give the same figures.
    pub seed: u64,
    /// Cronbach's α at or above this counts as reliable (0,60 is the common
    /// Indonesian threshold; some use 0,70).
    pub alpha_reliabel: f64,
    /// A module whose share of participants rating it relevant (≥ 4) is
    /// below this (%) is flagged.
    pub relevan_min_persen: f64,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            bobot_ikm: BobotIkm::Tepat,
            target_partisipasi_persen: 80.0,
            realisasi_anggaran_min_persen: 80.0,
            anggaran_habis_persen: 95.0,
            n_gain_rendah: 0.3,
            alpha: 0.05,
            putus_maks_persen: 10.0,
            kehadiran_min_persen: 80.0,
            min_klaster_tanpa_bootstrap: 30,
            bootstrap_replikasi: 9_999,
            seed: 20_170_614,
            alpha_reliabel: 0.6,
            relevan_min_persen: 60.0,
        }
    }
}

/// Before or after the intervention date.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Fase {
    Sebelum,
    Sesudah,
}

impl Fase {
    /// The name the JSON uses.
    pub fn as_str(self) -> &'static str {
        match self {
            Fase::Sebelum => "sebelum",
            Fase::Sesudah => "sesudah",
        }
    }

    pub fn of(date: Date, intervention: Date) -> Fase {
        if date < intervention {
            Fase::Sebelum
        } else {
            Fase::Sesudah
        }
    }
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Evaluasi {
    pub versi_skema: u32,
    pub program: ProgramInfo,
    pub config: Config,
    pub jumlah: Jumlah,
    pub partisipasi: Partisipasi,
    /// Kirkpatrick level 1: reaction to each module.
    pub reaksi: ReaksiEval,
    pub pembelajaran: Pembelajaran,
    /// Kirkpatrick level 3: performance ratings at work.
    pub kinerja: KinerjaEval,
    /// Reliability and item validity of the instruments.
    pub instrumen: Vec<InstrumentReliability>,
    pub skm: Skm,
    pub layanan: LayananEval,
    pub anggaran: AnggaranEval,
    pub indikator: Vec<IndikatorEval>,
    /// The units compared fairly: funnel plots of IKM, waiting time and
    /// participation.
    pub perbandingan: perbandingan::Perbandingan,
    /// Results, constraints and recommendations, each with its evidence.
    pub temuan: Vec<Finding>,
    /// Interviews and their coding, and each finding's interview evidence.
    pub kualitatif: kualitatif::Kualitatif,
    /// Completeness, response rates and outliers of the sources (Keterbatasan).
    pub kualitas_data: kualitas::KualitasData,
    /// Breakdown rows withheld for resting on fewer than five respondents
    /// (`privasi::MIN_SEL`); only their size is kept.
    pub disembunyikan: Vec<privasi::SelDisembunyikan>,
    /// The review of the submissions the figures rest on, when they come
    /// from a store: how many were approved, not yet, or rejected (left
    /// out); with [`monev_domain::RingkasanTinjauan::sementara`] the figures are
    /// provisional. Absent for a package read straight from its files.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tinjauan: Option<monev_domain::RingkasanTinjauan>,
    /// The periods whose unit figures the kota approved, with the versions
    /// (a store's only). The evaluation itself is computed from today's
    /// data; the monitoring report of each period says whether they still
    /// equal the approved versions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub persetujuan: Option<Vec<persetujuan::PeriodeDisetujui>>,
}

impl Evaluasi {
    /// What an operator of one instansi may see: the programme-wide figures,
    /// the per-instansi breakdowns cut to their own instansi, and no finding
    /// that quotes other units' figures (those rest on a per-unit table,
    /// `…per_instansi` or `skm.sampel`, and carry arguments, e.g. the units
    /// of lowest participation).
    pub fn for_instansi(&self, kode: &str) -> Evaluasi {
        let mut e = self.clone();
        e.partisipasi.per_instansi.retain(|i| i.instansi == kode);
        e.skm.per_instansi.retain(|g| g.instansi == kode);
        e.layanan.per_instansi.retain(|g| g.instansi == kode);
        e.skm.sampel.retain(|s| s.instansi == kode);
        for f in [
            &mut e.perbandingan.ikm,
            &mut e.perbandingan.waktu_tunggu,
            &mut e.perbandingan.partisipasi,
        ] {
            f.unit.retain(|u| u.instansi == kode);
        }
        for k in &mut e.kualitatif.per_kode {
            k.per_instansi.retain(|(i, _)| i == kode);
        }
        // Withheld cells of other units are not theirs to see either.
        e.disembunyikan.retain(|h| {
            !h.bagian.ends_with(".per_instansi") || h.baris.split(' ').next() == Some(kode)
        });
        e.temuan.retain(|f| {
            f.args.is_empty()
                || !f
                    .bukti
                    .iter()
                    .any(|b| b.ends_with(".per_instansi") || b == "skm.sampel")
        });
        e
    }
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct ProgramInfo {
    pub kode: String,
    pub nama: String,
    pub wilayah: String,
    pub mulai: Date,
    pub selesai: Date,
    pub tanggal_intervensi: Date,
    pub pagu_anggaran: f64,
    pub evaluator: Option<String>,
    /// The programme's time zone (WIB, WITA, WIT): its local dates and
    /// times are shown in it.
    pub zona_waktu: monev_domain::ZonaWaktu,
    /// Cover and signature block of the report.
    pub laporan: monev_domain::PengaturanLaporan,
}

impl ProgramInfo {
    /// What a report says of `p`.
    pub fn of(p: &monev_domain::Program) -> ProgramInfo {
        ProgramInfo {
            kode: p.kode.clone(),
            nama: p.nama.clone(),
            wilayah: p.wilayah.clone(),
            mulai: p.mulai,
            selesai: p.selesai,
            tanggal_intervensi: p.tanggal_intervensi,
            pagu_anggaran: p.pagu_anggaran,
            evaluator: p.evaluator.clone(),
            zona_waktu: p.zona_waktu,
            laporan: p.laporan.clone(),
        }
    }
}

/// How much evidence there is.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Jumlah {
    pub instansi: usize,
    pub instansi_intervensi: usize,
    pub instansi_pembanding: usize,
    pub asn: usize,
    pub pelatihan: usize,
    pub peserta_baris: usize,
    pub skm: usize,
    pub layanan: usize,
    pub kinerja: usize,
    pub reaksi: usize,
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Partisipasi {
    pub per_instansi: Vec<PartisipasiInstansi>,
    /// All ASN of all instansi.
    pub total: PartisipasiTotal,
    /// ASN of intervention units only: what the target is about.
    pub intervensi: PartisipasiTotal,
    pub target_persen: f64,
    /// Mean attendance over participation rows that record it.
    pub kehadiran_rata_persen: f64,
    /// Participation rows with a pre-test but no post-test (did not finish).
    pub tidak_selesai: usize,
    pub tidak_selesai_persen: f64,
    /// Why ASN did not take part, from their survey.
    pub alasan: AlasanEval,
}

/// The non-participants' survey: how many answered, each reason's share of
/// them (several reasons may be picked), and who would join next time.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct AlasanEval {
    pub responden: usize,
    /// Most frequent first.
    pub per_alasan: Vec<AlasanN>,
    /// Of those who answered the question.
    pub bersedia_persen: f64,
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct AlasanN {
    pub kode: String,
    pub nama: String,
    pub nama_en: String,
    pub n: usize,
    pub persen: f64,
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct PartisipasiInstansi {
    pub instansi: String,
    pub nama: String,
    pub kelompok: Kelompok,
    pub asn: usize,
    /// Distinct NIPs of this instansi's ASN with a participation row.
    pub peserta: usize,
    pub persen: f64,
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct PartisipasiTotal {
    pub asn: usize,
    pub peserta: usize,
    pub persen: f64,
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Pembelajaran {
    pub per_pelatihan: Vec<PembelajaranModul>,
    /// Mean of the modules' mean N-gain, over the modules shown (after the
    /// small-cell rule) with a finite N-gain; the report's key figure.
    pub n_gain_rata_modul: f64,
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct PembelajaranModul {
    pub pelatihan: String,
    pub nama: String,
    pub bidang: String,
    pub jp: f64,
    /// Participation rows of this module.
    pub peserta: usize,
    /// Rows with both scores.
    pub n: usize,
    pub pre_rata: f64,
    pub post_rata: f64,
    pub selisih_rata: f64,
    /// Paired t of post − pre.
    pub t: f64,
    pub df: f64,
    /// Two-sided p of the paired t-test.
    pub p: f64,
    pub ci95_bawah: f64,
    pub ci95_atas: f64,
    /// Mean difference / SD of the differences.
    pub cohen_dz: f64,
    pub wilcoxon_statistik: f64,
    pub wilcoxon_p: f64,
    pub wilcoxon_metode: stats::WilcoxonMethod,
    /// Mean of (post − pre)/(100 − pre) over rows with pre < 100.
    pub n_gain_rata: f64,
    pub n_gain_n: usize,
    pub n_gain_kategori: Option<&'static str>,
    pub kehadiran_rata_persen: f64,
    /// Holm-adjusted p of the paired t-test, over the modules' family.
    pub p_holm: f64,
    /// Holm-adjusted Wilcoxon p, over the same family.
    pub wilcoxon_p_holm: f64,
    /// 95% interval of d_z (normal approximation).
    pub cohen_dz_ci95_bawah: f64,
    pub cohen_dz_ci95_atas: f64,
    /// Post-test above pre-test with the Holm-adjusted p below α.
    pub signifikan: bool,
    /// Fewer than 10 pairs, or the t-test and the Wilcoxon test disagree at
    /// α (the normality assumption is in doubt): say so rather than state it flatly.
    pub rapuh: bool,
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Skm {
    pub bobot: f64,
    pub per_instansi: Vec<SkmGroup>,
    /// Each kelompok before and after the intervention.
    pub per_kelompok: Vec<SkmGroup>,
    pub keseluruhan: Ikm,
    /// Difference-in-differences of the per-respondent index (mean of the
    /// answered unsur × 25) between kelompok, before and after.
    pub did: DidIkm,
    /// Each unit's respondents after the intervention against the sample
    /// its service population calls for.
    pub sampel: Vec<SampelSkm>,
}

/// An instansi's SKM sample after the intervention. The population is the
/// number of service users in that period, counted from the queue log.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct SampelSkm {
    pub instansi: String,
    pub nama: String,
    /// Queue tickets after the intervention; `null` without a queue log.
    pub populasi: Option<u64>,
    /// Krejcie & Morgan (χ² = 3,841, P = 0,5, d = 0,05), the size PermenPANRB
    /// 14/2017 points to.
    pub target_krejcie_morgan: Option<u64>,
    /// Slovin with e = 5%, for comparison.
    pub target_slovin: Option<u64>,
    /// SKM responses after the intervention.
    pub responden: u64,
    pub persen_target: Option<f64>,
    /// Responden ≥ the Krejcie–Morgan target; `null` without a population.
    pub cukup: Option<bool>,
}

/// Difference-in-differences of the SKM index, in index points (25–100),
/// clustered by instansi.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct DidIkm {
    /// Of the mean per-respondent index (mean of the answered unsur × 25).
    pub estimasi_poin: f64,
    #[serde(flatten)]
    pub uji: did::DidInference,
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct SkmGroup {
    /// Instansi code, or the kelompok for `per_kelompok`.
    pub instansi: String,
    pub kelompok: Kelompok,
    pub fase: Fase,
    #[serde(flatten)]
    pub ikm: Ikm,
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct LayananEval {
    pub per_instansi: Vec<TungguGroup>,
    pub per_kelompok: Vec<TungguGroup>,
    pub did: Did,
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct TungguGroup {
    pub instansi: String,
    pub kelompok: Kelompok,
    pub fase: Fase,
    pub n: usize,
    pub tunggu_rata_menit: f64,
    pub tunggu_median_menit: f64,
    pub tunggu_p90_menit: f64,
    pub tunggu_sd_menit: f64,
}

/// Difference-in-differences of mean waiting minutes, clustered by instansi.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Did {
    /// (intervensi after − before) − (pembanding after − before), minutes.
    pub estimasi_menit: f64,
    #[serde(flatten)]
    pub uji: did::DidInference,
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct AnggaranEval {
    pub pagu: f64,
    pub realisasi: f64,
    pub persen_realisasi: f64,
    pub per_kegiatan: Vec<AnggaranKegiatan>,
    /// Σ over participation rows of the module's cost per participant.
    pub biaya_pelatihan: f64,
    pub biaya_per_peserta: f64,
    pub biaya_per_jp: f64,
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct AnggaranKegiatan {
    pub kegiatan: String,
    pub pagu: f64,
    pub realisasi: f64,
    pub persen_realisasi: f64,
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct IndikatorEval {
    pub kode: String,
    pub nama: String,
    pub ukuran: String,
    pub baseline: f64,
    pub target: f64,
    pub arah: Arah,
    pub realisasi: f64,
    /// `paket` when the package gave it, `dihitung` when computed here.
    pub sumber: &'static str,
    /// (realisasi − baseline) / (target − baseline) × 100.
    pub capaian_persen: f64,
    pub tercapai: Option<bool>,
}

fn pct(a: usize, b: usize) -> f64 {
    if b == 0 {
        f64::NAN
    } else {
        a as f64 / b as f64 * 100.0
    }
}

/// Evaluates one programme.
pub fn evaluate(data: &ProgramData, cfg: &Config) -> Evaluasi {
    evaluate_with(data, cfg, recommend::Rules::baku())
}

/// [`evaluate`] with the evaluator's own recommendation rules.
pub fn evaluate_with(data: &ProgramData, cfg: &Config, rules: &recommend::Rules) -> Evaluasi {
    run(data, Some(&Cells::of(data)), cfg, rules)
}

/// Evaluates a programme whose SKM questionnaires and queue tickets come as
/// [`Cells`] (read straight from a file or grouped by a database);
/// `data.skm` and `data.layanan` are not read and may be empty.
pub fn evaluate_cells(
    data: &ProgramData,
    cells: &Cells,
    cfg: &Config,
    rules: &recommend::Rules,
) -> Evaluasi {
    run(data, Some(cells), cfg, rules)
}

/// The evaluation computed row by row, as it was before [`Cells`]: kept as
/// the test oracle of the grouped path (the two agree to 1e-12 relative).
pub fn evaluate_rows(data: &ProgramData, cfg: &Config, rules: &recommend::Rules) -> Evaluasi {
    run(data, None, cfg, rules)
}

fn run(
    data: &ProgramData,
    cells: Option<&Cells>,
    cfg: &Config,
    rules: &recommend::Rules,
) -> Evaluasi {
    let p = &data.program;
    let kelompok: HashMap<&str, Kelompok> = data
        .instansi
        .iter()
        .map(|i| (i.kode.as_str(), i.kelompok))
        .collect();
    let partisipasi = partisipasi(data, cfg);
    let perbandingan = match cells {
        Some(c) => perbandingan::perbandingan(c, &partisipasi, cfg.bobot_ikm),
        None => perbandingan::perbandingan(&Cells::of(data), &partisipasi, cfg.bobot_ikm),
    };
    let pembelajaran = pembelajaran(data, cfg);
    let (skm, layanan) = match cells {
        Some(c) => (
            cells::skm(data, c, cfg, &kelompok),
            cells::layanan(data, c, cfg, &kelompok),
        ),
        None => (skm(data, cfg, &kelompok), layanan(data, cfg, &kelompok)),
    };
    let anggaran = anggaran(data);
    let jumlah = Jumlah {
        instansi: data.instansi.len(),
        instansi_intervensi: data
            .instansi
            .iter()
            .filter(|i| i.kelompok == Kelompok::Intervensi)
            .count(),
        instansi_pembanding: data
            .instansi
            .iter()
            .filter(|i| i.kelompok == Kelompok::Pembanding)
            .count(),
        asn: data.asn.len(),
        pelatihan: data.pelatihan.len(),
        peserta_baris: data.peserta.len(),
        skm: cells.map_or(data.skm.len(), Cells::skm_n),
        layanan: cells.map_or(data.layanan.len(), Cells::tickets_n),
        kinerja: data.kinerja.len(),
        reaksi: data.reaksi.len(),
    };
    let mut e = Evaluasi {
        versi_skema: 1,
        program: ProgramInfo::of(p),
        config: cfg.clone(),
        jumlah,
        partisipasi,
        reaksi: kirkpatrick::reaksi(data),
        pembelajaran,
        kinerja: kirkpatrick::kinerja(data, cfg),
        instrumen: kirkpatrick::instrumen(
            data,
            match cells {
                Some(c) => cells::skm_reliability(c),
                None => kirkpatrick::skm_reliability(data),
            },
            cfg,
        ),
        skm,
        layanan,
        anggaran,
        indikator: Vec::new(),
        perbandingan,
        temuan: Vec::new(),
        kualitatif: kualitatif::Kualitatif::default(),
        kualitas_data: kualitas::KualitasData::default(),
        disembunyikan: Vec::new(),
        tinjauan: data.tinjauan,
        persetujuan: persetujuan::by_period(data),
    };
    // Before any finding, so none quotes a withheld row.
    e.disembunyikan = privasi::suppress(&mut e);
    // From the modules that remain: a mean over withheld modules would
    // give a withheld module's figure back.
    e.pembelajaran.n_gain_rata_modul = n_gain_rata_modul(&e.pembelajaran.per_pelatihan);
    // Indicators computed from what is shown, for the same reason.
    e.indikator = indikator(
        data,
        &e.partisipasi,
        &e.pembelajaran,
        &e.skm,
        &e.layanan,
        &e.anggaran,
    );
    e.temuan = rules::apply(&e);
    let mut recommendations = rules.apply(&e, &e.temuan);
    recommend::decide(&mut recommendations, &data.keputusan_rekomendasi);
    e.temuan.extend(recommendations);
    e.kualitatif = kualitatif::evaluate(data, &e.temuan);
    e.disembunyikan.extend(privasi::qualitative(data));
    e.kualitas_data = kualitas::evaluate(
        data,
        match cells {
            Some(c) => cells::quality(c),
            None => kualitas::quality(data),
        },
    );
    e
}

fn partisipasi(data: &ProgramData, cfg: &Config) -> Partisipasi {
    let asn_instansi: HashMap<&str, &str> = data
        .asn
        .iter()
        .map(|a| (a.nip.as_str(), a.instansi.as_str()))
        .collect();
    let took_part: HashSet<&str> = data.peserta.iter().map(|p| p.nip.as_str()).collect();
    let mut per_instansi = Vec::new();
    let (mut all, mut all_p, mut iv, mut iv_p) = (0, 0, 0, 0);
    for i in &data.instansi {
        let asn = data.asn.iter().filter(|a| a.instansi == i.kode).count();
        let peserta = data
            .asn
            .iter()
            .filter(|a| a.instansi == i.kode && took_part.contains(a.nip.as_str()))
            .count();
        all += asn;
        all_p += peserta;
        if i.kelompok == Kelompok::Intervensi {
            iv += asn;
            iv_p += peserta;
        }
        per_instansi.push(PartisipasiInstansi {
            instansi: i.kode.clone(),
            nama: i.nama.clone(),
            kelompok: i.kelompok,
            asn,
            peserta,
            persen: pct(peserta, asn),
        });
    }
    let _ = asn_instansi;
    let kehadiran: Vec<f64> = data
        .peserta
        .iter()
        .filter_map(|p| p.kehadiran_persen)
        .collect();
    let started = data.peserta.iter().filter(|p| p.pre_test.is_some()).count();
    let tidak_selesai = data
        .peserta
        .iter()
        .filter(|p| p.pre_test.is_some() && p.post_test.is_none())
        .count();
    Partisipasi {
        per_instansi,
        total: PartisipasiTotal {
            asn: all,
            peserta: all_p,
            persen: pct(all_p, all),
        },
        intervensi: PartisipasiTotal {
            asn: iv,
            peserta: iv_p,
            persen: pct(iv_p, iv),
        },
        target_persen: data
            .program
            .target_partisipasi_persen
            .unwrap_or(cfg.target_partisipasi_persen),
        kehadiran_rata_persen: stats::mean(&kehadiran),
        tidak_selesai,
        tidak_selesai_persen: pct(tidak_selesai, started),
        alasan: alasan(data),
    }
}

fn alasan(data: &ProgramData) -> AlasanEval {
    let responden = data.nonpeserta.len();
    let mut per_alasan: Vec<AlasanN> = monev_domain::ALASAN_NONPESERTA
        .iter()
        .map(|(kode, id, en)| {
            let n = data
                .nonpeserta
                .iter()
                .filter(|a| a.alasan.iter().any(|x| x == kode))
                .count();
            AlasanN {
                kode: kode.to_string(),
                nama: id.to_string(),
                nama_en: en.to_string(),
                n,
                persen: pct(n, responden),
            }
        })
        .collect();
    // Stable: equal counts keep the questionnaire's order.
    per_alasan.sort_by_key(|a| std::cmp::Reverse(a.n));
    let answered: Vec<&str> = data
        .nonpeserta
        .iter()
        .filter_map(|a| a.minat.as_deref())
        .collect();
    AlasanEval {
        responden,
        per_alasan,
        bersedia_persen: pct(
            answered.iter().filter(|m| **m == "ya").count(),
            answered.len(),
        ),
    }
}

/// Hake's category of a mean N-gain.
pub fn n_gain_kategori(g: f64) -> Option<&'static str> {
    stats::hake_category(g)
}

fn pembelajaran(data: &ProgramData, cfg: &Config) -> Pembelajaran {
    let mut per_pelatihan = Vec::new();
    for m in &data.pelatihan {
        let rows: Vec<_> = data
            .peserta
            .iter()
            .filter(|p| p.pelatihan == m.kode)
            .collect();
        let pairs: Vec<(f64, f64)> = rows
            .iter()
            .filter_map(|p| Some((p.pre_test?, p.post_test?)))
            .collect();
        let pre: Vec<f64> = pairs.iter().map(|x| x.0).collect();
        let post: Vec<f64> = pairs.iter().map(|x| x.1).collect();
        let t = stats::paired_t(&pre, &post);
        let w = stats::wilcoxon_signed_rank(&pre, &post);
        let gains: Vec<f64> = pairs
            .iter()
            .filter_map(|&(a, b)| stats::n_gain(a, b, 100.0))
            .collect();
        let g = stats::mean(&gains);
        let hadir: Vec<f64> = rows.iter().filter_map(|p| p.kehadiran_persen).collect();
        let dz = stats::cohen_dz(&pre, &post);
        per_pelatihan.push(PembelajaranModul {
            pelatihan: m.kode.clone(),
            nama: m.nama.clone(),
            bidang: m.bidang.clone(),
            jp: m.jp,
            peserta: rows.len(),
            n: pairs.len(),
            pre_rata: stats::mean(&pre),
            post_rata: stats::mean(&post),
            selisih_rata: t.estimate,
            t: t.t,
            df: t.df,
            p: t.p,
            ci95_bawah: t.ci95.0,
            ci95_atas: t.ci95.1,
            cohen_dz: dz.value,
            cohen_dz_ci95_bawah: dz.ci95.0,
            cohen_dz_ci95_atas: dz.ci95.1,
            p_holm: f64::NAN,
            wilcoxon_p_holm: f64::NAN,
            signifikan: false,
            rapuh: pairs.len() < 10 || (t.p < cfg.alpha) != (w.p < cfg.alpha),
            wilcoxon_statistik: w.statistic,
            wilcoxon_p: w.p,
            wilcoxon_metode: w.method,
            n_gain_rata: g,
            n_gain_n: gains.len(),
            n_gain_kategori: n_gain_kategori(g),
            kehadiran_rata_persen: stats::mean(&hadir),
        });
    }
    // The modules are one family of tests: adjust by Holm.
    let ps: Vec<f64> = per_pelatihan.iter().map(|m| m.p).collect();
    let ws: Vec<f64> = per_pelatihan.iter().map(|m| m.wilcoxon_p).collect();
    for (m, (p, w)) in per_pelatihan
        .iter_mut()
        .zip(stats::holm(&ps).into_iter().zip(stats::holm(&ws)))
    {
        m.p_holm = p;
        m.wilcoxon_p_holm = w;
        m.signifikan = p < cfg.alpha && m.selisih_rata > 0.0;
    }
    Pembelajaran {
        per_pelatihan,
        n_gain_rata_modul: f64::NAN,
    }
}

/// Mean of the modules' mean N-gain (finite ones).
fn n_gain_rata_modul(modules: &[PembelajaranModul]) -> f64 {
    let gains: Vec<f64> = modules
        .iter()
        .map(|m| m.n_gain_rata)
        .filter(|g| g.is_finite())
        .collect();
    stats::mean(&gains)
}

fn skm(data: &ProgramData, cfg: &Config, kelompok: &HashMap<&str, Kelompok>) -> Skm {
    let ti = data.program.tanggal_intervensi;
    let mut by_unit: BTreeMap<(String, Fase), IkmAcc> = BTreeMap::new();
    let mut by_group: BTreeMap<(Kelompok, Fase), IkmAcc> = BTreeMap::new();
    let mut all = IkmAcc::default();
    let mut index = did::DidData::default();
    for r in &data.skm {
        let fase = Fase::of(r.tanggal, ti);
        let k = kelompok
            .get(r.instansi.as_str())
            .copied()
            .unwrap_or(Kelompok::Intervensi);
        let answered: Vec<f64> = r
            .jawaban
            .iter()
            .flatten()
            .map(|v| f64::from(v.value()))
            .collect();
        if !answered.is_empty() {
            index.push(
                stats::mean(&answered) * 25.0,
                k,
                fase,
                cluster_of(data, &r.instansi),
            );
        }
        by_unit
            .entry((r.instansi.clone(), fase))
            .or_default()
            .add(&r.jawaban);
        by_group.entry((k, fase)).or_default().add(&r.jawaban);
        all.add(&r.jawaban);
    }
    let per_instansi = by_unit
        .into_iter()
        .map(|((instansi, fase), acc)| SkmGroup {
            kelompok: kelompok
                .get(instansi.as_str())
                .copied()
                .unwrap_or(Kelompok::Intervensi),
            instansi,
            fase,
            ikm: acc.result(cfg.bobot_ikm),
        })
        .collect();
    let per_kelompok = by_group
        .into_iter()
        .map(|((k, fase), acc)| SkmGroup {
            instansi: k.code().to_string(),
            kelompok: k,
            fase,
            ikm: acc.result(cfg.bobot_ikm),
        })
        .collect();
    let (estimasi_poin, uji) = did::estimate(&index, cfg);
    Skm {
        bobot: cfg.bobot_ikm.value(),
        per_instansi,
        per_kelompok,
        keseluruhan: all.result(cfg.bobot_ikm),
        did: DidIkm { estimasi_poin, uji },
        sampel: sampel(data),
    }
}

fn sampel(data: &ProgramData) -> Vec<SampelSkm> {
    let ti = data.program.tanggal_intervensi;
    let mut tickets: HashMap<&str, u64> = HashMap::new();
    for l in &data.layanan {
        if Fase::of(l.waktu_datang.date(), ti) == Fase::Sesudah {
            *tickets.entry(&*l.instansi).or_default() += 1;
        }
    }
    let mut answers: HashMap<&str, u64> = HashMap::new();
    for r in &data.skm {
        if Fase::of(r.tanggal, ti) == Fase::Sesudah {
            *answers.entry(r.instansi.as_str()).or_default() += 1;
        }
    }
    data.instansi
        .iter()
        .map(|i| {
            SampelSkm::new(
                i,
                tickets.get(i.kode.as_str()).copied(),
                answers.get(i.kode.as_str()).copied().unwrap_or(0),
            )
        })
        .collect()
}

impl SampelSkm {
    /// The sample of an instansi whose population (tickets after the
    /// intervention) is `populasi` and who returned `responden` questionnaires.
    fn new(i: &monev_domain::Instansi, populasi: Option<u64>, responden: u64) -> SampelSkm {
        let km = populasi.map(stats::sample::krejcie_morgan);
        SampelSkm {
            instansi: i.kode.clone(),
            nama: i.nama.clone(),
            populasi,
            target_krejcie_morgan: km,
            target_slovin: populasi.map(|n| stats::sample::slovin(n, 0.05)),
            responden,
            persen_target: km
                .filter(|&k| k > 0)
                .map(|k| responden as f64 / k as f64 * 100.0),
            cukup: km.map(|k| responden >= k),
        }
    }
}

/// The cluster number of an instansi: its position in the roster.
fn cluster_of(data: &ProgramData, kode: &str) -> usize {
    data.instansi
        .iter()
        .position(|i| i.kode == kode)
        .unwrap_or(usize::MAX)
}

fn tunggu_group(instansi: String, kelompok: Kelompok, fase: Fase, minutes: &[f64]) -> TungguGroup {
    let s = stats::summary(minutes);
    TungguGroup {
        instansi,
        kelompok,
        fase,
        n: s.n,
        tunggu_rata_menit: s.mean,
        tunggu_median_menit: s.median,
        tunggu_p90_menit: s.p90,
        tunggu_sd_menit: s.sd,
    }
}

fn layanan(data: &ProgramData, cfg: &Config, kelompok: &HashMap<&str, Kelompok>) -> LayananEval {
    let ti = data.program.tanggal_intervensi;
    let mut tickets = did::DidData::default();
    let mut by_unit: BTreeMap<(&str, Fase), Vec<f64>> = BTreeMap::new();
    let mut by_group: BTreeMap<(Kelompok, Fase), Vec<f64>> = BTreeMap::new();
    for l in &data.layanan {
        let fase = Fase::of(l.waktu_datang.date(), ti);
        let k = kelompok
            .get(&*l.instansi)
            .copied()
            .unwrap_or(Kelompok::Intervensi);
        let m = l.tunggu_menit();
        tickets.push(m, k, fase, cluster_of(data, &l.instansi));
        by_unit.entry((&*l.instansi, fase)).or_default().push(m);
        by_group.entry((k, fase)).or_default().push(m);
    }
    let per_instansi = by_unit
        .iter()
        .map(|((i, f), v)| {
            tunggu_group(
                i.to_string(),
                kelompok.get(i).copied().unwrap_or(Kelompok::Intervensi),
                *f,
                v,
            )
        })
        .collect();
    let per_kelompok: Vec<TungguGroup> = by_group
        .iter()
        .map(|((k, f), v)| tunggu_group(k.code().to_string(), *k, *f, v))
        .collect();
    // Millions of minutes each: gone before the regression and bootstrap.
    drop((by_unit, by_group));
    let (estimasi_menit, uji) = did::estimate(&tickets, cfg);
    LayananEval {
        per_instansi,
        per_kelompok,
        did: Did {
            estimasi_menit,
            uji,
        },
    }
}

fn anggaran(data: &ProgramData) -> AnggaranEval {
    let pagu: f64 = data.anggaran.iter().map(|a| a.pagu).sum();
    let realisasi: f64 = data.anggaran.iter().map(|a| a.realisasi).sum();
    let per_kegiatan = data
        .anggaran
        .iter()
        .map(|a| AnggaranKegiatan {
            kegiatan: a.kegiatan.clone(),
            pagu: a.pagu,
            realisasi: a.realisasi,
            persen_realisasi: if a.pagu > 0.0 {
                a.realisasi / a.pagu * 100.0
            } else {
                f64::NAN
            },
        })
        .collect();
    let cost: HashMap<&str, (f64, f64)> = data
        .pelatihan
        .iter()
        .map(|m| (m.kode.as_str(), (m.biaya_per_peserta, m.jp)))
        .collect();
    let (mut biaya, mut jp) = (0.0, 0.0);
    for p in &data.peserta {
        if let Some((c, j)) = cost.get(p.pelatihan.as_str()) {
            biaya += c;
            jp += j;
        }
    }
    let people: HashSet<&str> = data.peserta.iter().map(|p| p.nip.as_str()).collect();
    AnggaranEval {
        pagu,
        realisasi,
        persen_realisasi: if pagu > 0.0 {
            realisasi / pagu * 100.0
        } else {
            f64::NAN
        },
        per_kegiatan,
        biaya_pelatihan: biaya,
        biaya_per_peserta: if people.is_empty() {
            f64::NAN
        } else {
            biaya / people.len() as f64
        },
        biaya_per_jp: if jp > 0.0 { biaya / jp } else { f64::NAN },
    }
}

fn indikator(
    data: &ProgramData,
    part: &Partisipasi,
    belajar: &Pembelajaran,
    skm: &Skm,
    layanan: &LayananEval,
    anggaran: &AnggaranEval,
) -> Vec<IndikatorEval> {
    let ikm_after = skm
        .per_kelompok
        .iter()
        .find(|g| g.kelompok == Kelompok::Intervensi && g.fase == Fase::Sesudah)
        .map(|g| g.ikm.ikm);
    data.indikator
        .iter()
        .map(|i| {
            let computed = match i.kode.to_lowercase().as_str() {
                "ikm" => ikm_after,
                "waktu_tunggu" => Some(layanan.did.uji.intervensi_sesudah),
                "partisipasi" => Some(part.intervensi.persen),
                "n_gain" => Some(belajar.n_gain_rata_modul),
                "realisasi_anggaran" => Some(anggaran.persen_realisasi),
                _ => None,
            };
            let (realisasi, sumber) = match (i.realisasi, computed) {
                (Some(v), _) => (v, "paket"),
                (None, Some(v)) => (v, "dihitung"),
                (None, None) => (f64::NAN, "tidak ada"),
            };
            let capaian = if i.target != i.baseline {
                (realisasi - i.baseline) / (i.target - i.baseline) * 100.0
            } else {
                f64::NAN
            };
            let met = match i.arah {
                Arah::Naik => realisasi >= i.target,
                Arah::Turun => realisasi <= i.target,
            };
            let tercapai = realisasi.is_finite().then_some(met);
            IndikatorEval {
                kode: i.kode.clone(),
                nama: i.nama.clone(),
                ukuran: i.ukuran.clone(),
                baseline: i.baseline,
                target: i.target,
                arah: i.arah,
                realisasi,
                sumber,
                capaian_persen: capaian,
                tercapai,
            }
        })
        .collect()
}
