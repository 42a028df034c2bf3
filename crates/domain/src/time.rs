//! Civil dates and local timestamps, without a time-zone database.
//!
//! monev only needs calendar arithmetic on local (WITA) wall-clock times: a
//! queue ticket's waiting minutes, a survey's phase relative to the
//! intervention date. Days are counted with Howard Hinnant's `days_from_civil`.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::ParseError;

/// Written as `YYYY-MM-DD`.
impl schemars::JsonSchema for Date {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Date".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "format": "date",
            "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
        })
    }
}

/// A proleptic Gregorian calendar date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Date {
    year: i32,
    month: u8,
    day: u8,
}

impl Date {
    /// Builds a date, checking month length and leap years.
    pub fn new(year: i32, month: u32, day: u32) -> Option<Date> {
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(Date {
            year,
            month: month as u8,
            day: day as u8,
        })
    }

    /// Parses `YYYY-MM-DD` or `DD/MM/YYYY` (the way Indonesian spreadsheets write dates).
    pub fn parse(s: &str) -> Result<Date, ParseError> {
        let s = s.trim();
        // The common spelling, `YYYY-MM-DD`, read byte by byte (millions of
        // rows); anything else takes the general path below.
        if let Some((y, m, d)) = iso_date(s.as_bytes()) {
            return Date::new(y, m, d)
                .ok_or_else(|| ParseError::new("tanggal tidak ada di kalender"));
        }
        let bad = || ParseError::new("tanggal tidak dikenali; gunakan YYYY-MM-DD atau DD/MM/YYYY");
        let (y, m, d) = if let Some((y, rest)) = s.split_once('-') {
            let (m, d) = rest.split_once('-').ok_or_else(bad)?;
            if y.len() != 4 {
                return Err(bad());
            }
            (y, m, d)
        } else if let Some((d, rest)) = s.split_once('/') {
            let (m, y) = rest.split_once('/').ok_or_else(bad)?;
            if y.len() != 4 {
                return Err(bad());
            }
            (y, m, d)
        } else {
            return Err(bad());
        };
        let num = |t: &str| -> Result<u32, ParseError> {
            if t.is_empty() || t.len() > 4 || !t.bytes().all(|b| b.is_ascii_digit()) {
                return Err(bad());
            }
            t.parse::<u32>().map_err(|_| bad())
        };
        let (y, m, d) = (num(y)? as i32, num(m)?, num(d)?);
        Date::new(y, m, d).ok_or_else(|| ParseError::new("tanggal tidak ada di kalender"))
    }

    pub fn year(self) -> i32 {
        self.year
    }
    pub fn month(self) -> u32 {
        self.month as u32
    }
    pub fn day(self) -> u32 {
        self.day as u32
    }

