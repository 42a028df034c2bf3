//! Typed access to the cells of one raw row, recording a located error for
//! every cell that does not parse, and the streaming [`Rows`] iterator.

use std::cell::Cell;
use std::collections::HashMap;

use rustc_hash::FxHashMap;

use monev_domain::{Date, ParseError, Timestamp, parse_decimal};

use crate::source::{NumberStyle, RawTable};
use crate::{Errors, Known, RowError};

/// The columns a table needs and may have. Header names are matched
/// case-insensitively, with spaces and dashes read as underscores.
#[derive(Debug, Clone, Copy)]
pub struct ColumnSpec {
    pub required: &'static [&'static str],
    pub optional: &'static [&'static str],
    /// Numbered columns accepted besides, e.g. `r` for r1, r2, … (items).
    pub numbered: Option<&'static str>,
}

/// The number of a numbered column (`r12` with prefix `r` → 12).
pub(crate) fn numbered(name: &str, prefix: &str) -> Option<u32> {
    let rest = name.strip_prefix(prefix)?;
    (!rest.is_empty() && rest.bytes().all(|b| b.is_ascii_digit())).then(|| rest.parse().ok())?
}

pub(crate) fn normalise_header(h: &str) -> String {
    h.trim()
        .trim_start_matches('\u{feff}')
        .trim()
        .to_lowercase()
        .replace([' ', '-'], "_")
}

/// Maps normalised column names to positions; reports missing required
/// columns (one error each) and notes unknown ones.
pub(crate) fn column_map(
    file: &str,
    header: &[String],
    spec: ColumnSpec,
    errors: &mut Errors,
    notes: &mut Vec<String>,
) -> Option<FxHashMap<String, usize>> {
    let mut cols = FxHashMap::default();
    let mut unknown = Vec::new();
    for (i, h) in header.iter().enumerate() {
        let n = normalise_header(h);
        if n.is_empty() {
            continue;
        }
        if cols.contains_key(&n) {
            errors.push(RowError {
                forbidden: false,
                file: file.to_string(),
                line: 1,
                column: n.clone(),
                value: h.clone(),
                reason: "nama kolom ganda (duplicate column)".into(),
            });
            continue;
        }
        let is_numbered = spec.numbered.is_some_and(|p| numbered(&n, p).is_some());
        if !spec.required.contains(&n.as_str())
            && !spec.optional.contains(&n.as_str())
            && !is_numbered
        {
            unknown.push(n.clone());
        }
        cols.insert(n, i);
    }
    let mut ok = true;
    for r in spec.required {
        if !cols.contains_key(*r) {
            ok = false;
            errors.push(RowError {
                forbidden: false,
                file: file.to_string(),
                line: 1,
                column: (*r).to_string(),
                value: String::new(),
                reason: "kolom wajib tidak ada di baris judul (required column missing)".into(),
            });
        }
    }
    if !unknown.is_empty() {
        notes.push(format!(
            "{file}: kolom tambahan diabaikan (extra columns ignored): {}",
            unknown.join(", ")
        ));
    }
    ok.then_some(cols)
}

/// A table's columns by name, as the header maps them.
///
/// Parsers ask for a column by a name written in the code (a `&'static
/// str`) once per cell: tens of millions of lookups in a large table. Each
/// name is hashed once; after that its position is found by the name's
/// address, which for a `&'static str` always denotes the same text.
pub(crate) struct Columns {
    map: FxHashMap<String, usize>,
    /// Names asked for before, by the address and length of their static
    /// text, with their position: a slot per address hash; a name whose slot
    /// is taken is looked up by hash every time.
    slots: [Cell<(usize, usize, Option<usize>)>; SLOTS],
}

const SLOTS: usize = 64;

impl Columns {
    pub fn new(map: FxHashMap<String, usize>) -> Columns {
        Columns {
            map,
            slots: std::array::from_fn(|_| Cell::new((0, 0, None))),
        }
    }

    /// The position of a column named in the code.
    #[inline]
    pub fn position(&self, col: &'static str) -> Option<usize> {
        let (address, len) = (col.as_ptr() as usize, col.len());
        let slot = &self.slots[(address.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 58) % SLOTS];
        let (a, n, p) = slot.get();
        if (a, n) == (address, len) {
            return p;
        }
        let p = self.map.get(col).copied();
        if a == 0 {
            slot.set((address, len, p));
        }
        p
    }

    /// The position of a column whose name is made at run time.
    pub fn position_named(&self, col: &str) -> Option<usize> {
        self.map.get(col).copied()
    }

    /// The header's normalised names.
    pub fn names(&self) -> impl Iterator<Item = &String> {
        self.map.keys()
    }
}

/// One row being parsed. Getters return a placeholder on failure and set
/// `failed`, so a row reports all its bad cells at once.
pub(crate) struct Cells<'r> {
    pub file: &'r str,
    pub line: u64,
    pub row: &'r csv::StringRecord,
    pub cols: &'r Columns,
    pub style: NumberStyle,
    pub errors: &'r mut Errors,
    /// Keys already seen in this table, with their line (duplicate checks).
    pub seen: &'r mut HashMap<String, u64>,
    pub failed: bool,
}

