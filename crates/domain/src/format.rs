//! Numbers and dates as people read them: Indonesian `1.234,5` and
//! "1 Maret 2026", or English `1,234.5` and "1 March 2026".

use serde::{Deserialize, Serialize};

use crate::Date;

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Id,
    En,
}

impl Lang {
    pub fn parse(s: &str) -> Option<Lang> {
        match s.trim().to_lowercase().as_str() {
            "id" | "indonesia" | "bahasa" => Some(Lang::Id),
            "en" | "english" | "inggris" => Some(Lang::En),
            _ => None,
        }
    }
    /// `id` or `en`, as in `lang` attributes and label columns.
    pub fn code(self) -> &'static str {
        self.pick("id", "en")
    }
    pub fn pick<'a>(self, id: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Id => id,
            Lang::En => en,
        }
    }
}

/// Formats `v` with `decimals` decimals and grouped thousands; "–" for a
/// missing (non-finite) value.
pub fn number(v: f64, decimals: usize, lang: Lang) -> String {
    if !v.is_finite() {
        return "–".to_string();
    }
    let s = format!("{:.*}", decimals, v.abs());
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (s.as_str(), None),
    };
    let (group, point) = match lang {
        Lang::Id => ('.', ','),
        Lang::En => (',', '.'),
    };
    let mut out = String::new();
    let negative = v < 0.0 && s.bytes().any(|b| b.is_ascii_digit() && b != b'0');
    if negative {
        out.push('−');
    }
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(group);
        }
        out.push(ch);
    }
    if let Some(f) = frac {
        out.push(point);
        out.push_str(f);
    }
    out
}

/// "1 Maret 2026" / "1 March 2026".
pub fn date_long(d: Date, lang: Lang) -> String {
    const ID: [&str; 12] = [
        "Januari",
        "Februari",
        "Maret",
        "April",
        "Mei",
        "Juni",
        "Juli",
        "Agustus",
        "September",
        "Oktober",
        "November",
        "Desember",
    ];
    const EN: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let m = (d.month() - 1) as usize;
    let name = match lang {
        Lang::Id => ID[m],
        Lang::En => EN[m],
    };
    format!("{} {} {}", d.day(), name, d.year())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indonesian_and_english_numbers() {
        assert_eq!(number(1234.5, 1, Lang::Id), "1.234,5");
        assert_eq!(number(1234.5, 1, Lang::En), "1,234.5");
        assert_eq!(number(1_234_567.0, 0, Lang::Id), "1.234.567");
        assert_eq!(number(-12.345, 2, Lang::Id), "−12,35");
        assert_eq!(number(-0.001, 1, Lang::Id), "0,0");
        assert_eq!(number(999.0, 0, Lang::Id), "999");
        assert_eq!(number(f64::NAN, 1, Lang::Id), "–");
    }

    #[test]
    fn long_dates() {
        let d = Date::new(2026, 3, 1).unwrap();
        assert_eq!(date_long(d, Lang::Id), "1 Maret 2026");
        assert_eq!(date_long(d, Lang::En), "1 March 2026");
    }
}
