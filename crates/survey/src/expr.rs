//! The XPath subset XLSForm uses in `relevant`, `constraint`, `required`,
//! `calculation` and `choice_filter`: parsed once at import (so a broken
//! expression is a located error, not a surprise in the field) and evaluated
//! against a respondent's answers on the server, since public forms work
//! without JavaScript.

use std::collections::HashMap;
use std::fmt;

use serde::{Deserialize, Serialize};

/// A parsed expression.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Expr {
    Num(f64),
    Str(String),
    /// `${name}`: another question's answer.
    Ref(String),
    /// `.`: the current question's answer.
    Current,
    /// A bare name: in a `choice_filter`, a column of the choice list.
    Name(String),
    Neg(Box<Expr>),
    Bin(Op, Box<Expr>, Box<Expr>),
    Call(String, Vec<Expr>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Op {
    Or,
    And,
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    Add,
    Sub,
    Mul,
    Div,
    Mod,
}

/// Functions evaluated here. Others parse (XLSForm has many) but evaluate
/// to "unknown", which the importer reports by name.
pub const FUNCTIONS: &[&str] = &[
    "selected",
    "count-selected",
    "not",
    "true",
    "false",
    "string-length",
    "regex",
    "number",
    "int",
    "string",
    "concat",
    "if",
    "coalesce",
    "contains",
    "starts-with",
    "today",
    "boolean",
    "round",
];

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message} (pada posisi {at})")]
pub struct ParseError {
    /// 1-based character position in the expression.
    pub at: usize,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Num(f64),
    Str(String),
    Ref(String),
    Name(String),
    Dot,
    LParen,
    RParen,
    Comma,
    Op(&'static str),
}

fn lex(src: &str) -> Result<Vec<(usize, Tok)>, ParseError> {
    let chars: Vec<char> = src.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    let err = |at: usize, m: &str| ParseError {
        at: at + 1,
        message: m.to_string(),
    };
    while i < chars.len() {
        let c = chars[i];
        let start = i;
        match c {
            c if c.is_whitespace() => {
                i += 1;
                continue;
            }
            '$' => {
                if chars.get(i + 1) != Some(&'{') {
                    return Err(err(i, "'$' tanpa '{' (expected ${name})"));
                }
                let end = chars[i..]
                    .iter()
                    .position(|&c| c == '}')
                    .ok_or_else(|| err(i, "'${' tanpa '}' penutup (unclosed ${)"))?;
                let name: String = chars[i + 2..i + end].iter().collect();
                if name.trim().is_empty() {
                    return Err(err(i, "${} kosong (empty reference)"));
                }
                out.push((start, Tok::Ref(name.trim().to_string())));
                i += end + 1;
            }
            '\'' | '"' => {
                let end = chars[i + 1..].iter().position(|&q| q == c).ok_or_else(|| {
                    err(i, "teks tanpa tanda kutip penutup (unterminated string)")
                })?;
                out.push((start, Tok::Str(chars[i + 1..i + 1 + end].iter().collect())));
                i += end + 2;
            }
            '0'..='9' => {
                while i < chars.len() && (chars[i].is_ascii_digit() || chars[i] == '.') {
                    i += 1;
                }
                let text: String = chars[start..i].iter().collect();
                let v = text
                    .parse()
                    .map_err(|_| err(start, "angka tidak sah (bad number)"))?;
                out.push((start, Tok::Num(v)));
            }
            '.' if chars.get(i + 1).is_some_and(char::is_ascii_digit) => {
                i += 1;
                while i < chars.len() && chars[i].is_ascii_digit() {
                    i += 1;
                }
                let text: String = chars[start..i].iter().collect();
                out.push((start, Tok::Num(format!("0{text}").parse().unwrap_or(0.0))));
            }
            '.' => {
                i += 1;
                out.push((start, Tok::Dot));
            }
            '(' => {
                i += 1;
                out.push((start, Tok::LParen));
            }
            ')' => {
                i += 1;
                out.push((start, Tok::RParen));
            }
            ',' => {
                i += 1;
                out.push((start, Tok::Comma));
            }
            '=' | '+' | '-' | '*' => {
                i += 1;
                let op = match c {
                    '=' => "=",
                    '+' => "+",
                    '-' => "-",
                    _ => "*",
                };
                out.push((start, Tok::Op(op)));
            }
            '!' | '<' | '>' => {
                let eq = chars.get(i + 1) == Some(&'=');
                i += if eq { 2 } else { 1 };
                let op = match (c, eq) {
                    ('!', true) => "!=",
                    ('<', true) => "<=",
                    ('>', true) => ">=",
                    ('<', false) => "<",
                    ('>', false) => ">",
                    _ => return Err(err(start, "'!' tanpa '=' (use not(…) or !=)")),
                };
                out.push((start, Tok::Op(op)));
            }
            c if c.is_alphabetic() || c == '_' => {
                while i < chars.len()
                    && (chars[i].is_alphanumeric() || matches!(chars[i], '_' | '-' | ':' | '.'))
                {
                    i += 1;
                }
                let word: String = chars[start..i].iter().collect();
                out.push((start, Tok::Name(word)));
            }
            other => {
                return Err(err(
                    i,
                    &format!("karakter tak terduga '{other}' (unexpected character)"),
                ));
            }
        }
    }
    Ok(out)
}

struct Parser {
    toks: Vec<(usize, Tok)>,
    pos: usize,
    len: usize,
}

impl Parser {
    fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.pos).map(|t| &t.1)
    }
    fn at(&self) -> usize {
        self.toks.get(self.pos).map_or(self.len, |t| t.0) + 1
    }
    fn err(&self, m: impl Into<String>) -> ParseError {
        ParseError {
            at: self.at(),
            message: m.into(),
        }
    }
    fn word_op(&self) -> Option<Op> {
        match self.peek() {
            Some(Tok::Name(w)) => match w.as_str() {
                "or" => Some(Op::Or),
                "and" => Some(Op::And),
                "div" => Some(Op::Div),
                "mod" => Some(Op::Mod),
                _ => None,
            },
            _ => None,
        }
    }
    fn sym_op(&self) -> Option<Op> {
        match self.peek() {
            Some(Tok::Op(o)) => Some(match *o {
                "=" => Op::Eq,
                "!=" => Op::Ne,
                "<" => Op::Lt,
                "<=" => Op::Le,
                ">" => Op::Gt,
                ">=" => Op::Ge,
                "+" => Op::Add,
                "-" => Op::Sub,
                _ => Op::Mul,
            }),
            _ => self.word_op(),
        }
    }

    fn binary(&mut self, level: usize) -> Result<Expr, ParseError> {
        const LEVELS: [&[Op]; 5] = [
            &[Op::Or],
            &[Op::And],
            &[Op::Eq, Op::Ne],
            &[Op::Lt, Op::Le, Op::Gt, Op::Ge],
            &[Op::Add, Op::Sub],
        ];
        if level == LEVELS.len() {
            return self.multiplicative();
        }
        let mut left = self.binary(level + 1)?;
        while let Some(op) = self.sym_op().filter(|o| LEVELS[level].contains(o)) {
            self.pos += 1;
            let right = self.binary(level + 1)?;
            left = Expr::Bin(op, Box::new(left), Box::new(right));
        }
        Ok(left)
    }

    fn multiplicative(&mut self) -> Result<Expr, ParseError> {
        let mut left = self.unary()?;
        while let Some(op) = self
            .sym_op()
            .filter(|o| matches!(o, Op::Mul | Op::Div | Op::Mod))
        {
            self.pos += 1;
            let right = self.unary()?;
            left = Expr::Bin(op, Box::new(left), Box::new(right));
        }
        Ok(left)
    }

    fn unary(&mut self) -> Result<Expr, ParseError> {
        if self.peek() == Some(&Tok::Op("-")) {
            self.pos += 1;
            return Ok(Expr::Neg(Box::new(self.unary()?)));
        }
        self.primary()
    }

    fn primary(&mut self) -> Result<Expr, ParseError> {
        let Some(tok) = self.peek().cloned() else {
            return Err(self.err("ekspresi berakhir terlalu cepat (unexpected end)"));
        };
        self.pos += 1;
        match tok {
            Tok::Num(v) => Ok(Expr::Num(v)),
            Tok::Str(s) => Ok(Expr::Str(s)),
            Tok::Ref(r) => Ok(Expr::Ref(r)),
            Tok::Dot => Ok(Expr::Current),
            Tok::LParen => {
                let e = self.binary(0)?;
                if self.peek() != Some(&Tok::RParen) {
                    return Err(self.err("')' diharapkan (expected ')')"));
                }
                self.pos += 1;
                Ok(e)
            }
            Tok::Name(name) => {
                if self.peek() == Some(&Tok::LParen) {
                    self.pos += 1;
                    let mut args = Vec::new();
                    if self.peek() != Some(&Tok::RParen) {
                        loop {
                            args.push(self.binary(0)?);
                            match self.peek() {
                                Some(Tok::Comma) => self.pos += 1,
                                Some(Tok::RParen) => break,
                                _ => {
                                    return Err(
                                        self.err("',' atau ')' diharapkan (expected ',' or ')')")
                                    );
                                }
                            }
                        }
                    }
                    self.pos += 1;
                    // Spreadsheet habit: TRUE() and FALSE().
                    let name = match name.as_str() {
                        "TRUE" | "FALSE" => name.to_lowercase(),
                        _ => name,
                    };
                    Ok(Expr::Call(name, args))
                } else {
                    Ok(Expr::Name(name))
                }
            }
            Tok::RParen | Tok::Comma | Tok::Op(_) => {
                self.pos -= 1;
                Err(self.err("nilai diharapkan (expected a value)"))
            }
        }
    }
}

