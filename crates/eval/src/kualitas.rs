//! Data quality, for the report's Keterbatasan (limitations): how complete
//! each source is, how many answered, and what lies far out. Duplicates do
//! not reach the evaluation (an import refuses them, located; online
//! submissions are kept once by their UUID), so they are not counted here.

use std::collections::BTreeSet;

use monev_domain::ProgramData;
use monev_stats as stats;
use serde::Serialize;

#[derive(Debug, Clone, Serialize, Default, schemars::JsonSchema)]
pub struct KualitasData {
    /// SKM questionnaires, unsur answers left blank, and all unsur cells.
    pub skm_n: usize,
    pub skm_sel_kosong: usize,
    pub skm_sel: usize,
    /// Participation rows, those without a pre-test, without a post-test
    /// (did not finish).
    pub peserta: usize,
    pub tanpa_pre_test: usize,
    pub tanpa_post_test: usize,
    /// Reaction questionnaires returned per participation row, in per cent.
    pub reaksi: usize,
    pub reaksi_respons_persen: f64,
    /// Queue tickets; waiting times beyond Tukey's far fence (Q3 + 3·IQR),
    /// and the fence in minutes; tickets never marked finished.
    pub tiket: usize,
    pub tunggu_pencilan: usize,
    pub tunggu_batas_menit: f64,
    pub tiket_tanpa_selesai: usize,
    /// ASN rated at least once (Kirkpatrick 3) of all ASN.
    pub asn: usize,
    pub asn_dinilai: usize,
}

/// What the evaluation needs of the SKM and queue rows, computed from the
/// rows (the oracle path; `cells::quality` computes it from cells).
pub(crate) fn quality(data: &ProgramData) -> crate::cells::Quality {
    let mut waits_s: Vec<u32> = data
        .layanan
        .iter()
        .map(|l| {
            let s = l.waktu_dipanggil.seconds() - l.waktu_datang.seconds();
            u32::try_from(s.max(0)).unwrap_or(u32::MAX)
        })
        .collect();
    waits_s.sort_unstable();
    crate::cells::Quality {
        skm_n: data.skm.len(),
        skm_blank: data
            .skm
            .iter()
            .map(|r| r.jawaban.iter().filter(|j| j.is_none()).count())
            .sum(),
        tickets: data.layanan.len(),
        unfinished: data
            .layanan
            .iter()
            .filter(|l| l.waktu_selesai.is_none())
            .count(),
        waits_s,
    }
}

pub(crate) fn evaluate(data: &ProgramData, q: crate::cells::Quality) -> KualitasData {
    let waits = &q.waits_s;
    let minutes = |s: u32| f64::from(s) / 60.0;
    let q1 = stats::describe::quantile_sorted_by(waits.len(), |i| minutes(waits[i]), 0.25);
    let q3 = stats::describe::quantile_sorted_by(waits.len(), |i| minutes(waits[i]), 0.75);
    let fence = q3 + 3.0 * (q3 - q1);
    let rated: BTreeSet<String> = data.kinerja.iter().map(|k| k.nip.to_string()).collect();
    KualitasData {
        skm_n: q.skm_n,
        skm_sel_kosong: q.skm_blank,
        skm_sel: q.skm_n * 9,
        peserta: data.peserta.len(),
        tanpa_pre_test: data.peserta.iter().filter(|p| p.pre_test.is_none()).count(),
        tanpa_post_test: data
            .peserta
            .iter()
            .filter(|p| p.post_test.is_none())
            .count(),
        reaksi: data.reaksi.len(),
        reaksi_respons_persen: if data.peserta.is_empty() {
            f64::NAN
        } else {
            data.reaksi.len() as f64 / data.peserta.len() as f64 * 100.0
        },
        tiket: q.tickets,
        tunggu_pencilan: if fence.is_finite() {
            waits.iter().filter(|&&s| minutes(s) > fence).count()
        } else {
            0
        },
        tunggu_batas_menit: fence,
        tiket_tanpa_selesai: q.unfinished,
        asn: data.asn.len(),
        asn_dinilai: data
            .asn
            .iter()
            .filter(|a| rated.contains(&a.nip.to_string()))
            .count(),
    }
}
