//! Sufficient statistics of the two large tables, SKM questionnaires and
//! queue tickets: what the evaluation needs of them, per instansi and phase,
//! without their rows.
//!
//! - SKM: the IKM sums per unsur ([`IkmAcc`]), the count and the exact sum
//!   of each questionnaire's mean answer (the difference-in-differences of
//!   the index; regressors are constant within instansi × phase, so cell
//!   sums are enough, see `stats::grouped`), and programme-wide the integer
//!   co-moments of complete questionnaires (Cronbach's α).
//! - Tickets: the waiting times themselves, as `u32` seconds (medians,
//!   90th percentiles and Tukey's fence need the values), and the count of
//!   tickets never marked finished.
//!
//! A [`Cells`] is filled row by row ([`Cells::add_skm`],
//! [`Cells::add_ticket`]) by whoever reads the rows (a CSV reader, a
//! database cursor, [`Cells::of`] for rows in memory), and parts of a file
//! merge ([`Cells::merge`]) in any order with the same result. The figures
//! equal those computed row by row (`evaluate_rows`, kept as the test
//! oracle) to 1e-12 relative; integer sums are exact.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};

use rustc_hash::FxHashMap;

use monev_domain::{Date, Kelompok, Likert4, ProgramData, Timestamp};
use monev_stats as stats;

use crate::ikm::IkmAcc;
use crate::{
    Config, Did, DidIkm, Fase, LayananEval, SampelSkm, Skm, SkmGroup, TungguGroup, cluster_of, did,
    tunggu_group,
};

/// lcm(1, …, 9): a questionnaire's mean answer times this is an integer.
const LCM_1_9: u64 = 2520;

/// SKM questionnaires of one instansi in one phase.
#[derive(Debug, Clone, Default)]
pub struct SkmCell {
    pub ikm: IkmAcc,
    /// Questionnaires with at least one unsur answered.
    pub answered: u64,
    /// Σ over them of Σ answers × 2520 / answers given: exact, so the sum
    /// of their mean answers is this / 2520 whatever the order of rows.
    pub mean_sum_2520: u64,
    /// Σ over them of (Σ answers × 2520 / answers given)²: with
    /// `mean_sum_2520`, the exact spread of respondents' mean answers
    /// (the funnel plot's σ, `perbandingan`).
    pub mean_sq_sum_2520: u64,
}

impl SkmCell {
    /// Adds one questionnaire; whether it answered every unsur.
    pub fn add(&mut self, jawaban: &[Option<Likert4>; 9]) -> bool {
        self.ikm.add(jawaban);
        let (mut given, mut sum) = (0u64, 0u64);
        for v in jawaban.iter().flatten() {
            given += 1;
            sum += u64::from(v.value());
        }
        if let Some(per) = LCM_1_9.checked_div(given) {
            self.answered += 1;
            self.mean_sum_2520 += sum * per;
            self.mean_sq_sum_2520 += (sum * per) * (sum * per);
        }
        given == 9
    }

    /// Mean and standard deviation (n − 1) of respondents' scores, 25 ×
    /// their mean answer (the spread behind an IKM's interval and a
    /// funnel's limits); NaN when too few answered.
    pub fn score_mean_sd(&self) -> (f64, f64) {
        let n = self.answered as f64;
        let scale = 25.0 / LCM_1_9 as f64;
        let sum = self.mean_sum_2520 as f64 * scale;
        let sq = self.mean_sq_sum_2520 as f64 * scale * scale;
        let mean = sum / n;
        let var = if self.answered > 1 {
            ((sq - sum * sum / n) / (n - 1.0)).max(0.0)
        } else {
            f64::NAN
        };
        (mean, var.sqrt())
    }

    pub(crate) fn merge(&mut self, o: &SkmCell) {
        self.ikm.merge(&o.ikm);
        self.answered += o.answered;
        self.mean_sum_2520 += o.mean_sum_2520;
        self.mean_sq_sum_2520 += o.mean_sq_sum_2520;
    }
}

/// Queue tickets of one instansi in one phase (by arrival).
#[derive(Debug, Clone, Default)]
pub struct TicketCell {
    /// Waiting times (arrival → called), seconds, in no particular order.
    pub wait_s: Vec<u32>,
    /// Tickets without a finishing time.
    pub unfinished: u64,
}