/// Parses an expression; a leading `=` (spreadsheet style, `=TRUE()`) is allowed.
pub fn parse(src: &str) -> Result<Expr, ParseError> {
    let trimmed = src.trim();
    let body = trimmed.strip_prefix('=').unwrap_or(trimmed);
    let offset = src.len() - src.trim_start().len() + (trimmed.len() - body.len());
    let toks = lex(body).map_err(|e| ParseError {
        at: e.at + offset,
        ..e
    })?;
    let mut p = Parser {
        toks,
        pos: 0,
        len: body.chars().count(),
    };
    let e = p.binary(0).map_err(|e| ParseError {
        at: e.at + offset,
        ..e
    })?;
    if p.pos < p.toks.len() {
        return Err(ParseError {
            at: p.at() + offset,
            message: "sisa teks setelah ekspresi; mungkin kurang operator atau tanda kutip (unexpected text after the expression)".into(),
        });
    }
    Ok(e)
}

impl Expr {
    /// Every `${name}` the expression refers to.
    pub fn refs(&self, out: &mut Vec<String>) {
        match self {
            Expr::Ref(r) => out.push(r.clone()),
            Expr::Neg(e) => e.refs(out),
            Expr::Bin(_, a, b) => {
                a.refs(out);
                b.refs(out);
            }
            Expr::Call(_, args) => args.iter().for_each(|a| a.refs(out)),
            _ => {}
        }
    }

