//! Completeness and timeliness of a period (*kelengkapan dan ketepatan
//! waktu*), as DHIS2 reports a data set's: for every unit, what is expected
//! (an SKM sample of Krejcie–Morgan's size for the period's service users,
//! a queue log, the realisation of the unit's indicators and budget lines
//! planned for the period), what arrived and when, and whether the unit
//! submitted its figures (`persetujuan`) by the period's due date; for the
//! programme itself, its own indicators' and budget lines' realisation.

use monev_domain::{Date, Periode, ProgramData};
use serde::Serialize;

use crate::berkala::Deret;

/// Days after a period's end its figures are due, unless the programme
/// says otherwise.
pub const BATAS_HARI_BAKU: u32 = 10;

/// One expected item: how many arrived of how many expected.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Butir {
    /// Questionnaires, tickets, or lines filled.
    pub ada: u64,
    /// What is expected: Krejcie–Morgan's sample for the SKM (`null`
    /// without a queue log to size it: one questionnaire then), one ticket
    /// for the queue log, every line planned for the indicators and the
    /// budget.
    pub diharapkan: Option<u64>,
    /// The last day something arrived (SKM, queue log).
    pub terakhir: Option<Date>,
    pub lengkap: bool,
}

/// One unit's (or the programme's) period.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct BarisKelengkapan {
    /// `null`: the programme's own lines.
    pub instansi: Option<String>,
    pub nama: String,
    pub skm: Option<Butir>,
    pub antrean: Option<Butir>,
    /// `null` when the unit has no indicator (budget line) planned for the
    /// period.
    pub indikator: Option<Butir>,
    pub anggaran: Option<Butir>,
    /// Every expected item arrived.
    pub lengkap: bool,
    /// When the unit first submitted its figures of the period (Unix
    /// seconds); `null`: not yet (or a package's data).
    pub dilaporkan: Option<i64>,
    /// Submitted by the due date; `null` for the programme's row and while
    /// the due date has not passed without a submission.
    pub tepat_waktu: Option<bool>,
    /// Days past the due date: of the submission, or of `today` while none.
    pub terlambat_hari: Option<i64>,
}

impl BarisKelengkapan {
    /// What is missing, as the reminder names it.
    pub fn missing(&self, lang: monev_domain::Lang) -> Vec<&'static str> {
        let mut out = Vec::new();
        let short = |b: &Option<Butir>| b.as_ref().is_some_and(|b| !b.lengkap);
        if short(&self.skm) {
            out.push(lang.pick("sampel SKM", "SKM sample"));
        }
        if short(&self.antrean) {
            out.push(lang.pick("log antrean", "queue log"));
        }
        if short(&self.indikator) {
            out.push(lang.pick("realisasi indikator", "indicator realisation"));
        }
        if short(&self.anggaran) {
            out.push(lang.pick("realisasi anggaran", "budget realisation"));
        }
        if self.tepat_waktu == Some(false) && self.dilaporkan.is_none() {
            out.push(lang.pick("pengajuan angka", "submission of the figures"));
        }
        out
    }

    /// Late, or incomplete once due.
    pub fn needs_reminder(&self) -> bool {
        self.instansi.is_some() && (!self.lengkap || self.tepat_waktu == Some(false))
    }
}

/// A period's completeness.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Kelengkapan {
    pub program: String,
    pub periode: Periode,
    /// The day the period's figures are due.
    pub batas: Date,
    pub batas_hari: u32,
    /// The day it was judged on.
    pub hari_ini: Date,
    /// The programme's row first, then every unit.
    pub baris: Vec<BarisKelengkapan>,
    /// Units complete and on time, of all units.
    pub unit_lengkap: usize,
    pub unit_tepat_waktu: usize,
    pub unit: usize,
}

fn lines<'a>(filled: impl Iterator<Item = bool> + 'a) -> Option<Butir> {
    let (mut n, mut ada) = (0u64, 0u64);
    for f in filled {
        n += 1;
        ada += u64::from(f);
    }
    (n > 0).then_some(Butir {
        ada,
        diharapkan: Some(n),
        terakhir: None,
        lengkap: ada == n,
    })
}

