//! Time series of what is measured continuously: the IKM per unit and
//! reporting period (with its n and a 95% interval), the waiting time per
//! unit and period (median and mean), and the weekly median wait as a run
//! chart with the shift and trend rules (`stats::run`), so that a kepala
//! sees a change before the year ends.
//!
//! - **IKM of a period**: the regulation's IKM (NRR per unsur, weighted,
//!   × 25) of the questionnaires dated in it. Its 95% interval is
//!   IKM ± 1,96 · s / √n, with s the standard deviation of respondents'
//!   scores (25 × their mean answer) in that unit and period: the normal
//!   approximation the funnel plots use (`perbandingan`). The programme's
//!   IKM of a period is computed from every unit's questionnaires
//!   together, never as a mean of unit IKMs.
//! - **Waiting time of a period**: the tickets that arrived in it; the
//!   median and the mean of arrival → called, in minutes.
//! - **Weeks** start on Monday and are labelled by that Monday; a week
//!   without tickets is left out of the chart.
//!
//! A unit and period under `privasi::MIN_SEL` questionnaires shows its n
//! and no IKM, as everywhere in monev.
//!
//! The series are kept per unit and day ([`Deret`]), fed one row at a time
//! like [`crate::Cells`], so periods and weeks are both sums of days.

use std::collections::BTreeMap;

use serde::Serialize;

use monev_domain::{Date, JenisPeriode, Likert4, Periode, ProgramData, Timestamp};
use monev_stats as stats;

use crate::cells::SkmCell;
use crate::ikm::{BobotIkm, Mutu};
use crate::privasi;

/// z for a two-sided 95% interval.
pub const Z95: f64 = 1.959_963_984_540_054;

/// The IKM of one unit (or the programme) in one period.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct TitikIkm {
    pub periode: Periode,
    /// `null` for the programme (every unit together).
    pub instansi: Option<String>,
    /// Questionnaires.
    pub n: u64,
    /// `null` when withheld (n under five) or an unsur has no answer.
    pub ikm: Option<f64>,
    /// [lower, upper], 95%.
    pub selang_95: Option<[f64; 2]>,
    /// Standard deviation of respondents' scores (25 × mean answer).
    pub sd_skor: Option<f64>,
    /// Its standard error, s / √(questionnaires with an answer).
    pub galat_baku: Option<f64>,
    pub mutu: Option<Mutu>,
}

/// The waiting time of one unit (or the programme) in one period.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct TitikTunggu {
    pub periode: Periode,
    pub instansi: Option<String>,
    /// Tickets.
    pub n: u64,
    pub median_menit: Option<f64>,
    pub rata_menit: Option<f64>,
}

/// One week on a run chart.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct TitikMinggu {
    /// The week's Monday.
    pub mulai: Date,
    pub n: u64,
    pub median_menit: f64,
}

/// Which run-chart rule fired.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Aturan {
    /// Six or more weeks in a row on one side of the median.
    Shift,
    /// Five or more weeks in a row going one way.
    Trend,
}

/// A signal on a run chart: the weeks it spans and which way it points.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Sinyal {
    pub aturan: Aturan,
    /// The first and the last week's Monday.
    pub dari: Date,
    pub sampai: Date,
    /// Weeks counted.
    pub titik: usize,
    /// Above the median or rising (`true`), below or falling (`false`).
    pub naik: bool,
}

/// The weekly median wait of a unit (or the programme) as a run chart.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct RunChart {
    pub instansi: Option<String>,
    pub minggu: Vec<TitikMinggu>,
    /// The median of the weekly medians.
    pub median: f64,
    /// Whether there were enough weeks (ten off the median) for the rules.
    pub diterapkan: bool,
    pub sinyal: Vec<Sinyal>,
}

/// What one unit recorded in a period ([`Deret::arrivals`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Kedatangan {
    pub skm: u64,
    pub skm_terakhir: Option<Date>,
    pub tiket: u64,
    pub tiket_terakhir: Option<Date>,
}