    /// Bare names (paths), valid only in a choice filter.
    pub fn names(&self, out: &mut Vec<String>) {
        match self {
            Expr::Name(n) => out.push(n.clone()),
            Expr::Neg(e) => e.names(out),
            Expr::Bin(_, a, b) => {
                a.names(out);
                b.names(out);
            }
            Expr::Call(_, args) => args.iter().for_each(|a| a.names(out)),
            _ => {}
        }
    }

    /// Functions called that [`FUNCTIONS`] does not evaluate.
    pub fn unknown_functions(&self, out: &mut Vec<String>) {
        match self {
            Expr::Call(f, args) => {
                if !FUNCTIONS.contains(&f.as_str()) {
                    out.push(f.clone());
                }
                args.iter().for_each(|a| a.unknown_functions(out));
            }
            Expr::Neg(e) => e.unknown_functions(out),
            Expr::Bin(_, a, b) => {
                a.unknown_functions(out);
                b.unknown_functions(out);
            }
            _ => {}
        }
    }
}

/// A value during evaluation (XPath 1.0: strings, numbers, booleans).
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Str(String),
    Num(f64),
    Bool(bool),
}

impl Value {
    pub fn truthy(&self) -> bool {
        match self {
            Value::Str(s) => !s.is_empty(),
            Value::Num(n) => *n != 0.0 && !n.is_nan(),
            Value::Bool(b) => *b,
        }
    }
    pub fn num(&self) -> f64 {
        match self {
            Value::Str(s) => s.trim().parse().unwrap_or(f64::NAN),
            Value::Num(n) => *n,
            Value::Bool(b) => f64::from(u8::from(*b)),
        }
    }
    pub fn text(&self) -> String {
        match self {
            Value::Str(s) => s.clone(),
            Value::Num(n) if n.fract() == 0.0 && n.is_finite() => format!("{}", *n as i64),
            Value::Num(n) => n.to_string(),
            Value::Bool(b) => b.to_string(),
        }
    }
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text())
    }
}

