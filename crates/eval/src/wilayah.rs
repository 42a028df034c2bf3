//! Figures rolled up the regions (*rekap wilayah*): for one reporting
//! period, every province, kabupaten/kota and kecamatan with units under
//! it gets the IKM of its units' questionnaires and the waiting time of
//! their tickets, and a list of what lies under it (regions, or the units
//! of a kecamatan) with the same figures, so a reader drills down
//! provinsi → kabupaten/kota → kecamatan → instansi.
//!
//! - Every level is computed **from the raw answers**: a kecamatan's IKM is
//!   the regulation's IKM (NRR per unsur, × 25) of all its units'
//!   questionnaires together, as PermenPANRB 14/2017 computes an IKM over
//!   a set of questionnaires, never a mean of the units' IKMs (which would
//!   weigh a unit of 30 questionnaires like one of 1 200). Likewise the
//!   median and the mean wait of a region are over all its tickets.
//! - Several programmes pool: the same programme run in several kecamatan
//!   (one programme record each) adds up at the kota. A unit is one
//!   instansi of one programme.
//! - The 95% interval of an IKM is the one of `berkala` (IKM ± 1,96 · s/√n
//!   over respondents' scores); a level under `privasi::MIN_SEL`
//!   questionnaires shows its n only.
//! - Each level compares what lies under it on a funnel plot of the IKM
//!   (Spiegelhalter 2005, normal limits around the level's own IKM with the
//!   spread of its respondents' scores; see `perbandingan`).

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use monev_domain::{Periode, ProgramData, Tingkat, Wilayah, wilayah::ancestors};
use monev_stats as stats;

use crate::berkala::{Deret, Z95};
use crate::cells::SkmCell;
use crate::ikm::{BobotIkm, Mutu};
use crate::perbandingan::{Funnel, point};
use crate::privasi;

/// One programme's data and its rows as series.
pub struct Sumber<'a> {
    pub data: &'a ProgramData,
    pub deret: &'a Deret,
}

/// The figures of a level or a unit in the period.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Angka {
    /// Units under it (1 for a unit).
    pub instansi: usize,
    /// SKM questionnaires.
    pub skm: u64,
    /// `null` when withheld (under five questionnaires) or an unsur has no
    /// answer.
    pub ikm: Option<f64>,
    pub selang_95: Option<[f64; 2]>,
    pub mutu: Option<Mutu>,
    /// Queue tickets.
    pub tiket: u64,
    pub tunggu_median_menit: Option<f64>,
    pub tunggu_rata_menit: Option<f64>,
}

/// What lies directly under a level: a region, or a unit.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Anak {
    /// The region's code, or the unit's.
    pub kode: String,
    pub nama: String,
    /// The region's level; `null` for a unit.
    pub tingkat: Option<Tingkat>,
    /// The unit's programme; `null` for a region.
    pub program: Option<String>,
    pub angka: Angka,
}

/// One level of the tree: its figures, what lies under it, and those
/// compared on a funnel plot.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Simpul {
    /// `""` for the top (every region and every unit without one).
    pub kode: String,
    pub nama: String,
    pub tingkat: Option<Tingkat>,
    /// The region above (`null` at the top, `""` under the top).
    pub induk: Option<String>,
    pub angka: Angka,
    pub anak: Vec<Anak>,
    /// The IKM of what lies under it against their questionnaires.
    pub funnel_ikm: Funnel,
}

/// Every level with units under it, for one period.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Rekap {
    pub periode: Periode,
    /// The top first, then each region by level and code.
    pub simpul: Vec<Simpul>,
}

impl Rekap {
    /// The level `kode` (`""` for the top).
    pub fn find(&self, kode: &str) -> Option<&Simpul> {
        self.simpul.iter().find(|s| s.kode == kode)
    }

    /// Whether `kode` is `scope` or lies under it.
    pub fn within(&self, kode: &str, scope: &str) -> bool {
        let mut at = Some(kode);
        while let Some(k) = at {
            if k == scope {
                return true;
            }
            at = self
                .find(k)
                .and_then(|s| s.induk.as_deref())
                .filter(|i| !i.is_empty());
        }
        false
    }
}

/// What the figures of a set of units are made of.
#[derive(Default)]
struct Pool {
    units: usize,
    skm: SkmCell,
    waits: Vec<u32>,
}

impl Pool {
    fn add(&mut self, o: &Pool) {
        self.units += o.units;
        self.skm.merge(&o.skm);
        self.waits.extend_from_slice(&o.waits);
    }

    fn angka(&mut self, bobot: BobotIkm) -> Angka {
        let n = self.skm.ikm.n;
        let shown = (n as usize) >= privasi::MIN_SEL;
        let r = self.skm.ikm.result(bobot);
        let ikm = (shown && r.ikm.is_finite()).then_some(r.ikm);
        let (_, sd) = self.skm.score_mean_sd();
        let se = sd / (self.skm.answered as f64).sqrt();
        let selang_95 = ikm
            .filter(|_| se.is_finite())
            .map(|v| [v - Z95 * se, v + Z95 * se]);
        self.waits.sort_unstable();
        let (median, mean) = if self.waits.is_empty() {
            (None, None)
        } else {
            let w = &self.waits;
            let median =
                stats::describe::quantile_sorted_by(w.len(), |i| f64::from(w[i]) / 60.0, 0.5);
            let sum: u64 = w.iter().map(|&x| u64::from(x)).sum();
            (Some(median), Some(sum as f64 / w.len() as f64 / 60.0))
        };
        Angka {
            instansi: self.units,
            skm: n,
            ikm,
            selang_95,
            mutu: ikm.and(r.mutu),
            tiket: self.waits.len() as u64,
            tunggu_median_menit: median,
            tunggu_rata_menit: mean,
        }
    }
}

