//! Recommendations as editable rules: a TOML file (`rekomendasi.toml`,
//! shipped as the default) where each rule is a condition over the
//! evaluation's figures, a priority, Indonesian and English text and the
//! evidence it cites. Parsing checks every expression and every path against
//! the shape of `evaluasi.json`, and every error names the file, line,
//! column, value and reason.
//!
//! Then the evaluator's decisions (accept, edit, reject;
//! [`monev_domain::KeputusanRekomendasi`]) are laid over the generated
//! recommendations, and each recommendation records what became of it.

use std::collections::BTreeMap;
use std::fmt;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use monev_domain::{KeputusanRekomendasi, Lang, StatusRekomendasi};

use crate::rules::{Arg, Finding, Jenis};
use crate::{Config, Evaluasi};

/// The default rules, as shipped.
pub const BAKU: &str = include_str!("../rekomendasi.toml");

/// A rules file that could not be read: where, what and why.
#[derive(Debug, Clone, PartialEq)]
pub struct RuleError {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub value: String,
    pub reason: String,
}

impl fmt::Display for RuleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {} (nilai: {:?})",
            self.file, self.line, self.column, self.reason, self.value
        )
    }
}

impl std::error::Error for RuleError {}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileSpec {
    #[serde(default)]
    rekomendasi: Vec<toml::Spanned<RuleSpec>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Bilingual {
    id: String,
    en: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleSpec {
    kode: toml::Spanned<String>,
    prioritas: toml::Spanned<i64>,
    #[serde(default)]
    dasar: Option<String>,
    #[serde(default)]
    jika: Option<toml::Spanned<String>>,
    judul: Bilingual,
    teks: Bilingual,
    #[serde(default)]
    bukti: Vec<toml::Spanned<String>>,
    #[serde(default)]
    nilai: BTreeMap<String, toml::Spanned<NilaiSpec>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NilaiSpec {
    rumus: String,
    format: String,
    #[serde(default)]
    desimal: Option<u8>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Format {
    Bulat,
    Persen,
    Rupiah,
    Menit,
    Angka(u8),
}

/// One parsed rule.
#[derive(Debug, Clone)]
pub struct Rule {
    pub kode: String,
    pub prioritas: u8,
    pub dasar: Option<String>,
    jika: Option<Expr>,
    pub judul: [String; 2],
    pub teks: [String; 2],
    pub bukti: Vec<String>,
    nilai: Vec<(String, Expr, Format)>,
}

/// A parsed rules file.
#[derive(Debug, Clone)]
pub struct Rules {
    pub rules: Vec<Rule>,
}

impl Rules {
    /// The shipped rules (parsed once; a test checks them like any file).
    pub fn baku() -> &'static Rules {
        static RULES: OnceLock<Rules> = OnceLock::new();
        RULES.get_or_init(|| {
            parse_unchecked(BAKU, "rekomendasi.toml")
                .unwrap_or_else(|e| panic!("the shipped rules parse: {e}"))
        })
    }

    /// Parses a rules file and checks each path against the shape of
    /// `evaluasi.json`.
    pub fn parse(text: &str, file: &str) -> Result<Rules, RuleError> {
        let rules = parse_unchecked(text, file)?;
        let shape = shape();
        let spans = locate_all(text, file)?;
        for (rule, (cond_at, nilai_at, bukti_at)) in rules.rules.iter().zip(spans) {
            if let (Some(e), Some(at)) = (&rule.jika, cond_at) {
                e.check(&shape)
                    .map_err(|(v, why)| at.at_value(&v).error(v, why))?;
            }
            for ((_, e, _), at) in rule.nilai.iter().zip(nilai_at) {
                e.check(&shape)
                    .map_err(|(v, why)| at.at_value(&v).error(v, why))?;
            }
            for (b, at) in rule.bukti.iter().zip(bukti_at) {
                let root = b.split('[').next().unwrap_or(b);
                if lookup_shape(&shape, root).is_none() {
                    return Err(at.error(b.clone(), "jalur bukti tidak ada di evaluasi.json"));
                }
            }
        }
        Ok(rules)
    }

    /// The recommendations whose basis fired and whose condition holds, in
    /// order of priority then of the file. `findings` are the results and
    /// constraints already found.
    pub fn apply(&self, e: &Evaluasi, findings: &[Finding]) -> Vec<Finding> {
        let figures = serde_json::to_value(e).unwrap_or(Value::Null);
        let env = Env {
            figures: &figures,
            findings,
        };
        let mut out: Vec<Finding> = Vec::new();
        for rule in &self.rules {
            let basis = match &rule.dasar {
                Some(d) => match findings.iter().find(|f| &f.kode == d) {
                    Some(f) => Some(f),
                    None => continue,
                },
                None => None,
            };
            if let Some(cond) = &rule.jika
                && !truthy(cond.eval(&env))
            {
                continue;
            }
            let mut f = Finding {
                kode: rule.kode.clone(),
                jenis: Jenis::Rekomendasi,
                judul: rule.judul.clone(),
                teks: rule.teks.clone(),
                args: Vec::new(),
                bukti: rule.bukti.clone(),
                dasar: rule.dasar.clone(),
                prioritas: Some(rule.prioritas),
                keputusan: None,
            };
            for name in placeholders(&rule.teks) {
                if let Some((_, expr, fmt)) = rule.nilai.iter().find(|(n, _, _)| *n == name) {
                    let v = expr.eval(&env);
                    f.args.push((name, fmt.arg(v)));
                } else if let Some(a) = basis.and_then(|b| b.args.iter().find(|(n, _)| *n == name))
                {
                    f.args.push(a.clone());
                }
            }
            out.push(f);
        }
        out.sort_by_key(|f| f.prioritas.unwrap_or(u8::MAX));
        out
    }

    /// Placeholders a rule's text uses that neither its `nilai` nor its basis
    /// finding supplies, against a finished evaluation: for checking a
    /// custom rules file on real data.
    pub fn unresolved(&self, e: &Evaluasi) -> Vec<(String, String)> {
        let mut out = Vec::new();
        for f in e.temuan.iter().filter(|f| f.jenis == Jenis::Rekomendasi) {
            if f.keputusan
                .as_ref()
                .is_some_and(|k| k.status == StatusRekomendasi::Ubah)
            {
                continue;
            }
            for name in placeholders(&f.teks) {
                if !f.args.iter().any(|(n, _)| *n == name) {
                    out.push((f.kode.clone(), name));
                }
            }
        }
        out
    }
}

/// The evaluator's decision as recorded on a recommendation.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Keputusan {
    pub status: StatusRekomendasi,
    pub oleh: String,
    pub waktu: String,
    /// The generated text (Indonesian, English) the evaluator replaced.
    pub asli: Option<[String; 2]>,
    /// The figures changed after the decision: the generated text is no
    /// longer what the evaluator saw.
    pub usang: bool,
}

/// Lays the evaluator's decisions over the generated recommendations.
pub fn decide(findings: &mut [Finding], decisions: &[KeputusanRekomendasi]) {
    for f in findings
        .iter_mut()
        .filter(|f| f.jenis == Jenis::Rekomendasi)
    {
        let Some(d) = decisions.iter().find(|d| d.kode == f.kode) else {
            continue;
        };
        let now = f.render(Lang::Id);
        let usang = now != d.asal;
        let mut k = Keputusan {
            status: d.status,
            oleh: d.oleh.clone(),
            waktu: d.waktu.to_string(),
            asli: None,
            usang,
        };
        if d.status == StatusRekomendasi::Ubah {
            k.asli = Some([now, f.render(Lang::En)]);
            f.judul = d.judul.clone();
            f.teks = d.teks.clone();
            f.args.clear();
        }
        f.keputusan = Some(k);
    }
}

// ── Parsing ────────────────────────────────────────────────────────────────

fn parse_unchecked(text: &str, file: &str) -> Result<Rules, RuleError> {
    let spec: FileSpec = toml::from_str(text).map_err(|e| {
        let (line, column) = e.span().map(|s| line_col(text, s.start)).unwrap_or((1, 1));
        let value = e
            .span()
            .map(|s| text[s].chars().take(60).collect())
            .unwrap_or_default();
        RuleError {
            file: file.to_string(),
            line,
            column,
            value,
            reason: e.message().to_string(),
        }
    })?;
    let at = |start: usize| At {
        file: file.to_string(),
        text,
        start,
    };
    let mut rules: Vec<Rule> = Vec::new();
    for r in spec.rekomendasi {
        let r = r.into_inner();
        let kode_at = at(r.kode.span().start);
        let kode = r.kode.into_inner();
        if !kode.starts_with("rekomendasi.")
            || kode.len() <= "rekomendasi.".len()
            || !kode
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '.')
        {
            return Err(kode_at.error(
                kode,
                "kode harus diawali \"rekomendasi.\" lalu huruf kecil, angka atau _",
            ));
        }
        if rules.iter().any(|x| x.kode == kode) {
            return Err(kode_at.error(kode, "kode sudah dipakai aturan lain"));
        }
        let p_at = at(r.prioritas.span().start);
        let prioritas = *r.prioritas.get_ref();
        if !(1..=3).contains(&prioritas) {
            return Err(p_at.error(
                prioritas.to_string(),
                "prioritas 1 (tinggi), 2 (sedang) atau 3 (rendah)",
            ));
        }
        let jika = match r.jika {
            Some(s) => {
                let a = at(s.span().start + 1);
                Some(Expr::parse(s.get_ref()).map_err(|(off, why)| {
                    At {
                        start: a.start + off,
                        ..a
                    }
                    .error(s.get_ref().clone(), why)
                })?)
            }
            None => None,
        };
        let mut nilai = Vec::new();
        for (name, spec) in r.nilai {
            let a = at(spec.span().start);
            let spec = spec.into_inner();
            let expr =
                Expr::parse(&spec.rumus).map_err(|(_, why)| a.error(spec.rumus.clone(), why))?;
            let fmt = match (spec.format.as_str(), spec.desimal) {
                ("bulat", _) => Format::Bulat,
                ("persen", _) => Format::Persen,
                ("rupiah", _) => Format::Rupiah,
                ("menit", _) => Format::Menit,
                ("angka", d) => Format::Angka(d.unwrap_or(2).min(6)),
                (other, _) => {
                    return Err(a.error(
                        other.to_string(),
                        "format: bulat, persen, rupiah, menit atau angka",
                    ));
                }
            };
            nilai.push((name, expr, fmt));
        }
        // Dotted tables carry no span: point at the rule's `teks` line.
        let teks_at = at(text[kode_at.start..]
            .find("\nteks")
            .map_or(kode_at.start, |i| kode_at.start + i + 1));
        let teks = r.teks;
        let teks = [teks.id, teks.en];
        for name in placeholders(&teks) {
            if !nilai.iter().any(|(n, _, _)| *n == name) && r.dasar.is_none() {
                return Err(teks_at.error(
                    format!("{{{name}}}"),
                    "placeholder tanpa [nilai] dan tanpa dasar: tidak ada angka untuk mengisinya",
                ));
            }
        }
        if placeholders(&[teks[0].clone(), String::new()])
            != placeholders(&[teks[1].clone(), String::new()])
        {
            return Err(teks_at.error(
                teks[1].clone(),
                "teks id dan en harus memakai placeholder yang sama",
            ));
        }
        rules.push(Rule {
            kode,
            prioritas: prioritas as u8,
            dasar: r.dasar,
            jika,
            judul: [r.judul.id, r.judul.en],
            teks,
            bukti: r.bukti.into_iter().map(|b| b.into_inner()).collect(),
            nilai,
        });
    }
    Ok(Rules { rules })
}

/// Where each rule's condition, `nilai` and `bukti` start, for errors found
/// after parsing (paths checked against the figures).
type Spans<'a> = (Option<At<'a>>, Vec<At<'a>>, Vec<At<'a>>);