/// What an expression is evaluated against.
pub struct Context<'a> {
    /// Answers by question name (select_multiple: space-separated choices).
    pub answers: &'a HashMap<String, String>,
    /// The answer of the question being checked (`.`).
    pub current: Option<&'a str>,
    /// Columns of the choice being filtered (`choice_filter`).
    pub choice: Option<&'a HashMap<String, String>>,
    /// Today, `YYYY-MM-DD`: passed in, so evaluation stays pure.
    pub today: &'a str,
}

/// An expression that cannot be evaluated here (an unknown function).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unknown(pub String);

pub fn eval(e: &Expr, cx: &Context<'_>) -> Result<Value, Unknown> {
    Ok(match e {
        Expr::Num(n) => Value::Num(*n),
        Expr::Str(s) => Value::Str(s.clone()),
        Expr::Ref(r) => Value::Str(cx.answers.get(r).cloned().unwrap_or_default()),
        Expr::Current => Value::Str(cx.current.unwrap_or("").to_string()),
        Expr::Name(n) => Value::Str(
            cx.choice
                .and_then(|c| c.get(n))
                .cloned()
                .unwrap_or_default(),
        ),
        Expr::Neg(e) => Value::Num(-eval(e, cx)?.num()),
        Expr::Bin(op, a, b) => {
            let a = eval(a, cx)?;
            // Short-circuit as XPath does.
            match op {
                Op::Or if a.truthy() => return Ok(Value::Bool(true)),
                Op::And if !a.truthy() => return Ok(Value::Bool(false)),
                _ => {}
            }
            let b = eval(b, cx)?;
            binary(*op, &a, &b)
        }
        Expr::Call(f, args) => call(f, args, cx)?,
    })
}

fn binary(op: Op, a: &Value, b: &Value) -> Value {
    let cmp =
        |a: &Value, b: &Value| -> Option<std::cmp::Ordering> { a.num().partial_cmp(&b.num()) };
    match op {
        Op::Or | Op::And => Value::Bool(b.truthy()),
        Op::Eq | Op::Ne => {
            let eq = match (a, b) {
                (Value::Bool(_), _) | (_, Value::Bool(_)) => a.truthy() == b.truthy(),
                (Value::Num(_), _) | (_, Value::Num(_)) => a.num() == b.num(),
                _ => a.text() == b.text(),
            };
            Value::Bool(if op == Op::Eq { eq } else { !eq })
        }
        Op::Lt => Value::Bool(cmp(a, b) == Some(std::cmp::Ordering::Less)),
        Op::Le => Value::Bool(matches!(
            cmp(a, b),
            Some(std::cmp::Ordering::Less | std::cmp::Ordering::Equal)
        )),
        Op::Gt => Value::Bool(cmp(a, b) == Some(std::cmp::Ordering::Greater)),
        Op::Ge => Value::Bool(matches!(
            cmp(a, b),
            Some(std::cmp::Ordering::Greater | std::cmp::Ordering::Equal)
        )),
        Op::Add => Value::Num(a.num() + b.num()),
        Op::Sub => Value::Num(a.num() - b.num()),
        Op::Mul => Value::Num(a.num() * b.num()),
        Op::Div => Value::Num(a.num() / b.num()),
        Op::Mod => Value::Num(a.num() % b.num()),
    }
}

