//! Numbers as Indonesian spreadsheets write them.
//!
//! In `;`-delimited files Excel set to Indonesian writes a decimal comma and
//! may group thousands with dots (`1.234.567,5`); in `,`-delimited files the
//! decimal point is used. A leading `Rp` and spaces are tolerated.

use crate::ParseError;

/// Parses a decimal number. With `decimal_comma`, `,` is the decimal mark and
/// `.` may only group thousands; otherwise `.` is the decimal mark and `,` is
/// refused (it would be ambiguous).
pub fn parse_decimal(raw: &str, decimal_comma: bool) -> Result<f64, ParseError> {
    let mut s = raw.trim();
    if let Some(rest) = s.strip_prefix("Rp").or_else(|| s.strip_prefix("rp")) {
        s = rest.trim_start_matches(['.', ' ']);
    }
    let s: String = s.chars().filter(|c| *c != ' ' && *c != '\u{a0}').collect();
    let bad = || {
        ParseError::new(if decimal_comma {
            "bukan angka (format Indonesia: 1.234,5)"
        } else {
            "bukan angka (gunakan titik desimal: 1234.5)"
        })
    };
    if s.is_empty() {
        return Err(ParseError::new("angka kosong"));
    }
    let normalised = if decimal_comma {
        let (int, frac) = match s.split_once(',') {
            Some((i, f)) => (i, Some(f)),
            None => (s.as_str(), None),
        };
        if frac.is_some_and(|f| f.contains([',', '.'])) {
            return Err(bad());
        }
        let int = if int.contains('.') {
            let (sign, digits) = match int.strip_prefix('-') {
                Some(d) => ("-", d),
                None => ("", int),
            };
            let groups: Vec<&str> = digits.split('.').collect();
            let grouped = groups[0].len() <= 3
                && !groups[0].is_empty()
                && groups[1..].iter().all(|g| g.len() == 3);
            if !grouped {
                // "12.5" in a `;` file: a decimal point typed by hand. Accept it
                // only when no comma is present, as a plain decimal.
                if frac.is_none() && groups.len() == 2 {
                    return finish(&s, bad);
                }
                return Err(bad());
            }
            format!("{sign}{}", groups.concat())
        } else {
            int.to_string()
        };
        match frac {
            Some(f) => format!("{int}.{f}"),
            None => int,
        }
    } else {
        if s.contains(',') {
            return Err(bad());
        }
        s
    };
    finish(&normalised, bad)
}

fn finish(s: &str, bad: impl Fn() -> ParseError) -> Result<f64, ParseError> {
    let ok = s
        .bytes()
        .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'-' | b'+' | b'e' | b'E'));
    if !ok {
        return Err(bad());
    }
    match s.parse::<f64>() {
        Ok(v) if v.is_finite() => Ok(v),
        _ => Err(bad()),
    }
}

#[cfg(test)]
mod tests {
    use super::parse_decimal;

    #[test]
    fn point_files() {
        assert_eq!(parse_decimal("1234.5", false).unwrap(), 1234.5);
        assert_eq!(parse_decimal(" -3 ", false).unwrap(), -3.0);
        assert!(parse_decimal("1,5", false).is_err());
        assert!(parse_decimal("abc", false).is_err());
        assert!(parse_decimal("NaN", false).is_err());
        assert!(parse_decimal("inf", false).is_err());
    }

    #[test]
    fn comma_files() {
        assert_eq!(parse_decimal("1234,5", true).unwrap(), 1234.5);
        assert_eq!(parse_decimal("1.234.567,25", true).unwrap(), 1_234_567.25);
        assert_eq!(parse_decimal("Rp 1.500.000", true).unwrap(), 1_500_000.0);
        assert_eq!(parse_decimal("Rp1.500.000,00", true).unwrap(), 1_500_000.0);
        assert_eq!(parse_decimal("-12,75", true).unwrap(), -12.75);
        assert_eq!(parse_decimal("72", true).unwrap(), 72.0);
        assert_eq!(parse_decimal("12.5", true).unwrap(), 12.5);
        assert!(parse_decimal("1.23,4", true).is_err());
        assert!(parse_decimal("1,2,3", true).is_err());
        assert!(parse_decimal("", true).is_err());
    }
}
