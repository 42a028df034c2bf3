//! The report's sentences, worded once per language: [`Teks`] names each,
//! `id.rs` gives its Indonesian template and `en.rs` its English one (a
//! message without its twin does not compile; `tests` checks both name the
//! same values). Sections fill them with `R::say` (plain text) or
//! `R::say_runs` (`**bold**`, `~subscript~`, `` `code` `` as runs).
//! Finding sentences are `monev_eval::rules`' own bilingual templates.

mod en;
mod id;

use monev_domain::teks::Catalogue;

monev_domain::catalogue! {
    /// A sentence of the report.
    pub enum Teks {
        /// How a difference-in-differences was tested: clustered errors.
        DidCr1,
        /// … the wild cluster bootstrap.
        DidWild,
        /// A difference-in-differences with its interval, p, n and method.
        DidSentence,
        /// Attendance and those who did not finish.
        Kehadiran,
        /// Who was rated, where, and the test.
        KinerjaDinilai,
        /// The IKM of every questionnaire.
        SkmKeseluruhan,
        /// Training cost.
        BiayaPelatihan,
        /// The design of the evaluation.
        Desain,
        /// Agreement between coders (a sentence that follows another).
        Kesepakatan,
        /// The interviews and their coding.
        Wawancara,
        /// The documents and their coding.
        AnalisisDokumen,
        /// What was evaluated, on what data.
        Pengantar,
        /// Section 1.
        LatarBelakang,
        /// Conclusion: results and constraints.
        SimpulanHasilKendala,
        /// Conclusion: results, no constraint.
        SimpulanHasil,
        /// Conclusion: no result yet.
        SimpulanBelum,
        /// Recommendations not yet reviewed.
        Draf,
        /// Methods: the paired t-test.
        MetodeUjiT,
        /// Methods: the Wilcoxon test.
        MetodeWilcoxon,
        /// Methods: effect size and N-gain.
        MetodeEfek,
        /// Methods: reaction.
        MetodeReaksi,
        /// Methods: behaviour at work.
        MetodePerilaku,
        /// Methods: IKM.
        MetodeIkm,
        /// Methods: waiting time.
        MetodeTunggu,
        /// Methods: difference-in-differences.
        MetodeDid,
        /// Methods: reliability and validity.
        MetodeReliabilitas,
        /// How the Wilcoxon p was computed: both ways.
        WilcoxonCampuran,
        /// … exactly.
        WilcoxonEksak,
        /// … by the normal approximation.
        WilcoxonAproksimasi,
        /// A difference-in-differences that could not be tested.
        DidTidakDapat,
        /// A fragile difference-in-differences (a sentence that follows another).
        DidRapuh,
        /// The main constraints, before the closing sentence.
        KendalaUtama,
        /// Limitations: SKM.
        BatasSkm,
        /// Limitations: tests and reaction questionnaires.
        BatasPrePost,
        /// Limitations: waiting times.
        BatasTunggu,
        /// Limitations: ratings.
        BatasKinerja,
        /// Limitations: duplicates.
        BatasDuplikat,
        /// Limitations: small cells, none withheld.
        BatasKerahasiaan,
        /// Limitations: small cells withheld.
        BatasDisembunyikan,
        /// Limitations: interviews.
        BatasWawancara,
        /// Limitations: the review of the answers.
        BatasTinjauan,
        /// Limitations: the approval of the units' figures per period.
        BatasPersetujuan,
        /// The figures rest on answers not yet approved; some rejected.
        AngkaSementara,
        /// The figures rest on answers not yet approved; none rejected.
        AngkaSementaraTanpaTolak,
        /// Where the full tables and figures are.
        LampiranTabel,
        /// A source of the data: SKM questionnaires.
        DataSkm,
        /// … queue tickets.
        DataTiket,
        /// … interviews.
        DataWawancara,
        /// … documents.
        DataDokumen,
        /// Section 2, purpose 1.
        Tujuan1,
        /// Section 2, purpose 2.
        Tujuan2,
        /// Section 2, purpose 3.
        Tujuan3,
    }
}

impl Catalogue for Teks {
    fn all() -> &'static [Teks] {
        Teks::ALL
    }
    fn id(self) -> &'static str {
        id::teks(self)
    }
    fn en(self) -> &'static str {
        en::teks(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_sentence_has_its_twin_with_the_same_values() {
        let found = monev_domain::teks::mismatched::<Teks>();
        assert!(found.is_empty(), "{found:#?}");
        assert!(Teks::ALL.len() >= 40);
    }

    #[test]
    fn every_finding_of_the_demo_names_the_same_values_in_both_languages() {
        use monev_domain::teks::placeholders;
        let data = monev_demo::generate(monev_demo::SEED);
        let e = monev_eval::evaluate(&data, &monev_eval::Config::default());
        assert!(e.temuan.len() >= 8);
        for f in &e.temuan {
            assert_eq!(
                placeholders(&f.teks[0]),
                placeholders(&f.teks[1]),
                "{}",
                f.kode
            );
            // Every value is given.
            for name in placeholders(&f.teks[0]) {
                assert!(f.args.iter().any(|(n, _)| n == name), "{}: {name}", f.kode);
            }
        }
    }
}