/// The sufficient statistics of a programme's SKM and queue tables.
#[derive(Debug, Clone)]
pub struct Cells {
    intervention: Date,
    skm: FxHashMap<String, [SkmCell; 2]>,
    tickets: FxHashMap<String, [TicketCell; 2]>,
    /// Σxᵢ, Σxᵢxⱼ of the questionnaires with all nine unsur answered.
    skm_items: stats::ItemMoments,
}

fn phase(f: Fase) -> usize {
    match f {
        Fase::Sebelum => 0,
        Fase::Sesudah => 1,
    }
}

impl Cells {
    /// Empty, for a programme whose intervention starts on `intervention`.
    pub fn new(intervention: Date) -> Cells {
        Cells {
            intervention,
            skm: FxHashMap::default(),
            tickets: FxHashMap::default(),
            skm_items: stats::ItemMoments::new(9),
        }
    }

    /// The statistics of rows held in memory.
    pub fn of(data: &ProgramData) -> Cells {
        let mut c = Cells::new(data.program.tanggal_intervensi);
        for r in &data.skm {
            c.add_skm(&r.instansi, r.tanggal, &r.jawaban);
        }
        for l in &data.layanan {
            c.add_ticket(
                &l.instansi,
                l.waktu_datang,
                l.waktu_dipanggil,
                l.waktu_selesai.is_some(),
            );
        }
        c.sort_waits();
        c
    }

    /// Adds one SKM questionnaire.
    pub fn add_skm(&mut self, instansi: &str, tanggal: Date, jawaban: &[Option<Likert4>; 9]) {
        self.add_skm_in(instansi, Fase::of(tanggal, self.intervention), jawaban);
    }

    /// Adds one SKM questionnaire whose phase is known (a database decided it).
    pub fn add_skm_in(&mut self, instansi: &str, fase: Fase, jawaban: &[Option<Likert4>; 9]) {
        let f = phase(fase);
        let cell = match self.skm.get_mut(instansi) {
            Some(c) => &mut c[f],
            None => &mut self.skm.entry(instansi.to_string()).or_default()[f],
        };
        if cell.add(jawaban) {
            let row: [i64; 9] =
                std::array::from_fn(|k| jawaban[k].map_or(0, |v| i64::from(v.value())));
            self.skm_items.add(&row);
        }
    }

    /// Adds one queue ticket. A wait beyond `u32::MAX` seconds (136 years)
    /// is counted as that many; imports refuse tickets called before they
    /// arrived.
    pub fn add_ticket(
        &mut self,
        instansi: &str,
        datang: Timestamp,
        dipanggil: Timestamp,
        finished: bool,
    ) {
        // Before the intervention date ⇔ before its midnight (no calendar
        // arithmetic per ticket).
        let f = usize::from(datang.seconds() >= self.intervention.days_since_epoch() * 86_400);
        let cell = match self.tickets.get_mut(instansi) {
            Some(c) => &mut c[f],
            None => &mut self.tickets.entry(instansi.to_string()).or_default()[f],
        };
        let wait = dipanggil.seconds() - datang.seconds();
        cell.wait_s
            .push(u32::try_from(wait.max(0)).unwrap_or(u32::MAX));
        cell.unfinished += u64::from(!finished);
    }

    /// Adds tickets of one instansi and phase by their waits (seconds, as a
    /// database reads them).
    pub fn add_wait_list(&mut self, instansi: &str, fase: Fase, wait_s: &[u32]) {
        self.tickets.entry(instansi.to_string()).or_default()[phase(fase)]
            .wait_s
            .extend_from_slice(wait_s);
    }

    /// Adds `n` tickets never marked finished (already added by
    /// [`Cells::add_wait_list`]).
    pub fn add_unfinished(&mut self, instansi: &str, fase: Fase, n: u64) {
        self.tickets.entry(instansi.to_string()).or_default()[phase(fase)].unfinished += n;
    }

    /// Adds the statistics of another part of the same programme.
    pub fn merge(&mut self, other: Cells) {
        for (k, v) in other.skm {
            let mine = self.skm.entry(k).or_default();
            for f in 0..2 {
                mine[f].merge(&v[f]);
            }
        }
        for (k, v) in other.tickets {
            let mine = self.tickets.entry(k).or_default();
            for (m, o) in mine.iter_mut().zip(v) {
                if m.wait_s.is_empty() {
                    m.wait_s = o.wait_s;
                } else {
                    m.wait_s.extend_from_slice(&o.wait_s);
                }
                m.unfinished += o.unfinished;
            }
        }
        self.skm_items.merge(&other.skm_items);
    }

