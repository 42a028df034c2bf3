//! Qualitative evidence beside the figures: interviews per respondent group,
//! code frequencies, agreement between coders (Cohen's κ, Krippendorff's α)
//! per code, and for each finding the interview evidence that bears on it —
//! how many interviews, and a few de-identified quotes attributed only by
//! group and kind of unit.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use monev_domain::{KODE_BAKU, KelompokResponden, ProgramData, Sumber, deidentify_with};
use monev_stats as stats;
use serde::Serialize;

use crate::rules::Finding;

/// Groups and units with fewer interviews than this are not broken down.
use crate::privasi::MIN_SEL;

/// Quotes shown per finding.
const QUOTES: usize = 3;

/// Document passages shown per finding.
const DOC_QUOTES: usize = 2;

#[derive(Debug, Clone, Serialize, Default, schemars::JsonSchema)]
pub struct Kualitatif {
    pub wawancara: usize,
    /// Interviews per respondent group; `n` is `null` below five (shown as
    /// "< 5", never broken down further).
    pub per_kelompok: Vec<WawancaraKelompok>,
    pub pengkode: Vec<String>,
    pub segmen: usize,
    pub per_kode: Vec<KodeEval>,
    /// Mean κ and α over the codes where they could be computed.
    pub kappa_rata: f64,
    pub alpha_rata: f64,
    /// For each finding with interview evidence: its quotes.
    pub triangulasi: Vec<Triangulasi>,
    /// Pairs of codes found in the same source (any coder): interviews,
    /// documents, and overlapping segments; most sources first.
    pub kookurensi: Vec<Kookurensi>,
    /// Each interview's codes (any coder): the case × code table for mixed
    /// methods, 0/1 when exported.
    pub per_kasus: Vec<Kasus>,
    /// Documents analysed, by kind.
    pub dokumen: usize,
    pub dokumen_per_jenis: Vec<(String, usize)>,
    /// Documents with at least one coded segment.
    pub dokumen_dikodekan: usize,
}

/// Two codes found together (codes of any coder; `a` sorts before `b`).
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Kookurensi {
    pub a: String,
    pub b: String,
    /// Interviews holding both codes.
    pub wawancara: usize,
    /// Documents holding both codes.
    pub dokumen: usize,
    /// Pairs of segments, one of each code, in the same source whose
    /// character spans overlap (a passage given both codes).
    pub segmen: usize,
}

