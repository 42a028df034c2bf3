//! The quarterly monitoring report's figures (*Laporan Monitoring
//! Triwulan*; monthly or half-yearly when the programme reports so): for
//! one period, realisation against plan (`capaian`), the early warnings,
//! what changed since the period before, the IKM and the waiting time of
//! each unit in this period and the one before, and the weekly waiting
//! time as a run chart (`berkala`).
//!
//! - **A change in a unit's IKM** is the difference between the two
//!   periods with its 95% interval, d ± 1,96 · √(s₁²/n₁ + s₂²/n₂) (s the
//!   spread of respondents' scores in each period, n its questionnaires
//!   with an answer), and a two-sided normal
//!   p; the p-values of the units are adjusted together by Holm's method,
//!   and a change is called significant when the adjusted p is under
//!   0,05. The programme's own change is tested alone.
//! - **The budget's financial capaian** sums the programme's lines
//!   (without the units' own lines): realisation and plan to the end of
//!   the period, as `anggaran_periode.csv` states them (cumulative).

use serde::Serialize;

use monev_domain::{Date, Periode, ProgramData};
use monev_stats as stats;

use crate::berkala::{Deret, RunChart, TitikIkm, TitikTunggu, Z95, periods_until};
use crate::capaian::{self, Ambang, Realisasi, Status};
use crate::ikm::BobotIkm;
use crate::{Config, ProgramInfo};

/// How many lines or indicators stand at each status.
#[derive(Debug, Clone, Default, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Hitungan {
    pub sesuai_rencana: usize,
    pub tertinggal: usize,
    pub jauh_tertinggal: usize,
    pub belum_dilaporkan: usize,
}

impl Hitungan {
    fn of(statuses: impl Iterator<Item = Status>) -> Hitungan {
        let mut h = Hitungan::default();
        for s in statuses {
            match s {
                Status::SesuaiRencana => h.sesuai_rencana += 1,
                Status::Tertinggal => h.tertinggal += 1,
                Status::JauhTertinggal => h.jauh_tertinggal += 1,
                Status::BelumDilaporkan => h.belum_dilaporkan += 1,
            }
        }
        h
    }
    /// Behind or far behind.
    pub fn peringatan(&self) -> usize {
        self.tertinggal + self.jauh_tertinggal
    }
}

/// The period at a glance.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Ringkasan {
    pub anggaran: Hitungan,
    pub indikator: Hitungan,
    /// Σ planned money of the programme's lines to the end of the period.
    pub rencana_keuangan: f64,
    /// Σ realised money of the lines that reported.
    pub realisasi_keuangan: f64,
    /// realisasi / rencana × 100 over the lines that reported both.
    pub capaian_keuangan_persen: Option<f64>,
    /// The programme's ceiling (`program.csv` `pagu_anggaran`).
    pub pagu_anggaran: f64,
    /// Realised money as a share of the ceiling.
    pub serapan_pagu_persen: Option<f64>,
}

/// What a budget line or an indicator is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum JenisBaris {
    Anggaran,
    Indikator,
}

/// A line whose status changed since the period before.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Perubahan {
    pub jenis: JenisBaris,
    /// The budget line (kegiatan) or the indicator's code.
    pub kode: String,
    pub nama: String,
    pub instansi: Option<String>,
    pub sebelumnya: Status,
    pub sekarang: Status,
    /// Better now (towards on track).
    pub membaik: bool,
}

/// A unit's IKM this period and the one before.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct IkmPeriode {
    pub instansi: Option<String>,
    pub nama: String,
    pub sekarang: TitikIkm,
    pub sebelumnya: TitikIkm,
    /// Now − before.
    pub selisih: Option<f64>,
    pub selang_selisih_95: Option<[f64; 2]>,
    pub p: Option<f64>,
    /// Holm-adjusted across units (the programme's line: `p` itself).
    pub p_holm: Option<f64>,
    pub bermakna: bool,
}

/// A unit's waiting time this period and the one before.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct TungguPeriode {
    pub instansi: Option<String>,
    pub nama: String,
    pub sekarang: TitikTunggu,
    pub sebelumnya: TitikTunggu,
}