fn locate_all<'a>(text: &'a str, file: &str) -> Result<Vec<Spans<'a>>, RuleError> {
    let spec: FileSpec = toml::from_str(text).map_err(|e| RuleError {
        file: file.to_string(),
        line: 1,
        column: 1,
        value: String::new(),
        reason: e.message().to_string(),
    })?;
    let at = |start: usize| At {
        file: file.to_string(),
        text,
        start,
    };
    Ok(spec
        .rekomendasi
        .into_iter()
        .map(|r| {
            let r = r.into_inner();
            (
                r.jika.map(|s| at(s.span().start + 1)),
                r.nilai.values().map(|s| at(s.span().start)).collect(),
                r.bukti.iter().map(|s| at(s.span().start)).collect(),
            )
        })
        .collect())
}

#[derive(Clone)]
struct At<'a> {
    file: String,
    text: &'a str,
    start: usize,
}

impl At<'_> {
    /// Points at `value` where it next appears on this line, if it does.
    fn at_value(&self, value: &str) -> Self {
        let rest = &self.text[self.start.min(self.text.len())..];
        let line = rest.split('\n').next().unwrap_or("");
        At {
            start: self.start + line.find(value).unwrap_or(0),
            ..self.clone()
        }
    }

    fn error(&self, value: impl Into<String>, reason: impl Into<String>) -> RuleError {
        let (line, column) = line_col(self.text, self.start);
        RuleError {
            file: self.file.clone(),
            line,
            column,
            value: value.into(),
            reason: reason.into(),
        }
    }
}

fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before
        .rsplit('\n')
        .next()
        .map(|l| l.chars().count() + 1)
        .unwrap_or(1);
    (line, column)
}

/// The `{name}` placeholders of a pair of templates, in order, once each.
fn placeholders(t: &[String; 2]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for s in t {
        let mut rest = s.as_str();
        while let Some(i) = rest.find('{') {
            rest = &rest[i + 1..];
            if let Some(j) = rest.find('}') {
                let name = &rest[..j];
                if !name.is_empty()
                    && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
                    && !out.iter().any(|n| n == name)
                {
                    out.push(name.to_string());
                }
                rest = &rest[j + 1..];
            }
        }
    }
    out
}

impl Format {
    fn arg(self, v: f64) -> Arg {
        match self {
            Format::Bulat if v.is_finite() && v >= 0.0 => Arg::Bulat(v.round() as usize),
            Format::Bulat => Arg::Angka(v, 0),
            Format::Persen => Arg::Persen(v),
            Format::Rupiah => Arg::Rupiah(v),
            Format::Menit => Arg::Menit(v),
            Format::Angka(d) => Arg::Angka(v, d),
        }
    }
}

// ── Expressions ────────────────────────────────────────────────────────────

#[derive(Debug, Clone, PartialEq)]
enum Expr {
    Num(f64),
    Path(String),
    Finding(String),
    Count(String),
    Not(Box<Expr>),
    Bin(Op, Box<Expr>, Box<Expr>),
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Op {
    Add,
    Sub,
    Mul,
    Div,
    Lt,
    Le,
    Gt,
    Ge,
    Eq,
    Ne,
    And,
    Or,
}

struct Env<'a> {
    figures: &'a Value,
    findings: &'a [Finding],
}

