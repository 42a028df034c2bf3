//! NIP: the 18-digit number of a civil servant (Perka BKN 22/2007 and 43/2007),
//! and the NI PPPK of contract staff, which shares its length but not its layout.
//!
//! PNS:  `YYYYMMDD` birth date, `YYYYMM` TMT CPNS, gender digit, 3-digit sequence.
//! PPPK: `YYYYMMDD` birth date, `YYYY` year of appointment, 2-digit code, gender, sequence.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::{Date, Gender, ParseError};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum NipKind {
    Pns,
    Pppk,
}

/// Written as its 18 digits.
impl schemars::JsonSchema for Nip {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Nip".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({ "type": "string", "pattern": "^[0-9]{18}$" })
    }
}

/// A validated NIP or NI PPPK.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Nip(String);

impl Nip {
    /// Parses and validates. Spaces inside the number (as printed on cards:
    /// `19850312 201001 1 003`) are removed first.
    pub fn parse(raw: &str) -> Result<Nip, ParseError> {
        let s: String = raw.chars().filter(|c| !c.is_whitespace()).collect();
        if s.contains(['e', 'E'])
            && s.bytes()
                .all(|b| b.is_ascii_digit() || b"eE.+".contains(&b))
        {
            return Err(ParseError::new(
                "NIP tersimpan sebagai angka sehingga digit terakhirnya hilang; format kolom NIP sebagai Teks (stored as a number: digits lost)",
            ));
        }
        if !s.bytes().all(|b| b.is_ascii_digit()) {
            return Err(ParseError::new("NIP hanya boleh berisi angka"));
        }
        if s.len() != 18 {
            return Err(ParseError::new(format!(
                "NIP harus 18 digit (ada {})",
                s.len()
            )));
        }
        let n = |a: usize, b: usize| -> u32 { s[a..b].parse().unwrap_or(0) };
        let birth = Date::new(n(0, 4) as i32, n(4, 6), n(6, 8))
            .ok_or_else(|| ParseError::new("8 digit pertama NIP bukan tanggal lahir yang sah"))?;
        if !(1940..=2015).contains(&birth.year()) {
            return Err(ParseError::new("tahun lahir pada NIP tidak masuk akal"));
        }
        let appointment_year = n(8, 12) as i32;
        let code = n(12, 14);
        let adult_year = birth.year() + 18;
        if (1..=12).contains(&code) {
            // PNS: TMT CPNS month; TMT must fall on or after the 18th birthday's month.
            let tmt = appointment_year * 12 + code as i32;
            if tmt < adult_year * 12 + birth.month() as i32 {
                return Err(ParseError::new("TMT CPNS pada NIP sebelum usia 18 tahun"));
            }
        } else if code == 0 || appointment_year < 2019 {
            // Not a month, and PPPK appointments began in 2019: neither layout fits.
            return Err(ParseError::new(format!(
                "bulan TMT CPNS pada NIP tidak sah ({code:02})"
            )));
        } else if appointment_year < adult_year {
            // PPPK: positions 13–14 are a code, not a month.
            return Err(ParseError::new(
                "tahun pengangkatan PPPK pada NIP sebelum usia 18 tahun",
            ));
        }
        if appointment_year > 2100 {
            return Err(ParseError::new("tahun TMT pada NIP tidak masuk akal"));
        }
        match &s[14..15] {
            "1" | "2" => {}
            _ => {
                return Err(ParseError::new(
                    "digit ke-15 NIP (jenis kelamin) harus 1 atau 2",
                ));
            }
        }
        Ok(Nip(s))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn kind(&self) -> NipKind {
        let code: u32 = self.0[12..14].parse().unwrap_or(0);
        if (1..=12).contains(&code) {
            NipKind::Pns
        } else {
            NipKind::Pppk
        }
    }

    pub fn birth_date(&self) -> Date {
        let n = |a: usize, b: usize| -> u32 { self.0[a..b].parse().unwrap_or(1) };
        Date::new(n(0, 4) as i32, n(4, 6), n(6, 8)).expect("validated at parse")
    }

    pub fn gender(&self) -> Gender {
        if &self.0[14..15] == "1" {
            Gender::L
        } else {
            Gender::P
        }
    }
}

impl fmt::Display for Nip {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for Nip {
    type Error = ParseError;
    fn try_from(s: String) -> Result<Self, ParseError> {
        Nip::parse(&s)
    }
}

impl From<Nip> for String {
    fn from(n: Nip) -> String {
        n.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn valid_pns_and_pppk() {
        let n = Nip::parse("198503122010011003").unwrap();
        assert_eq!(n.kind(), NipKind::Pns);
        assert_eq!(n.gender(), Gender::L);
        assert_eq!(n.birth_date(), Date::new(1985, 3, 12).unwrap());
        assert_eq!(
            Nip::parse("19850312 201001 2 003").unwrap().gender(),
            Gender::P
        );
        assert_eq!(
            Nip::parse("199001012021212001").unwrap().kind(),
            NipKind::Pppk
        );
    }

    #[test]
    fn rejects_with_reasons() {
        let why = |s: &str| Nip::parse(s).unwrap_err().to_string();
        assert!(why("19850312201001100").contains("18 digit"));
        assert!(why("19850312201001100X").contains("angka"));
        assert!(why("198502302010011003").contains("tanggal lahir"));
        assert!(why("198503122010131003").contains("(13)"));
        assert!(why("200503122021211003").contains("PPPK"));
        assert!(why("198503122000011003").contains("18 tahun"));
        assert!(why("198503122010013003").contains("jenis kelamin"));
        assert!(why("198503122010001003").contains("00"));
    }
}