/// Participation by the end of a period: the intervention units' ASN and
/// those of them who had started a training module by then.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct TitikPartisipasi {
    pub periode: Periode,
    pub asn: usize,
    pub peserta: usize,
    pub persen: Option<f64>,
    /// Wilson's 95% interval, in percent.
    pub selang_95: Option<[f64; 2]>,
}

/// Participation at the end of each period from the programme's start to
/// `until`: an ASN of an intervention unit counts from the period their
/// first module started (`peserta.csv` `tanggal_mulai`; a row without a
/// date counts from the programme's start).
pub fn participation_series(data: &ProgramData, until: Periode) -> Vec<TitikPartisipasi> {
    use std::collections::HashMap;
    let intervention: std::collections::HashSet<&str> = data
        .instansi
        .iter()
        .filter(|i| i.kelompok == monev_domain::Kelompok::Intervensi)
        .map(|i| i.kode.as_str())
        .collect();
    let roster: Vec<&str> = data
        .asn
        .iter()
        .filter(|a| intervention.contains(a.instansi.as_str()))
        .map(|a| a.nip.as_str())
        .collect();
    let mut first: HashMap<&str, Date> = HashMap::new();
    for p in &data.peserta {
        let d = p.tanggal_mulai.unwrap_or(data.program.mulai);
        first
            .entry(p.nip.as_str())
            .and_modify(|e| *e = (*e).min(d))
            .or_insert(d);
    }
    periods_until(data.program.mulai, until, data.program.periode)
        .into_iter()
        .map(|periode| {
            let end = periode.selesai();
            let peserta = roster
                .iter()
                .filter(|n| first.get(*n).is_some_and(|d| *d <= end))
                .count();
            let n = roster.len();
            TitikPartisipasi {
                periode,
                asn: n,
                peserta,
                persen: (n > 0).then(|| peserta as f64 / n as f64 * 100.0),
                selang_95: (n > 0).then(|| crate::banding::wilson(peserta, n)),
            }
        })
        .collect()
}

/// The monitoring report of one period.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Monitoring {
    pub versi_skema: u32,
    pub program: ProgramInfo,
    pub jenis_periode: monev_domain::JenisPeriode,
    pub periode: Periode,
    pub mulai: Date,
    pub selesai: Date,
    pub sebelumnya: Periode,
    pub ringkasan: Ringkasan,
    pub realisasi: Realisasi,
    /// Lines and indicators whose status changed, worst now first.
    pub perubahan: Vec<Perubahan>,
    /// The programme first, then each unit.
    pub ikm: Vec<IkmPeriode>,
    pub tunggu: Vec<TungguPeriode>,
    /// The programme's IKM in every period from the start to this one.
    pub deret_ikm: Vec<TitikIkm>,
    /// Participation of the intervention units' ASN at the end of every
    /// period from the start to this one.
    pub deret_partisipasi: Vec<TitikPartisipasi>,
    /// The programme's weekly median wait from its start to the end of
    /// the period.
    pub run_tunggu: RunChart,
    /// Units whose weekly run chart shows a signal that reaches into
    /// this period.
    pub run_tunggu_unit: Vec<RunChart>,
    /// The review of the programme's submissions (a store's only): with
    /// [`monev_domain::RingkasanTinjauan::sementara`] the figures are
    /// provisional.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tinjauan: Option<monev_domain::RingkasanTinjauan>,
    /// Where each unit's figures of the period stand in their approval (a
    /// store's only): the version the kota approved, and whether today's
    /// figures are still those.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub persetujuan: Option<Vec<crate::persetujuan::StatusUnit>>,
}

fn change(now: &TitikIkm, before: &TitikIkm) -> (Option<f64>, Option<[f64; 2]>, Option<f64>) {
    let (Some(a), Some(b), Some(sa), Some(sb)) =
        (now.ikm, before.ikm, now.galat_baku, before.galat_baku)
    else {
        return (None, None, None);
    };
    let d = a - b;
    let se = (sa * sa + sb * sb).sqrt();
    if se.is_nan() || se <= 0.0 {
        return (Some(d), None, None);
    }
    let p = stats::normal_two_sided_p(d / se);
    (Some(d), Some([d - Z95 * se, d + Z95 * se]), Some(p))
}

