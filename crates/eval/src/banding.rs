//! Several programmes side by side (*banding program*): the same programme
//! in several kecamatan, or the same kecamatan in several years. For one
//! reporting period, each programme's key figures with their 95%
//! intervals, and every difference between two programmes with its
//! interval and a p-value adjusted across all the comparisons (Holm), so a
//! difference is called significant only when it survives the number of
//! comparisons made.
//!
//! - **IKM** of the questionnaires dated in the period, its interval from
//!   the spread of respondents' scores (`berkala`); a difference is tested
//!   with a two-sided z test, d ± 1,96 · √(se₁² + se₂²).
//! - **Mean waiting time** of the tickets that arrived in the period
//!   (minutes), interval x̄ ± 1,96 · s/√n; a difference by Welch's z (the
//!   samples are hundreds of tickets).
//! - **Participation**: the share of the intervention units' ASN who took
//!   part in the programme's training (the whole programme, not the
//!   period), Wilson's 95% interval; a difference by the two-proportion z
//!   test (pooled p under the null), its interval by the unpooled standard
//!   error.
//!
//! A programme with fewer than `privasi::MIN_SEL` questionnaires, tickets
//! or ASN shows its n and no figure for that measure, and is left out of
//! that measure's comparisons.

use serde::Serialize;

use monev_domain::{Kelompok, Periode};
use monev_stats as stats;

use crate::berkala::Z95;
use crate::cells::SkmCell;
use crate::ikm::BobotIkm;
use crate::privasi;
use crate::wilayah::Sumber;

/// One programme's key figures in the period.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct AngkaProgram {
    pub kode: String,
    pub nama: String,
    pub wilayah: String,
    pub skm: u64,
    pub ikm: Option<f64>,
    pub selang_ikm_95: Option<[f64; 2]>,
    pub tiket: u64,
    pub tunggu_rata_menit: Option<f64>,
    pub selang_tunggu_95: Option<[f64; 2]>,
    /// ASN of the intervention units, and those of them who took part.
    pub asn_intervensi: usize,
    pub peserta: usize,
    pub partisipasi_persen: Option<f64>,
    pub selang_partisipasi_95: Option<[f64; 2]>,
}

/// A measure compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Ukuran {
    Ikm,
    TungguRataMenit,
    PartisipasiPersen,
}

/// The difference of one measure between two programmes (`b − a`).
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Selisih {
    pub ukuran: Ukuran,
    pub a: String,
    pub b: String,
    pub selisih: f64,
    pub selang_95: [f64; 2],
    pub p: f64,
    /// Holm-adjusted over every comparison of the table.
    pub p_holm: f64,
    pub bermakna: bool,
}

/// Programmes side by side in one period.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Banding {
    pub periode: Periode,
    pub program: Vec<AngkaProgram>,
    pub selisih: Vec<Selisih>,
}

/// A figure with its standard error, for the tests.
struct Est {
    value: f64,
    se: f64,
}

struct Row {
    figures: AngkaProgram,
    ikm: Option<Est>,
    wait: Option<Est>,
    /// (successes, trials)
    part: Option<(usize, usize)>,
}

/// Wilson's 95% interval of x/n, in percent.
pub(crate) fn wilson(x: usize, n: usize) -> [f64; 2] {
    let (x, n) = (x as f64, n as f64);
    let p = x / n;
    let z2 = Z95 * Z95;
    let centre = (p + z2 / (2.0 * n)) / (1.0 + z2 / n);
    let half = Z95 * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt() / (1.0 + z2 / n);
    [(centre - half) * 100.0, (centre + half) * 100.0]
}