/// One unit's tickets of one day ([`Deret::daily_waits`]).
#[derive(Debug, Clone, PartialEq)]
pub struct TungguHarian {
    pub instansi: String,
    pub tanggal: Date,
    pub n: u64,
    pub median_menit: Option<f64>,
    pub rata_menit: Option<f64>,
}

/// What one unit recorded on one day.
#[derive(Debug, Clone, Default)]
struct Hari {
    skm: SkmCell,
    wait_s: Vec<u32>,
}

/// SKM questionnaires and waits per unit and day.
#[derive(Debug, Clone, Default)]
pub struct Deret {
    days: BTreeMap<(String, Date), Hari>,
}

impl Deret {
    pub fn new() -> Deret {
        Deret::default()
    }

    /// The series of rows held in memory.
    pub fn of(data: &ProgramData) -> Deret {
        let mut d = Deret::new();
        for r in &data.skm {
            d.add_skm(&r.instansi, r.tanggal, &r.jawaban);
        }
        for l in &data.layanan {
            d.add_ticket(&l.instansi, l.waktu_datang, l.waktu_dipanggil);
        }
        d
    }

    fn day(&mut self, instansi: &str, date: Date) -> &mut Hari {
        self.days.entry((instansi.to_string(), date)).or_default()
    }

    pub fn add_skm(&mut self, instansi: &str, tanggal: Date, jawaban: &[Option<Likert4>; 9]) {
        self.day(instansi, tanggal).skm.add(jawaban);
    }

    /// A ticket by its wait (seconds), on the local date it arrived.
    pub fn add_wait(&mut self, instansi: &str, datang: Timestamp, wait_s: u32) {
        self.day(instansi, datang.date()).wait_s.push(wait_s);
    }

    /// A ticket, on the local date it arrived.
    pub fn add_ticket(&mut self, instansi: &str, datang: Timestamp, dipanggil: Timestamp) {
        let wait = (dipanggil.seconds() - datang.seconds()).max(0);
        self.day(instansi, datang.date())
            .wait_s
            .push(u32::try_from(wait).unwrap_or(u32::MAX));
    }

    /// What `instansi` recorded in `periode`: SKM questionnaires and the
    /// last day one is dated, tickets and the last day one arrived.
    pub fn arrivals(&self, instansi: &str, periode: Periode) -> Kedatangan {
        let mut out = Kedatangan::default();
        for (d, h) in self.days_of(Some(instansi), periode.mulai(), periode.selesai()) {
            if h.skm.ikm.n > 0 {
                out.skm += h.skm.ikm.n;
                out.skm_terakhir = Some(*d);
            }
            if !h.wait_s.is_empty() {
                out.tiket += h.wait_s.len() as u64;
                out.tiket_terakhir = Some(*d);
            }
        }
        out
    }

    /// Every unit's tickets of every day: their number and, from five
    /// tickets on (the small-cell rule), the median and mean wait.
    pub fn daily_waits(&self) -> Vec<TungguHarian> {
        self.days
            .iter()
            .filter(|(_, h)| !h.wait_s.is_empty())
            .map(|((unit, date), h)| {
                let mut w = h.wait_s.clone();
                w.sort_unstable();
                let shown = w.len() >= crate::privasi::MIN_SEL;
                let (median, mean) = median_mean_minutes(&w);
                TungguHarian {
                    instansi: unit.clone(),
                    tanggal: *date,
                    n: w.len() as u64,
                    median_menit: median.filter(|_| shown),
                    rata_menit: mean.filter(|_| shown),
                }
            })
            .collect()
    }

    /// The last day with an answer or a ticket.
    pub fn last_day(&self) -> Option<Date> {
        self.days.keys().map(|(_, d)| *d).max()
    }

    /// Units with any row, sorted.
    pub fn units(&self) -> Vec<&str> {
        let mut u: Vec<&str> = self.days.keys().map(|(i, _)| i.as_str()).collect();
        u.dedup();
        u
    }

