//! Survey instruments as data.
//!
//! An [`Instrument`] is a tree of questions and groups with XLSForm's
//! semantics (types, required, constraints, relevance, choice filters,
//! labels per language), built in ([`builtin`]) or parsed from an XLSForm
//! workbook's sheets ([`xlsform`]). Its answers reach the evaluation through
//! a mapping of question names to targets (an SKM unsur, the respondent's
//! profile). Pure: the caller reads files and stores results.

pub mod builtin;
pub mod expr;
pub mod kobo;
pub mod xform;
pub mod xlsform;

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};

pub use expr::Expr;

/// The longest free-text answer a form of monev's takes, in characters (the
/// input's `maxlength`, checked again on the server).
pub const MAX_TEXT_CHARS: usize = 500;

/// Text in several languages: `("id", …)`, `("en", …)`, or `("", …)` for a
/// column without a language.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Labels(pub Vec<(String, String)>);

impl Labels {
    pub fn one(lang: &str, text: &str) -> Labels {
        Labels(vec![(lang.to_string(), text.to_string())])
    }
    pub fn id_en(id: &str, en: &str) -> Labels {
        Labels(vec![
            ("id".to_string(), id.to_string()),
            ("en".to_string(), en.to_string()),
        ])
    }
    pub fn is_empty(&self) -> bool {
        self.0.iter().all(|(_, t)| t.is_empty())
    }
    /// The text in `lang`, else the language-less column, else the first.
    pub fn get(&self, lang: &str) -> Option<&str> {
        let find = |l: &str| {
            self.0
                .iter()
                .find(|(k, t)| k == l && !t.is_empty())
                .map(|(_, t)| t.as_str())
        };
        find(lang).or_else(|| find("")).or_else(|| {
            self.0
                .iter()
                .find(|(_, t)| !t.is_empty())
                .map(|(_, t)| t.as_str())
        })
    }
    /// The languages present (`""` for the unnamed one).
    pub fn languages(&self) -> impl Iterator<Item = &str> {
        self.0.iter().map(|(l, _)| l.as_str())
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Kind {
    Text,
    Integer,
    Decimal,
    Date,
    /// Text shown to the respondent; no answer.
    Note,
    SelectOne {
        list: String,
    },
    SelectMultiple {
        list: String,
    },
}

impl Kind {
    pub fn list(&self) -> Option<&str> {
        match self {
            Kind::SelectOne { list } | Kind::SelectMultiple { list } => Some(list),
            _ => None,
        }
    }
    pub fn code(&self) -> String {
        match self {
            Kind::Text => "text".into(),
            Kind::Integer => "integer".into(),
            Kind::Decimal => "decimal".into(),
            Kind::Date => "date".into(),
            Kind::Note => "note".into(),
            Kind::SelectOne { list } => format!("select_one {list}"),
            Kind::SelectMultiple { list } => format!("select_multiple {list}"),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Required {
    No,
    Yes,
    /// Required when the expression holds.
    If(Expr),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Question {
    pub name: String,
    pub kind: Kind,
    pub label: Labels,
    pub hint: Labels,
    pub required: Required,
    pub required_message: Labels,
    pub relevant: Option<Expr>,
    pub constraint: Option<Expr>,
    pub constraint_message: Labels,
    pub choice_filter: Option<Expr>,
    pub appearance: String,
    pub default: Option<String>,
}

impl Question {
    pub fn new(name: &str, kind: Kind, label: Labels) -> Question {
        Question {
            name: name.to_string(),
            kind,
            label,
            hint: Labels::default(),
            required: Required::No,
            required_message: Labels::default(),
            relevant: None,
            constraint: None,
            constraint_message: Labels::default(),
            choice_filter: None,
            appearance: String::new(),
            default: None,
        }
    }
    pub fn required(mut self) -> Question {
        self.required = Required::Yes;
        self
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Group {
    pub name: String,
    pub label: Labels,
    pub relevant: Option<Expr>,
    pub appearance: String,
    pub items: Vec<Item>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[allow(clippy::large_enum_variant)] // a form holds tens of items, not millions
pub enum Item {
    Question(Question),
    Group(Group),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Choice {
    pub name: String,
    pub label: Labels,
    /// Other columns of the choices sheet (used by choice filters).
    pub columns: BTreeMap<String, String>,
}

impl Choice {
    pub fn new(name: &str, label: Labels) -> Choice {
        Choice {
            name: name.to_string(),
            label,
            columns: BTreeMap::new(),
        }
    }
}

/// Where a question's answers go in the evaluation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Target {
    /// SKM unsur U1…U9 (1-based), answer 1–4.
    Unsur(u8),
    Instansi,
    Tanggal,
    JenisKelamin,
    Usia,
    Pendidikan,
    Pekerjaan,
    JenisLayanan,
}

impl Target {
    /// Every target, in the order a mapping form lists them.
    pub const ALL: [Target; 16] = [
        Target::Instansi,
        Target::Tanggal,
        Target::JenisLayanan,
        Target::JenisKelamin,
        Target::Usia,
        Target::Pendidikan,
        Target::Pekerjaan,
        Target::Unsur(1),
        Target::Unsur(2),
        Target::Unsur(3),
        Target::Unsur(4),
        Target::Unsur(5),
        Target::Unsur(6),
        Target::Unsur(7),
        Target::Unsur(8),
        Target::Unsur(9),
    ];

    /// The code of a target, as its convention names the question.
    pub fn code(self) -> String {
        match self {
            Target::Unsur(u) => format!("u{u}"),
            Target::Instansi => "instansi".into(),
            Target::Tanggal => "tanggal".into(),
            Target::JenisKelamin => "jenis_kelamin".into(),
            Target::Usia => "usia".into(),
            Target::Pendidikan => "pendidikan".into(),
            Target::Pekerjaan => "pekerjaan".into(),
            Target::JenisLayanan => "jenis_layanan".into(),
        }
    }

    /// A label for people: "U3 Waktu Penyelesaian", "Usia".
    pub fn label(self, lang: &str) -> String {
        let en = lang == "en";
        match self {
            Target::Unsur(u) => {
                let (code, id, e) = monev_domain::UNSUR[usize::from(u) - 1];
                format!("SKM {code} {}", if en { e } else { id })
            }
            other => {
                let (id, e) = match other {
                    Target::Instansi => ("Unit layanan (instansi)", "Service unit (instansi)"),
                    Target::Tanggal => ("Tanggal", "Date"),
                    Target::JenisKelamin => ("Jenis kelamin", "Sex"),
                    Target::Usia => ("Usia", "Age"),
                    Target::Pendidikan => ("Pendidikan", "Education"),
                    Target::Pekerjaan => ("Pekerjaan", "Occupation"),
                    _ => ("Jenis layanan", "Service"),
                };
                (if en { e } else { id }).to_string()
            }
        }
    }

    /// The target a question name maps to by convention (`u1`…`u9`,
    /// `jenis_kelamin`, …), so a form built from the SKM instrument needs no
    /// manual mapping.
    pub fn by_name(name: &str) -> Option<Target> {
        let n = name.trim().to_lowercase().replace(['-', ' '], "_");
        if let Some(d) = n.strip_prefix('u').and_then(|d| d.parse::<u8>().ok())
            && (1..=9).contains(&d)
        {
            return Some(Target::Unsur(d));
        }
        Some(match n.as_str() {
            "instansi" | "unit" | "unit_layanan" => Target::Instansi,
            "tanggal" | "tanggal_survei" => Target::Tanggal,
            "jenis_kelamin" | "jk" => Target::JenisKelamin,
            "usia" | "umur" => Target::Usia,
            "pendidikan" => Target::Pendidikan,
            "pekerjaan" => Target::Pekerjaan,
            "jenis_layanan" | "layanan" => Target::JenisLayanan,
            _ => return None,
        })
    }
}

/// What an instrument is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Purpose {
    /// Citizens' satisfaction (SKM): feeds the IKM.
    Skm,
    /// Anything else: held and exported, not (yet) mapped.
    Other,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Instrument {
    /// `form_id`.
    pub kode: String,
    pub judul: Labels,
    pub versi: String,
    /// The language of label columns without a language (`default_language`).
    pub bahasa_utama: String,
    pub purpose: Purpose,
    pub items: Vec<Item>,
    pub choices: BTreeMap<String, Vec<Choice>>,
    /// Mapping chosen by the evaluator, question → target (`None`: feeds
    /// nothing), over the convention of [`Target::by_name`].
    #[serde(default)]
    pub peta: BTreeMap<String, Option<Target>>,
}

impl Instrument {
    /// Every question, depth first, with its enclosing groups' relevance.
    pub fn questions(&self) -> Vec<(&Question, Vec<&Expr>)> {
        fn walk<'a>(
            items: &'a [Item],
            conds: &mut Vec<&'a Expr>,
            out: &mut Vec<(&'a Question, Vec<&'a Expr>)>,
        ) {
            for item in items {
                match item {
                    Item::Question(q) => out.push((q, conds.clone())),
                    Item::Group(g) => {
                        let pushed = g.relevant.as_ref().map(|r| conds.push(r)).is_some();
                        walk(&g.items, conds, out);
                        if pushed {
                            conds.pop();
                        }
                    }
                }
            }
        }
        let mut out = Vec::new();
        walk(&self.items, &mut Vec::new(), &mut out);
        out
    }

    pub fn question(&self, name: &str) -> Option<&Question> {
        self.questions()
            .into_iter()
            .map(|(q, _)| q)
            .find(|q| q.name == name)
    }

    /// Questions that feed the evaluation, with their targets.
    pub fn mapping(&self) -> Vec<(&Question, Target)> {
        self.questions()
            .into_iter()
            .filter_map(|(q, _)| self.target_of(&q.name).map(|t| (q, t)))
            .collect()
    }

    /// Where a question's answers go: the evaluator's choice, else the
    /// naming convention.
    pub fn target_of(&self, question: &str) -> Option<Target> {
        match self.peta.get(question) {
            Some(chosen) => *chosen,
            None => Target::by_name(question),
        }
    }

    /// SKM when every unsur U1…U9 is mapped from exactly one question.
    pub fn feeds_skm(&self) -> bool {
        let m = self.mapping();
        (1..=9).all(|u| m.iter().filter(|(_, t)| *t == Target::Unsur(u)).count() == 1)
    }

    /// Checks a submission: every relevant required question answered,
    /// every answer of its type and within its choices and constraint.
    /// Irrelevant answers are dropped. Returns the cleaned answers, or the
    /// problems by question name.
    pub fn check(
        &self,
        answers: &HashMap<String, String>,
        today: &str,
        lang: &str,
    ) -> Result<HashMap<String, String>, Vec<(String, String)>> {
        let mut clean: HashMap<String, String> = answers
            .iter()
            .map(|(k, v)| (k.clone(), v.trim().to_string()))
            .filter(|(_, v)| !v.is_empty())
            .collect();
        let mut problems = Vec::new();
        for (q, conds) in self.questions() {
            let cx = expr::Context {
                answers: &clean,
                current: None,
                choice: None,
                today,
            };
            let holds = |e: &Expr| expr::eval(e, &cx).map(|v| v.truthy()).unwrap_or(true);
            let relevant = conds.iter().all(|c| holds(c)) && q.relevant.as_ref().is_none_or(holds);
            if !relevant || q.kind == Kind::Note {
                clean.remove(&q.name);
                continue;
            }
            let required = match &q.required {
                Required::No => false,
                Required::Yes => true,
                Required::If(e) => holds(e),
            };
            let Some(value) = clean.get(&q.name).cloned() else {
                if required {
                    let msg = q.required_message.get(lang).map_or_else(
                        || pick(lang, "Wajib diisi.", "Required.").to_string(),
                        str::to_string,
                    );
                    problems.push((q.name.clone(), msg));
                }
                continue;
            };
            if let Some(m) = self.type_problem(q, &value, lang) {
                problems.push((q.name.clone(), m));
                continue;
            }
            if let Some(c) = &q.constraint {
                let cx = expr::Context {
                    answers: &clean,
                    current: Some(&value),
                    choice: None,
                    today,
                };
                if expr::eval(c, &cx).is_ok_and(|v| !v.truthy()) {
                    let msg = q.constraint_message.get(lang).map_or_else(
                        || {
                            pick(
                                lang,
                                "Jawaban tidak memenuhi syarat.",
                                "The answer is not allowed.",
                            )
                            .to_string()
                        },
                        str::to_string,
                    );
                    problems.push((q.name.clone(), msg));
                }
            }
        }
        let known: Vec<String> = self
            .questions()
            .iter()
            .map(|(q, _)| q.name.clone())
            .collect();
        clean.retain(|k, _| known.contains(k));
        if problems.is_empty() {
            Ok(clean)
        } else {
            Err(problems)
        }
    }

    /// [`check`](Self::check) for answers typed into a form of monev's (a
    /// public link or an ASN's token): free text is also held to
    /// [`MAX_TEXT_CHARS`], the form's `maxlength`, so a client that skips
    /// the browser cannot store pages of text. Imports keep `check`: a Kobo
    /// export's long answer was accepted where it was collected.
    pub fn check_typed(
        &self,
        answers: &HashMap<String, String>,
        today: &str,
        lang: &str,
    ) -> Result<HashMap<String, String>, Vec<(String, String)>> {
        let too_long: Vec<(String, String)> = self
            .questions()
            .iter()
            .filter(|(q, _)| q.kind == Kind::Text)
            .filter(|(q, _)| {
                answers
                    .get(&q.name)
                    .is_some_and(|v| v.trim().chars().count() > MAX_TEXT_CHARS)
            })
            .map(|(q, _)| {
                let msg = if lang == "en" {
                    format!("At most {MAX_TEXT_CHARS} characters.")
                } else {
                    format!("Paling banyak {MAX_TEXT_CHARS} karakter.")
                };
                (q.name.clone(), msg)
            })
            .collect();
        match self.check(answers, today, lang) {
            Ok(clean) if too_long.is_empty() => Ok(clean),
            Ok(_) => Err(too_long),
            Err(mut problems) => {
                problems.retain(|(n, _)| !too_long.iter().any(|(l, _)| l == n));
                problems.extend(too_long);
                Err(problems)
            }
        }
    }

    fn type_problem(&self, q: &Question, v: &str, lang: &str) -> Option<String> {
        let bad = |id: &str, en: &str| Some(pick(lang, id, en).to_string());
        match &q.kind {
            Kind::Integer if v.parse::<i64>().is_err() => {
                bad("Isi dengan bilangan bulat.", "Enter a whole number.")
            }
            Kind::Decimal if monev_domain::parse_decimal(v, v.contains(',')).is_err() => {
                bad("Isi dengan angka.", "Enter a number.")
            }
            Kind::Date if monev_domain::Date::parse(v).is_err() => bad(
                "Isi dengan tanggal (TTTT-BB-HH).",
                "Enter a date (YYYY-MM-DD).",
            ),
            Kind::SelectOne { list } | Kind::SelectMultiple { list } => {
                let choices = self.choices.get(list)?;
                let picked: Vec<&str> = if matches!(q.kind, Kind::SelectOne { .. }) {
                    vec![v]
                } else {
                    v.split_whitespace().collect()
                };
                picked
                    .iter()
                    .any(|p| !choices.iter().any(|c| c.name == *p))
                    .then(|| {
                        pick(lang, "Pilihan tidak tersedia.", "Not one of the choices.").to_string()
                    })
            }
            _ => None,
        }
    }
}

fn pick<'a>(lang: &str, id: &'a str, en: &'a str) -> &'a str {
    if lang == "en" { en } else { id }
}