/// The monitoring report of `periode`.
pub fn monitoring(
    data: &ProgramData,
    deret: &Deret,
    periode: Periode,
    ambang: Ambang,
    cfg: &Config,
) -> Monitoring {
    let realisasi = capaian::realisasi(data, periode, ambang);
    let bobot: BobotIkm = cfg.bobot_ikm;
    let sebelumnya = periode.previous();
    let programme_lines = || realisasi.anggaran.iter().filter(|a| a.instansi.is_none());
    let rencana: f64 = programme_lines().filter_map(|a| a.rencana_keuangan).sum();
    let (mut plan_reported, mut real) = (0.0, 0.0);
    for a in programme_lines() {
        if let (Some(p), Some(r)) = (a.rencana_keuangan, a.realisasi_keuangan) {
            plan_reported += p;
            real += r;
        }
    }
    let ringkasan = Ringkasan {
        anggaran: Hitungan::of(realisasi.anggaran.iter().map(|a| a.status)),
        indikator: Hitungan::of(realisasi.indikator.iter().map(|i| i.status)),
        rencana_keuangan: rencana,
        realisasi_keuangan: real,
        capaian_keuangan_persen: (plan_reported > 0.0).then(|| real / plan_reported * 100.0),
        pagu_anggaran: data.program.pagu_anggaran,
        serapan_pagu_persen: (data.program.pagu_anggaran > 0.0)
            .then(|| real / data.program.pagu_anggaran * 100.0),
    };

    let kegiatan_name = |k: &str| k.to_string();
    let mut perubahan: Vec<Perubahan> = realisasi
        .anggaran
        .iter()
        .filter_map(|a| {
            let before = a.status_sebelumnya?;
            (before != a.status).then(|| Perubahan {
                jenis: JenisBaris::Anggaran,
                kode: a.kegiatan.clone(),
                nama: kegiatan_name(&a.kegiatan),
                instansi: a.instansi.clone(),
                sebelumnya: before,
                sekarang: a.status,
                membaik: better(a.status, before),
            })
        })
        .chain(realisasi.indikator.iter().filter_map(|i| {
            let before = i.status_sebelumnya?;
            (before != i.status).then(|| Perubahan {
                jenis: JenisBaris::Indikator,
                kode: i.indikator.clone(),
                nama: i.nama.clone(),
                instansi: i.instansi.clone(),
                sebelumnya: before,
                sekarang: i.status,
                membaik: better(i.status, before),
            })
        }))
        .collect();
    perubahan.sort_by(|a, b| {
        (b.sekarang, a.jenis as u8, &a.kode, &a.instansi).cmp(&(
            a.sekarang,
            b.jenis as u8,
            &b.kode,
            &b.instansi,
        ))
    });

    let name = |kode: Option<&str>| match kode {
        None => String::new(),
        Some(k) => data
            .instansi
            .iter()
            .find(|i| i.kode == k)
            .map_or_else(|| k.to_string(), |i| i.nama.clone()),
    };
    let mut units: Vec<Option<&str>> = vec![None];
    let mut codes: Vec<&str> = data.instansi.iter().map(|i| i.kode.as_str()).collect();
    for u in deret.units() {
        if !codes.contains(&u) {
            codes.push(u);
        }
    }
    codes.sort_unstable();
    units.extend(codes.iter().map(|c| Some(*c)));

    let mut ikm: Vec<IkmPeriode> = units
        .iter()
        .map(|u| {
            let now = deret.ikm(*u, periode, bobot);
            let before = deret.ikm(*u, sebelumnya, bobot);
            let (selisih, selang, p) = change(&now, &before);
            IkmPeriode {
                instansi: u.map(str::to_string),
                nama: name(*u),
                sekarang: now,
                sebelumnya: before,
                selisih,
                selang_selisih_95: selang,
                p,
                p_holm: None,
                bermakna: false,
            }
        })
        .collect();
    // Holm across the units (not the programme's line).
    let ps: Vec<f64> = ikm[1..].iter().map(|r| r.p.unwrap_or(f64::NAN)).collect();
    let adjusted = stats::holm(&ps);
    ikm[0].p_holm = ikm[0].p;
    for (r, a) in ikm[1..].iter_mut().zip(adjusted) {
        r.p_holm = r.p.map(|_| a);
    }
    for r in &mut ikm {
        r.bermakna = r.p_holm.is_some_and(|p| p < 0.05);
    }

    let tunggu = units
        .iter()
        .map(|u| TungguPeriode {
            instansi: u.map(str::to_string),
            nama: name(*u),
            sekarang: deret.tunggu(*u, periode),
            sebelumnya: deret.tunggu(*u, sebelumnya),
        })
        .collect();

    let deret_ikm = periods_until(data.program.mulai, periode, data.program.periode)
        .into_iter()
        .map(|p| deret.ikm(None, p, bobot))
        .collect();
    let from = data.program.mulai;
    let to = periode.selesai();
    let run_tunggu = deret.run_chart(None, from, to);
    let run_tunggu_unit = codes
        .iter()
        .map(|c| deret.run_chart(Some(c), from, to))
        .filter(|r| r.sinyal.iter().any(|s| s.sampai >= periode.mulai()))
        .collect();

    Monitoring {
        versi_skema: 1,
        program: ProgramInfo::of(&data.program),
        jenis_periode: data.program.periode,
        periode,
        mulai: periode.mulai(),
        selesai: periode.selesai(),
        sebelumnya,
        ringkasan,
        realisasi,
        perubahan,
        ikm,
        tunggu,
        deret_ikm,
        deret_partisipasi: participation_series(data, periode),
        run_tunggu,
        run_tunggu_unit,
        tinjauan: data.tinjauan,
        persetujuan: crate::persetujuan::status(data, deret, periode, bobot),
    }
}