    /// SKM questionnaires.
    pub fn skm_n(&self) -> usize {
        self.skm.values().flatten().map(|c| c.ikm.n as usize).sum()
    }

    /// Queue tickets.
    pub fn tickets_n(&self) -> usize {
        self.tickets
            .values()
            .flatten()
            .map(|c| c.wait_s.len())
            .sum()
    }

    /// Each instansi's SKM cell of one phase, by instansi.
    pub(crate) fn skm_of(&self, fase: Fase) -> BTreeMap<&str, &SkmCell> {
        self.skm
            .iter()
            .map(|(k, v)| (k.as_str(), &v[phase(fase)]))
            .filter(|(_, c)| c.ikm.n > 0)
            .collect()
    }

    /// Each instansi's tickets of one phase, by instansi.
    pub(crate) fn tickets_of(&self, fase: Fase) -> BTreeMap<&str, &TicketCell> {
        self.tickets
            .iter()
            .map(|(k, v)| (k.as_str(), &v[phase(fase)]))
            .filter(|(_, c)| !c.wait_s.is_empty())
            .collect()
    }

    /// The SKM cells in (instansi, phase) order.
    fn skm_sorted(&self) -> BTreeMap<(&str, Fase), &SkmCell> {
        self.skm
            .iter()
            .flat_map(|(k, v)| {
                [(Fase::Sebelum, &v[0]), (Fase::Sesudah, &v[1])]
                    .into_iter()
                    .filter(|(_, c)| c.ikm.n > 0)
                    .map(move |(f, c)| ((k.as_str(), f), c))
            })
            .collect()
    }

    /// Sorts every cell's waits, once, so that the evaluation reads them
    /// without copying (it sorts a copy of any cell not sorted).
    pub fn sort_waits(&mut self) {
        for c in self.tickets.values_mut().flatten() {
            c.wait_s.sort_unstable();
        }
    }

    /// The ticket cells in (instansi, phase) order, their waits (seconds)
    /// sorted.
    fn tickets_sorted(&self) -> BTreeMap<(&str, Fase), Cow<'_, [u32]>> {
        self.tickets
            .iter()
            .flat_map(|(k, v)| {
                [(Fase::Sebelum, &v[0]), (Fase::Sesudah, &v[1])]
                    .into_iter()
                    .filter(|(_, c)| !c.wait_s.is_empty())
                    .map(move |(f, c)| {
                        let w = if c.wait_s.is_sorted() {
                            Cow::Borrowed(c.wait_s.as_slice())
                        } else {
                            let mut w = c.wait_s.clone();
                            w.sort_unstable();
                            Cow::Owned(w)
                        };
                        ((k.as_str(), f), w)
                    })
            })
            .collect()
    }
}

fn minutes(sorted_s: &[u32]) -> Vec<f64> {
    sorted_s.iter().map(|&s| f64::from(s) / 60.0).collect()
}

/// Kelompok of an instansi (an unknown code counts as intervensi, as the row
/// path does).
fn group(kelompok: &HashMap<&str, Kelompok>, instansi: &str) -> Kelompok {
    kelompok
        .get(instansi)
        .copied()
        .unwrap_or(Kelompok::Intervensi)
}

