//! Indeks Kepuasan Masyarakat per PermenPANRB No. 14 Tahun 2017.
//!
//! - NRR per unsur = Σ answers to that unsur / number of non-blank answers;
//! - IKM = Σ NRR × weight, weight = 1/9 by default (the regulation's worked
//!   example writes 0,11, which caps a perfect score at 99,00: an option);
//! - converted IKM = IKM × 25;
//! - mutu on the converted IKM rounded to 2 decimals, by lower bounds:
//!   A ≥ 88,31; B ≥ 76,61; C ≥ 65,00; D otherwise.

use monev_domain::Likert4;
use serde::Serialize;

/// The weight of each unsur.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum BobotIkm {
    /// Exactly 1/9.
    Tepat,
    /// 0,11 as in the regulation's worked example.
    Regulasi011,
}

impl BobotIkm {
    pub fn value(self) -> f64 {
        match self {
            BobotIkm::Tepat => 1.0 / 9.0,
            BobotIkm::Regulasi011 => 0.11,
        }
    }
}

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize, schemars::JsonSchema,
)]
pub enum Mutu {
    A,
    B,
    C,
    D,
}

impl Mutu {
    /// Mutu pelayanan from the converted IKM (25–100).
    pub fn of(ikm_konversi: f64) -> Option<Mutu> {
        if !ikm_konversi.is_finite() {
            return None;
        }
        // Half-up to 2 decimals as a spreadsheet's ROUND does: 88,305 is stored
        // as 88,30499…, so nudge by far less than a hundredth before rounding.
        let r = (ikm_konversi * 100.0 + 1e-7).round() / 100.0;
        Some(if r >= 88.31 {
            Mutu::A
        } else if r >= 76.61 {
            Mutu::B
        } else if r >= 65.0 {
            Mutu::C
        } else {
            Mutu::D
        })
    }

    /// Kinerja unit pelayanan, in Indonesian and English.
    pub fn kinerja(self) -> (&'static str, &'static str) {
        match self {
            Mutu::A => ("Sangat Baik", "Very good"),
            Mutu::B => ("Baik", "Good"),
            Mutu::C => ("Kurang Baik", "Poor"),
            Mutu::D => ("Tidak Baik", "Very poor"),
        }
    }
}

/// Running sums for one group of responses.
#[derive(Debug, Clone, Default)]
pub struct IkmAcc {
    pub n: u64,
    sum: [u64; 9],
    count: [u64; 9],
}

impl IkmAcc {
    /// The accumulator of `n` questionnaires whose answers to unsur k sum to
    /// `sum[k]` over `count[k]` given answers (sums a database grouped).
    pub fn from_sums(n: u64, sum: [u64; 9], count: [u64; 9]) -> IkmAcc {
        IkmAcc { n, sum, count }
    }

    pub fn add(&mut self, jawaban: &[Option<Likert4>; 9]) {
        self.n += 1;
        for (k, j) in jawaban.iter().enumerate() {
            if let Some(v) = j {
                self.sum[k] += u64::from(v.value());
                self.count[k] += 1;
            }
        }
    }

    /// Adds another group's sums (the groups of parts of a file, of cells).
    pub fn merge(&mut self, other: &IkmAcc) {
        self.n += other.n;
        for k in 0..9 {
            self.sum[k] += other.sum[k];
            self.count[k] += other.count[k];
        }
    }

    /// Unsur answers left blank.
    pub fn blank(&self) -> u64 {
        self.n * 9 - self.count.iter().sum::<u64>()
    }

    pub fn result(&self, bobot: BobotIkm) -> Ikm {
        let nrr: [f64; 9] = std::array::from_fn(|k| {
            if self.count[k] == 0 {
                f64::NAN
            } else {
                self.sum[k] as f64 / self.count[k] as f64
            }
        });
        let w = bobot.value();
        let ikm_dasar: f64 = nrr.iter().map(|v| v * w).sum();
        let ikm = ikm_dasar * 25.0;
        let mutu = Mutu::of(ikm);
        Ikm {
            n: self.n,
            nrr,
            ikm_dasar,
            ikm,
            mutu,
            kinerja: mutu.map(|m| m.kinerja().0),
            kinerja_en: mutu.map(|m| m.kinerja().1),
        }
    }
}

/// The index of one group.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Ikm {
    /// Responses in the group.
    pub n: u64,
    /// NRR per unsur U1…U9 (`null` when an unsur has no answer).
    pub nrr: [f64; 9],
    /// Σ NRR × weight (1–4).
    pub ikm_dasar: f64,
    /// Converted IKM (25–100); `null` when an unsur has no answer.
    pub ikm: f64,
    pub mutu: Option<Mutu>,
    pub kinerja: Option<&'static str>,
    pub kinerja_en: Option<&'static str>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(v: [u8; 9]) -> [Option<Likert4>; 9] {
        v.map(Likert4::new)
    }

    #[test]
    fn mutu_bounds_have_no_gaps() {
        assert_eq!(Mutu::of(88.31), Some(Mutu::A));
        assert_eq!(Mutu::of(88.305), Some(Mutu::A)); // rounds to 88,31
        assert_eq!(Mutu::of(88.304), Some(Mutu::B));
        assert_eq!(Mutu::of(76.61), Some(Mutu::B));
        assert_eq!(Mutu::of(76.6049), Some(Mutu::C));
        assert_eq!(Mutu::of(65.0), Some(Mutu::C));
        assert_eq!(Mutu::of(64.994), Some(Mutu::D));
        assert_eq!(Mutu::of(25.0), Some(Mutu::D));
        assert_eq!(Mutu::of(f64::NAN), None);
    }

    #[test]
    fn perfect_scores_and_the_011_weight() {
        let mut a = IkmAcc::default();
        a.add(&row([4; 9]));
        assert!((a.result(BobotIkm::Tepat).ikm - 100.0).abs() < 1e-12);
        assert!((a.result(BobotIkm::Regulasi011).ikm - 99.0).abs() < 1e-12);
    }

    #[test]
    fn blanks_are_left_out_of_their_unsur_only() {
        let mut a = IkmAcc::default();
        a.add(&row([3; 9]));
        let mut second = row([1; 9]);
        second[2] = None;
        a.add(&second);
        let r = a.result(BobotIkm::Tepat);
        assert_eq!(r.nrr[0], 2.0);
        assert_eq!(r.nrr[2], 3.0);
        assert!((r.ikm - (8.0 * 2.0 + 3.0) / 9.0 * 25.0).abs() < 1e-12);
    }
}