    /// Days since 1970-01-01 (negative before).
    pub fn days_since_epoch(self) -> i64 {
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let mp = (m + 9) % 12;
        let doy = (153 * mp + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date in `zona` of a Unix time: the day a programme's forms,
    /// exports and audit log are dated by. The clock is the caller's.
    pub fn local(unix_seconds: i64, zona: ZonaWaktu) -> Date {
        Date::from_days_since_epoch((unix_seconds + zona.offset_seconds()).div_euclid(86_400))
    }

    /// The date in `zona` of a submission time as KoboToolbox and ODK
    /// Central export it: a date alone (`2025-03-04`, taken as it is), or a
    /// date and time in UTC (Kobo's `_submission_time`,
    /// `2025-03-04T02:14:55`, has no zone and is UTC; ODK Central's
    /// `SubmissionDate` ends in `Z`), or with an offset (`+07:00`, `+0800`).
    /// Fractional seconds are dropped. A submission at 16.30 UTC is dated
    /// the next day in Mataram (WITA).
    pub fn of_submission(s: &str, zona: ZonaWaktu) -> Result<Date, ParseError> {
        let s = s.trim();
        if let Ok(d) = Date::parse(s) {
            return Ok(d);
        }
        let bad = || {
            ParseError::new(
                "waktu kiriman tidak dikenali; diharapkan YYYY-MM-DDTHH:MM:SS, boleh dengan Z atau +HH:MM (submission time not recognised)",
            )
        };
        // A zone after the time: Z, or ±HH:MM / ±HHMM / ±HH (the sign after the 'T').
        let (clock, offset) = if let Some(rest) = s.strip_suffix(['Z', 'z']) {
            (rest, 0)
        } else {
            let t_at = s.find([' ', 'T']).ok_or_else(bad)?;
            match s[t_at..].rfind(['+', '-']) {
                Some(i) => {
                    let (clock, zone) = s.split_at(t_at + i);
                    let sign = if zone.starts_with('-') { -1 } else { 1 };
                    let digits: String = zone[1..].chars().filter(|c| *c != ':').collect();
                    if !(digits.len() == 2 || digits.len() == 4)
                        || !digits.bytes().all(|b| b.is_ascii_digit())
                    {
                        return Err(bad());
                    }
                    let h: i64 = digits[..2].parse().map_err(|_| bad())?;
                    let m: i64 = digits.get(2..).unwrap_or("0").parse().unwrap_or(0);
                    if h > 14 || m > 59 {
                        return Err(bad());
                    }
                    (clock, sign * (h * 3600 + m * 60))
                }
                None => (s, 0),
            }
        };
        let local = Timestamp::parse(clock).map_err(|_| bad())?;
        Ok(Date::local(local.seconds() - offset, zona))
    }

    /// The inverse of [`Date::days_since_epoch`].
    pub fn from_days_since_epoch(z: i64) -> Date {
        let z = z + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = doy - (153 * mp + 2) / 5 + 1;
        let m = if mp < 10 { mp + 3 } else { mp - 9 };
        let y = yoe + era * 400 + i64::from(m <= 2);
        Date {
            year: y as i32,
            month: m as u8,
            day: d as u8,
        }
    }

    pub fn add_days(self, days: i64) -> Date {
        Date::from_days_since_epoch(self.days_since_epoch() + days)
    }

    /// 0 = Monday … 6 = Sunday.
    pub fn weekday(self) -> u32 {
        (self.days_since_epoch() + 3).rem_euclid(7) as u32
    }
}

/// Indonesia's three time zones: a programme's local dates (form answers,
/// exports, the audit log as shown) are in its zone; storage is UTC.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema,
)]
pub enum ZonaWaktu {
    /// Waktu Indonesia Barat, UTC+7 (Sumatra, Java, West and Central Kalimantan).
    #[serde(rename = "WIB")]
    Wib,
    /// Waktu Indonesia Tengah, UTC+8 (Bali, Nusa Tenggara, Sulawesi, …).
    #[default]
    #[serde(rename = "WITA")]
    Wita,
    /// Waktu Indonesia Timur, UTC+9 (Maluku, Papua).
    #[serde(rename = "WIT")]
    Wit,
}

impl ZonaWaktu {
    pub const ALL: [ZonaWaktu; 3] = [ZonaWaktu::Wib, ZonaWaktu::Wita, ZonaWaktu::Wit];

    pub fn code(self) -> &'static str {
        match self {
            ZonaWaktu::Wib => "WIB",
            ZonaWaktu::Wita => "WITA",
            ZonaWaktu::Wit => "WIT",
        }
    }

    pub fn offset_seconds(self) -> i64 {
        match self {
            ZonaWaktu::Wib => 7 * 3600,
            ZonaWaktu::Wita => 8 * 3600,
            ZonaWaktu::Wit => 9 * 3600,
        }
    }

    pub fn parse(s: &str) -> Result<ZonaWaktu, ParseError> {
        let s = s.trim();
        ZonaWaktu::ALL
            .into_iter()
            .find(|z| z.code().eq_ignore_ascii_case(s))
            .ok_or_else(|| ParseError::new("zona waktu: WIB, WITA atau WIT"))
    }

    /// `HH.MM` of a Unix time on this zone's clock, as Indonesians write a time.
    pub fn clock(self, unix_seconds: i64) -> String {
        let secs = (unix_seconds + self.offset_seconds()).rem_euclid(86_400);
        format!("{:02}.{:02}", secs / 3600, secs % 3600 / 60)
    }
}

/// Two ASCII digits.
fn two_digits(b: &[u8]) -> Option<u32> {
    match b {
        [a @ b'0'..=b'9', c @ b'0'..=b'9'] => Some(u32::from(a - b'0') * 10 + u32::from(c - b'0')),
        _ => None,
    }
}

/// Exactly `YYYY-MM-DD` in ASCII digits: (year, month, day), not yet checked
/// against the calendar.
fn iso_date(b: &[u8]) -> Option<(i32, u32, u32)> {
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let (hi, lo) = (two_digits(&b[0..2])?, two_digits(&b[2..4])?);
    Some((
        (hi * 100 + lo) as i32,
        two_digits(&b[5..7])?,
        two_digits(&b[8..10])?,
    ))
}

