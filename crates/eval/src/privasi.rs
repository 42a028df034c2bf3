//! Small-cell suppression (UU 27/2022): no breakdown of respondents'
//! answers is published for fewer than [`MIN_SEL`] respondents, since a
//! figure of one, two or three people's answers tells who said what.
//!
//! Applied once, inside the evaluation and before any finding is drawn, so
//! the dashboard, every report format and every export (all written from
//! the [`Evaluasi`]) show the same rows, and no finding quotes a hidden one.
//! Hidden rows are listed with their size only ([`SelDisembunyikan`]), which
//! the report's Keterbatasan section states. Programme-wide figures (IKM over
//! all units, the DiD estimates) are kept: they pool every respondent.

use serde::Serialize;

use crate::Evaluasi;

/// The fewest respondents a published breakdown may rest on.
pub const MIN_SEL: usize = 5;

/// A breakdown row withheld because it rests on fewer than [`MIN_SEL`]
/// respondents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct SelDisembunyikan {
    /// Where it would have been, e.g. `skm.per_instansi`.
    pub bagian: String,
    /// The row: instansi or kelompok and phase, module, or module and item.
    pub baris: String,
    /// Its respondents (questionnaires, test pairs, tickets).
    pub n: usize,
}

/// Removes every breakdown row under [`MIN_SEL`] respondents and returns
/// them, in the order the report would have shown them.
pub fn suppress(e: &mut Evaluasi) -> Vec<SelDisembunyikan> {
    let mut hidden = Vec::new();
    let mut keep = |bagian: &str, baris: String, n: usize| {
        let small = n < MIN_SEL;
        if small {
            hidden.push(SelDisembunyikan {
                bagian: bagian.to_string(),
                baris,
                n,
            });
        }
        !small
    };
    e.skm.per_kelompok.retain(|g| {
        keep(
            "skm.per_kelompok",
            format!("{} {}", g.instansi, g.fase.as_str()),
            g.ikm.n as usize,
        )
    });
    e.skm.per_instansi.retain(|g| {
        keep(
            "skm.per_instansi",
            format!("{} {}", g.instansi, g.fase.as_str()),
            g.ikm.n as usize,
        )
    });
    e.layanan.per_kelompok.retain(|g| {
        keep(
            "layanan.per_kelompok",
            format!("{} {}", g.instansi, g.fase.as_str()),
            g.n,
        )
    });
    e.layanan.per_instansi.retain(|g| {
        keep(
            "layanan.per_instansi",
            format!("{} {}", g.instansi, g.fase.as_str()),
            g.n,
        )
    });
    e.pembelajaran
        .per_pelatihan
        .retain(|m| keep("pembelajaran.per_pelatihan", m.pelatihan.clone(), m.n));
    e.reaksi
        .per_pelatihan
        .retain(|m| keep("reaksi.per_pelatihan", m.pelatihan.clone(), m.n));
    for m in &mut e.reaksi.per_pelatihan {
        let pelatihan = m.pelatihan.clone();
        m.per_item.retain(|i| {
            keep(
                "reaksi.per_pelatihan.per_item",
                format!("{pelatihan} {}", i.item),
                i.n,
            )
        });
    }
    hidden
}

/// The qualitative cells withheld: respondent groups and instansi with
/// fewer than [`MIN_SEL`] interviews, which the evaluation does not break
/// down (their interviews still count in the totals, in κ and α, and their
/// quotes are attributed to "responden" without the group).
pub fn qualitative(data: &monev_domain::ProgramData) -> Vec<SelDisembunyikan> {
    use std::collections::BTreeMap;
    let mut groups: BTreeMap<monev_domain::KelompokResponden, usize> = BTreeMap::new();
    let mut units: BTreeMap<&str, usize> = BTreeMap::new();
    for w in &data.wawancara {
        *groups.entry(w.kelompok).or_default() += 1;
        *units.entry(w.instansi.as_str()).or_default() += 1;
    }
    let groups = groups
        .into_iter()
        .filter(|(_, n)| *n < MIN_SEL)
        .map(|(g, n)| SelDisembunyikan {
            bagian: "kualitatif.per_kelompok".into(),
            baris: g.code().into(),
            n,
        });
    let units = units
        .into_iter()
        .filter(|(_, n)| *n < MIN_SEL)
        .map(|(u, n)| SelDisembunyikan {
            bagian: "kualitatif.per_instansi".into(),
            baris: u.into(),
            n,
        });
    groups.chain(units).collect()
}
