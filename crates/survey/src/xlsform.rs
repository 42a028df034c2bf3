//! XLSForm → [`Instrument`], from the workbook's sheets as grids of text
//! (the caller reads the file). Follows pyxform where it matters to users:
//! sheet and header names are case-insensitive; `label::English (en)`,
//! `label:english` and pyxform's column aliases (`list name`, `caption`,
//! `relevance`, `requiredMsg`, …) are understood; old type spellings
//! (`select one from x`, `select all that apply from x or specify other`)
//! too. Constructs monev does not collect (repeats, loops, geo, media,
//! calculations, metadata) are left out and each is named in
//! [`Parsed::skipped`]; anything malformed is a located [`Located`] error.

use std::collections::{BTreeMap, HashMap};
use std::fmt;

use crate::expr::{self, Expr};
use crate::{Choice, Group, Instrument, Item, Kind, Labels, Purpose, Question, Required, Target};

/// One sheet of the workbook: rows of cell text (row 0 is the header).
#[derive(Debug, Clone)]
pub struct Sheet {
    pub name: String,
    pub rows: Vec<Vec<String>>,
}

/// A place in the workbook and what is wrong (or left out) there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located {
    pub sheet: String,
    /// 1-based spreadsheet row; 0 for the whole sheet.
    pub row: usize,
    /// Header name of the column, empty for the whole row.
    pub column: String,
    /// Spreadsheet column letter (`A`, `B`, …), empty when unknown.
    pub letter: String,
    pub value: String,
    pub reason: String,
}

impl fmt::Display for Located {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.sheet)?;
        if self.row > 0 {
            write!(f, "!{}{}", self.letter, self.row)?;
            write!(f, " (baris/row {}", self.row)?;
            if !self.column.is_empty() {
                write!(f, ", kolom/column {}", self.column)?;
            }
            f.write_str(")")?;
        }
        f.write_str(": ")?;
        if !self.value.is_empty() {
            write!(f, "{:?}: ", self.value)?;
        }
        f.write_str(&self.reason)
    }
}

/// A parsed form: the instrument, what was left out, and remarks.
#[derive(Debug, Clone)]
pub struct Parsed {
    pub instrument: Instrument,
    /// Questions and blocks not imported, each named and located.
    pub skipped: Vec<Located>,
    /// Columns and sheets ignored, functions not evaluated.
    pub notes: Vec<Located>,
}

/// Column letter of a 0-based index.
pub fn letter(mut i: usize) -> String {
    let mut s = Vec::new();
    loop {
        s.push(b'A' + (i % 26) as u8);
        if i < 26 {
            break;
        }
        i = i / 26 - 1;
    }
    s.reverse();
    String::from_utf8(s).unwrap_or_default()
}

/// pyxform's header aliases, lower-cased, and `label:x` → `label::x`.
fn normalise_header(h: &str) -> String {
    let h = h.trim().to_lowercase();
    let h = if h.contains("::") {
        h
    } else if let Some((a, b)) = h.split_once(':') {
        format!("{}::{}", a.trim(), b.trim())
    } else {
        h
    };
    let (base, rest) = match h.split_once("::") {
        Some((b, r)) => (b.trim().to_string(), Some(r.trim().to_string())),
        None => (h.clone(), None),
    };
    let base = match base.as_str() {
        "list name" | "list_name" => "list_name",
        "caption" => "label",
        "relevance" => "relevant",
        "requiredmsg" | "jr:requiredmsg" | "required message" => "required_message",
        "constraintmsg" | "jr:constraintmsg" | "constraint message" => "constraint_message",
        "calculate" => "calculation",
        "readonly" => "read_only",
        "choice filter" => "choice_filter",
        "form title" => "form_title",
        "form id" => "form_id",
        "default language" => "default_language",
        other => other,
    }
    .to_string();
    match rest {
        Some(r) => format!("{base}::{r}"),
        None => base,
    }
}

/// A language column's tag: `English (en)` → `en`, `bahasa indonesia` → `id`.
fn language_tag(raw: &str) -> String {
    let r = raw.trim();
    if let (Some(open), true) = (r.rfind('('), r.ends_with(')')) {
        return r[open + 1..r.len() - 1].trim().to_lowercase();
    }
    match r.to_lowercase().as_str() {
        "english" | "en" | "inggris" => "en".into(),
        "indonesian" | "indonesia" | "bahasa indonesia" | "bahasa" | "id" => "id".into(),
        other => other.to_string(),
    }
}

struct Table<'a> {
    sheet: &'a Sheet,
    /// Normalised header → column index.
    cols: HashMap<String, usize>,
    headers: Vec<String>,
}