/// The funnel plot of what lies under a level: each child's IKM against
/// its questionnaires, around the level's IKM with the spread of its
/// respondents' scores.
fn funnel(level: &Pool, children: &[(&str, &Pool)], bobot: BobotIkm) -> Funnel {
    let pusat = level.skm.ikm.result(bobot).ikm;
    let (_, sd) = level.skm.score_mean_sd();
    let mut unit = Vec::new();
    let mut ditahan = 0;
    for (kode, c) in children {
        let n = c.skm.ikm.n;
        if (n as usize) < privasi::MIN_SEL {
            if n > 0 {
                ditahan += 1;
            }
            continue;
        }
        let value = c.skm.ikm.result(bobot).ikm;
        if !value.is_finite() {
            continue;
        }
        unit.push(point(kode, n, value, |cov| {
            stats::funnel::normal_limits(pusat, sd, n as f64, cov)
        }));
    }
    Funnel {
        metode: "normal",
        pusat,
        sebaran: Some(sd),
        unit,
        ditahan,
    }
}

/// The roll-up of `sources` in `periode`.
pub fn rekap(sources: &[Sumber<'_>], periode: Periode, bobot: BobotIkm) -> Rekap {
    // Every region any programme knows.
    let mut regions: BTreeMap<String, Wilayah> = BTreeMap::new();
    for s in sources {
        for w in &s.data.wilayah {
            regions.entry(w.kode.clone()).or_insert_with(|| w.clone());
        }
    }
    let all: Vec<Wilayah> = regions.values().cloned().collect();

    // Each unit's pool, and where it stands.
    struct Unit {
        kode: String,
        nama: String,
        program: String,
        wilayah: Option<String>,
        pool: Pool,
    }
    let mut units: Vec<Unit> = Vec::new();
    for s in sources {
        for i in &s.data.instansi {
            let (skm, waits) = s.deret.cell(&i.kode, periode);
            units.push(Unit {
                kode: i.kode.clone(),
                nama: i.nama.clone(),
                program: s.data.program.kode.clone(),
                wilayah: i
                    .wilayah
                    .clone()
                    .filter(|w| regions.contains_key(w.as_str())),
                pool: Pool {
                    units: 1,
                    skm,
                    waits,
                },
            });
        }
    }

    // Each level's pool: the top, and every region above a unit.
    let mut pools: BTreeMap<String, Pool> = BTreeMap::new();
    pools.insert(String::new(), Pool::default());
    for u in &units {
        pools.get_mut("").expect("the top").add(&u.pool);
        if let Some(w) = &u.wilayah {
            for a in ancestors(&all, w) {
                pools.entry(a.kode.clone()).or_default().add(&u.pool);
            }
        }
    }
    let present: BTreeSet<String> = pools.keys().cloned().collect();
    let parent_of = |w: &Wilayah| -> String {
        w.induk
            .clone()
            .filter(|i| present.contains(i))
            .unwrap_or_default()
    };

    let mut angka: BTreeMap<String, Angka> = BTreeMap::new();
    for (k, p) in pools.iter_mut() {
        angka.insert(k.clone(), p.angka(bobot));
    }
    let mut unit_angka: Vec<Angka> = units.iter_mut().map(|u| u.pool.angka(bobot)).collect();

    let mut simpul = Vec::new();
    let mut order: Vec<&String> = pools.keys().collect();
    order.sort_by_key(|k| (regions.get(k.as_str()).map(|w| w.tingkat), k.as_str()));
    for kode in order {
        let mut anak = Vec::new();
        let mut pooled: Vec<(String, &Pool)> = Vec::new();
        for w in regions.values() {
            if present.contains(&w.kode) && parent_of(w) == *kode && w.kode != *kode {
                anak.push(Anak {
                    kode: w.kode.clone(),
                    nama: w.nama.clone(),
                    tingkat: Some(w.tingkat),
                    program: None,
                    angka: angka[&w.kode].clone(),
                });
                pooled.push((w.kode.clone(), &pools[&w.kode]));
            }
        }
        for (u, a) in units.iter().zip(&unit_angka) {
            if u.wilayah.as_deref().unwrap_or("") == kode.as_str() {
                anak.push(Anak {
                    kode: u.kode.clone(),
                    nama: u.nama.clone(),
                    tingkat: None,
                    program: Some(u.program.clone()),
                    angka: a.clone(),
                });
                pooled.push((u.kode.clone(), &u.pool));
            }
        }
        let children: Vec<(&str, &Pool)> = pooled.iter().map(|(k, p)| (k.as_str(), *p)).collect();
        let (nama, tingkat, induk) = match regions.get(kode.as_str()) {
            Some(w) => (w.nama.clone(), Some(w.tingkat), Some(parent_of(w))),
            None => (String::new(), None, None),
        };
        simpul.push(Simpul {
            kode: kode.clone(),
            nama,
            tingkat,
            induk,
            angka: angka[kode.as_str()].clone(),
            anak,
            funnel_ikm: funnel(&pools[kode.as_str()], &children, bobot),
        });
    }
    unit_angka.clear();
    Rekap { periode, simpul }
}

/// The latest quarter-, month- or half-year period with an answer or a
/// ticket in any of `sources`, of the first programme's period kind.
pub fn latest_period(sources: &[Sumber<'_>]) -> Option<Periode> {
    let jenis = sources.first()?.data.program.periode;
    sources
        .iter()
        .filter_map(|s| s.deret.last_day())
        .max()
        .map(|d| Periode::of(d, jenis))
}