fn row(s: &Sumber<'_>, periode: Periode, bobot: BobotIkm) -> Row {
    let mut skm = SkmCell::default();
    let mut waits: Vec<u32> = Vec::new();
    for i in &s.data.instansi {
        let (c, w) = s.deret.cell(&i.kode, periode);
        skm.merge(&c);
        waits.extend_from_slice(&w);
    }
    let n = skm.ikm.n;
    let r = skm.ikm.result(bobot);
    let (_, sd) = skm.score_mean_sd();
    let se = sd / (skm.answered as f64).sqrt();
    let ikm = ((n as usize) >= privasi::MIN_SEL && r.ikm.is_finite() && se.is_finite())
        .then_some(Est { value: r.ikm, se });
    let k = waits.len();
    let wait = (k >= privasi::MIN_SEL).then(|| {
        let sum: u128 = waits.iter().map(|&w| u128::from(w)).sum();
        let sq: u128 = waits.iter().map(|&w| u128::from(w) * u128::from(w)).sum();
        let kk = k as u128;
        let mean = sum as f64 / k as f64 / 60.0;
        let var = (kk * sq).saturating_sub(sum * sum) as f64 / (k as f64 * (k - 1) as f64);
        Est {
            value: mean,
            se: var.sqrt() / 60.0 / (k as f64).sqrt(),
        }
    });
    let took_part: std::collections::HashSet<&str> =
        s.data.peserta.iter().map(|p| p.nip.as_str()).collect();
    let intervention: std::collections::HashSet<&str> = s
        .data
        .instansi
        .iter()
        .filter(|i| i.kelompok == Kelompok::Intervensi)
        .map(|i| i.kode.as_str())
        .collect();
    let asn: Vec<&str> = s
        .data
        .asn
        .iter()
        .filter(|a| intervention.contains(a.instansi.as_str()))
        .map(|a| a.nip.as_str())
        .collect();
    let peserta = asn.iter().filter(|n| took_part.contains(*n)).count();
    let part = (asn.len() >= privasi::MIN_SEL).then_some((peserta, asn.len()));
    let figures = AngkaProgram {
        kode: s.data.program.kode.clone(),
        nama: s.data.program.nama.clone(),
        wilayah: s.data.program.wilayah.clone(),
        skm: n,
        ikm: ikm.as_ref().map(|e| e.value),
        selang_ikm_95: ikm
            .as_ref()
            .map(|e| [e.value - Z95 * e.se, e.value + Z95 * e.se]),
        tiket: k as u64,
        tunggu_rata_menit: wait.as_ref().map(|e| e.value),
        selang_tunggu_95: wait
            .as_ref()
            .map(|e| [e.value - Z95 * e.se, e.value + Z95 * e.se]),
        asn_intervensi: asn.len(),
        peserta,
        partisipasi_persen: part.map(|(x, n)| x as f64 / n as f64 * 100.0),
        selang_partisipasi_95: part.map(|(x, n)| wilson(x, n)),
    };
    Row {
        figures,
        ikm,
        wait,
        part,
    }
}

fn z_difference(ukuran: Ukuran, a: &Row, b: &Row, ea: &Est, eb: &Est) -> Selisih {
    let d = eb.value - ea.value;
    let se = (ea.se * ea.se + eb.se * eb.se).sqrt();
    Selisih {
        ukuran,
        a: a.figures.kode.clone(),
        b: b.figures.kode.clone(),
        selisih: d,
        selang_95: [d - Z95 * se, d + Z95 * se],
        p: stats::normal_two_sided_p(d / se),
        p_holm: f64::NAN,
        bermakna: false,
    }
}

/// `sources` side by side in `periode`, in the order given.
pub fn banding(sources: &[Sumber<'_>], periode: Periode, bobot: BobotIkm) -> Banding {
    let rows: Vec<Row> = sources.iter().map(|s| row(s, periode, bobot)).collect();
    let mut selisih = Vec::new();
    for (i, a) in rows.iter().enumerate() {
        for b in &rows[i + 1..] {
            if let (Some(ea), Some(eb)) = (&a.ikm, &b.ikm) {
                selisih.push(z_difference(Ukuran::Ikm, a, b, ea, eb));
            }
            if let (Some(ea), Some(eb)) = (&a.wait, &b.wait) {
                selisih.push(z_difference(Ukuran::TungguRataMenit, a, b, ea, eb));
            }
            if let (Some((xa, na)), Some((xb, nb))) = (a.part, b.part) {
                let (pa, pb) = (xa as f64 / na as f64, xb as f64 / nb as f64);
                let pooled = (xa + xb) as f64 / (na + nb) as f64;
                let se0 = (pooled * (1.0 - pooled) * (1.0 / na as f64 + 1.0 / nb as f64)).sqrt();
                let se = (pa * (1.0 - pa) / na as f64 + pb * (1.0 - pb) / nb as f64).sqrt();
                let d = pb - pa;
                selisih.push(Selisih {
                    ukuran: Ukuran::PartisipasiPersen,
                    a: a.figures.kode.clone(),
                    b: b.figures.kode.clone(),
                    selisih: d * 100.0,
                    selang_95: [(d - Z95 * se) * 100.0, (d + Z95 * se) * 100.0],
                    p: stats::normal_two_sided_p(d / se0),
                    p_holm: f64::NAN,
                    bermakna: false,
                });
            }
        }
    }
    let adjusted = stats::holm(&selisih.iter().map(|s| s.p).collect::<Vec<_>>());
    for (s, p) in selisih.iter_mut().zip(adjusted) {
        s.p_holm = p;
        s.bermakna = p < 0.05;
    }
    Banding {
        periode,
        program: rows.into_iter().map(|r| r.figures).collect(),
        selisih,
    }
}