fn truthy(v: f64) -> bool {
    v.is_finite() && v != 0.0
}

impl Expr {
    fn parse(s: &str) -> Result<Expr, (usize, String)> {
        let mut p = Parser { s, i: 0 };
        let e = p.or()?;
        p.ws();
        if p.i < s.len() {
            return Err((p.i, format!("tidak dipahami: {:?}", &s[p.i..])));
        }
        Ok(e)
    }

    fn eval(&self, env: &Env) -> f64 {
        match self {
            Expr::Num(v) => *v,
            Expr::Path(p) => match lookup(env.figures, p) {
                Some(Value::Number(n)) => n.as_f64().unwrap_or(f64::NAN),
                Some(Value::Bool(b)) => f64::from(u8::from(*b)),
                _ => f64::NAN,
            },
            Expr::Finding(k) => f64::from(u8::from(env.findings.iter().any(|f| &f.kode == k))),
            Expr::Count(p) => match lookup(env.figures, p) {
                Some(Value::Array(a)) => a.len() as f64,
                _ => 0.0,
            },
            Expr::Not(e) => {
                let v = e.eval(env);
                if v.is_nan() {
                    f64::NAN
                } else {
                    f64::from(u8::from(v == 0.0))
                }
            }
            Expr::Bin(op, a, b) => {
                let (x, y) = (a.eval(env), b.eval(env));
                let cmp = |c: bool| {
                    if x.is_nan() || y.is_nan() {
                        f64::NAN
                    } else {
                        f64::from(u8::from(c))
                    }
                };
                match op {
                    Op::Add => x + y,
                    Op::Sub => x - y,
                    Op::Mul => x * y,
                    Op::Div => x / y,
                    Op::Lt => cmp(x < y),
                    Op::Le => cmp(x <= y),
                    Op::Gt => cmp(x > y),
                    Op::Ge => cmp(x >= y),
                    Op::Eq => cmp(x == y),
                    Op::Ne => cmp(x != y),
                    Op::And => f64::from(u8::from(truthy(x) && truthy(y))),
                    Op::Or => f64::from(u8::from(truthy(x) || truthy(y))),
                }
            }
        }
    }