/// One interview's codes. No unit, and the group only when it has five or
/// more interviews: a case must not point at a person.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Kasus {
    pub wawancara: String,
    pub kelompok: Option<KelompokResponden>,
    pub kode: Vec<String>,
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct WawancaraKelompok {
    pub kelompok: KelompokResponden,
    pub n: Option<usize>,
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct KodeEval {
    pub kode: String,
    pub nama: String,
    pub segmen: usize,
    /// Interviews where any coder applied the code.
    pub wawancara: usize,
    /// Documents where any coder applied the code.
    pub dokumen: usize,
    /// Interviews with the code per group (`null` below five interviews in
    /// the group).
    pub per_kelompok: Vec<(KelompokResponden, Option<usize>)>,
    /// Interviews with the code per instansi (`null` where the instansi
    /// has fewer than five interviews).
    pub per_instansi: Vec<(String, Option<usize>)>,
    /// Cohen's κ between the two coders who coded the most sources
    /// (interviews and documents; on a tie in the number of sources, the
    /// coder whose name sorts first), on the sources both coded: presence of
    /// the code in each source, a source being the unit.
    pub kappa: f64,
    /// Krippendorff's α (nominal) over all coders, the unit a source
    /// (interview or document): presence of the code, missing where a coder
    /// did not code the source.
    pub alpha: f64,
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Triangulasi {
    /// The finding's code (`kendala.partisipasi`).
    pub temuan: String,
    /// The qualitative codes read as its evidence.
    pub kode: Vec<String>,
    pub wawancara: usize,
    pub kutipan: Vec<Kutipan>,
    /// Documents with a segment of these codes, and passages from them.
    pub dokumen: usize,
    pub kutipan_dokumen: Vec<KutipanDokumen>,
}

/// A passage of a document, de-identified like a quote, named by the
/// document's title and kind.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct KutipanDokumen {
    pub teks: String,
    pub judul: String,
    pub jenis: String,
    pub dokumen: String,
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Kutipan {
    /// De-identified text.
    pub teks: String,
    /// "ASN peserta, kelurahan" / "participating ASN, kelurahan".
    pub atribusi: String,
    /// The coder marked the passage as going against the figures (memo
    /// starting with "bertentangan"): shown, and said so.
    pub bertentangan: bool,
    pub atribusi_en: String,
    pub wawancara: String,
}

/// Which qualitative codes speak to which finding.
fn evidence_codes(finding: &str) -> &'static [&'static str] {
    match finding {
        "hasil.kinerja" | "hasil.pembelajaran" => &["hasil.komunikasi", "hasil.manajemen_waktu"],
        "hasil.waktu_tunggu" | "kendala.waktu_tunggu" => &["hasil.waktu_tunggu"],
        "kendala.partisipasi" | "kendala.alasan_nonpeserta" => &["kendala.partisipasi"],
        "kendala.relevansi" => &["kendala.relevansi"],
        "kendala.anggaran_terbatas" | "kendala.penyerapan_anggaran" => &["kendala.anggaran"],
        "kendala.unsur_skm" => &["kendala.sarana"],
        "kendala.sampel_skm" => &["kendala.survei"],
        "kendala.indikator" => &["kendala.partisipasi", "kendala.relevansi"],
        "rekomendasi.sosialisasi" => &["rekomendasi.sosialisasi", "kendala.partisipasi"],
        "rekomendasi.relevansi_modul" => &["rekomendasi.materi", "kendala.relevansi"],
        "rekomendasi.anggaran" | "rekomendasi.perencanaan_anggaran" => {
            &["rekomendasi.anggaran", "kendala.anggaran"]
        }
        _ => &[],
    }
}

pub fn evaluate(data: &ProgramData, findings: &[Finding]) -> Kualitatif {
    let dokumen_per_jenis: Vec<(String, usize)> = data
        .dokumen
        .iter()
        .fold(BTreeMap::new(), |mut m: BTreeMap<String, usize>, d| {
            *m.entry(d.jenis.clone()).or_default() += 1;
            m
        })
        .into_iter()
        .collect();
    if data.wawancara.is_empty() && data.kutipan.is_empty() {
        return Kualitatif {
            kappa_rata: f64::NAN,
            alpha_rata: f64::NAN,
            dokumen: data.dokumen.len(),
            dokumen_per_jenis,
            ..Kualitatif::default()
        };
    }
    let by_code: HashMap<&str, &monev_domain::Wawancara> = data
        .wawancara
        .iter()
        .map(|w| (w.kode.as_str(), w))
        .collect();
    let group_n: BTreeMap<KelompokResponden, usize> =
        data.wawancara.iter().fold(BTreeMap::new(), |mut m, w| {
            *m.entry(w.kelompok).or_default() += 1;
            m
        });
    let unit_n: BTreeMap<&str, usize> = data.wawancara.iter().fold(BTreeMap::new(), |mut m, w| {
        *m.entry(w.instansi.as_str()).or_default() += 1;
        m
    });
    let shown = |g: KelompokResponden, n: usize| -> Option<usize> {
        (group_n.get(&g).copied().unwrap_or(0) >= MIN_SEL).then_some(n)
    };
    let per_kelompok = KelompokResponden::ALL
        .iter()
        .filter(|g| group_n.contains_key(g))
        .map(|g| WawancaraKelompok {
            kelompok: *g,
            n: shown(*g, group_n[g]),
        })
        .collect();
    let coders: BTreeSet<&str> = data.kutipan.iter().map(|k| k.pengkode.as_str()).collect();
    // Sources (interviews and documents) each coder coded (any segment).
    let coded_by: BTreeMap<&str, BTreeSet<&Sumber>> =
        data.kutipan.iter().fold(BTreeMap::new(), |mut m, k| {
            m.entry(k.pengkode.as_str()).or_default().insert(&k.sumber);
            m
        });
    let codebook: Vec<(String, String)> = if data.kode_kualitatif.is_empty() {
        KODE_BAKU
            .iter()
            .map(|(k, n, _)| (k.to_string(), n.to_string()))
            .collect()
    } else {
        data.kode_kualitatif
            .iter()
            .map(|k| (k.kode.clone(), k.nama.clone()))
            .collect()
    };
    // The two coders with the most sources, for κ.
    let mut by_volume: Vec<(&str, usize)> = coded_by.iter().map(|(c, s)| (*c, s.len())).collect();
    by_volume.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let pair = (by_volume.len() >= 2).then(|| (by_volume[0].0, by_volume[1].0));
    // The units of agreement: every interview and document.
    let units: Vec<Sumber> = data
        .wawancara
        .iter()
        .map(|w| Sumber::Wawancara(w.kode.clone()))
        .chain(data.dokumen.iter().map(|d| Sumber::Dokumen(d.kode.clone())))
        .collect();

    let mut per_kode = Vec::new();
    let (mut kappas, mut alphas) = (Vec::new(), Vec::new());
    for (kode, nama) in &codebook {
        let segs: Vec<&monev_domain::Kutipan> =
            data.kutipan.iter().filter(|k| &k.kode == kode).collect();
        let with: BTreeSet<&str> = segs.iter().filter_map(|k| k.sumber.wawancara()).collect();
        let with_docs: BTreeSet<&str> = segs.iter().filter_map(|k| k.sumber.dokumen()).collect();
        let applied =
            |coder: &str, u: &Sumber| segs.iter().any(|k| k.pengkode == coder && &k.sumber == u);
        let kappa = match pair {
            Some((a, b)) => {
                let both: Vec<&Sumber> = units
                    .iter()
                    .filter(|u| coded_by[a].contains(u) && coded_by[b].contains(u))
                    .collect();
                let xa: Vec<u8> = both.iter().map(|w| u8::from(applied(a, w))).collect();
                let xb: Vec<u8> = both.iter().map(|w| u8::from(applied(b, w))).collect();
                stats::cohen_kappa(&xa, &xb).kappa
            }
            None => f64::NAN,
        };
        let alpha = if coders.len() >= 2 {
            let rows: Vec<Vec<Option<u8>>> = coders
                .iter()
                .map(|c| {
                    units
                        .iter()
                        .map(|u| coded_by[c].contains(u).then(|| u8::from(applied(c, u))))
                        .collect()
                })
                .collect();
            stats::krippendorff_alpha_nominal(&rows)
        } else {
            f64::NAN
        };
        if kappa.is_finite() {
            kappas.push(kappa);
        }
        if alpha.is_finite() {
            alphas.push(alpha);
        }
        let per_group = KelompokResponden::ALL
            .iter()
            .filter(|g| group_n.contains_key(g))
            .map(|g| {
                let n = with
                    .iter()
                    .filter(|w| by_code.get(*w).is_some_and(|x| x.kelompok == *g))
                    .count();
                (*g, shown(*g, n))
            })
            .collect();
        let per_unit = unit_n
            .iter()
            .map(|(u, total)| {
                let n = with
                    .iter()
                    .filter(|w| by_code.get(*w).is_some_and(|x| x.instansi == *u))
                    .count();
                (u.to_string(), (*total >= MIN_SEL).then_some(n))
            })
            .collect();
        per_kode.push(KodeEval {
            kode: kode.clone(),
            nama: nama.clone(),
            segmen: segs.len(),
            wawancara: with.len(),
            dokumen: with_docs.len(),
            per_kelompok: per_group,
            per_instansi: per_unit,
            kappa,
            alpha,
        });
    }

    // Names to mask: the roster's, and the interviewers'.
    let names: Vec<&str> = data
        .asn
        .iter()
        .map(|a| a.nama.as_str())
        .chain(data.wawancara.iter().map(|w| w.pewawancara.as_str()))
        .collect();
    let jenis: HashMap<&str, &str> = data
        .instansi
        .iter()
        .map(|i| (i.kode.as_str(), i.jenis.as_str()))
        .collect();
    let mut triangulasi = Vec::new();
    for f in findings {
        let codes = evidence_codes(&f.kode);
        let direct = codebook.iter().any(|(k, _)| *k == f.kode);
        let mut wanted: Vec<&str> = codes.to_vec();
        if direct && !wanted.contains(&f.kode.as_str()) {
            wanted.push(&f.kode);
        }
        if wanted.is_empty() {
            continue;
        }
        let all: Vec<&monev_domain::Kutipan> = data
            .kutipan
            .iter()
            .filter(|k| wanted.contains(&k.kode.as_str()))
            .collect();
        if all.is_empty() {
            continue;
        }
        let segs: Vec<&monev_domain::Kutipan> = all
            .iter()
            .copied()
            .filter(|k| k.sumber.wawancara().is_some())
            .collect();
        let n: BTreeSet<&str> = segs.iter().filter_map(|k| k.sumber.wawancara()).collect();
        // One quote per interview, groups taken in turn, the first coder's
        // segment of each (segments of one passage by two coders repeat).
        let mut seen_w: BTreeSet<&str> = BTreeSet::new();
        let mut seen_text: BTreeSet<String> = BTreeSet::new();
        let mut pool: Vec<(KelompokResponden, &monev_domain::Kutipan)> = Vec::new();
        for k in &segs {
            let code = k.sumber.kode();
            if let Some(w) = by_code.get(code)
                && seen_w.insert(code)
            {
                pool.push((w.kelompok, k));
            }
        }
        // A passage marked as contradicting the figures comes first.
        let contra = |k: &monev_domain::Kutipan| {
            k.memo
                .as_deref()
                .is_some_and(|m| m.trim().to_lowercase().starts_with("bertentangan"))
        };
        let contradicting: Vec<&monev_domain::Kutipan> =
            segs.iter().copied().filter(|k| contra(k)).collect();
        pool.sort_by_key(|(_, k)| !contradicting.iter().any(|c| c.sumber == k.sumber));
        let mut quotes = Vec::new();
        let mut next: BTreeMap<KelompokResponden, usize> = BTreeMap::new();
        let mut progress = true;
        while quotes.len() < QUOTES && progress {
            progress = false;
            let mut order: Vec<KelompokResponden> = Vec::new();
            for (g, _) in &pool {
                if !order.contains(g) {
                    order.push(*g);
                }
            }
            for g in order {
                if quotes.len() == QUOTES {
                    break;
                }
                let of_group: Vec<&(KelompokResponden, &monev_domain::Kutipan)> =
                    pool.iter().filter(|(pg, _)| *pg == g).collect();
                let at = next.entry(g).or_insert(0);
                while *at < of_group.len() {
                    let (_, k) = of_group[*at];
                    *at += 1;
                    // The contradicting passage itself, where one is marked.
                    let k = contradicting
                        .iter()
                        .find(|c| c.sumber == k.sumber)
                        .copied()
                        .unwrap_or(k);
                    let w = by_code[k.sumber.kode()];
                    let text = deidentify_with(k.teks(&w.transkrip).trim(), &names, &data.samaran);
                    if !seen_text.insert(text.clone()) {
                        continue;
                    }
                    let kind = jenis.get(w.instansi.as_str()).copied().unwrap_or("");
                    let (gid, g_en) = if group_n.get(&g).copied().unwrap_or(0) >= MIN_SEL {
                        g.label()
                    } else {
                        ("responden", "respondent")
                    };
                    quotes.push(Kutipan {
                        teks: text,
                        atribusi: if kind.is_empty() {
                            gid.to_string()
                        } else {
                            format!("{gid}, {kind}")
                        },
                        bertentangan: contra(k),
                        atribusi_en: if kind.is_empty() {
                            g_en.to_string()
                        } else {
                            format!("{g_en}, {kind}")
                        },
                        wawancara: k.sumber.kode().to_string(),
                    });
                    progress = true;
                    break;
                }
            }
        }
        // Documents: one passage per document, the first coder's, in
        // document order.
        let docs: BTreeSet<&str> = all.iter().filter_map(|k| k.sumber.dokumen()).collect();
        let mut kutipan_dokumen = Vec::new();
        for d in data
            .dokumen
            .iter()
            .filter(|d| docs.contains(d.kode.as_str()))
        {
            if kutipan_dokumen.len() == DOC_QUOTES {
                break;
            }
            let Some(k) = all
                .iter()
                .find(|k| k.sumber.dokumen() == Some(d.kode.as_str()))
            else {
                continue;
            };
            kutipan_dokumen.push(KutipanDokumen {
                teks: deidentify_with(k.teks(&d.teks).trim(), &names, &data.samaran),
                judul: d.judul.clone(),
                jenis: d.jenis.clone(),
                dokumen: d.kode.clone(),
            });
        }
        triangulasi.push(Triangulasi {
            temuan: f.kode.to_string(),
            kode: wanted.iter().map(|s| s.to_string()).collect(),
            wawancara: n.len(),
            kutipan: quotes,
            dokumen: docs.len(),
            kutipan_dokumen,
        });
    }
    // Cases and co-occurrence, codes from any coder.
    let per_kasus: Vec<Kasus> = data
        .wawancara
        .iter()
        .map(|w| {
            let codes: BTreeSet<&str> = data
                .kutipan
                .iter()
                .filter(|k| k.sumber.wawancara() == Some(w.kode.as_str()))
                .map(|k| k.kode.as_str())
                .collect();
            Kasus {
                wawancara: w.kode.clone(),
                kelompok: (group_n.get(&w.kelompok).copied().unwrap_or(0) >= MIN_SEL)
                    .then_some(w.kelompok),
                kode: codes.into_iter().map(str::to_string).collect(),
            }
        })
        .collect();
    let kookurensi = co_occurrence(&data.kutipan);
    let mean = |v: &[f64]| {
        if v.is_empty() {
            f64::NAN
        } else {
            v.iter().sum::<f64>() / v.len() as f64
        }
    };
    Kualitatif {
        wawancara: data.wawancara.len(),
        per_kelompok,
        pengkode: coders.iter().map(|s| s.to_string()).collect(),
        segmen: data.kutipan.len(),
        per_kode,
        kappa_rata: mean(&kappas),
        alpha_rata: mean(&alphas),
        triangulasi,
        kookurensi,
        per_kasus,
        dokumen: data.dokumen.len(),
        dokumen_per_jenis,
        dokumen_dikodekan: data
            .kutipan
            .iter()
            .filter_map(|k| k.sumber.dokumen())
            .collect::<BTreeSet<_>>()
            .len(),
    }
}

/// Code co-occurrence over coded segments of any coder: for each pair of
/// codes, the interviews and documents holding both, and the pairs of
/// overlapping segments; most sources first, then by code.
pub fn co_occurrence(segments: &[monev_domain::Kutipan]) -> Vec<Kookurensi> {
    let mut by_source: BTreeMap<&Sumber, Vec<&monev_domain::Kutipan>> = BTreeMap::new();
    for k in segments {
        by_source.entry(&k.sumber).or_default().push(k);
    }
    // (a, b) → (interviews, documents, overlapping segment pairs)
    let mut pairs: BTreeMap<(&str, &str), (usize, usize, usize)> = BTreeMap::new();
    for (source, segs) in &by_source {
        let codes: BTreeSet<&str> = segs.iter().map(|k| k.kode.as_str()).collect();
        let codes: Vec<&str> = codes.into_iter().collect();
        for (i, a) in codes.iter().enumerate() {
            for b in &codes[i + 1..] {
                let e = pairs.entry((a, b)).or_default();
                match source {
                    Sumber::Wawancara(_) => e.0 += 1,
                    Sumber::Dokumen(_) => e.1 += 1,
                }
            }
        }
        for (i, x) in segs.iter().enumerate() {
            for y in &segs[i + 1..] {
                if x.kode != y.kode && x.mulai < y.selesai && y.mulai < x.selesai {
                    let key = if x.kode < y.kode {
                        (x.kode.as_str(), y.kode.as_str())
                    } else {
                        (y.kode.as_str(), x.kode.as_str())
                    };
                    pairs.entry(key).or_default().2 += 1;
                }
            }
        }
    }
    let mut out: Vec<Kookurensi> = pairs
        .into_iter()
        .map(|((a, b), (wawancara, dokumen, segmen))| Kookurensi {
            a: a.to_string(),
            b: b.to_string(),
            wawancara,
            dokumen,
            segmen,
        })
        .collect();
    // Stable: ties keep the codes' order.
    out.sort_by_key(|x| std::cmp::Reverse(x.wawancara + x.dokumen));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use monev_domain::Kutipan as Segmen;

    fn seg(sumber: Sumber, mulai: usize, selesai: usize, kode: &str, pengkode: &str) -> Segmen {
        Segmen {
            sumber,
            mulai,
            selesai,
            kode: kode.into(),
            pengkode: pengkode.into(),
            memo: None,
        }
    }

    /// Counted by hand: in W1 both coders' a overlaps two of the three b
    /// segments (four pairs; the third b only touches a's end) and c
    /// stands apart; W2 holds a and b apart; D1 holds a inside c.
    #[test]
    fn co_occurrence_counts_sources_and_overlapping_segments() {
        let w1 = || Sumber::Wawancara("W1".into());
        let w2 = || Sumber::Wawancara("W2".into());
        let d1 = || Sumber::Dokumen("D1".into());
        let segs = [
            seg(w1(), 0, 10, "a", "A"),
            seg(w1(), 5, 15, "b", "A"),
            seg(w1(), 8, 12, "b", "B"),
            seg(w1(), 10, 20, "b", "B"), // touches a's end: no overlap
            seg(w1(), 30, 40, "c", "A"),
            seg(w1(), 0, 10, "a", "B"), // same code as the first: no pair
            seg(w2(), 0, 5, "a", "A"),
            seg(w2(), 6, 9, "b", "A"),
            seg(d1(), 0, 9, "c", "A"),
            seg(d1(), 3, 4, "a", "A"),
        ];
        let got: Vec<(String, String, usize, usize, usize)> = co_occurrence(&segs)
            .into_iter()
            .map(|k| (k.a, k.b, k.wawancara, k.dokumen, k.segmen))
            .collect();
        let want = [
            ("a", "b", 2, 0, 4),
            ("a", "c", 1, 1, 1),
            ("b", "c", 1, 0, 0),
        ];
        assert_eq!(
            got,
            want.map(|(a, b, w, d, s)| (a.to_string(), b.to_string(), w, d, s))
        );
    }
}