    /// Days of `instansi` (every unit when `None`) in [from, to].
    fn days_of<'a>(
        &'a self,
        instansi: Option<&'a str>,
        from: Date,
        to: Date,
    ) -> Box<dyn Iterator<Item = (&'a Date, &'a Hari)> + 'a> {
        match instansi {
            // One unit's days are one range of the map.
            Some(u) => Box::new(
                self.days
                    .range((u.to_string(), from)..=(u.to_string(), to))
                    .map(|((_, d), h)| (d, h)),
            ),
            None => Box::new(
                self.days
                    .iter()
                    .filter(move |((_, d), _)| *d >= from && *d <= to)
                    .map(|((_, d), h)| (d, h)),
            ),
        }
    }

    /// The SKM questionnaires and the waits of `instansi` in `periode`
    /// (waits unsorted).
    pub fn cell(&self, instansi: &str, periode: Periode) -> (SkmCell, Vec<u32>) {
        let mut cell = SkmCell::default();
        let mut waits = Vec::new();
        for (_, h) in self.days_of(Some(instansi), periode.mulai(), periode.selesai()) {
            cell.merge(&h.skm);
            waits.extend_from_slice(&h.wait_s);
        }
        (cell, waits)
    }

    /// The IKM of `instansi` (the programme when `None`) in `periode`.
    pub fn ikm(&self, instansi: Option<&str>, periode: Periode, bobot: BobotIkm) -> TitikIkm {
        let mut cell = SkmCell::default();
        for (_, h) in self.days_of(instansi, periode.mulai(), periode.selesai()) {
            cell.merge(&h.skm);
        }
        titik_ikm(&cell, instansi, periode, bobot)
    }

    /// The waiting time of `instansi` (the programme when `None`) in
    /// `periode`.
    pub fn tunggu(&self, instansi: Option<&str>, periode: Periode) -> TitikTunggu {
        let mut waits: Vec<u32> = Vec::new();
        for (_, h) in self.days_of(instansi, periode.mulai(), periode.selesai()) {
            waits.extend_from_slice(&h.wait_s);
        }
        waits.sort_unstable();
        let (median, mean) = median_mean_minutes(&waits);
        TitikTunggu {
            periode,
            instansi: instansi.map(str::to_string),
            n: waits.len() as u64,
            median_menit: median,
            rata_menit: mean,
        }
    }

    /// The weekly median wait of `instansi` (the programme when `None`)
    /// from `from` to `to` as a run chart.
    pub fn run_chart(&self, instansi: Option<&str>, from: Date, to: Date) -> RunChart {
        let mut weeks: BTreeMap<Date, Vec<u32>> = BTreeMap::new();
        for (d, h) in self.days_of(instansi, from, to) {
            if !h.wait_s.is_empty() {
                weeks
                    .entry(monday(*d))
                    .or_default()
                    .extend_from_slice(&h.wait_s);
            }
        }
        let minggu: Vec<TitikMinggu> = weeks
            .into_iter()
            .map(|(mulai, mut w)| {
                w.sort_unstable();
                TitikMinggu {
                    mulai,
                    n: w.len() as u64,
                    median_menit: median_mean_minutes(&w).0.unwrap_or(f64::NAN),
                }
            })
            .collect();
        let values: Vec<f64> = minggu.iter().map(|m| m.median_menit).collect();
        let chart = stats::run::run_chart(&values);
        let signal = |aturan: Aturan, s: &stats::run::Signal| Sinyal {
            aturan,
            dari: minggu[s.first].mulai,
            sampai: minggu[s.last].mulai,
            titik: s.points,
            naik: s.direction == stats::run::Direction::Up,
        };
        let mut sinyal: Vec<Sinyal> = chart
            .shifts
            .iter()
            .map(|s| signal(Aturan::Shift, s))
            .chain(chart.trends.iter().map(|s| signal(Aturan::Trend, s)))
            .collect();
        sinyal.sort_by_key(|s| (s.dari, s.aturan as u8));
        RunChart {
            instansi: instansi.map(str::to_string),
            minggu,
            median: chart.median,
            diterapkan: chart.applied,
            sinyal,
        }
    }
}