    /// Every path names a figure (or a list for `jumlah`) of `evaluasi.json`.
    fn check(&self, shape: &Value) -> Result<(), (String, String)> {
        match self {
            Expr::Num(_) | Expr::Finding(_) => Ok(()),
            Expr::Path(p) => match lookup_shape(shape, p) {
                Some(Value::Object(_)) => Err((
                    p.clone(),
                    "jalur ini sekelompok angka, bukan satu angka: sebutkan kolomnya".into(),
                )),
                Some(Value::Array(_)) => Err((
                    p.clone(),
                    "jalur ini sebuah daftar: pakai jumlah(...) untuk banyaknya".into(),
                )),
                Some(Value::String(_)) => Err((p.clone(), "jalur ini teks, bukan angka".into())),
                Some(_) => Ok(()),
                None => Err((p.clone(), "angka ini tidak ada di evaluasi.json".into())),
            },
            Expr::Count(p) => match lookup_shape(shape, p) {
                Some(Value::Array(_)) | Some(Value::Null) => Ok(()),
                Some(_) => Err((p.clone(), "jumlah(...) hanya untuk daftar".into())),
                None => Err((p.clone(), "daftar ini tidak ada di evaluasi.json".into())),
            },
            Expr::Not(e) => e.check(shape),
            Expr::Bin(_, a, b) => {
                a.check(shape)?;
                b.check(shape)
            }
        }
    }
}

fn lookup<'v>(v: &'v Value, path: &str) -> Option<&'v Value> {
    path.split('.').try_fold(v, |v, k| v.get(k))
}

/// Like [`lookup`] on the shape of an empty evaluation, where an optional
/// part is `null`: a path through `null` cannot be checked further and is
/// accepted.
fn lookup_shape<'v>(v: &'v Value, path: &str) -> Option<&'v Value> {
    let mut cur = v;
    for k in path.split('.') {
        match cur {
            Value::Null => return Some(cur),
            _ => cur = cur.get(k)?,
        }
    }
    Some(cur)
}

struct Parser<'a> {
    s: &'a str,
    i: usize,
}