/// The completeness of `periode`, judged on `today`, with figures due
/// `batas_hari` days after the period ends.
pub fn kelengkapan(
    data: &ProgramData,
    deret: &Deret,
    periode: Periode,
    batas_hari: u32,
    today: Date,
) -> Kelengkapan {
    let batas = periode.selesai().add_days(i64::from(batas_hari));
    let zona = data.program.zona_waktu;
    let planned = |unit: Option<&str>| {
        let ind = data
            .indikator_periode
            .iter()
            .filter(move |r| r.periode == periode && r.instansi.as_deref() == unit)
            .map(|r| r.realisasi.is_some());
        let ang = data
            .anggaran_periode
            .iter()
            .filter(move |r| r.periode == periode && r.instansi.as_deref() == unit)
            .map(|r| r.realisasi_keuangan.is_some() || r.realisasi_fisik_persen.is_some());
        (lines(ind), lines(ang))
    };
    let mut baris = Vec::new();
    let (ind, ang) = planned(None);
    if ind.is_some() || ang.is_some() {
        baris.push(BarisKelengkapan {
            instansi: None,
            nama: data.program.nama.clone(),
            skm: None,
            antrean: None,
            lengkap: ind.as_ref().is_none_or(|b| b.lengkap)
                && ang.as_ref().is_none_or(|b| b.lengkap),
            indikator: ind,
            anggaran: ang,
            dilaporkan: None,
            tepat_waktu: None,
            terlambat_hari: None,
        });
    }
    let due_end = (batas.days_since_epoch() + 1) * 86_400 - zona.offset_seconds();
    for unit in &data.instansi {
        let a = deret.arrivals(&unit.kode, periode);
        let target = (a.tiket > 0).then(|| monev_stats::sample::krejcie_morgan(a.tiket));
        let skm = Butir {
            ada: a.skm,
            diharapkan: target,
            terakhir: a.skm_terakhir,
            lengkap: a.skm >= target.unwrap_or(1),
        };
        let antrean = Butir {
            ada: a.tiket,
            diharapkan: Some(1),
            terakhir: a.tiket_terakhir,
            lengkap: a.tiket > 0,
        };
        let (ind, ang) = planned(Some(&unit.kode));
        let dilaporkan = data.persetujuan.as_ref().and_then(|all| {
            all.iter()
                .filter(|p| p.instansi == unit.kode && p.periode == periode)
                .min_by_key(|p| p.versi)
                .map(|p| p.diajukan_waktu)
        });
        let late_days = |seconds: i64| (seconds - due_end).div_euclid(86_400) + 1;
        let (tepat_waktu, terlambat_hari) = match dilaporkan {
            Some(t) => (Some(t < due_end), (t >= due_end).then(|| late_days(t))),
            None if today > batas => (
                Some(false),
                Some(today.days_since_epoch() - batas.days_since_epoch()),
            ),
            None => (None, None),
        };
        let lengkap = skm.lengkap
            && antrean.lengkap
            && ind.as_ref().is_none_or(|b| b.lengkap)
            && ang.as_ref().is_none_or(|b| b.lengkap);
        baris.push(BarisKelengkapan {
            instansi: Some(unit.kode.clone()),
            nama: unit.nama.clone(),
            skm: Some(skm),
            antrean: Some(antrean),
            indikator: ind,
            anggaran: ang,
            lengkap,
            dilaporkan,
            tepat_waktu,
            terlambat_hari,
        });
    }
    let units = baris.iter().filter(|b| b.instansi.is_some());
    let unit_lengkap = units.clone().filter(|b| b.lengkap).count();
    let unit_tepat_waktu = units
        .clone()
        .filter(|b| b.tepat_waktu == Some(true))
        .count();
    Kelengkapan {
        program: data.program.kode.clone(),
        periode,
        batas,
        batas_hari,
        hari_ini: today,
        unit: data.instansi.len(),
        baris,
        unit_lengkap,
        unit_tepat_waktu,
    }
}

/// One line of the reminder list: a late or incomplete unit, who to tell
/// and what.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Pengingat {
    pub instansi: String,
    pub nama: String,
    pub periode: Periode,
    /// What is missing, `; `-separated.
    pub kurang: String,
    pub terlambat_hari: Option<i64>,
    /// The unit's operators, `; `-separated.
    pub operator: String,
    /// The message to send them.
    pub pesan: String,
}

impl Pengingat {
    /// The reminder list's columns.
    pub const HEADERS: [&'static str; 7] = [
        "instansi",
        "nama",
        "periode",
        "kurang",
        "terlambat_hari",
        "operator",
        "pesan",
    ];
}

/// The reminders of a period: every unit of `k` that is late or
/// incomplete, with `operators(unit)` to tell.
pub fn pengingat(
    k: &Kelengkapan,
    lang: monev_domain::Lang,
    operators: impl Fn(&str) -> Vec<String>,
) -> Vec<Pengingat> {
    use monev_domain::Lang;
    let periode = k.periode;
    k.baris
        .iter()
        .filter(|b| b.needs_reminder())
        .map(|b| {
            let unit = b.instansi.clone().unwrap_or_default();
            let missing = b.missing(lang).join(", ");
            let pesan = match lang {
                Lang::Id => format!(
                    "Yth. operator {}: data {periode} belum lengkap atau belum diajukan ({missing}). Mohon dilengkapi dan angka unit diajukan di monev; tenggatnya {}.",
                    b.nama, k.batas
                ),
                Lang::En => format!(
                    "Dear operator of {}: the data of {periode} are not complete or not submitted ({missing}). Please complete them and submit the unit's figures in monev; they were due {}.",
                    b.nama, k.batas
                ),
            };
            Pengingat {
                operator: operators(&unit).join("; "),
                instansi: unit,
                nama: b.nama.clone(),
                periode,
                kurang: b.missing(lang).join("; "),
                terlambat_hari: b.terlambat_hari,
                pesan,
            }
        })
        .collect()
}