pub(crate) fn skm(
    data: &ProgramData,
    cells: &Cells,
    cfg: &Config,
    kelompok: &HashMap<&str, Kelompok>,
) -> Skm {
    let sorted = cells.skm_sorted();
    let mut by_group: BTreeMap<(Kelompok, Fase), IkmAcc> = BTreeMap::new();
    let mut all = IkmAcc::default();
    let mut did_cells = Vec::with_capacity(sorted.len());
    for (&(instansi, fase), c) in &sorted {
        let k = group(kelompok, instansi);
        by_group.entry((k, fase)).or_default().merge(&c.ikm);
        all.merge(&c.ikm);
        did_cells.push(stats::DidCell {
            cluster: cluster_of(data, instansi),
            treated: k == Kelompok::Intervensi,
            post: fase == Fase::Sesudah,
            n: c.answered,
            sum: c.mean_sum_2520 as f64 * 25.0 / LCM_1_9 as f64,
        });
    }
    let per_instansi = sorted
        .iter()
        .map(|(&(instansi, fase), c)| SkmGroup {
            kelompok: group(kelompok, instansi),
            instansi: instansi.to_string(),
            fase,
            ikm: c.ikm.result(cfg.bobot_ikm),
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
    let (estimasi_poin, uji) = did::estimate_cells(&did_cells, cfg);
    Skm {
        bobot: cfg.bobot_ikm.value(),
        per_instansi,
        per_kelompok,
        keseluruhan: all.result(cfg.bobot_ikm),
        did: DidIkm { estimasi_poin, uji },
        sampel: sampel(data, cells),
    }
}

fn sampel(data: &ProgramData, cells: &Cells) -> Vec<SampelSkm> {
    data.instansi
        .iter()
        .map(|i| {
            let populasi = cells
                .tickets
                .get(i.kode.as_str())
                .map(|c| c[1].wait_s.len() as u64)
                .filter(|&n| n > 0);
            let responden = cells.skm.get(i.kode.as_str()).map_or(0, |c| c[1].ikm.n);
            SampelSkm::new(i, populasi, responden)
        })
        .collect()
}

pub(crate) fn layanan(
    data: &ProgramData,
    cells: &Cells,
    cfg: &Config,
    kelompok: &HashMap<&str, Kelompok>,
) -> LayananEval {
    let sorted = cells.tickets_sorted();
    let mut by_group: BTreeMap<(Kelompok, Fase), Vec<u32>> = BTreeMap::new();
    let mut did_cells = Vec::with_capacity(sorted.len());
    let mut per_instansi = Vec::with_capacity(sorted.len());
    for (&(instansi, fase), w) in &sorted {
        let k = group(kelompok, instansi);
        by_group.entry((k, fase)).or_default().extend_from_slice(w);
        let total: u64 = w.iter().map(|&s| u64::from(s)).sum();
        did_cells.push(stats::DidCell {
            cluster: cluster_of(data, instansi),
            treated: k == Kelompok::Intervensi,
            post: fase == Fase::Sesudah,
            n: w.len() as u64,
            sum: total as f64 / 60.0,
        });
        per_instansi.push(tunggu_group(instansi.to_string(), k, fase, &minutes(w)));
    }
    drop(sorted);
    let per_kelompok: Vec<TungguGroup> = by_group
        .into_iter()
        .map(|((k, f), mut w)| {
            // Sorted runs, one per instansi: the stable sort merges them.
            w.sort();
            tunggu_group(k.code().to_string(), k, f, &minutes(&w))
        })
        .collect();
    let (estimasi_menit, uji) = did::estimate_cells(&did_cells, cfg);
    LayananEval {
        per_instansi,
        per_kelompok,
        did: Did {
            estimasi_menit,
            uji,
        },
    }
}

/// What [`crate::kualitas`] needs of the two tables.
pub(crate) struct Quality {
    pub skm_n: usize,
    pub skm_blank: usize,
    pub tickets: usize,
    pub unfinished: usize,
    /// Every waiting time in whole seconds, ascending (read as minutes,
    /// `s / 60`, one at a time: 4 bytes a ticket instead of 8).
    pub waits_s: Vec<u32>,
}

pub(crate) fn quality(cells: &Cells) -> Quality {
    let mut all: Vec<u32> = Vec::with_capacity(cells.tickets_n());
    for c in cells.tickets.values().flatten() {
        all.extend_from_slice(&c.wait_s);
    }
    // Sorted runs when the cells' waits are (Cells::sort_waits): merged.
    all.sort();
    Quality {
        skm_n: cells.skm_n(),
        skm_blank: cells
            .skm
            .values()
            .flatten()
            .map(|c| c.ikm.blank() as usize)
            .sum(),
        tickets: all.len(),
        unfinished: cells
            .tickets
            .values()
            .flatten()
            .map(|c| c.unfinished as usize)
            .sum(),
        waits_s: all,
    }
}

/// Cronbach's α and item validity of the nine unsur, from the co-moments.
pub(crate) fn skm_reliability(cells: &Cells) -> Option<stats::Reliability> {
    (cells.skm_n() >= 3).then(|| stats::item_analysis_moments(&cells.skm_items, 0.05))
}