impl Parser<'_> {
    fn ws(&mut self) {
        while self.s[self.i..].starts_with(|c: char| c.is_whitespace()) {
            self.i += self.s[self.i..].chars().next().map_or(1, char::len_utf8);
        }
    }
    fn word(&mut self, words: &[&str]) -> bool {
        self.ws();
        let rest = &self.s[self.i..];
        for w in words {
            if let Some(after) = rest.strip_prefix(w) {
                let boundary = !after.starts_with(|c: char| c.is_alphanumeric() || c == '_');
                if boundary || !w.chars().all(char::is_alphabetic) {
                    self.i += w.len();
                    return true;
                }
            }
        }
        false
    }
    fn or(&mut self) -> Result<Expr, (usize, String)> {
        let mut e = self.and()?;
        while self.word(&["atau", "or", "||"]) {
            e = Expr::Bin(Op::Or, Box::new(e), Box::new(self.and()?));
        }
        Ok(e)
    }
    fn and(&mut self) -> Result<Expr, (usize, String)> {
        let mut e = self.not()?;
        while self.word(&["dan", "and", "&&"]) {
            e = Expr::Bin(Op::And, Box::new(e), Box::new(self.not()?));
        }
        Ok(e)
    }
    fn not(&mut self) -> Result<Expr, (usize, String)> {
        if self.word(&["tidak", "not"]) {
            return Ok(Expr::Not(Box::new(self.not()?)));
        }
        self.cmp()
    }
    fn cmp(&mut self) -> Result<Expr, (usize, String)> {
        let a = self.sum()?;
        for (w, op) in [
            ("<=", Op::Le),
            (">=", Op::Ge),
            ("==", Op::Eq),
            ("!=", Op::Ne),
            ("<", Op::Lt),
            (">", Op::Gt),
        ] {
            if self.word(&[w]) {
                return Ok(Expr::Bin(op, Box::new(a), Box::new(self.sum()?)));
            }
        }
        Ok(a)
    }
    fn sum(&mut self) -> Result<Expr, (usize, String)> {
        let mut e = self.product()?;
        loop {
            let op = if self.word(&["+"]) {
                Op::Add
            } else if self.word(&["-"]) {
                Op::Sub
            } else {
                return Ok(e);
            };
            e = Expr::Bin(op, Box::new(e), Box::new(self.product()?));
        }
    }
    fn product(&mut self) -> Result<Expr, (usize, String)> {
        let mut e = self.atom()?;
        loop {
            let op = if self.word(&["*"]) {
                Op::Mul
            } else if self.word(&["/"]) {
                Op::Div
            } else {
                return Ok(e);
            };
            e = Expr::Bin(op, Box::new(e), Box::new(self.atom()?));
        }
    }
    fn atom(&mut self) -> Result<Expr, (usize, String)> {
        self.ws();
        let start = self.i;
        let rest = &self.s[self.i..];
        let Some(c) = rest.chars().next() else {
            return Err((start, "syarat berakhir sebelum waktunya".into()));
        };
        if c == '(' {
            self.i += 1;
            let e = self.or()?;
            if !self.word(&[")"]) {
                return Err((self.i, "kurung tutup \")\" tidak ada".into()));
            }
            return Ok(e);
        }
        if c.is_ascii_digit() {
            let len = rest
                .find(|c: char| !(c.is_ascii_digit() || c == '.'))
                .unwrap_or(rest.len());
            self.i += len;
            return rest[..len]
                .parse()
                .map(Expr::Num)
                .map_err(|_| (start, format!("bukan angka: {:?}", &rest[..len])));
        }
        if c.is_ascii_alphabetic() || c == '_' {
            let len = rest
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '.'))
                .unwrap_or(rest.len());
            let name = &rest[..len];
            self.i += len;
            if self.s[self.i..].starts_with('(') {
                self.i += 1;
                let e = match name {
                    "temuan" => {
                        self.ws();
                        let r = &self.s[self.i..];
                        let quote = r.chars().next().filter(|c| *c == '\'' || *c == '"');
                        let Some(q) = quote else {
                            return Err((
                                self.i,
                                "temuan('kode') memerlukan kode dalam tanda kutip".into(),
                            ));
                        };
                        let Some(end) = r[1..].find(q) else {
                            return Err((self.i, "tanda kutip tidak ditutup".into()));
                        };
                        let kode = r[1..1 + end].to_string();
                        self.i += end + 2;
                        Expr::Finding(kode)
                    }
                    "jumlah" => {
                        self.ws();
                        let r = &self.s[self.i..];
                        let len = r
                            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '.'))
                            .unwrap_or(r.len());
                        if len == 0 {
                            return Err((
                                self.i,
                                "jumlah(...) memerlukan jalur sebuah daftar".into(),
                            ));
                        }
                        let p = r[..len].to_string();
                        self.i += len;
                        Expr::Count(p)
                    }
                    other => {
                        return Err((
                            start,
                            format!(
                                "fungsi tidak dikenal: {other}(…); ada temuan('kode') dan jumlah(jalur)"
                            ),
                        ));
                    }
                };
                if !self.word(&[")"]) {
                    return Err((self.i, "kurung tutup \")\" tidak ada".into()));
                }
                return Ok(e);
            }
            if name.starts_with('.') || name.ends_with('.') || name.contains("..") {
                return Err((start, format!("jalur tidak sah: {name}")));
            }
            return Ok(Expr::Path(name.to_string()));
        }
        Err((
            start,
            format!(
                "tidak dipahami: {:?}",
                rest.chars().take(20).collect::<String>()
            ),
        ))
    }
}

