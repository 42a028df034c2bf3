//! Reporting periods: the month, the quarter (*triwulan*, the default of
//! Indonesian monitoring: PP 39/2006 asks for quarterly reports) or the
//! half-year (*semester*) a programme reports realisation in.
//!
//! Written as government spreadsheets write them: `2025-T3` (the third
//! triwulan of 2025), `2025-S1`, `2025-03` (March). `TW3 2025`, `Triwulan
//! III 2025`, `2025Q3` and `Q3 2025` are read too.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::{Date, ParseError, days_in_month};

/// How long a programme's reporting period is.
#[derive(
    Debug,
    Clone,
    Copy,
    Default,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum JenisPeriode {
    Bulan,
    #[default]
    Triwulan,
    Semester,
}

impl JenisPeriode {
    pub const ALL: [JenisPeriode; 3] = [
        JenisPeriode::Bulan,
        JenisPeriode::Triwulan,
        JenisPeriode::Semester,
    ];

    pub fn code(self) -> &'static str {
        match self {
            JenisPeriode::Bulan => "bulan",
            JenisPeriode::Triwulan => "triwulan",
            JenisPeriode::Semester => "semester",
        }
    }

    /// Months in one period.
    pub fn months(self) -> u32 {
        match self {
            JenisPeriode::Bulan => 1,
            JenisPeriode::Triwulan => 3,
            JenisPeriode::Semester => 6,
        }
    }

    /// Periods in a year.
    pub fn per_year(self) -> u8 {
        (12 / self.months()) as u8
    }

    pub fn parse(s: &str) -> Result<JenisPeriode, ParseError> {
        match s.trim().to_lowercase().as_str() {
            "bulan" | "bulanan" | "month" | "monthly" => Ok(JenisPeriode::Bulan),
            "triwulan" | "triwulanan" | "tw" | "quarter" | "quarterly" => {
                Ok(JenisPeriode::Triwulan)
            }
            "semester" | "semesteran" | "half-year" => Ok(JenisPeriode::Semester),
            _ => Err(ParseError::new(
                "jenis periode tidak dikenal; gunakan bulan, triwulan atau semester",
            )),
        }
    }
}

/// One reporting period: a year and the period's number in it (1-based).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Periode {
    tahun: i32,
    jenis: JenisPeriode,
    nomor: u8,
}

/// Written as `2025-T3`, `2025-S1` or `2025-03`.
impl schemars::JsonSchema for Periode {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Periode".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "pattern": "^[0-9]{4}-(T[1-4]|S[12]|(0[1-9]|1[0-2]))$"
        })
    }
}

impl Periode {
    pub fn new(tahun: i32, jenis: JenisPeriode, nomor: u8) -> Option<Periode> {
        (1..=jenis.per_year()).contains(&nomor).then_some(Periode {
            tahun,
            jenis,
            nomor,
        })
    }

    /// The period of `jenis` that holds `date`.
    pub fn of(date: Date, jenis: JenisPeriode) -> Periode {
        Periode {
            tahun: date.year(),
            jenis,
            nomor: ((date.month() - 1) / jenis.months() + 1) as u8,
        }
    }

    pub fn tahun(self) -> i32 {
        self.tahun
    }
    pub fn jenis(self) -> JenisPeriode {
        self.jenis
    }
    pub fn nomor(self) -> u8 {
        self.nomor
    }

    /// The first day.
    pub fn mulai(self) -> Date {
        let month = (u32::from(self.nomor) - 1) * self.jenis.months() + 1;
        Date::new(self.tahun, month, 1).expect("a period starts on a real day")
    }

    /// The last day.
    pub fn selesai(self) -> Date {
        let month = u32::from(self.nomor) * self.jenis.months();
        Date::new(self.tahun, month, days_in_month(self.tahun, month))
            .expect("a period ends on a real day")
    }

    pub fn contains(self, date: Date) -> bool {
        self.mulai() <= date && date <= self.selesai()
    }

    /// The period before this one.
    pub fn previous(self) -> Periode {
        if self.nomor == 1 {
            Periode {
                tahun: self.tahun - 1,
                nomor: self.jenis.per_year(),
                ..self
            }
        } else {
            Periode {
                nomor: self.nomor - 1,
                ..self
            }
        }
    }

    /// The period after this one.
    pub fn next(self) -> Periode {
        if self.nomor == self.jenis.per_year() {
            Periode {
                tahun: self.tahun + 1,
                nomor: 1,
                ..self
            }
        } else {
            Periode {
                nomor: self.nomor + 1,
                ..self
            }
        }
    }

    /// Every period of `jenis` from the one holding `from` to the one
    /// holding `to`, in order.
    pub fn span(from: Date, to: Date, jenis: JenisPeriode) -> Vec<Periode> {
        let (first, last) = (Periode::of(from, jenis), Periode::of(to, jenis));
        let mut out = Vec::new();
        let mut p = first;
        while p <= last {
            out.push(p);
            p = p.next();
        }
        out
    }