fn call(f: &str, args: &[Expr], cx: &Context<'_>) -> Result<Value, Unknown> {
    let arg = |i: usize| -> Result<Value, Unknown> {
        args.get(i)
            .map_or(Ok(Value::Str(String::new())), |a| eval(a, cx))
    };
    Ok(match f {
        "selected" => {
            let list = arg(0)?.text();
            let want = arg(1)?.text();
            Value::Bool(list.split_whitespace().any(|c| c == want))
        }
        "count-selected" => Value::Num(arg(0)?.text().split_whitespace().count() as f64),
        "not" => Value::Bool(!arg(0)?.truthy()),
        "true" => Value::Bool(true),
        "false" => Value::Bool(false),
        "boolean" => Value::Bool(arg(0)?.truthy()),
        "string-length" => Value::Num(arg(0)?.text().chars().count() as f64),
        "regex" => Value::Bool(regex_match(&arg(0)?.text(), &arg(1)?.text())),
        "number" => Value::Num(arg(0)?.num()),
        "int" => Value::Num(arg(0)?.num().trunc()),
        "round" => Value::Num(arg(0)?.num().round()),
        "string" => Value::Str(arg(0)?.text()),
        "concat" => Value::Str(
            (0..args.len())
                .map(|i| arg(i).map(|v| v.text()))
                .collect::<Result<String, _>>()?,
        ),
        "if" => {
            if arg(0)?.truthy() {
                arg(1)?
            } else {
                arg(2)?
            }
        }
        "coalesce" => {
            let a = arg(0)?;
            if a.text().is_empty() { arg(1)? } else { a }
        }
        "contains" => Value::Bool(arg(0)?.text().contains(&arg(1)?.text())),
        "starts-with" => Value::Bool(arg(0)?.text().starts_with(&arg(1)?.text())),
        "today" => Value::Str(cx.today.to_string()),
        other => return Err(Unknown(other.to_string())),
    })
}

/// A small regular-expression matcher for `regex()` constraints: literals,
/// `.`, classes `[a-z0-9._%+-]`, escapes `\.` `\d` `\w` `\s`, quantifiers
/// `* + ? {m,n}`, anchors `^ $`. Enough for the phone, e-mail and NIP
/// patterns forms use; XLSForm's regex() matches anywhere unless anchored.
pub fn regex_match(text: &str, pattern: &str) -> bool {
    let Some(atoms) = compile(pattern) else {
        return false;
    };
    let t: Vec<char> = text.chars().collect();
    let anchored = pattern.starts_with('^');
    let starts: Vec<usize> = if anchored {
        vec![0]
    } else {
        (0..=t.len()).collect()
    };
    starts.into_iter().any(|s| match_here(&atoms, &t, s))
}

#[derive(Debug)]
enum Class {
    Any,
    Set(Vec<(char, char)>, bool),
    End,
}

#[derive(Debug)]
struct Atom {
    class: Class,
    min: usize,
    max: usize,
}

fn compile(p: &str) -> Option<Vec<Atom>> {
    let c: Vec<char> = p.chars().collect();
    let mut i = usize::from(c.first() == Some(&'^'));
    let mut out = Vec::new();
    let esc = |ch: char| -> Vec<(char, char)> {
        match ch {
            'd' => vec![('0', '9')],
            'w' => vec![('a', 'z'), ('A', 'Z'), ('0', '9'), ('_', '_')],
            's' => vec![(' ', ' '), ('\t', '\t'), ('\n', '\n'), ('\r', '\r')],
            other => vec![(other, other)],
        }
    };
    while i < c.len() {
        let class = match c[i] {
            '$' if i + 1 == c.len() => {
                i += 1;
                Class::End
            }
            '.' => {
                i += 1;
                Class::Any
            }
            '\\' => {
                let ch = *c.get(i + 1)?;
                i += 2;
                Class::Set(esc(ch), false)
            }
            '[' => {
                i += 1;
                let neg = c.get(i) == Some(&'^');
                if neg {
                    i += 1;
                }
                let mut set = Vec::new();
                while *c.get(i)? != ']' {
                    let lo = if c[i] == '\\' {
                        i += 1;
                        let e = esc(*c.get(i)?);
                        if e.len() > 1 || e[0].0 != c[i] {
                            set.extend(e);
                            i += 1;
                            continue;
                        }
                        c[i]
                    } else {
                        c[i]
                    };
                    if c.get(i + 1) == Some(&'-') && c.get(i + 2).is_some_and(|&h| h != ']') {
                        set.push((lo, c[i + 2]));
                        i += 3;
                    } else {
                        set.push((lo, lo));
                        i += 1;
                    }
                }
                i += 1;
                Class::Set(set, neg)
            }
            ch => {
                i += 1;
                Class::Set(vec![(ch, ch)], false)
            }
        };
        let (min, max) = match c.get(i) {
            Some('*') => (0, usize::MAX),
            Some('+') => (1, usize::MAX),
            Some('?') => (0, 1),
            Some('{') => {
                let end = c[i..].iter().position(|&x| x == '}')? + i;
                let inner: String = c[i + 1..end].iter().collect();
                let (lo, hi) = match inner.split_once(',') {
                    Some((lo, "")) => (lo.trim().parse().ok()?, usize::MAX),
                    Some((lo, hi)) => (lo.trim().parse().ok()?, hi.trim().parse().ok()?),
                    None => {
                        let n = inner.trim().parse().ok()?;
                        (n, n)
                    }
                };
                i = end;
                (lo, hi)
            }
            _ => (1, 1),
        };
        if (min, max) != (1, 1) {
            i += 1;
        }
        out.push(Atom { class, min, max });
    }
    Some(out)
}