pub fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl TryFrom<String> for Date {
    type Error = ParseError;
    fn try_from(s: String) -> Result<Self, ParseError> {
        Date::parse(&s)
    }
}

impl From<Date> for String {
    fn from(d: Date) -> String {
        d.to_string()
    }
}

/// A local wall-clock time with second precision, stored as seconds since
/// 1970-01-01 00:00 of the same (local) clock.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
pub struct Timestamp(i64);

impl Timestamp {
    pub fn from_seconds(s: i64) -> Timestamp {
        Timestamp(s)
    }
    pub fn seconds(self) -> i64 {
        self.0
    }
    pub fn new(date: Date, hour: u32, minute: u32, second: u32) -> Option<Timestamp> {
        if hour > 23 || minute > 59 || second > 59 {
            return None;
        }
        Some(Timestamp(
            date.days_since_epoch() * 86_400
                + i64::from(hour) * 3600
                + i64::from(minute) * 60
                + i64::from(second),
        ))
    }

    /// Parses `YYYY-MM-DD HH:MM[:SS]` (a `T` may stand for the space), or the
    /// same time after a `DD/MM/YYYY` date.
    pub fn parse(s: &str) -> Result<Timestamp, ParseError> {
        let s = s.trim();
        // `YYYY-MM-DD HH:MM:SS` (or with `T`), the common spelling, byte by
        // byte; the same result as the general path below.
        let b = s.as_bytes();
        if b.len() == 19
            && (b[10] == b' ' || b[10] == b'T')
            && b[13] == b':'
            && b[16] == b':'
            && let (Some((y, mo, d)), Some(h), Some(mi), Some(se)) = (
                iso_date(&b[..10]),
                two_digits(&b[11..13]),
                two_digits(&b[14..16]),
                two_digits(&b[17..19]),
            )
        {
            let date = Date::new(y, mo, d).ok_or_else(|| {
                ParseError::new("waktu tidak dikenali; gunakan YYYY-MM-DD HH:MM[:SS]")
            })?;
            return Timestamp::new(date, h, mi, se)
                .ok_or_else(|| ParseError::new("jam di luar 00:00–23:59:59"));
        }
        let bad = || ParseError::new("waktu tidak dikenali; gunakan YYYY-MM-DD HH:MM[:SS]");
        let (d, t) = s.split_once([' ', 'T']).ok_or_else(bad)?;
        let date = Date::parse(d).map_err(|_| bad())?;
        let parts: Vec<&str> = t.trim().split(':').collect();
        if !(2..=3).contains(&parts.len()) {
            return Err(bad());
        }
        let mut v = [0u32; 3];
        for (i, p) in parts.iter().enumerate() {
            // Kobo and Excel sometimes add fractional seconds: keep whole seconds.
            let p = if i == 2 {
                p.split('.').next().unwrap_or(p)
            } else {
                p
            };
            if p.is_empty() || p.len() > 2 || !p.bytes().all(|b| b.is_ascii_digit()) {
                return Err(bad());
            }
            v[i] = p.parse().map_err(|_| bad())?;
        }
        Timestamp::new(date, v[0], v[1], v[2])
            .ok_or_else(|| ParseError::new("jam di luar 00:00–23:59:59"))
    }

    pub fn date(self) -> Date {
        Date::from_days_since_epoch(self.0.div_euclid(86_400))
    }