    /// Reads `2025-T3`, `2025-S1`, `2025-03` and the spellings of
    /// government spreadsheets (`TW3 2025`, `TW III 2025`, `Triwulan III
    /// 2025`, `2025Q3`, `Q3 2025`, `Semester 1 2025`).
    pub fn parse(s: &str) -> Result<Periode, ParseError> {
        let bad = || {
            ParseError::new(
                "periode tidak dikenali; tulis 2025-T3 (triwulan), 2025-S1 (semester) atau 2025-03 (bulan)",
            )
        };
        let t = s.trim().to_uppercase();
        // The year: four digits at either end.
        let (year, rest) = if t.len() >= 4 && t[..4].bytes().all(|b| b.is_ascii_digit()) {
            (&t[..4], &t[4..])
        } else if t.len() >= 4 && t[t.len() - 4..].bytes().all(|b| b.is_ascii_digit()) {
            (&t[t.len() - 4..], &t[..t.len() - 4])
        } else {
            return Err(bad());
        };
        let tahun: i32 = year.parse().map_err(|_| bad())?;
        let rest = rest.trim_matches(|c: char| c == '-' || c == ' ' || c == '/' || c == '_');
        let (jenis, number) = if let Some(n) = ["TRIWULAN", "TW", "T", "Q"]
            .iter()
            .find_map(|p| rest.strip_prefix(p))
        {
            (JenisPeriode::Triwulan, n)
        } else if let Some(n) = ["SEMESTER", "SMT", "S"]
            .iter()
            .find_map(|p| rest.strip_prefix(p))
        {
            (JenisPeriode::Semester, n)
        } else {
            (JenisPeriode::Bulan, rest)
        };
        let number = number.trim();
        let nomor = match number {
            "I" => 1,
            "II" => 2,
            "III" => 3,
            "IV" => 4,
            n if !n.is_empty() && n.len() <= 2 && n.bytes().all(|b| b.is_ascii_digit()) => {
                n.parse::<u8>().map_err(|_| bad())?
            }
            _ => return Err(bad()),
        };
        Periode::new(tahun, jenis, nomor).ok_or_else(|| {
            ParseError::new(format!(
                "{} {nomor} tidak ada; satu tahun punya {} {}",
                jenis.code(),
                jenis.per_year(),
                jenis.code()
            ))
        })
    }
}

impl fmt::Display for Periode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.jenis {
            JenisPeriode::Bulan => write!(f, "{}-{:02}", self.tahun, self.nomor),
            JenisPeriode::Triwulan => write!(f, "{}-T{}", self.tahun, self.nomor),
            JenisPeriode::Semester => write!(f, "{}-S{}", self.tahun, self.nomor),
        }
    }
}

impl TryFrom<String> for Periode {
    type Error = ParseError;
    fn try_from(s: String) -> Result<Periode, ParseError> {
        Periode::parse(&s)
    }
}

impl From<Periode> for String {
    fn from(p: Periode) -> String {
        p.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    #[test]
    fn periods_are_read_as_spreadsheets_write_them() {
        for (s, want) in [
            ("2025-T3", "2025-T3"),
            ("TW3 2025", "2025-T3"),
            ("TW III 2025", "2025-T3"),
            ("Triwulan III 2025", "2025-T3"),
            ("triwulan 4 2025", "2025-T4"),
            ("2025Q3", "2025-T3"),
            ("Q1 2026", "2026-T1"),
            ("2025-S1", "2025-S1"),
            ("Semester 2 2025", "2025-S2"),
            ("2025-03", "2025-03"),
            ("2025-12", "2025-12"),
        ] {
            assert_eq!(Periode::parse(s).unwrap().to_string(), want, "{s}");
        }
        for s in [
            "2025-T5", "2025-S3", "2025-13", "2025-00", "T3", "2025-X1", "",
        ] {
            assert!(Periode::parse(s).is_err(), "{s}");
        }
        assert!(
            Periode::parse("2025-T5")
                .unwrap_err()
                .0
                .contains("4 triwulan")
        );
    }

    #[test]
    fn a_period_knows_its_days_and_neighbours() {
        let t3 = Periode::parse("2025-T3").unwrap();
        assert_eq!(
            (t3.mulai(), t3.selesai()),
            (d("2025-07-01"), d("2025-09-30"))
        );
        assert!(t3.contains(d("2025-08-17")) && !t3.contains(d("2025-10-01")));
        assert_eq!(
            Periode::of(d("2025-10-01"), JenisPeriode::Triwulan),
            t3.next()
        );
        assert_eq!(t3.next().next().to_string(), "2026-T1");
        assert_eq!(
            Periode::parse("2025-T1").unwrap().previous().to_string(),
            "2024-T4"
        );
        let feb = Periode::parse("2024-02").unwrap();
        assert_eq!(feb.selesai(), d("2024-02-29"));
        assert_eq!(
            Periode::of(d("2025-07-01"), JenisPeriode::Semester).to_string(),
            "2025-S2"
        );
        let span = Periode::span(d("2025-01-02"), d("2025-12-31"), JenisPeriode::Triwulan);
        assert_eq!(
            span.iter().map(|p| p.to_string()).collect::<Vec<_>>(),
            ["2025-T1", "2025-T2", "2025-T3", "2025-T4"]
        );
        assert!(Periode::parse("2025-T1").unwrap() < t3);
    }
}