/// Whether `now` is nearer on track than `before` (not reported counts as
/// worst).
fn better(now: Status, before: Status) -> bool {
    now < before
}

/// The latest period with a realisation of an indicator or a budget line.
pub fn latest_period(data: &ProgramData) -> Option<Periode> {
    data.indikator_periode
        .iter()
        .filter(|r| r.realisasi.is_some())
        .map(|r| r.periode)
        .chain(
            data.anggaran_periode
                .iter()
                .filter(|r| r.realisasi_keuangan.is_some() || r.realisasi_fisik_persen.is_some())
                .map(|r| r.periode),
        )
        .max()
}

/// The latest period with a realisation, else the period of the last
/// answer or ticket in `deret`.
pub fn default_period(data: &ProgramData, deret: &Deret) -> Option<Periode> {
    latest_period(data).or_else(|| {
        deret
            .last_day()
            .map(|d| Periode::of(d, data.program.periode))
    })
}

/// Every period from the programme's start to the default one (the
/// periods a monitoring report is offered for).
pub fn reported_periods(data: &ProgramData, deret: &Deret) -> Vec<Periode> {
    default_period(data, deret).map_or_else(Vec::new, |p| {
        periods_until(data.program.mulai, p, data.program.periode)
    })
}

/// The period `text` names, which must be of the programme's kind; when
/// `None`, `fallback` or else the latest with a realisation. The error
/// says why, in Indonesian and English.
pub fn resolve_period(
    data: &ProgramData,
    text: Option<&str>,
    fallback: Option<Periode>,
) -> Result<Periode, String> {
    let jenis = data.program.periode;
    match text {
        Some(t) => {
            let p = Periode::parse(t).map_err(|e| format!("periode {t:?}: {}", e.0))?;
            if p.jenis() != jenis {
                return Err(format!(
                    "periode {p}: program ini dilaporkan per {} (the programme reports by {})",
                    jenis.code(),
                    jenis.code()
                ));
            }
            Ok(p)
        }
        None => fallback.or_else(|| latest_period(data)).ok_or_else(|| {
            "program ini belum punya realisasi per periode; impor indikator_periode.csv atau anggaran_periode.csv (no realisations per period yet)"
                .to_string()
        }),
    }
}