fn matches(class: &Class, ch: char) -> bool {
    match class {
        Class::Any => ch != '\n',
        Class::Set(set, neg) => set.iter().any(|&(lo, hi)| lo <= ch && ch <= hi) != *neg,
        Class::End => false,
    }
}

fn match_here(atoms: &[Atom], t: &[char], at: usize) -> bool {
    let Some((first, rest)) = atoms.split_first() else {
        return true;
    };
    if let Class::End = first.class {
        return at == t.len();
    }
    // Greedy with backtracking.
    let mut n = 0;
    while n < first.max && at + n < t.len() && matches(&first.class, t[at + n]) {
        n += 1;
    }
    loop {
        if n >= first.min && match_here(rest, t, at + n) {
            return true;
        }
        if n == 0 || n <= first.min {
            return false;
        }
        n -= 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(src: &str, answers: &[(&str, &str)], current: Option<&str>) -> Value {
        let answers: HashMap<String, String> = answers
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        let cx = Context {
            answers: &answers,
            current,
            choice: None,
            today: "2026-11-29",
        };
        eval(&parse(src).unwrap(), &cx).unwrap()
    }

    #[test]
    fn relevance_and_constraints() {
        assert_eq!(
            run("not(selected(${skip}, 'yes'))", &[("skip", "yes no")], None),
            Value::Bool(false)
        );
        assert_eq!(
            run(". <= ${a}", &[("a", "5")], Some("4.5")),
            Value::Bool(true)
        );
        assert_eq!(
            run(". <= ${a}", &[("a", "5")], Some("6")),
            Value::Bool(false)
        );
        assert_eq!(run("=TRUE()", &[], None), Value::Bool(true));
        assert_eq!(
            run("${x} = 'a' or ${x} = 'b'", &[("x", "b")], None),
            Value::Bool(true)
        );
        assert_eq!(run("2 + 3 * 4 - 10 div 5", &[], None), Value::Num(12.0));
        assert_eq!(run("-3 mod 2", &[], None), Value::Num(-1.0));
        assert_eq!(
            run("count-selected(.) >= 2", &[], Some("a b")),
            Value::Bool(true)
        );
        assert_eq!(
            run("string-length(.) = 18", &[], Some("198912282010101001")),
            Value::Bool(true)
        );
    }

    #[test]
    fn located_errors() {
        let e = parse("because pyxform doesn't know what to do").unwrap_err();
        assert!(
            e.message.contains("tanda kutip") || e.message.contains("sisa teks"),
            "{e}"
        );
        let e = parse("${a} = ").unwrap_err();
        assert_eq!(e.at, 7, "{e}");
        assert!(parse("selected(${a}, 'x'").is_err());
        assert!(parse("${a").is_err());
        assert!(parse("1 !! 2").is_err());
    }

    #[test]
    fn regexes_as_forms_use_them() {
        let email = "[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,4}";
        assert!(regex_match("budi@mataramkota.go.id", email));
        assert!(!regex_match("budi at mataram", email));
        assert!(regex_match("081234567890", "^08[0-9]{8,11}$"));
        assert!(!regex_match("0812345", "^08[0-9]{8,11}$"));
        assert!(regex_match("abc", "b"));
        assert!(!regex_match("abc", "^b"));
    }
}

impl Op {
    fn symbol(self) -> &'static str {
        match self {
            Op::Or => "or",
            Op::And => "and",
            Op::Eq => "=",
            Op::Ne => "!=",
            Op::Lt => "<",
            Op::Le => "<=",
            Op::Gt => ">",
            Op::Ge => ">=",
            Op::Add => "+",
            Op::Sub => "-",
            Op::Mul => "*",
            Op::Div => "div",
            Op::Mod => "mod",
        }
    }
    fn precedence(self) -> u8 {
        match self {
            Op::Or => 1,
            Op::And => 2,
            Op::Eq | Op::Ne => 3,
            Op::Lt | Op::Le | Op::Gt | Op::Ge => 4,
            Op::Add | Op::Sub => 5,
            Op::Mul | Op::Div | Op::Mod => 6,
        }
    }
}

