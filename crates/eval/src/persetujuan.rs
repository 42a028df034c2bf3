//! A unit's figures for one period as they are submitted for approval and
//! frozen ([`AngkaUnit`]), and where each unit's figures stand
//! ([`StatusUnit`]): the latest version, the version approved by the kota,
//! and whether today's figures are still the approved ones.

use monev_domain::{Periode, Persetujuan, ProgramData, StatusPersetujuan};
use serde::{Deserialize, Serialize};

use crate::BobotIkm;
use crate::berkala::Deret;
use crate::ikm::Mutu;
use crate::privasi::MIN_SEL;

/// A budget line of the unit in the period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct AnggaranUnit {
    pub kegiatan: String,
    pub rencana_keuangan: Option<f64>,
    pub realisasi_keuangan: Option<f64>,
    pub rencana_fisik_persen: Option<f64>,
    pub realisasi_fisik_persen: Option<f64>,
}

/// An indicator of the unit in the period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct IndikatorUnit {
    pub indikator: String,
    pub nama: String,
    pub target: Option<f64>,
    pub realisasi: Option<f64>,
}

/// One unit's figures of one period, as submitted for approval: its SKM
/// (IKM with its interval, mutu and the nine unsur, withheld under
/// [`MIN_SEL`] questionnaires), its waiting time, and its budget lines' and
/// indicators' realisations. Unrounded; frozen as JSON.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct AngkaUnit {
    pub program: String,
    pub instansi: String,
    pub nama: String,
    pub periode: Periode,
    /// SKM questionnaires counted.
    pub skm_n: u64,
    pub ikm: Option<f64>,
    pub ikm_selang_95: Option<[f64; 2]>,
    pub mutu: Option<Mutu>,
    /// NRR of U1…U9 (`null`: withheld, or no answer to that unsur).
    pub nrr: [Option<f64>; 9],
    pub tunggu_n: u64,
    pub tunggu_median_menit: Option<f64>,
    pub tunggu_rata_menit: Option<f64>,
    pub anggaran: Vec<AnggaranUnit>,
    pub indikator: Vec<IndikatorUnit>,
}

/// Unit `instansi`'s figures in `periode`; `None` for a unit the programme
/// does not have.
pub fn angka_unit(
    data: &ProgramData,
    deret: &Deret,
    instansi: &str,
    periode: Periode,
    bobot: BobotIkm,
) -> Option<AngkaUnit> {
    let unit = data.instansi.iter().find(|i| i.kode == instansi)?;
    let titik = deret.ikm(Some(instansi), periode, bobot);
    let (cell, _) = deret.cell(instansi, periode);
    let shown = (cell.ikm.n as usize) >= MIN_SEL;
    let r = cell.ikm.result(bobot);
    let nrr = std::array::from_fn(|k| (shown && r.nrr[k].is_finite()).then_some(r.nrr[k]));
    let tunggu = deret.tunggu(Some(instansi), periode);
    let realisasi = crate::capaian::realisasi(data, periode, crate::capaian::Ambang::default());
    let own = |i: &Option<String>| i.as_deref() == Some(instansi);
    Some(AngkaUnit {
        program: data.program.kode.clone(),
        instansi: instansi.to_string(),
        nama: unit.nama.clone(),
        periode,
        skm_n: titik.n,
        ikm: titik.ikm,
        ikm_selang_95: titik.selang_95,
        mutu: titik.mutu,
        nrr,
        tunggu_n: tunggu.n,
        tunggu_median_menit: tunggu.median_menit,
        tunggu_rata_menit: tunggu.rata_menit,
        anggaran: realisasi
            .anggaran
            .iter()
            .filter(|a| own(&a.instansi))
            .map(|a| AnggaranUnit {
                kegiatan: a.kegiatan.clone(),
                rencana_keuangan: a.rencana_keuangan,
                realisasi_keuangan: a.realisasi_keuangan,
                rencana_fisik_persen: a.rencana_fisik_persen,
                realisasi_fisik_persen: a.realisasi_fisik_persen,
            })
            .collect(),
        indikator: realisasi
            .indikator
            .iter()
            .filter(|i| own(&i.instansi))
            .map(|i| IndikatorUnit {
                indikator: i.indikator.clone(),
                nama: i.nama.clone(),
                target: i.target,
                realisasi: i.realisasi,
            })
            .collect(),
    })
}

