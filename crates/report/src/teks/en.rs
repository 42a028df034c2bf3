//! The report's sentences in English (see `mod.rs`).

use super::Teks;

pub(super) fn teks(t: Teks) -> &'static str {
    match t {
        Teks::DidCr1 => "standard errors clustered by unit (CR1), t distribution with {df} df",
        Teks::DidWild => {
            "with only {klaster} units, interval and p from the wild cluster bootstrap (Webb weights, {replikasi} replicates, seed {seed})"
        }
        Teks::DidSentence => {
            "Difference-in-differences: {estimasi} {satuan} (95% CI {bawah} to {atas}; p {p}; n = {n} {pengamatan} in {klaster} units; {metode}).{fragile}"
        }
        Teks::Kehadiran => {
            "Mean attendance was {kehadiran}; {tidak_selesai} participants ({persen}) did not finish their training (no post-test)."
        }
        Teks::KinerjaDinilai => {
            "{peserta} participating and {bukan_peserta} non-participating ASN were rated in {klaster} units ({n} ratings per aspect). Test: {metode}."
        }
        Teks::SkmKeseluruhan => {
            "All {n} SKM questionnaires give an IKM of {ikm} (grade {mutu}, {kinerja})."
        }
        Teks::BiayaPelatihan => {
            "Training cost at each module's cost per participant: {biaya} ({per_peserta} per trained ASN, {per_jp} per JP)."
        }
        Teks::Desain => {
            "The evaluation uses a quasi-experimental design: {intervensi} intervention units whose ASN were trained are compared with {pembanding} comparison units, before and after the intervention date of {tanggal}. It follows Kirkpatrick's four levels: reaction and participation, learning (pre/post tests), behaviour at work, and service results (citizen satisfaction and waiting time)."
        }
        Teks::Kesepakatan => {
            " Agreement between coders per code, on the presence of the code in each source (interviews and documents): mean Cohen's κ {kappa} between the two coders who coded the most sources (on a tie, the one whose name comes first alphabetically), on the sources both coded; mean Krippendorff's α {alpha} over all coders."
        }
        Teks::Wawancara => {
            "Interviews: {n} transcripts ({kelompok}), coded by {pengkode} coders into {segmen} segments with a codebook drawn from the evaluation questions.{agreement} Quotes are de-identified (names, NIP, NIK, phone numbers, addresses) and attributed by group only; groups of fewer than five respondents are not broken down."
        }
        Teks::AnalisisDokumen => {
            "Document analysis: {n} documents ({jenis}), their text taken from the original files; scans without a text layer were not included. {dikodekan} documents were coded with the same codebook as the interviews."
        }
        Teks::Pengantar => {
            "This evaluation assesses {program} in {wilayah} ({intervensi} intervention units, {pembanding} comparison units) on data from {data}."
        }
        Teks::LatarBelakang => {
            "{program} was launched to raise the professionalism and competence of civil servants (ASN) so that public services in {wilayah} improve. It covers {instansi} service units ({intervensi} intervention and {pembanding} comparison units) with {asn} ASN, through {modul} training modules held before the intervention date, {tanggal}. The programme's budget ceiling is {pagu}."
        }
        Teks::SimpulanHasilKendala => {
            "{nama} shows promising results: {hasil}. The evaluation also found constraints: {kendala}. The programme merits continuation with the improvements recommended above, and a repeat evaluation on the same data so that its impact can be compared."
        }
        Teks::SimpulanHasil => {
            "{nama} shows promising results: {hasil}, with no significant constraint detected in the data. The programme merits continuation."
        }
        Teks::SimpulanBelum => {
            "The data do not yet show a significant result of {nama}. {kendala_utama}The programme should be reviewed before it continues."
        }
        Teks::Draf => {
            "Draft: {belum} of the {semua} recommendations below have not been reviewed by the evaluator."
        }
        Teks::MetodeUjiT => {
            "**Paired t-test** on post − pre differences in {modul} modules (n = {pasangan} pairs of scores), two-sided p from the t distribution with df = n − 1, 95% confidence interval; assumptions: differences roughly normal and participants independent. Significance level α = {alpha}; the modules' p-values are Holm-adjusted, and only a Holm p below α is called significant."
        }
        Teks::MetodeWilcoxon => {
            "**Wilcoxon signed-rank test** on the same pairs, as a check free of the normality assumption ({wil_method}); where the two tests disagree the result is marked fragile."
        }
        Teks::MetodeEfek => {
            "**Cohen's d~z~** = mean difference / SD of the differences, with a 95% interval (normal approximation); 0.2 small, 0.5 medium, 0.8 large. **Hake's N-gain** per participant = (post − pre) / (100 − pre), averaged per module; high ≥ 0.7, medium 0.3–0.7, low < 0.3."
        }
        Teks::MetodeReaksi => {
            "**Reaction (Kirkpatrick 1)**: mean 1–5 score per module from {kuesioner} questionnaires, and the share of participants whose mean answer to the relevance items is 4 or more (modules below {batas}% are taken as not relevant enough)."
        }
        Teks::MetodePerilaku => {
            "**Behaviour at work (Kirkpatrick 3)**: per aspect, the difference-in-differences of supervisor and peer ratings (n = {n} ratings) between participating and non-participating ASN, before and after the intervention, with unit-clustered errors as below; p Holm-adjusted over the aspects. {diri} self-ratings are left out: they measure self-image, not behaviour."
        }
        Teks::MetodeIkm => {
            "**IKM** per PermenPANRB No. 14/2017 from {kuesioner} questionnaires: NRR per element = sum of answers / number of non-blank answers; IKM = Σ NRR × weight {bobot}, converted × 25; grade A ≥ 88.31, B ≥ 76.61, C ≥ 65.00, D below. Its change is tested by a difference-in-differences of the per-respondent index (mean of the answered elements × 25)."
        }
        Teks::MetodeTunggu => {
            "**Waiting time** = called − arrival (minutes) from {tiket} queue tickets; mean, median and 90th percentile per unit and phase."
        }
        Teks::MetodeDid => {
            "**Differences-in-differences** are estimated by a regression on observation-level data, y = β₀ + β₁·group + β₂·after + β₃·group×after, with standard errors clustered by unit (CR1, t distribution with G − 1 df); with fewer than 30 units the interval and p come from the wild cluster bootstrap with Webb weights (fixed seed, reproducible). The assumption: without the programme both groups would have changed in parallel (parallel trends)."
        }
        Teks::MetodeReliabilitas => {
            "**Instrument reliability and validity**: Cronbach's α (reliable at ≥ {batas}) and corrected item–total correlations against the critical r at α = 0.05, df = n − 2."
        }
        Teks::WilcoxonCampuran => {
            "exact for n ≤ 50 with no zero difference, normal approximation with tie correction otherwise"
        }
        Teks::WilcoxonEksak => "exact distribution",
        Teks::WilcoxonAproksimasi => {
            "normal approximation with tie correction (zero differences dropped)"
        }
        Teks::DidTidakDapat => "not testable: a cell is empty or there are fewer than two units",
        Teks::DidRapuh => {
            " This result is fragile: fewer than three units per group or fewer than 10 observations per cell."
        }
        Teks::KendalaUtama => "Main constraints: {kendala}. ",
        Teks::BatasSkm => {
            "**SKM**: {kosong} of {sel} unsur answers blank ({persen}); {kurang} of {dinilai} units short of the Krejcie–Morgan sample after the intervention, so their IKM does not yet represent their users."
        }
        Teks::BatasPrePost => {
            "**Pre/post tests**: {tanpa_post} of {peserta} participations without a post-test (did not finish) and {tanpa_pre} without a pre-test; paired tests and N-gain use complete pairs only. **Reaction**: {reaksi} questionnaires returned of {peserta} participations (response rate {respons})."
        }
        Teks::BatasTunggu => {
            "**Waiting times**: {pencilan} of {tiket} tickets ({persen}) lie beyond Tukey's far fence (Q3 + 3·IQR = {batas} minutes); they are kept, and medians and 90th percentiles are reported beside the means. {tanpa_selesai} tickets have no completion time."
        }
        Teks::BatasKinerja => {
            "**Performance**: {dinilai} of {asn} ASN ({persen}) were rated by a superior or a peer."
        }
        Teks::BatasDuplikat => {
            "**Duplicates**: duplicate rows are refused at import (located) and online form submissions are kept once by their UUID, so the data evaluated hold no duplicates."
        }
        Teks::BatasTinjauan => {
            "**Review of the answers**: of the {semua} answers received (SKM and ASN questionnaires), {disetujui} were approved by a reviewer, {belum} not yet ({hitung}) and {ditolak} rejected; rejected answers are kept for the audit and count in no figure."
        }
        Teks::AngkaSementara => {
            "Provisional figures: {belum} of the {dihitung} answers counted in this report have not yet been approved by a reviewer; {ditolak} answers were rejected and are not counted."
        }
        Teks::BatasPersetujuan => {
            "**Approval of figures**: unit figures approved up to the kota: {periode}. This evaluation is computed from today's data; each period's monitoring report names the approved version and whether today's figures still equal it."
        }
        Teks::AngkaSementaraTanpaTolak => {
            "Provisional figures: {belum} of the {dihitung} answers counted in this report have not yet been approved by a reviewer."
        }
        Teks::BatasKerahasiaan => {
            "**Respondent confidentiality**: breakdowns resting on fewer than {min} respondents are not shown (UU 27/2022); these data have none that small."
        }
        Teks::BatasDisembunyikan => {
            "**Respondent confidentiality**: breakdowns resting on fewer than {min} respondents are not shown (UU 27/2022) but still count in the overall figures: {sel}."
        }
        Teks::BatasWawancara => {
            "**Interviews**: respondents were chosen purposively; quotes show experiences, not shares of a population."
        }
        Teks::LampiranTabel => {
            "Every table of this report is in `lampiran.xlsx` (one sheet per table, numbers as numbers), and every figure unrounded in `evaluasi.json`, whose structure its JSON schema describes."
        }
        Teks::DataSkm => "{n} SKM questionnaires",
        Teks::DataTiket => "{n} queue tickets",
        Teks::DataWawancara => "{n} interviews",
        Teks::DataDokumen => "{n} documents",
        Teks::Tujuan1 => {
            "to measure how far the ASN quality activities reached their targets (participation, learning, citizen satisfaction, waiting time, budget, indicators);"
        }
        Teks::Tujuan2 => "to identify the constraints met during implementation;",
        Teks::Tujuan3 => "to formulate evidence-based recommendations for improvement.",
    }
}