/// The shape of `evaluasi.json`: an evaluation of an empty programme,
/// whose every object key exists.
fn shape() -> Value {
    use monev_domain::{Date, Program, ProgramData};
    let d = Date::new(2000, 1, 1).unwrap_or_else(|| unreachable!());
    let data = ProgramData::new(Program {
        kode: String::new(),
        nama: String::new(),
        wilayah: String::new(),
        mulai: d,
        selesai: d,
        tanggal_intervensi: d,
        pagu_anggaran: 0.0,
        target_partisipasi_persen: None,
        evaluator: None,
        zona_waktu: Default::default(),
        periode: Default::default(),
        laporan: Default::default(),
    });
    let e = crate::evaluate_with(&data, &Config::default(), &Rules { rules: Vec::new() });
    serde_json::to_value(&e).unwrap_or(Value::Null)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_rules_check() {
        let r = Rules::parse(BAKU, "rekomendasi.toml").unwrap();
        assert!(r.rules.len() >= 10);
    }

    #[test]
    fn expressions() {
        let v: Value = serde_json::json!({"a": {"b": 3.0, "c": null}, "l": [1, 2]});
        let env = Env {
            figures: &v,
            findings: &[],
        };
        let ev = |s: &str| Expr::parse(s).unwrap().eval(&env);
        assert_eq!(ev("a.b * 2 + 1"), 7.0);
        assert_eq!(ev("(a.b - 1) / 4"), 0.5);
        assert_eq!(ev("a.b > 2 dan a.b <= 3"), 1.0);
        assert_eq!(ev("a.b > 5 or not (a.b == 3)"), 0.0);
        assert_eq!(ev("jumlah(l)"), 2.0);
        assert_eq!(ev("temuan('x')"), 0.0);
        // A missing figure makes a comparison unknown, and unknown is false.
        assert!(!truthy(ev("a.c < 10")));
        assert!(!truthy(ev("tidak (a.c < 10)")));
        assert!(Expr::parse("a.b >").is_err());
        assert!(Expr::parse("(a.b").is_err());
        assert!(Expr::parse("foo(1)").is_err());
    }

    #[test]
    fn errors_are_located() {
        let text = "[[rekomendasi]]\nkode = \"rekomendasi.x\"\nprioritas = 1\njika = \"partisipasi.intervensi.persenn < 50\"\njudul = { id = \"a\", en = \"b\" }\nteks = { id = \"a\", en = \"b\" }\n";
        let e = Rules::parse(text, "aturan.toml").unwrap_err();
        assert_eq!((e.file.as_str(), e.line, e.column), ("aturan.toml", 4, 9));
        let text2 = text.replace("jika = \"partisipasi", "jika = \"1 < 2 dan partisipasi");
        let e = Rules::parse(&text2, "aturan.toml").unwrap_err();
        assert_eq!((e.line, e.column), (4, 19), "points at the path");
        assert_eq!(e.value, "partisipasi.intervensi.persenn");
        assert!(e.reason.contains("tidak ada"), "{e}");

        let bad = text.replace("prioritas = 1", "prioritas = 7");
        let e = Rules::parse(&bad, "aturan.toml").unwrap_err();
        assert_eq!((e.line, e.value.as_str()), (3, "7"));

        let bad = text.replace("persenn < 50", "persen <");
        let e = Rules::parse(&bad, "aturan.toml").unwrap_err();
        assert_eq!(e.line, 4);
        assert!(e.reason.contains("berakhir"), "{e}");

        let bad = text.replace("teks = { id = \"a\"", "teks = { id = \"{x}\"");
        let e = Rules::parse(&bad.replace("persenn", "persen"), "aturan.toml").unwrap_err();
        assert_eq!((e.line, e.value.as_str()), (6, "{x}"));

        let bad = text.replace("kode =", "kode_ =");
        let e = Rules::parse(&bad, "aturan.toml").unwrap_err();
        assert_eq!(e.line, 2, "{e}");
    }
}