    /// Minutes from `self` to `later` (fractional).
    pub fn minutes_until(self, later: Timestamp) -> f64 {
        (later.0 - self.0) as f64 / 60.0
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let secs = self.0.rem_euclid(86_400);
        write!(
            f,
            "{} {:02}:{:02}:{:02}",
            self.date(),
            secs / 3600,
            secs % 3600 / 60,
            secs % 60
        )
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn submission_times_are_dated_in_wita() {
        let d = |s: &str| Date::of_submission(s, ZonaWaktu::Wita).map(|d| d.to_string());
        assert_eq!(d("2025-03-04").unwrap(), "2025-03-04");
        // Kobo: UTC without a zone; 15.59 UTC is 23.59 WITA, 16.00 the next day.
        assert_eq!(d("2025-03-04T15:59:59").unwrap(), "2025-03-04");
        assert_eq!(d("2025-03-04T16:00:00").unwrap(), "2025-03-05");
        assert_eq!(d("2025-03-04T16:00:00.123").unwrap(), "2025-03-05");
        // ODK Central: Z.
        assert_eq!(d("2025-03-04T23:30:00.000Z").unwrap(), "2025-03-05");
        // An offset: 22.00 WIB is 23.00 WITA, same day; 23.30 WIB is the next.
        assert_eq!(d("2025-03-04T22:00:00+07:00").unwrap(), "2025-03-04");
        assert_eq!(d("2025-03-04T23:30:00+0700").unwrap(), "2025-03-05");
        assert_eq!(d("2025-03-04 01:00:00-05").unwrap(), "2025-03-04");
        for bad in [
            "",
            "kemarin",
            "2025-13-01T00:00:00",
            "2025-03-04T25:00",
            "04-03-2025 10:00",
            "2025-03-04T10:00:00+99:00",
            "2025-03-0é",
        ] {
            assert!(d(bad).is_err(), "{bad:?}");
        }
    }

    use super::*;

    #[test]
    fn parses_both_date_layouts() {
        assert_eq!(
            Date::parse("2025-03-01").unwrap(),
            Date::new(2025, 3, 1).unwrap()
        );
        assert_eq!(
            Date::parse("01/03/2025").unwrap(),
            Date::new(2025, 3, 1).unwrap()
        );
        assert_eq!(
            Date::parse(" 1/3/2025 ").unwrap(),
            Date::new(2025, 3, 1).unwrap()
        );
        assert!(Date::parse("2025-02-29").is_err());
        assert!(Date::parse("2024-02-29").is_ok());
        assert!(Date::parse("25-03-01").is_err());
        assert!(Date::parse("2025/03/01").is_err());
        assert!(Date::parse("").is_err());
        assert!(Date::parse("2025-3-x").is_err());
    }

    #[test]
    fn epoch_days_round_trip() {
        assert_eq!(Date::new(1970, 1, 1).unwrap().days_since_epoch(), 0);
        assert_eq!(Date::new(2000, 3, 1).unwrap().days_since_epoch(), 11_017);
        for z in (-800_000..800_000).step_by(997) {
            assert_eq!(Date::from_days_since_epoch(z).days_since_epoch(), z);
        }
        assert_eq!(Date::new(2026, 11, 29).unwrap().weekday(), 6); // a Sunday
    }

    #[test]
    fn timestamps() {
        let a = Timestamp::parse("2025-07-01 08:00").unwrap();
        let b = Timestamp::parse("2025-07-01T08:12:30").unwrap();
        assert_eq!(a.minutes_until(b), 12.5);
        assert_eq!(b.to_string(), "2025-07-01 08:12:30");
        assert_eq!(Timestamp::parse("01/07/2025 08:00").unwrap(), a);
        assert!(Timestamp::parse("2025-07-01 24:00").is_err());
        assert!(Timestamp::parse("2025-07-01").is_err());
        assert!(Timestamp::parse("2025-07-01 8h").is_err());
    }

    #[test]
    fn the_byte_level_path_agrees_with_the_general_one() {
        // The 19-byte spelling takes the fast path; the same instant with a
        // fractional second (or `DD/MM/YYYY`) takes the general one.
        for (fast, general) in [
            ("2025-07-01 08:12:30", "2025-07-01 08:12:30.0"),
            ("2024-02-29T23:59:59", "29/02/2024 23:59:59"),
            ("1999-12-31 00:00:00", "31/12/1999 00:00"),
        ] {
            assert_eq!(
                Timestamp::parse(fast).unwrap(),
                Timestamp::parse(general).unwrap()
            );
            assert_eq!(
                Timestamp::parse(fast).unwrap().to_string(),
                fast.replace('T', " ")
            );
        }
        for bad in [
            "2025-02-29 08:00:00",
            "2025-07-01 24:00:00",
            "2025-07-01 08:60:00",
            "2025-13-01 08:00:00",
            "2025-07-01 08:00:6x",
        ] {
            let (a, b) = (Timestamp::parse(bad), Timestamp::parse(&format!("{bad}.5")));
            assert!(a.is_err() && b.is_err(), "{bad}");
            assert_eq!(
                a.unwrap_err().to_string(),
                b.unwrap_err().to_string(),
                "{bad}"
            );
        }
        assert_eq!(
            Date::parse("2025-02-29").unwrap_err().to_string(),
            Date::parse("29/02/2025").unwrap_err().to_string()
        );
    }
}
