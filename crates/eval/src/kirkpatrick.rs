//! Kirkpatrick level 1 (reaction to each module), level 3 (performance
//! ratings at work, participants against non-participants) and the
//! reliability of the instruments behind them.

use std::collections::{BTreeMap, HashMap, HashSet};

use monev_domain::{AspekReaksi, Kelompok, Penilai, ProgramData, UNSUR};
use monev_stats as stats;
use serde::Serialize;

use crate::did::{DidData, DidInference, estimate};
use crate::{Config, Fase};

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct ReaksiEval {
    pub per_pelatihan: Vec<ReaksiModul>,
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct ReaksiModul {
    pub pelatihan: String,
    pub nama: String,
    /// Questionnaires returned.
    pub n: usize,
    /// Mean of all answered items (1–5).
    pub rata: f64,
    /// Mean over respondents of each respondent's mean relevance answer
    /// (each respondent weighs once, however many relevance items).
    pub relevansi_rata: f64,
    /// Respondents who answered a relevance item.
    pub relevansi_n: usize,
    /// Share of those whose mean relevance answer is 4 or more.
    pub relevansi_setuju_persen: f64,
    pub per_item: Vec<ItemRata>,
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct ItemRata {
    pub item: String,
    pub n: usize,
    pub rata: f64,
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct KinerjaEval {
    /// Raters whose ratings enter the analysis.
    pub penilai: Vec<Penilai>,
    /// Self-ratings left out (they measure self-image, not behaviour).
    pub diri_dikecualikan: usize,
    pub per_aspek: Vec<KinerjaAspek>,
}

/// Difference-in-differences of one aspect's ratings: participants against
/// non-participants, after against before the intervention date.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct KinerjaAspek {
    pub aspek: String,
    /// (peserta after − before) − (non-peserta after − before), rating points.
    pub estimasi: f64,
    #[serde(flatten)]
    pub uji: DidInference,
    /// Holm-adjusted p over the aspects.
    pub p_holm: f64,
    pub signifikan: bool,
    /// Distinct ASN rated: participants and non-participants.
    pub n_peserta: usize,
    pub n_nonpeserta: usize,
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct InstrumentReliability {
    /// `skm` or `reaksi`.
    pub instrumen: &'static str,
    pub nama: &'static str,
    /// Complete questionnaires used (listwise).
    pub n: usize,
    pub k: usize,
    pub cronbach_alpha: f64,
    /// Critical r at α = 0,05 with df = n − 2.
    pub r_tabel: f64,
    /// α at or above the configured threshold.
    pub reliabel: bool,
    pub item: Vec<ItemReliability>,
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct ItemReliability {
    pub item: String,
    pub nama: String,
    pub r_item_total_terkoreksi: f64,
    pub alpha_jika_dihapus: f64,
    pub valid: bool,
}

pub(crate) fn reaksi(data: &ProgramData) -> ReaksiEval {
    let relevance: HashSet<&str> = data
        .reaksi_item
        .iter()
        .filter(|i| i.aspek == AspekReaksi::Relevansi)
        .map(|i| i.kode.as_str())
        .collect();
    let mut per_pelatihan = Vec::new();
    for m in &data.pelatihan {
        let rows: Vec<_> = data
            .reaksi
            .iter()
            .filter(|r| r.pelatihan == m.kode)
            .collect();
        if rows.is_empty() {
            continue;
        }
        let all: Vec<f64> = rows
            .iter()
            .flat_map(|r| r.skor.iter().map(|(_, v)| f64::from(v.value())))
            .collect();
        let rel: Vec<f64> = rows
            .iter()
            .filter_map(|r| {
                let v: Vec<f64> = r
                    .skor
                    .iter()
                    .filter(|(k, _)| relevance.contains(k.as_str()))
                    .map(|(_, v)| f64::from(v.value()))
                    .collect();
                (!v.is_empty()).then(|| stats::mean(&v))
            })
            .collect();
        let mut items: BTreeMap<(u32, String), Vec<f64>> = BTreeMap::new();
        for r in &rows {
            for (k, v) in &r.skor {
                let n: u32 = k.trim_start_matches('r').parse().unwrap_or(u32::MAX);
                items
                    .entry((n, k.clone()))
                    .or_default()
                    .push(f64::from(v.value()));
            }
        }
        let agree = rel.iter().filter(|v| **v >= 4.0).count();
        per_pelatihan.push(ReaksiModul {
            pelatihan: m.kode.clone(),
            nama: m.nama.clone(),
            n: rows.len(),
            rata: stats::mean(&all),
            relevansi_rata: stats::mean(&rel),
            relevansi_n: rel.len(),
            relevansi_setuju_persen: if rel.is_empty() {
                f64::NAN
            } else {
                agree as f64 / rel.len() as f64 * 100.0
            },
            per_item: items
                .into_iter()
                .map(|((_, item), v)| ItemRata {
                    item,
                    n: v.len(),
                    rata: stats::mean(&v),
                })
                .collect(),
        });
    }
    ReaksiEval { per_pelatihan }
}

pub(crate) fn kinerja(data: &ProgramData, cfg: &Config) -> KinerjaEval {
    let ti = data.program.tanggal_intervensi;
    let took_part: HashSet<&str> = data.peserta.iter().map(|p| p.nip.as_str()).collect();
    let unit: HashMap<&str, usize> = data
        .asn
        .iter()
        .map(|a| {
            (
                a.nip.as_str(),
                data.instansi
                    .iter()
                    .position(|i| i.kode == a.instansi)
                    .unwrap_or(usize::MAX),
            )
        })
        .collect();
    let used = [Penilai::Atasan, Penilai::Rekan];
    let mut by_aspek: BTreeMap<&str, (DidData, HashSet<&str>, HashSet<&str>)> = BTreeMap::new();
    for k in data.kinerja.iter().filter(|k| used.contains(&k.penilai)) {
        let trained = took_part.contains(k.nip.as_str());
        let e = by_aspek.entry(k.aspek.as_str()).or_default();
        let group = if trained {
            Kelompok::Intervensi
        } else {
            Kelompok::Pembanding
        };
        let cluster = unit.get(k.nip.as_str()).copied().unwrap_or(usize::MAX);
        e.0.push(
            f64::from(k.skor.value()),
            group,
            Fase::of(k.tanggal, ti),
            cluster,
        );
        if trained { &mut e.1 } else { &mut e.2 }.insert(k.nip.as_str());
    }
    let mut per_aspek: Vec<KinerjaAspek> = by_aspek
        .into_iter()
        .map(|(aspek, (d, yes, no))| {
            let (estimasi, uji) = estimate(&d, cfg);
            KinerjaAspek {
                aspek: aspek.to_string(),
                estimasi,
                uji,
                p_holm: f64::NAN,
                signifikan: false,
                n_peserta: yes.len(),
                n_nonpeserta: no.len(),
            }
        })
        .collect();
    let ps: Vec<f64> = per_aspek.iter().map(|a| a.uji.p).collect();
    for (a, p) in per_aspek.iter_mut().zip(stats::holm(&ps)) {
        a.p_holm = p;
        a.signifikan = p < cfg.alpha && a.estimasi > 0.0;
    }
    KinerjaEval {
        penilai: used.to_vec(),
        diri_dikecualikan: data
            .kinerja
            .iter()
            .filter(|k| k.penilai == Penilai::Diri)
            .count(),
        per_aspek,
    }
}

fn analyse(
    instrumen: &'static str,
    nama: &'static str,
    items: Vec<(String, String)>,
    rows: Vec<Vec<f64>>,
    cfg: &Config,
) -> Option<InstrumentReliability> {
    if rows.len() < 3 || items.len() < 2 {
        return None;
    }
    Some(report(
        instrumen,
        nama,
        items,
        stats::item_analysis(&rows, 0.05),
        cfg,
    ))
}

fn report(
    instrumen: &'static str,
    nama: &'static str,
    items: Vec<(String, String)>,
    r: stats::Reliability,
    cfg: &Config,
) -> InstrumentReliability {
    InstrumentReliability {
        instrumen,
        nama,
        n: r.n,
        k: r.k,
        cronbach_alpha: r.alpha,
        r_tabel: r.r_table,
        reliabel: r.alpha >= cfg.alpha_reliabel,
        item: r
            .items
            .iter()
            .zip(items)
            .map(|(a, (item, nama))| ItemReliability {
                item,
                nama,
                r_item_total_terkoreksi: a.r_item_total_corrected,
                alpha_jika_dihapus: a.alpha_if_deleted,
                valid: a.valid,
            })
            .collect(),
    }
}

/// Reliability of the SKM's nine unsur computed from the rows (the oracle
/// path; `cells::skm_reliability` computes it from co-moments).
pub(crate) fn skm_reliability(data: &ProgramData) -> Option<stats::Reliability> {
    let rows: Vec<Vec<f64>> = data
        .skm
        .iter()
        .map(|r| {
            r.jawaban
                .iter()
                .map(|j| j.map_or(f64::NAN, |v| f64::from(v.value())))
                .collect()
        })
        .collect();
    (rows.len() >= 3).then(|| stats::item_analysis(&rows, 0.05))
}

pub(crate) fn instrumen(
    data: &ProgramData,
    skm: Option<stats::Reliability>,
    cfg: &Config,
) -> Vec<InstrumentReliability> {
    let mut out = Vec::new();
    let skm_items: Vec<(String, String)> = UNSUR
        .iter()
        .map(|u| (u.0.to_string(), u.1.to_string()))
        .collect();
    if let Some(r) = skm {
        out.push(report(
            "skm",
            "Survei Kepuasan Masyarakat (9 unsur)",
            skm_items,
            r,
            cfg,
        ));
    }

    let mut codes: Vec<(String, String)> = data
        .reaksi_item
        .iter()
        .map(|i| (i.kode.clone(), i.nama.clone()))
        .collect();
    if codes.is_empty() {
        let mut seen: Vec<String> = data
            .reaksi
            .iter()
            .flat_map(|r| r.skor.iter().map(|(k, _)| k.clone()))
            .collect();
        seen.sort_by_key(|k| k.trim_start_matches('r').parse::<u32>().unwrap_or(u32::MAX));
        seen.dedup();
        codes = seen.into_iter().map(|k| (k.clone(), k)).collect();
    }
    let rows: Vec<Vec<f64>> = data
        .reaksi
        .iter()
        .map(|r| {
            codes
                .iter()
                .map(|(k, _)| {
                    r.skor
                        .iter()
                        .find(|(c, _)| c == k)
                        .map_or(f64::NAN, |(_, v)| f64::from(v.value()))
                })
                .collect()
        })
        .collect();
    out.extend(analyse(
        "reaksi",
        "Kuesioner reaksi peserta pelatihan",
        codes,
        rows,
        cfg,
    ));
    out
}