/// A version of a unit's figures, as a report cites it.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Versi {
    pub versi: u32,
    pub status: StatusPersetujuan,
    pub diajukan_oleh: String,
    pub diajukan_waktu: i64,
    pub kecamatan_oleh: Option<String>,
    pub kota_oleh: Option<String>,
    /// When the kota approved it (Unix seconds).
    pub kota_waktu: Option<i64>,
    pub alasan: Option<String>,
    pub catatan: Option<String>,
    /// SHA-256 of the frozen figures.
    pub sidik: String,
}

impl Versi {
    fn of(p: &Persetujuan) -> Versi {
        Versi {
            versi: p.versi,
            status: p.status,
            diajukan_oleh: p.diajukan_oleh.clone(),
            diajukan_waktu: p.diajukan_waktu,
            kecamatan_oleh: p.kecamatan_oleh.clone(),
            kota_oleh: p.kota_oleh.clone(),
            kota_waktu: p.kota_waktu,
            alasan: p.alasan.clone(),
            catatan: p.catatan.clone(),
            sidik: p.sidik.clone(),
        }
    }
}

/// Where one unit's figures of a period stand.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct StatusUnit {
    pub instansi: String,
    pub nama: String,
    /// The unit's region (usually its kecamatan).
    pub wilayah: Option<String>,
    /// The latest version, whatever its state; `null`: not submitted.
    pub terakhir: Option<Versi>,
    /// The latest version the kota approved: the one the reports cite.
    pub disetujui: Option<Versi>,
    /// Whether today's figures are still those of the approved version
    /// (`null` when none is approved). When not, the figures shown are not
    /// approved, and the unit submits a new version with the reason.
    pub sesuai: Option<bool>,
}

impl StatusUnit {
    /// Approved by the kota and unchanged since.
    pub fn approved(&self) -> bool {
        self.sesuai == Some(true)
    }
}

/// Where every unit's figures of `periode` stand (`None` when the data hold
/// no approvals record: a package read straight from its files).
pub fn status(
    data: &ProgramData,
    deret: &Deret,
    periode: Periode,
    bobot: BobotIkm,
) -> Option<Vec<StatusUnit>> {
    let all = data.persetujuan.as_ref()?;
    let mut out = Vec::new();
    for unit in &data.instansi {
        let mut versions: Vec<&Persetujuan> = all
            .iter()
            .filter(|p| p.instansi == unit.kode && p.periode == periode)
            .collect();
        versions.sort_by_key(|p| p.versi);
        let approved = versions
            .iter()
            .rev()
            .find(|p| p.status == StatusPersetujuan::DisetujuiKota);
        let sesuai = approved.map(|p| {
            let frozen: Option<AngkaUnit> = serde_json::from_str(&p.angka).ok();
            frozen.is_some() && frozen == angka_unit(data, deret, &unit.kode, periode, bobot)
        });
        out.push(StatusUnit {
            instansi: unit.kode.clone(),
            nama: unit.nama.clone(),
            wilayah: unit.wilayah.clone(),
            terakhir: versions.last().map(|p| Versi::of(p)),
            disetujui: approved.map(|p| Versi::of(p)),
            sesuai,
        });
    }
    Some(out)
}

/// The approvals of one period, as the evaluation report cites them.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct PeriodeDisetujui {
    pub periode: Periode,
    /// The programme's units.
    pub unit: usize,
    /// Each unit the kota approved, with the version approved last.
    pub disetujui: Vec<(String, u32)>,
}

/// Every period with an approved version, in order (`None` when the data
/// hold no approvals record).
pub fn by_period(data: &ProgramData) -> Option<Vec<PeriodeDisetujui>> {
    let all = data.persetujuan.as_ref()?;
    let mut out: Vec<PeriodeDisetujui> = Vec::new();
    let mut approved: Vec<&Persetujuan> = all
        .iter()
        .filter(|p| p.status == StatusPersetujuan::DisetujuiKota)
        .collect();
    approved
        .sort_by(|a, b| (a.periode, &a.instansi, a.versi).cmp(&(b.periode, &b.instansi, b.versi)));
    for p in approved {
        if out.last().is_none_or(|l| l.periode != p.periode) {
            out.push(PeriodeDisetujui {
                periode: p.periode,
                unit: data.instansi.len(),
                disetujui: Vec::new(),
            });
        }
        let last = out.last_mut().expect("pushed");
        match last.disetujui.iter_mut().find(|(u, _)| *u == p.instansi) {
            Some((_, v)) => *v = p.versi,
            None => last.disetujui.push((p.instansi.clone(), p.versi)),
        }
    }
    Some(out)
}