impl Expr {
    /// Writes the expression with each `${name}` as `reference` spells it
    /// (parenthesised where precedence needs it): XLSForm text for
    /// [`fmt::Display`], XPath with absolute paths for an XForm.
    pub fn write_with(
        &self,
        f: &mut dyn fmt::Write,
        reference: &dyn Fn(&str) -> String,
    ) -> fmt::Result {
        fn go(
            e: &Expr,
            parent: u8,
            right: bool,
            f: &mut dyn fmt::Write,
            reference: &dyn Fn(&str) -> String,
        ) -> fmt::Result {
            match e {
                Expr::Num(n) => write!(f, "{}", Value::Num(*n)),
                Expr::Str(s) if s.contains('\'') => write!(f, "\"{s}\""),
                Expr::Str(s) => write!(f, "'{s}'"),
                Expr::Ref(r) => f.write_str(&reference(r)),
                Expr::Current => f.write_str("."),
                Expr::Name(n) => f.write_str(n),
                Expr::Neg(x) => {
                    f.write_str("-")?;
                    go(x, 7, false, f, reference)
                }
                Expr::Bin(op, a, b) => {
                    let p = op.precedence();
                    // Left-associative: a right operand of equal precedence needs brackets.
                    let wrap = p < parent || (right && p == parent);
                    if wrap {
                        f.write_str("(")?;
                    }
                    go(a, p, false, f, reference)?;
                    write!(f, " {} ", op.symbol())?;
                    go(b, p, true, f, reference)?;
                    if wrap {
                        f.write_str(")")?;
                    }
                    Ok(())
                }
                Expr::Call(name, args) => {
                    write!(f, "{name}(")?;
                    for (i, a) in args.iter().enumerate() {
                        if i > 0 {
                            f.write_str(", ")?;
                        }
                        go(a, 0, false, f, reference)?;
                    }
                    f.write_str(")")
                }
            }
        }
        go(self, 0, false, f, reference)
    }
}

/// Writes the expression back as XLSForm text that [`parse`] reads to the
/// same tree (parenthesised where precedence needs it).
impl fmt::Display for Expr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write_with(f, &|r| format!("${{{r}}}"))
    }
}

#[cfg(test)]
mod display_tests {
    use super::*;

    #[test]
    fn expressions_print_back_to_the_same_tree() {
        for src in [
            "not(selected(${skip_to_end}, 'yes'))",
            ". <= ${a_integer}",
            "${a} - (${b} - 3)",
            "(${a} or ${b}) and ${c} != 'x'",
            "-3 * (2 + ${n}) div 4 mod 2",
            "regex(., '^08[0-9]{8,11}$')",
            "count-selected(.) >= 2 and string-length(${nama}) > 0.5",
            "concat(\"it's\", ${x})",
        ] {
            let e = parse(src).unwrap();
            let printed = e.to_string();
            assert_eq!(parse(&printed).unwrap(), e, "{src} → {printed}");
        }
    }
}