/// The Monday of the week of `d` (1970-01-01 was a Thursday).
pub fn monday(d: Date) -> Date {
    let days = d.days_since_epoch();
    Date::from_days_since_epoch(days - (days + 3).rem_euclid(7))
}

fn median_mean_minutes(sorted: &[u32]) -> (Option<f64>, Option<f64>) {
    if sorted.is_empty() {
        return (None, None);
    }
    let median =
        stats::describe::quantile_sorted_by(sorted.len(), |i| f64::from(sorted[i]) / 60.0, 0.5);
    let sum: u64 = sorted.iter().map(|&w| u64::from(w)).sum();
    (Some(median), Some(sum as f64 / sorted.len() as f64 / 60.0))
}

fn titik_ikm(
    cell: &SkmCell,
    instansi: Option<&str>,
    periode: Periode,
    bobot: BobotIkm,
) -> TitikIkm {
    let n = cell.ikm.n;
    let shown = (n as usize) >= privasi::MIN_SEL;
    let r = cell.ikm.result(bobot);
    let ikm = (shown && r.ikm.is_finite()).then_some(r.ikm);
    let (_, sd) = cell.score_mean_sd();
    let sd = (shown && sd.is_finite()).then_some(sd);
    let se = sd.map(|s| s / (cell.answered as f64).sqrt());
    let selang_95 = ikm.zip(se).map(|(v, se)| [v - Z95 * se, v + Z95 * se]);
    TitikIkm {
        periode,
        instansi: instansi.map(str::to_string),
        n,
        ikm,
        selang_95,
        sd_skor: sd,
        galat_baku: se,
        mutu: ikm.and(r.mutu),
    }
}

/// The periods of `jenis` from the programme's start to `until`.
pub fn periods_until(mulai: Date, until: Periode, jenis: JenisPeriode) -> Vec<Periode> {
    if until.selesai() < mulai {
        return Vec::new();
    }
    Periode::span(mulai, until.selesai(), jenis)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    #[test]
    fn weeks_start_on_monday() {
        // 2025-07-07 was a Monday.
        assert_eq!(monday(d("2025-07-07")), d("2025-07-07"));
        assert_eq!(monday(d("2025-07-13")), d("2025-07-07"));
        assert_eq!(monday(d("2025-07-14")), d("2025-07-14"));
        assert_eq!(monday(d("1970-01-01")), d("1969-12-29"));
    }

    #[test]
    fn a_period_is_the_sum_of_its_days_and_small_cells_are_withheld() {
        let mut s = Deret::new();
        let a = [Likert4::new(4); 9];
        let b = [Likert4::new(2); 9];
        for day in ["2025-07-01", "2025-08-15", "2025-09-30"] {
            s.add_skm("K1", d(day), &a);
            s.add_skm("K1", d(day), &b);
        }
        s.add_skm("K1", d("2025-10-01"), &b);
        let t3 = Periode::parse("2025-T3").unwrap();
        let p = s.ikm(Some("K1"), t3, BobotIkm::Tepat);
        assert_eq!(p.n, 6);
        assert!((p.ikm.unwrap() - 75.0).abs() < 1e-12);
        // Scores 100 and 50, three each: s = 25·√(6/5).
        let sd = 25.0 * (6.0f64 / 5.0).sqrt();
        assert!((p.sd_skor.unwrap() - sd).abs() < 1e-9);
        let h = Z95 * sd / 6f64.sqrt();
        assert!((p.selang_95.unwrap()[0] - (75.0 - h)).abs() < 1e-9);
        let t4 = Periode::parse("2025-T4").unwrap();
        let q = s.ikm(Some("K1"), t4, BobotIkm::Tepat);
        assert_eq!((q.n, q.ikm, q.selang_95), (1, None, None));
    }
}