impl Cells<'_> {
    /// A cell's text, trimmed ("" when the column is absent).
    #[inline]
    pub fn raw(&self, col: &'static str) -> &str {
        self.at(self.cols.position(col))
    }

    /// [`Cells::raw`] for a column name made at run time.
    pub fn raw_named(&self, col: &str) -> &str {
        self.at(self.cols.position_named(col))
    }

    #[inline]
    fn at(&self, position: Option<usize>) -> &str {
        position
            .and_then(|i| self.row.get(i))
            .map(|s| s.trim())
            .unwrap_or("")
    }

    pub fn fail(&mut self, col: &str, reason: impl Into<String>) {
        self.refuse(col, reason, false);
    }

    /// Refuses a cell that is well-formed but not the importer's to write.
    pub fn forbid(&mut self, col: &str, reason: impl Into<String>) {
        self.refuse(col, reason, true);
    }

    fn refuse(&mut self, col: &str, reason: impl Into<String>, forbidden: bool) {
        let value = self.raw_named(col).to_string();
        self.failed = true;
        self.errors.push(RowError {
            forbidden,
            file: self.file.to_string(),
            line: self.line,
            column: col.to_string(),
            value,
            reason: reason.into(),
        });
    }

    fn parsed<T>(&mut self, col: &str, r: Result<T, ParseError>, fallback: T) -> T {
        match r {
            Ok(v) => v,
            Err(e) => {
                self.fail(col, e.0);
                fallback
            }
        }
    }

    /// A required text cell.
    pub fn text(&mut self, col: &'static str) -> String {
        let v = self.raw(col).to_string();
        if v.is_empty() {
            self.fail(col, "wajib diisi (required)");
        }
        v
    }

    pub fn opt_text(&self, col: &'static str) -> Option<String> {
        Some(self.raw(col).to_string()).filter(|s| !s.is_empty())
    }

    pub fn with<T>(
        &mut self,
        col: &'static str,
        f: impl Fn(&str) -> Result<T, ParseError>,
        fallback: T,
    ) -> T {
        let r = f(self.raw(col));
        self.parsed(col, r, fallback)
    }

    /// [`Cells::with`] for a column name made at run time.
    pub fn with_named<T>(
        &mut self,
        col: &str,
        f: impl Fn(&str) -> Result<T, ParseError>,
        fallback: T,
    ) -> T {
        let r = f(self.raw_named(col));
        self.parsed(col, r, fallback)
    }

    pub fn opt_with<T>(
        &mut self,
        col: &'static str,
        f: impl Fn(&str) -> Result<T, ParseError>,
    ) -> Option<T> {
        if self.raw(col).is_empty() {
            return None;
        }
        let r = f(self.raw(col)).map(Some);
        self.parsed(col, r, None)
    }

    pub fn date(&mut self, col: &'static str) -> Date {
        self.with(col, Date::parse, Date::from_days_since_epoch(0))
    }

    pub fn opt_date(&mut self, col: &'static str) -> Option<Date> {
        self.opt_with(col, Date::parse)
    }

    pub fn timestamp(&mut self, col: &'static str) -> Timestamp {
        self.with(col, Timestamp::parse, Timestamp::from_seconds(0))
    }

    pub fn opt_timestamp(&mut self, col: &'static str) -> Option<Timestamp> {
        self.opt_with(col, Timestamp::parse)
    }

    fn decimal(style: NumberStyle, s: &str) -> Result<f64, ParseError> {
        let comma = match style {
            NumberStyle::Comma => true,
            NumberStyle::Point => false,
            NumberStyle::Auto => s.contains(','),
        };
        parse_decimal(s, comma)
    }

    pub fn number(&mut self, col: &'static str) -> f64 {
        let style = self.style;
        self.with(col, |s| Self::decimal(style, s), 0.0)
    }

    pub fn opt_number(&mut self, col: &'static str) -> Option<f64> {
        let style = self.style;
        self.opt_with(col, |s| Self::decimal(style, s))
    }

    /// A number that must lie in `lo..=hi`.
    pub fn opt_number_in(&mut self, col: &'static str, lo: f64, hi: f64) -> Option<f64> {
        let v = self.opt_number(col)?;
        if !(lo..=hi).contains(&v) {
            self.fail(col, format!("harus antara {lo} dan {hi} (out of range)"));
            return None;
        }
        Some(v)
    }

    pub fn non_negative(&mut self, col: &'static str) -> f64 {
        let v = self.number(col);
        if v < 0.0 {
            self.fail(col, "tidak boleh negatif (must not be negative)");
        }
        v
    }
}

/// A parser of one row into `T`; `None` when any cell failed.
pub(crate) type RowParser<T> = fn(&mut Cells<'_>, &mut Known) -> Option<T>;

/// Streams the good rows of a table; bad rows leave their errors behind.
pub struct Rows<'a, T> {
    pub(crate) raw: RawTable<'a>,
    /// The row being parsed: one buffer for the whole table.
    pub(crate) record: csv::StringRecord,
    pub(crate) cols: Columns,
    pub(crate) errors: &'a mut Errors,
    pub(crate) known: &'a mut Known,
    pub(crate) seen: HashMap<String, u64>,
    pub(crate) parse: RowParser<T>,
}

impl<T> Rows<'_, T> {
    /// The table's display name (file or sheet), for messages.
    pub fn file(&self) -> &str {
        &self.raw.file
    }

    /// Errors recorded in the whole package so far.
    pub fn error_total(&self) -> usize {
        self.errors.total
    }
}

impl<T> Iterator for Rows<'_, T> {
    type Item = T;

    fn next(&mut self) -> Option<T> {
        loop {
            let line = match self.raw.rows.read(&mut self.record)? {
                Ok(line) => line,
                Err(e) => {
                    self.errors.push(e);
                    continue;
                }
            };
            if self.record.iter().all(|c| c.trim().is_empty()) {
                continue;
            }
            let mut cells = Cells {
                file: &self.raw.file,
                line,
                row: &self.record,
                cols: &self.cols,
                style: self.raw.style,
                errors: &mut *self.errors,
                seen: &mut self.seen,
                failed: false,
            };
            let v = (self.parse)(&mut cells, &mut *self.known);
            if !cells.failed
                && let Some(v) = v
            {
                return Some(v);
            }
        }
    }
}