impl<'a> Table<'a> {
    fn new(sheet: &'a Sheet, errors: &mut Vec<Located>) -> Table<'a> {
        let mut cols = HashMap::new();
        let headers: Vec<String> = sheet
            .rows
            .first()
            .map(|r| r.iter().map(|h| normalise_header(h)).collect())
            .unwrap_or_default();
        for (i, h) in headers.iter().enumerate() {
            if h.is_empty() {
                continue;
            }
            if cols.insert(h.clone(), i).is_some() {
                errors.push(Located {
                    sheet: sheet.name.clone(),
                    row: 1,
                    column: h.clone(),
                    letter: letter(i),
                    value: sheet.rows[0][i].clone(),
                    reason:
                        "kolom ganda (duplicate column header); setiap kolom hanya boleh sekali"
                            .into(),
                });
            }
        }
        Table {
            sheet,
            cols,
            headers,
        }
    }

    fn cell(&self, row: usize, col: &str) -> &str {
        self.cols
            .get(col)
            .and_then(|&i| self.sheet.rows[row].get(i))
            .map_or("", |s| s.trim())
    }

    /// `label`, `label::English (en)`, … as [`Labels`].
    fn labels(&self, row: usize, base: &str) -> Labels {
        let mut out = Vec::new();
        for (i, h) in self.headers.iter().enumerate() {
            let lang = if h == base {
                Some(String::new())
            } else {
                h.strip_prefix(base)
                    .and_then(|r| r.strip_prefix("::"))
                    .map(language_tag)
            };
            if let Some(lang) = lang {
                let text = self.sheet.rows[row].get(i).map_or("", |s| s.trim());
                if !text.is_empty() {
                    out.push((lang, text.to_string()));
                }
            }
        }
        Labels(out)
    }

    fn at(&self, row: usize, col: &str, reason: impl Into<String>) -> Located {
        let i = self.cols.get(col).copied();
        Located {
            sheet: self.sheet.name.clone(),
            row: row + 1,
            column: col.to_string(),
            letter: i.map(letter).unwrap_or_default(),
            value: self.cell(row, col).to_string(),
            reason: reason.into(),
        }
    }

    fn blank(&self, row: usize) -> bool {
        self.sheet.rows[row].iter().all(|c| c.trim().is_empty())
    }
}

fn yes(v: &str) -> Option<bool> {
    let v = v.trim().trim_start_matches('=').to_lowercase();
    match v.as_str() {
        "" | "no" | "false" | "false()" | "0" | "tidak" => Some(false),
        "yes" | "true" | "true()" | "1" | "ya" => Some(true),
        _ => None,
    }
}

fn valid_name(n: &str) -> bool {
    let mut cs = n.chars();
    cs.next().is_some_and(|c| c.is_alphabetic() || c == '_')
        && cs.all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.'))
}

/// Why monev leaves a type out, as the user reads it.
const GEO: &str = "lokasi/peta tidak dikumpulkan monev (geo questions are not collected)";
const MEDIA: &str = "foto, suara, video, berkas dan pindaian tidak dikumpulkan monev (media, files and scans are not collected)";
const CALC: &str = "perhitungan tidak dijalankan monev (calculations are not run)";
const TIME: &str = "jam tidak dikumpulkan; gunakan date (time questions are not collected)";
const META: &str = "metadata perangkat; monev mencatat waktu kirim sendiri (device metadata)";
const EXTERNAL: &str = "data atau pilihan dari berkas eksternal belum didukung (external data and choice files are not supported)";
const NOT_YET: &str = "tipe ini belum didukung monev (this question type is not supported yet)";

/// What monev makes of a question type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    Text,
    Integer,
    /// An integer that pyxform constrains to `0 ..= max`.
    IntegerUpTo(u32),
    /// Text that pyxform constrains to match a regular expression.
    TextMatching(&'static str),
    Decimal,
    Date,
    Note,
    Skip(&'static str),
}

/// Every type name of pyxform 4.x that takes no choice list — its
/// `QUESTION_TYPE_DICT` (pyxform/question_type_dictionary.py) and the
/// `_type_alias_map` of pyxform/aliases.py (BSD-2-Clause) — in lower case
/// with single spaces, and what monev makes of it. Declared once here;
/// `tests/it/pyxform_types.rs` walks pyxform's own tables against it.
const TYPES: &[(&str, Class)] = &[
    ("text", Class::Text),
    ("string", Class::Text),
    ("q string", Class::Text),
    ("add text prompt", Class::Text),
    // pyxform: text with a digits-only constraint.
    // pyxform binds it with `constraint="regex(., '^\d*$')"` (digits only).
    ("phone number", Class::TextMatching(r"^\d*$")),
    ("integer", Class::Integer),
    ("int", Class::Integer),
    ("q int", Class::Integer),
    ("add integer prompt", Class::Integer),
    ("percentage", Class::IntegerUpTo(100)),
    ("number of days in last month", Class::IntegerUpTo(31)),
    ("number of days in last six months", Class::IntegerUpTo(183)),
    ("number of days in last year", Class::IntegerUpTo(365)),
    ("decimal", Class::Decimal),
    ("q decimal", Class::Decimal),
    ("add decimal prompt", Class::Decimal),
    ("date", Class::Date),
    ("q date", Class::Date),
    ("add date prompt", Class::Date),
    ("note", Class::Note),
    ("q note", Class::Note),
    ("add note prompt", Class::Note),
    ("geopoint", Class::Skip(GEO)),
    ("gps", Class::Skip(GEO)),
    ("location", Class::Skip(GEO)),
    ("q geopoint", Class::Skip(GEO)),
    ("q location", Class::Skip(GEO)),
    ("add location prompt", Class::Skip(GEO)),
    ("geotrace", Class::Skip(GEO)),
    ("q geotrace", Class::Skip(GEO)),
    ("geoshape", Class::Skip(GEO)),
    ("q geoshape", Class::Skip(GEO)),
    ("start-geopoint", Class::Skip(GEO)),
    ("background-geopoint", Class::Skip(GEO)),
    ("osm", Class::Skip(GEO)),
    ("photo", Class::Skip(MEDIA)),
    ("image", Class::Skip(MEDIA)),
    ("q image", Class::Skip(MEDIA)),
    ("q picture", Class::Skip(MEDIA)),
    ("add image prompt", Class::Skip(MEDIA)),
    ("add photo prompt", Class::Skip(MEDIA)),
    ("audio", Class::Skip(MEDIA)),
    ("q audio", Class::Skip(MEDIA)),
    ("add audio prompt", Class::Skip(MEDIA)),
    ("background-audio", Class::Skip(MEDIA)),
    ("video", Class::Skip(MEDIA)),
    ("q video", Class::Skip(MEDIA)),
    ("add video prompt", Class::Skip(MEDIA)),
    ("file", Class::Skip(MEDIA)),
    ("add file prompt", Class::Skip(MEDIA)),
    ("barcode", Class::Skip(MEDIA)),
    ("q barcode", Class::Skip(MEDIA)),
    ("add barcode prompt", Class::Skip(MEDIA)),
    ("calculate", Class::Skip(CALC)),
    ("q calculate", Class::Skip(CALC)),
    ("add calculate prompt", Class::Skip(CALC)),
    ("hidden", Class::Skip(CALC)),
    ("time", Class::Skip(TIME)),
    ("datetime", Class::Skip(TIME)),
    ("date time", Class::Skip(TIME)),
    ("q datetime", Class::Skip(TIME)),
    ("q date time", Class::Skip(TIME)),
    ("add datetime prompt", Class::Skip(TIME)),
    ("add date time prompt", Class::Skip(TIME)),
    ("start", Class::Skip(META)),
    ("start time", Class::Skip(META)),
    ("get start time", Class::Skip(META)),
    ("end", Class::Skip(META)),
    ("end time", Class::Skip(META)),
    ("get end time", Class::Skip(META)),
    ("today", Class::Skip(META)),
    ("get today", Class::Skip(META)),
    ("deviceid", Class::Skip(META)),
    ("device id", Class::Skip(META)),
    ("get device id", Class::Skip(META)),
    ("imei", Class::Skip(META)),
    ("uri:deviceid", Class::Skip(META)),
    ("subscriberid", Class::Skip(META)),
    ("subscriber id", Class::Skip(META)),
    ("get subscriber id", Class::Skip(META)),
    ("uri:subscriberid", Class::Skip(META)),
    ("simserial", Class::Skip(META)),
    ("sim id", Class::Skip(META)),
    ("get sim id", Class::Skip(META)),
    ("uri:simserial", Class::Skip(META)),
    ("phonenumber", Class::Skip(META)),
    ("get phone number", Class::Skip(META)),
    ("uri:phonenumber", Class::Skip(META)),
    ("username", Class::Skip(META)),
    ("uri:username", Class::Skip(META)),
    ("email", Class::Skip(META)),
    ("uri:email", Class::Skip(META)),
    ("audit", Class::Skip(META)),
    ("xml-external", Class::Skip(EXTERNAL)),
    ("csv-external", Class::Skip(EXTERNAL)),
    ("acknowledge", Class::Skip(NOT_YET)),
    ("q acknowledge", Class::Skip(NOT_YET)),
    ("add acknowledge prompt", Class::Skip(NOT_YET)),
    ("trigger", Class::Skip(NOT_YET)),
    ("range", Class::Skip(NOT_YET)),
];

/// What a select command is, from pyxform's `aliases.select` and
/// `aliases.osm`: the command, then the list (or file) name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Select {
    One,
    Multiple,
    Skip(&'static str),
}

/// pyxform's select commands, longest first (its regular expression tries
/// them in this order, so `select one from x` is not `select one` of a list
/// named `from`).
const SELECTS: &[(&str, Select)] = &[
    ("add select multiple prompt using", Select::Multiple),
    ("add select one prompt using", Select::One),
    ("select all that apply from", Select::Multiple),
    ("select multiple from file", Select::Skip(EXTERNAL)),
    ("select_multiple_from_file", Select::Skip(EXTERNAL)),
    ("select one from file", Select::Skip(EXTERNAL)),
    ("select_one_from_file", Select::Skip(EXTERNAL)),
    ("select_one_external", Select::Skip(EXTERNAL)),
    ("select all that apply", Select::Multiple),
    ("select_multiple", Select::Multiple),
    ("select one from", Select::One),
    ("select one", Select::One),
    ("select_one", Select::One),
    ("select1", Select::One),
    ("rank", Select::Skip(NOT_YET)),
    ("osm", Select::Skip(GEO)),
];

enum Type {
    Question(Kind, bool),
    /// An integer pyxform bounds to `0 ..= max`.
    BoundedInteger(u32),
    /// Text pyxform constrains to a regular expression.
    PatternText(&'static str),
    BeginGroup,
    EndGroup,
    BeginBlock(&'static str),
    EndBlock(&'static str),
    /// Left out, with the reason; `range` has its parameters checked.
    Skip(&'static str),
}

fn parse_type(raw: &str) -> Result<Type, String> {
    let t = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    let lower = t.to_lowercase();
    match lower.as_str() {
        "begin group" | "begin_group" => return Ok(Type::BeginGroup),
        "end group" | "end_group" => return Ok(Type::EndGroup),
        "begin repeat" | "begin_repeat" | "begin lgroup" | "begin looped group" => {
            return Ok(Type::BeginBlock("repeat"));
        }
        "end repeat" | "end_repeat" | "end lgroup" | "end looped group" => {
            return Ok(Type::EndBlock("repeat"));
        }
        "end loop" | "end_loop" => return Ok(Type::EndBlock("loop")),
        _ => {}
    }
    if lower.starts_with("begin loop") || lower.starts_with("begin_loop") {
        return Ok(Type::BeginBlock("loop"));
    }
    if let Some((_, class)) = TYPES.iter().find(|(name, _)| *name == lower) {
        let simple = |k| Ok(Type::Question(k, false));
        return match *class {
            Class::Text => simple(Kind::Text),
            Class::Integer => simple(Kind::Integer),
            Class::IntegerUpTo(max) => Ok(Type::BoundedInteger(max)),
            Class::TextMatching(pattern) => Ok(Type::PatternText(pattern)),
            Class::Decimal => simple(Kind::Decimal),
            Class::Date => simple(Kind::Date),
            Class::Note => simple(Kind::Note),
            Class::Skip(why) => Ok(Type::Skip(why)),
        };
    }
    // A select: the command, one list name, and perhaps an "other" choice.
    let (body, other) = match ["or_other", "or specify other", "or other"]
        .iter()
        .find_map(|o| lower.strip_suffix(&format!(" {o}")))
    {
        Some(b) => (b.to_string(), true),
        None => (lower.clone(), false),
    };
    for (command, select) in SELECTS {
        let Some(rest) = body.strip_prefix(command) else {
            continue;
        };
        if !(rest.is_empty() || rest.starts_with(' ')) {
            continue;
        }
        // One word after the command; list names keep their case, so it is
        // taken from the original spelling.
        let words = command.split(' ').count();
        let list = (rest.split_whitespace().count() == 1)
            .then(|| t.split(' ').nth(words))
            .flatten();
        let Some(list) = list else {
            return Err(format!(
                "{command}: satu nama daftar pilihan harus menyusul (one choice list name must follow the type)"
            ));
        };
        return Ok(match select {
            Select::One => Type::Question(Kind::SelectOne { list: list.into() }, other),
            Select::Multiple => Type::Question(Kind::SelectMultiple { list: list.into() }, other),
            Select::Skip(why) => Type::Skip(why),
        });
    }
    Err(format!(
        "tipe pertanyaan tidak dikenal (unknown question type): {t}; yang dikumpulkan: text, integer, decimal, date, note, select_one, select_multiple, begin/end group (see pyxform's list of types)"
    ))
}

/// pyxform replaces typographic quotes with straight ones in every cell
/// (`clean_text_values`): an expression typed in Word or a phone keyboard
/// (`${umur} > ‘17’`) reads as it was meant.
fn straight_quotes(s: &str) -> std::borrow::Cow<'_, str> {
    if s.contains(['\u{2018}', '\u{2019}', '\u{201c}', '\u{201d}']) {
        s.replace(['\u{2018}', '\u{2019}'], "'")
            .replace(['\u{201c}', '\u{201d}'], "\"")
            .into()
    } else {
        s.into()
    }
}

/// Checks a `range` question's `parameters` cell as pyxform does: keys
/// `start`, `end`, `step` (numbers), `placeholder`, `tick_interval`,
/// `tick_labelset`, separated by spaces, `;` or `,`.
fn range_parameters(cell: &str) -> Result<(), String> {
    const KEYS: &[&str] = &[
        "start",
        "end",
        "step",
        "placeholder",
        "tick_interval",
        "tick_labelset",
    ];
    for part in cell
        .split([' ', ';', ','])
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        let Some((k, v)) = part.split_once('=') else {
            return Err(format!(
                "parameter '{part}' harus berbentuk kunci=nilai (must be key=value)"
            ));
        };
        let k = k.trim().to_lowercase();
        if !KEYS.contains(&k.as_str()) {
            return Err(format!(
                "parameter '{k}' tidak dikenal untuk range (unknown range parameter); yang sah: {}",
                KEYS.join(", ")
            ));
        }
        if matches!(k.as_str(), "start" | "end" | "step" | "tick_interval")
            && v.trim().parse::<f64>().map_or(true, |x| !x.is_finite())
        {
            return Err(format!(
                "parameter '{k}' harus angka (must be a number): {v}"
            ));
        }
    }
    Ok(())
}

/// Parses the workbook. `fallback_id` names the form when the settings
/// sheet gives no `form_id` (the file name, usually).
pub fn parse(sheets: &[Sheet], fallback_id: &str) -> Result<Parsed, Vec<Located>> {
    let mut errors = Vec::new();
    let mut notes = Vec::new();
    let mut skipped = Vec::new();
    let find = |name: &str| {
        sheets
            .iter()
            .find(|s| s.name.trim().eq_ignore_ascii_case(name))
    };
    for s in sheets {
        let n = s.name.trim().to_lowercase();
        if !["survey", "choices", "settings"].contains(&n.as_str()) {
            notes.push(Located {
                sheet: s.name.clone(),
                row: 0,
                column: String::new(),
                letter: String::new(),
                value: String::new(),
                reason: "lembar diabaikan (sheet ignored): monev membaca survey, choices, settings"
                    .into(),
            });
        }
    }
    let Some(survey) = find("survey") else {
        return Err(vec![Located {
            sheet: "survey".into(),
            row: 0,
            column: String::new(),
            letter: String::new(),
            value: String::new(),
            reason: format!(
                "lembar 'survey' tidak ada (no survey sheet); lembar yang ada: {}",
                sheets
                    .iter()
                    .map(|s| s.name.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        }]);
    };

    // Settings.
    let mut kode = fallback_id.to_string();
    let mut judul = Labels::default();
    let mut versi = String::new();
    let mut bahasa_utama = String::new();
    let mut allow_duplicates = false;
    if let Some(s) = find("settings") {
        let t = Table::new(s, &mut errors);
        if s.rows.len() > 1 {
            if !t.cell(1, "form_id").is_empty() {
                kode = t.cell(1, "form_id").to_string();
            }
            judul = t.labels(1, "form_title");
            versi = t.cell(1, "version").to_string();
            bahasa_utama = language_tag(t.cell(1, "default_language"));
            allow_duplicates = yes(t.cell(1, "allow_choice_duplicates")).unwrap_or(false);
        }
    }
    if judul.is_empty() {
        judul = Labels::one("", &kode);
    }

    // Choices.
    let mut choices: BTreeMap<String, Vec<Choice>> = BTreeMap::new();
    let mut choice_rows: HashMap<String, usize> = HashMap::new();
    if let Some(s) = find("choices") {
        let t = Table::new(s, &mut errors);
        if !s.rows.is_empty() && !t.cols.contains_key("list_name") {
            errors.push(t.at(
                0,
                "list_name",
                "kolom list_name tidak ada di lembar choices (missing list_name column)",
            ));
        }
        for r in 1..s.rows.len() {
            if t.blank(r) {
                continue;
            }
            let list = t.cell(r, "list_name");
            if list.is_empty() {
                continue;
            }
            let name = t.cell(r, "name");
            if name.is_empty() {
                errors.push(t.at(r, "name", "pilihan tanpa nama (choice without a name)"));
                continue;
            }
            let entry = choices.entry(list.to_string()).or_default();
            choice_rows.entry(list.to_string()).or_insert(r);
            if !allow_duplicates && entry.iter().any(|c| c.name == name) {
                errors.push(t.at(
                    r,
                    "name",
                    format!("pilihan ganda dalam daftar '{list}' (duplicate choice); izinkan dengan allow_choice_duplicates di settings"),
                ));
                continue;
            }
            let mut label = t.labels(r, "label");
            if label.is_empty() {
                label = Labels::one("", name);
            }
            let mut columns = BTreeMap::new();
            for (h, &i) in &t.cols {
                if !matches!(h.as_str(), "list_name" | "name") && !h.starts_with("label") {
                    let v = s.rows[r].get(i).map_or("", |v| v.trim());
                    if !v.is_empty() {
                        columns.insert(h.clone(), v.to_string());
                    }
                }
            }
            entry.push(Choice {
                name: name.to_string(),
                label,
                columns,
            });
        }
    }

    // Survey.
    let t = Table::new(survey, &mut errors);
    for col in ["type", "name"] {
        if !t.cols.contains_key(col) {
            errors.push(Located {
                sheet: survey.name.clone(),
                row: 1,
                column: col.into(),
                letter: String::new(),
                value: String::new(),
                reason: format!("kolom '{col}' tidak ada di lembar survey (missing column)"),
            });
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    const KNOWN: &[&str] = &[
        "type",
        "name",
        "label",
        "hint",
        "required",
        "required_message",
        "constraint",
        "constraint_message",
        "relevant",
        "appearance",
        "default",
        "choice_filter",
        "calculation",
        "read_only",
        "repeat_count",
        "parameters",
        "trigger",
        "guidance_hint",
        "image",
        "audio",
        "video",
        "media",
        "autoplay",
        "rows",
        "note",
        "tag",
    ];
    for (i, h) in t.headers.iter().enumerate() {
        let base = h.split("::").next().unwrap_or("");
        if !h.is_empty()
            && !KNOWN.contains(&base)
            && !base.starts_with("bind")
            && !base.starts_with("body")
            && !base.starts_with("instance")
        {
            notes.push(Located {
                sheet: survey.name.clone(),
                row: 1,
                column: h.clone(),
                letter: letter(i),
                value: String::new(),
                reason: "kolom tidak dikenal, diabaikan (unknown column ignored)".into(),
            });
        }
    }

    struct Open {
        group: Group,
        row: usize,
    }
    let mut stack: Vec<Open> = vec![Open {
        group: Group {
            name: String::new(),
            label: Labels::default(),
            relevant: None,
            appearance: String::new(),
            items: Vec::new(),
        },
        row: 0,
    }];
    // Inside a repeat or loop: (kind, name, row, depth), rows skipped until
    // its end; the names of the questions inside, to name them as left out.
    let mut block: Option<(&'static str, String, usize, usize)> = None;
    let mut inside: Vec<String> = Vec::new();
    let mut names: HashMap<String, usize> = HashMap::new();
    // Expressions to check once every name is known: (row, column, expr).
    let mut exprs: Vec<(usize, &'static str, Expr, Option<String>)> = Vec::new();

    let parse_expr = |r: usize, col: &'static str, errors: &mut Vec<Located>| -> Option<Expr> {
        let src = straight_quotes(t.cell(r, col));
        if src.is_empty() {
            return None;
        }
        match expr::parse(&src) {
            Ok(e) => Some(e),
            Err(e) => {
                errors.push(t.at(
                    r,
                    col,
                    format!("ekspresi tidak sah (invalid expression): {e}"),
                ));
                None
            }
        }
    };

    for r in 1..survey.rows.len() {
        if t.blank(r) {
            continue;
        }
        let raw_type = t.cell(r, "type");
        let mut name = t.cell(r, "name").to_string();
        if raw_type.is_empty() {
            if !name.is_empty() || !t.labels(r, "label").is_empty() {
                errors.push(t.at(
                    r,
                    "type",
                    "baris tanpa tipe (a row with a name or label but no type)",
                ));
            }
            continue;
        }
        let ty = match parse_type(raw_type) {
            Ok(ty) => ty,
            Err(m) => {
                errors.push(t.at(r, "type", m));
                continue;
            }
        };
        // pyxform names an unnamed note after its row.
        if name.is_empty() && matches!(ty, Type::Question(Kind::Note, _)) {
            name = format!("generated_note_name_{}", r + 1);
        }
        // pyxform's bounded integers ("percentage", "number of days in
        // last month"): an integer with its bounds as the default
        // constraint; its "phone number": text of digits.
        let (ty, default_constraint) = match ty {
            Type::BoundedInteger(max) => (
                Type::Question(Kind::Integer, false),
                Some(format!(". >= 0 and . <= {max}")),
            ),
            Type::PatternText(pattern) => (
                Type::Question(Kind::Text, false),
                Some(format!("regex(., '{pattern}')")),
            ),
            ty => (ty, None),
        };
        // Skipped blocks: count nesting of the same kind.
        if let Some((kind, bname, brow, depth)) = block.take() {
            block = match ty {
                Type::BeginBlock(k) if k == kind => Some((kind, bname, brow, depth + 1)),
                Type::EndBlock(k) if k == kind && depth == 0 => {
                    let held = if inside.is_empty() {
                        String::new()
                    } else {
                        format!("; berisi (holds): {}", inside.join(", "))
                    };
                    skipped.push(Located {
                        sheet: survey.name.clone(),
                        row: brow + 1,
                        column: "type".into(),
                        letter: t.cols.get("type").map(|&i| letter(i)).unwrap_or_default(),
                        value: bname.clone(),
                        reason: format!(
                            "blok {kind} '{bname}' (baris {}–{}) tidak diimpor: pengulangan belum didukung monev (repeats and loops are not supported; split it into its own form){held}",
                            brow + 1,
                            r + 1
                        ),
                    });
                    inside.clear();
                    None
                }
                Type::EndBlock(k) if k == kind => Some((kind, bname, brow, depth - 1)),
                _ => Some((kind, bname, brow, depth)),
            };
            // Names inside are still names (other expressions may refer to them).
            if !name.is_empty() {
                if !matches!(ty, Type::BeginGroup | Type::EndGroup | Type::EndBlock(_)) {
                    inside.push(name.clone());
                }
                names.entry(name).or_insert(r);
            }
            continue;
        }
        match ty {
            Type::BeginBlock(kind) => {
                block = Some((kind, name.clone(), r, 0));
                if !name.is_empty() {
                    names.entry(name).or_insert(r);
                }
            }
            Type::EndBlock(kind) => {
                errors.push(t.at(
                    r,
                    "type",
                    format!("end {kind} tanpa begin {kind} (no matching begin)"),
                ));
            }
            Type::Skip(why) => {
                if t.cols.contains_key("calculation") {
                    // Checked even though not run: a broken one is reported.
                    let _ = parse_expr(r, "calculation", &mut errors);
                }
                if raw_type.trim().eq_ignore_ascii_case("range")
                    && let Err(m) = range_parameters(t.cell(r, "parameters"))
                {
                    errors.push(t.at(r, "parameters", m));
                    continue;
                }
                if !name.is_empty() {
                    if let Some(&first) = names.get(&name) {
                        errors.push(t.at(
                            r,
                            "name",
                            format!(
                                "nama ganda (duplicate name), sudah dipakai di baris {}",
                                first + 1
                            ),
                        ));
                        continue;
                    }
                    names.insert(name.clone(), r);
                }
                skipped.push(t.at(
                    r,
                    "type",
                    format!("'{name}' ({}) tidak diimpor: {why}", raw_type.trim()),
                ));
            }
            Type::BeginGroup => {
                if !name.is_empty() && !valid_name(&name) {
                    errors.push(t.at(
                        r,
                        "name",
                        "nama tidak sah (invalid name): huruf, angka, _ - . dan diawali huruf",
                    ));
                }
                if !name.is_empty() {
                    if let Some(&first) = names.get(&name) {
                        errors.push(t.at(
                            r,
                            "name",
                            format!(
                                "nama ganda (duplicate name), sudah dipakai di baris {}",
                                first + 1
                            ),
                        ));
                    } else {
                        names.insert(name.clone(), r);
                    }
                }
                let relevant = parse_expr(r, "relevant", &mut errors);
                if let Some(e) = &relevant {
                    exprs.push((r, "relevant", e.clone(), None));
                }
                stack.push(Open {
                    group: Group {
                        name: name.clone(),
                        label: t.labels(r, "label"),
                        relevant,
                        appearance: t.cell(r, "appearance").to_string(),
                        items: Vec::new(),
                    },
                    row: r,
                });
            }
            Type::EndGroup => {
                if stack.len() == 1 {
                    errors.push(t.at(
                        r,
                        "type",
                        "end group tanpa begin group (no matching begin group)",
                    ));
                } else if let Some(open) = stack.pop()
                    && let Some(parent) = stack.last_mut()
                {
                    parent.group.items.push(Item::Group(open.group));
                }
            }
            // Turned into questions above.
            Type::BoundedInteger(_) | Type::PatternText(_) => {}
            Type::Question(kind, or_other) => {
                if name.is_empty() {
                    errors.push(t.at(r, "name", "pertanyaan tanpa nama (a question needs a name)"));
                    continue;
                }
                if !valid_name(&name) {
                    errors.push(t.at(
                        r,
                        "name",
                        "nama tidak sah (invalid name): huruf, angka, _ - . dan diawali huruf",
                    ));
                    continue;
                }
                if let Some(&first) = names.get(&name) {
                    errors.push(t.at(
                        r,
                        "name",
                        format!(
                            "nama ganda (duplicate name), sudah dipakai di baris {}",
                            first + 1
                        ),
                    ));
                    continue;
                }
                names.insert(name.clone(), r);
                if let Some(list) = kind.list()
                    && !choices.contains_key(list)
                {
                    errors.push(t.at(r, "type", format!("daftar pilihan '{list}' tidak ada di lembar choices (no such choice list)")));
                    continue;
                }
                let required = match yes(t.cell(r, "required")) {
                    Some(true) => Required::Yes,
                    Some(false) => Required::No,
                    None => match parse_expr(r, "required", &mut errors) {
                        Some(e) => {
                            exprs.push((r, "required", e.clone(), None));
                            Required::If(e)
                        }
                        None => Required::No,
                    },
                };
                let relevant = parse_expr(r, "relevant", &mut errors);
                let constraint = parse_expr(r, "constraint", &mut errors).or_else(|| {
                    default_constraint
                        .as_deref()
                        .and_then(|c| expr::parse(c).ok())
                });
                let choice_filter = parse_expr(r, "choice_filter", &mut errors);
                for (col, e, list) in [
                    ("relevant", &relevant, None),
                    ("constraint", &constraint, None),
                    (
                        "choice_filter",
                        &choice_filter,
                        kind.list().map(str::to_string),
                    ),
                ] {
                    if let Some(e) = e {
                        exprs.push((r, col, e.clone(), list));
                    }
                }
                let mut q = Question {
                    name: name.clone(),
                    kind: kind.clone(),
                    label: t.labels(r, "label"),
                    hint: t.labels(r, "hint"),
                    required,
                    required_message: t.labels(r, "required_message"),
                    relevant,
                    constraint,
                    constraint_message: t.labels(r, "constraint_message"),
                    choice_filter,
                    appearance: t.cell(r, "appearance").to_string(),
                    default: Some(t.cell(r, "default").to_string()).filter(|d| !d.is_empty()),
                };
                if q.label.is_empty() {
                    q.label = Labels::one("", &name);
                }
                let items = &mut stack.last_mut().expect("the root stays").group.items;
                items.push(Item::Question(q));
                if or_other {
                    // pyxform's or_other: an "other" choice and a text to specify it.
                    if let Some(list) = kind.list()
                        && let Some(cs) = choices.get_mut(list)
                        && !cs.iter().any(|c| c.name == "other")
                    {
                        cs.push(Choice::new("other", Labels::id_en("Lainnya", "Other")));
                    }
                    let other_name = format!("{name}_other");
                    let mut spec = Question::new(
                        &other_name,
                        Kind::Text,
                        Labels::id_en("Sebutkan yang lain", "Specify other"),
                    );
                    spec.relevant = Some(Expr::Call(
                        "selected".into(),
                        vec![Expr::Ref(name.clone()), Expr::Str("other".into())],
                    ));
                    names.insert(other_name, r);
                    items.push(Item::Question(spec));
                }
            }
        }
    }
    if let Some((kind, bname, brow, _)) = block {
        errors.push(Located {
            sheet: survey.name.clone(),
            row: brow + 1,
            column: "type".into(),
            letter: String::new(),
            value: bname,
            reason: format!("begin {kind} tanpa end {kind} (block never closed)"),
        });
    }
    while stack.len() > 1 {
        if let Some(open) = stack.pop() {
            errors.push(Located {
                sheet: survey.name.clone(),
                row: open.row + 1,
                column: "type".into(),
                letter: String::new(),
                value: open.group.name.clone(),
                reason: "begin group tanpa end group (group never closed)".into(),
            });
        }
    }

    // References, bare names and functions, now that every name is known.
    for (r, col, e, list) in &exprs {
        let mut refs = Vec::new();
        e.refs(&mut refs);
        for name in refs {
            if !names.contains_key(&name) {
                errors.push(t.at(
                    *r,
                    col,
                    format!(
                        "${{{name}}} merujuk pertanyaan yang tidak ada (no question named {name})"
                    ),
                ));
            }
        }
        let mut bare = Vec::new();
        e.names(&mut bare);
        for name in bare {
            let ok = list.as_ref().is_some_and(|l| {
                choices.get(l).is_some_and(|cs| {
                    name == "name"
                        || name == "label"
                        || cs
                            .iter()
                            .any(|c| c.columns.contains_key(&name.to_lowercase()))
                })
            });
            if !ok {
                errors.push(t.at(*r, col, format!("'{name}' bukan rujukan yang sah: tulis ${{{name}}} untuk merujuk pertanyaan, atau '{name}' dengan tanda kutip bila maksudnya teks (a bare name: write ${{{name}}} or quote it)")));
            }
        }
        let mut unknown = Vec::new();
        e.unknown_functions(&mut unknown);
        for f in unknown {
            notes.push(t.at(*r, col, format!("fungsi {f}() tidak dijalankan monev; syarat ini dianggap terpenuhi (function not evaluated: the condition is taken as met)")));
        }
    }
    let _ = &choice_rows;
    if !errors.is_empty() {
        errors.sort_by(|a, b| (&a.sheet, a.row).cmp(&(&b.sheet, b.row)));
        return Err(errors);
    }
    let root = stack.pop().map(|o| o.group.items).unwrap_or_default();
    let instrument = Instrument {
        kode,
        judul,
        versi,
        bahasa_utama,
        purpose: Purpose::Other,
        items: root,
        choices,
        peta: BTreeMap::new(),
    };
    let purpose = if (1..=9).all(|u| {
        instrument
            .mapping()
            .iter()
            .any(|(_, t)| *t == Target::Unsur(u))
    }) {
        Purpose::Skm
    } else {
        Purpose::Other
    };
    if instrument
        .questions()
        .iter()
        .all(|(q, _)| q.kind == Kind::Note)
    {
        return Err(vec![Located {
            sheet: survey.name.clone(),
            row: 0,
            column: String::new(),
            letter: String::new(),
            value: String::new(),
            reason: {
                let held: Vec<String> = skipped
                    .iter()
                    .map(|s| format!("baris {}: {}", s.row, s.reason))
                    .collect();
                format!(
                    "formulir ini tidak berisi satu pun pertanyaan yang dapat dikumpulkan monev (text, integer, decimal, date, select_one, select_multiple) (no question monev can collect){}",
                    if held.is_empty() {
                        String::new()
                    } else {
                        format!("; isinya (it holds): {}", held.join(" · "))
                    }
                )
            },
        }]);
    }
    Ok(Parsed {
        instrument: Instrument {
            purpose,
            ..instrument
        },
        skipped,
        notes,
    })
}

/// The header of a language column: `Bahasa Indonesia (id)`.
fn language_header(tag: &str) -> String {
    match tag {
        "id" => "Bahasa Indonesia (id)".into(),
        "en" => "English (en)".into(),
        other => other.to_string(),
    }
}

/// An instrument as XLSForm sheets (`survey`, `choices`, `settings`), for
/// editing in a spreadsheet and for KoboToolbox or ODK: [`parse`] reads
/// them back to the same instrument.
pub fn to_sheets(i: &Instrument) -> Vec<Sheet> {
    // Languages in the order first met.
    let mut langs: Vec<String> = Vec::new();
    let mut note = |l: &Labels| {
        for (tag, _) in &l.0 {
            if !langs.contains(tag) {
                langs.push(tag.clone());
            }
        }
    };
    note(&i.judul);
    for (q, _) in i.questions() {
        note(&q.label);
        note(&q.hint);
        note(&q.required_message);
        note(&q.constraint_message);
    }
    fn groups<'a>(items: &'a [Item], out: &mut Vec<&'a Group>) {
        for it in items {
            if let Item::Group(g) = it {
                out.push(g);
                groups(&g.items, out);
            }
        }
    }
    let mut gs = Vec::new();
    groups(&i.items, &mut gs);
    for g in &gs {
        note(&g.label);
    }
    for cs in i.choices.values() {
        for c in cs {
            note(&c.label);
        }
    }
    let col = |base: &str, tag: &str| {
        if tag.is_empty() {
            base.to_string()
        } else {
            format!("{base}::{}", language_header(tag))
        }
    };
    let text_of = |l: &Labels, tag: &str| {
        l.0.iter()
            .find(|(t, _)| t == tag)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    let mut header = vec!["type".to_string(), "name".to_string()];
    for base in ["label", "hint"] {
        header.extend(langs.iter().map(|l| col(base, l)));
    }
    header.push("required".into());
    header.extend(langs.iter().map(|l| col("required_message", l)));
    header.push("constraint".into());
    header.extend(langs.iter().map(|l| col("constraint_message", l)));
    for c in ["relevant", "appearance", "default", "choice_filter"] {
        header.push(c.into());
    }
    let width = header.len();
    let mut survey = vec![header.clone()];
    let at = |name: &str| {
        header
            .iter()
            .position(|h| h == name)
            .expect("a header we wrote")
    };
    fn walk(
        items: &[Item],
        rows: &mut Vec<Vec<String>>,
        width: usize,
        langs: &[String],
        at: &dyn Fn(&str) -> usize,
        col: &dyn Fn(&str, &str) -> String,
        text_of: &dyn Fn(&Labels, &str) -> String,
    ) {
        for it in items {
            let mut row = vec![String::new(); width];
            match it {
                Item::Group(g) => {
                    row[0] = "begin group".into();
                    row[1] = g.name.clone();
                    for l in langs {
                        row[at(&col("label", l))] = text_of(&g.label, l);
                    }
                    row[at("relevant")] = g
                        .relevant
                        .as_ref()
                        .map(|e| e.to_string())
                        .unwrap_or_default();
                    row[at("appearance")] = g.appearance.clone();
                    rows.push(row);
                    walk(&g.items, rows, width, langs, at, col, text_of);
                    let mut end = vec![String::new(); width];
                    end[0] = "end group".into();
                    rows.push(end);
                }
                Item::Question(q) => {
                    row[0] = q.kind.code();
                    row[1] = q.name.clone();
                    for l in langs {
                        row[at(&col("label", l))] = text_of(&q.label, l);
                        row[at(&col("hint", l))] = text_of(&q.hint, l);
                        row[at(&col("required_message", l))] = text_of(&q.required_message, l);
                        row[at(&col("constraint_message", l))] = text_of(&q.constraint_message, l);
                    }
                    row[at("required")] = match &q.required {
                        Required::No => String::new(),
                        Required::Yes => "yes".into(),
                        Required::If(e) => e.to_string(),
                    };
                    row[at("constraint")] = q
                        .constraint
                        .as_ref()
                        .map(|e| e.to_string())
                        .unwrap_or_default();
                    row[at("relevant")] = q
                        .relevant
                        .as_ref()
                        .map(|e| e.to_string())
                        .unwrap_or_default();
                    row[at("appearance")] = q.appearance.clone();
                    row[at("default")] = q.default.clone().unwrap_or_default();
                    row[at("choice_filter")] = q
                        .choice_filter
                        .as_ref()
                        .map(|e| e.to_string())
                        .unwrap_or_default();
                    rows.push(row);
                }
            }
        }
    }
    walk(&i.items, &mut survey, width, &langs, &at, &col, &text_of);

    let mut extra: Vec<String> = i
        .choices
        .values()
        .flatten()
        .flat_map(|c| c.columns.keys().cloned())
        .collect();
    extra.sort();
    extra.dedup();
    let mut ch_header = vec!["list_name".to_string(), "name".to_string()];
    ch_header.extend(langs.iter().map(|l| col("label", l)));
    ch_header.extend(extra.iter().cloned());
    let mut choices = vec![ch_header];
    for (list, cs) in &i.choices {
        for c in cs {
            let mut row = vec![list.clone(), c.name.clone()];
            row.extend(langs.iter().map(|l| text_of(&c.label, l)));
            row.extend(
                extra
                    .iter()
                    .map(|k| c.columns.get(k).cloned().unwrap_or_default()),
            );
            choices.push(row);
        }
    }
    let mut set_header = vec![
        "form_id".to_string(),
        "version".to_string(),
        "default_language".to_string(),
    ];
    set_header.extend(langs.iter().map(|l| col("form_title", l)));
    let mut set_row = vec![
        i.kode.clone(),
        i.versi.clone(),
        if i.bahasa_utama.is_empty() {
            String::new()
        } else {
            language_header(&i.bahasa_utama)
        },
    ];
    set_row.extend(langs.iter().map(|l| text_of(&i.judul, l)));
    // A list that repeats a choice name (allowed on import with this
    // setting, e.g. for cascading selects) must say so again, or the
    // written form would not read back (found by fuzzing).
    let repeats = i.choices.values().any(|cs| {
        cs.iter()
            .enumerate()
            .any(|(k, c)| cs[..k].iter().any(|d| d.name == c.name))
    });
    if repeats {
        set_header.push("allow_choice_duplicates".into());
        set_row.push("yes".into());
    }
    vec![
        Sheet {
            name: "survey".into(),
            rows: survey,
        },
        Sheet {
            name: "choices".into(),
            rows: choices,
        },
        Sheet {
            name: "settings".into(),
            rows: vec![set_header, set_row],
        },
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_and_languages() {
        assert_eq!(normalise_header("LABEL::EN"), "label::en");
        assert_eq!(normalise_header("label:English"), "label::english");
        assert_eq!(normalise_header("list name"), "list_name");
        assert_eq!(normalise_header("requiredMsg"), "required_message");
        assert_eq!(language_tag("Bahasa Indonesia (id)"), "id");
        assert_eq!(language_tag("English (en)"), "en");
        assert_eq!(language_tag("english"), "en");
        assert_eq!(letter(0), "A");
        assert_eq!(letter(25), "Z");
        assert_eq!(letter(26), "AA");
        assert_eq!(letter(27), "AB");
    }

    #[test]
    fn the_built_in_instruments_survive_a_trip_through_xlsform() {
        use crate::builtin;
        for original in [
            builtin::skm(),
            builtin::reaksi(&[]),
            builtin::nonpeserta(),
            builtin::kinerja(&[("pelayanan".into(), "Pelayanan".into())]),
        ] {
            let sheets = to_sheets(&original);
            let back = parse(&sheets, "x").unwrap_or_else(|e| panic!("{}: {e:?}", original.kode));
            let i = back.instrument;
            assert!(back.skipped.is_empty(), "{:?}", back.skipped);
            assert_eq!(i.kode, original.kode);
            assert_eq!(i.versi, original.versi);
            assert_eq!(i.judul, original.judul);
            assert_eq!(i.bahasa_utama, original.bahasa_utama);
            assert_eq!(i.items, original.items, "{}", original.kode);
            assert_eq!(i.choices, original.choices, "{}", original.kode);
            assert_eq!(i.purpose, original.purpose);
        }
    }
}
