//! A read-only OData v4 feed (`/api/odata`) for Excel's Power Query, Power
//! BI and any OData client: the service document, `$metadata` (CSDL), and
//! four entity sets, each declared once in [`SETS`] (its properties and
//! their EDM types, its key, who may read it), from which the metadata, the
//! `$select` check and the rows' shape all follow. Query options: `$select`,
//! `$filter` (comparisons `eq ne gt ge lt le` of a property and a literal,
//! `and`, `or`, `not`, parentheses), `$orderby`, `$top`, `$skip`, `$count`;
//! pages of [`PAGE`] rows with `@odata.nextLink`. Signed in with an API
//! token as a bearer token or as the password of HTTP Basic (what Power BI
//! and Excel send), under the same roles as the JSON API: an operator reads
//! only their unit's rows, and the small-cell rule holds (an IKM, its
//! interval and the unsur of fewer than five questionnaires, and a day's
//! waiting times of fewer than five tickets, are `null`).

use std::cmp::Ordering;
use std::collections::HashMap;

use axum::Extension;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use monev_store::Role;
use serde_json::{Map, Value, json};

use crate::pages::AppError;
use crate::{App, Session};

/// Rows a response holds at most; more follow `@odata.nextLink`.
pub const PAGE: usize = 1000;

/// A property of an entity type.
pub struct Prop {
    pub name: &'static str,
    pub edm: &'static str,
    pub nullable: bool,
}

const fn p(name: &'static str, edm: &'static str) -> Prop {
    Prop {
        name,
        edm,
        nullable: true,
    }
}

const fn key(name: &'static str, edm: &'static str) -> Prop {
    Prop {
        name,
        edm,
        nullable: false,
    }
}

/// An entity set and its type (of the same name).
pub struct Set {
    pub name: &'static str,
    pub props: &'static [Prop],
    /// Who may read it (an operator: their unit's rows only).
    pub roles: &'static [Role],
}

impl Set {
    fn key(&self) -> &'static str {
        self.props[0].name
    }
}

const READERS: &[Role] = &[Role::Admin, Role::Evaluator, Role::Pimpinan, Role::Operator];
const ANSWERS: &[Role] = &[Role::Admin, Role::Evaluator, Role::Operator];

/// Every entity set of the feed.
pub const SETS: &[Set] = &[
    Set {
        name: "AngkaUnit",
        props: &[
            key("Kunci", "Edm.String"),
            p("Program", "Edm.String"),
            p("Instansi", "Edm.String"),
            p("Nama", "Edm.String"),
            p("Periode", "Edm.String"),
            p("SkmN", "Edm.Int64"),
            p("Ikm", "Edm.Double"),
            p("IkmBawah95", "Edm.Double"),
            p("IkmAtas95", "Edm.Double"),
            p("Mutu", "Edm.String"),
            p("U1", "Edm.Double"),
            p("U2", "Edm.Double"),
            p("U3", "Edm.Double"),
            p("U4", "Edm.Double"),
            p("U5", "Edm.Double"),
            p("U6", "Edm.Double"),
            p("U7", "Edm.Double"),
            p("U8", "Edm.Double"),
            p("U9", "Edm.Double"),
            p("TiketN", "Edm.Int64"),
            p("TungguMedianMenit", "Edm.Double"),
            p("TungguRataMenit", "Edm.Double"),
            p("StatusPersetujuan", "Edm.String"),
            p("VersiDisetujui", "Edm.Int64"),
            p("SesuaiDisetujui", "Edm.Boolean"),
        ],
        roles: READERS,
    },
    Set {
        name: "JawabanSkm",
        props: &[
            key("Id", "Edm.Int64"),
            p("Instansi", "Edm.String"),
            p("Tanggal", "Edm.Date"),
            p("U1", "Edm.Int32"),
            p("U2", "Edm.Int32"),
            p("U3", "Edm.Int32"),
            p("U4", "Edm.Int32"),
            p("U5", "Edm.Int32"),
            p("U6", "Edm.Int32"),
            p("U7", "Edm.Int32"),
            p("U8", "Edm.Int32"),
            p("U9", "Edm.Int32"),
            p("JenisLayanan", "Edm.String"),
            p("Sumber", "Edm.String"),
            p("Tinjauan", "Edm.String"),
        ],
        roles: ANSWERS,
    },
    Set {
        name: "AntreanHarian",
        props: &[
            key("Kunci", "Edm.String"),
            p("Instansi", "Edm.String"),
            p("Tanggal", "Edm.Date"),
            p("Tiket", "Edm.Int64"),
            p("MedianMenit", "Edm.Double"),
            p("RataMenit", "Edm.Double"),
        ],
        roles: READERS,
    },
    Set {
        name: "RealisasiIndikator",
        props: &[
            key("Kunci", "Edm.String"),
            p("Indikator", "Edm.String"),
            p("Nama", "Edm.String"),
            p("Periode", "Edm.String"),
            p("Instansi", "Edm.String"),
            p("Target", "Edm.Double"),
            p("Realisasi", "Edm.Double"),
            p("CapaianPersen", "Edm.Double"),
            p("Status", "Edm.String"),
        ],
        roles: READERS,
    },
];

/// The CSDL document of [`SETS`].
pub fn metadata() -> String {
    crate::openrosa::xml_text(|w| {
        w.create_element("edmx:Edmx")
            .with_attribute(("xmlns:edmx", "http://docs.oasis-open.org/odata/ns/edmx"))
            .with_attribute(("Version", "4.0"))
            .write_inner_content(|w| {
                w.create_element("edmx:DataServices")
                    .write_inner_content(|w| {
                        w.create_element("Schema")
                            .with_attribute(("xmlns", "http://docs.oasis-open.org/odata/ns/edm"))
                            .with_attribute(("Namespace", "Monev"))
                            .write_inner_content(|w| {
                                for set in SETS {
                                    w.create_element("EntityType")
                                        .with_attribute(("Name", set.name))
                                        .write_inner_content(|w| {
                                            w.create_element("Key").write_inner_content(|w| {
                                                w.create_element("PropertyRef")
                                                    .with_attribute(("Name", set.key()))
                                                    .write_empty()?;
                                                Ok(())
                                            })?;
                                            for prop in set.props {
                                                let e = w
                                                    .create_element("Property")
                                                    .with_attribute(("Name", prop.name))
                                                    .with_attribute(("Type", prop.edm));
                                                if prop.nullable {
                                                    e.write_empty()?;
                                                } else {
                                                    e.with_attribute(("Nullable", "false"))
                                                        .write_empty()?;
                                                }
                                            }
                                            Ok(())
                                        })?;
                                }
                                w.create_element("EntityContainer")
                                    .with_attribute(("Name", "Container"))
                                    .write_inner_content(|w| {
                                        for set in SETS {
                                            w.create_element("EntitySet")
                                                .with_attribute(("Name", set.name))
                                                .with_attribute((
                                                    "EntityType",
                                                    format!("Monev.{}", set.name).as_str(),
                                                ))
                                                .write_empty()?;
                                        }
                                        Ok(())
                                    })?;
                                Ok(())
                            })?;
                        Ok(())
                    })?;
                Ok(())
            })?;
        Ok(())
    })
}

/// An OData error: `{"error": {"code", "message"}}` with its status.
fn error(status: StatusCode, message: &str) -> Response {
    let mut res = (
        status,
        axum::Json(json!({"error": {"code": status.as_u16().to_string(), "message": message}})),
    )
        .into_response();
    res.headers_mut()
        .insert("OData-Version", HeaderValue::from_static("4.0"));
    res
}

fn odata_json(body: Value) -> Response {
    let mut res = axum::Json(body).into_response();
    res.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json;odata.metadata=minimal"),
    );
    res.headers_mut()
        .insert("OData-Version", HeaderValue::from_static("4.0"));
    res
}

/// The address the feed is reached at (`--public-url`, else this server).
fn root(app: &App) -> String {
    format!("{}/api/odata", crate::forms::base_url(app))
}

/// The service document.
pub async fn service(State(app): State<App>) -> Response {
    let value: Vec<Value> = SETS
        .iter()
        .map(|s| json!({"name": s.name, "kind": "EntitySet", "url": s.name}))
        .collect();
    odata_json(json!({
        "@odata.context": format!("{}/$metadata", root(&app)),
        "value": value,
    }))
}

/// `$metadata`.
pub async fn metadata_document() -> Response {
    let mut res = metadata().into_response();
    res.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/xml"),
    );
    res.headers_mut()
        .insert("OData-Version", HeaderValue::from_static("4.0"));
    res
}

// ── $filter ──────────────────────────────────────────────────────────────

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Name(String),
    Str(String),
    Num(f64),
    Open,
    Close,
}

fn tokens(s: &str) -> Result<Vec<Token>, String> {
    let mut out = Vec::new();
    let c: Vec<char> = s.chars().collect();
    let mut i = 0;
    while i < c.len() {
        match c[i] {
            ' ' | '\t' => i += 1,
            '(' => {
                out.push(Token::Open);
                i += 1;
            }
            ')' => {
                out.push(Token::Close);
                i += 1;
            }
            '\'' => {
                let mut v = String::new();
                i += 1;
                loop {
                    match c.get(i) {
                        None => return Err("a string literal is not closed".into()),
                        Some('\'') if c.get(i + 1) == Some(&'\'') => {
                            v.push('\'');
                            i += 2;
                        }
                        Some('\'') => {
                            i += 1;
                            break;
                        }
                        Some(ch) => {
                            v.push(*ch);
                            i += 1;
                        }
                    }
                }
                out.push(Token::Str(v));
            }
            ch if ch.is_ascii_digit() || ch == '-' || ch == '.' => {
                let start = i;
                while i < c.len() && (c[i].is_ascii_alphanumeric() || "-.:+".contains(c[i])) {
                    i += 1;
                }
                let text: String = c[start..i].iter().collect();
                // A date literal (2025-07-01) is compared as its text.
                match text.parse::<f64>() {
                    Ok(v) if !text.contains(':') && text.matches('-').count() <= 1 => {
                        out.push(Token::Num(v))
                    }
                    _ => out.push(Token::Str(text)),
                }
            }
            ch if ch.is_alphabetic() || ch == '_' => {
                let start = i;
                while i < c.len() && (c[i].is_alphanumeric() || c[i] == '_') {
                    i += 1;
                }
                out.push(Token::Name(c[start..i].iter().collect()));
            }
            other => return Err(format!("unexpected character {other:?}")),
        }
    }
    Ok(out)
}

#[derive(Debug, Clone, PartialEq)]
enum Expr {
    And(Box<Expr>, Box<Expr>),
    Or(Box<Expr>, Box<Expr>),
    Not(Box<Expr>),
    Cmp(Operand, &'static str, Operand),
}

#[derive(Debug, Clone, PartialEq)]
enum Operand {
    Prop(String),
    Lit(Value),
}

struct Parser<'a> {
    t: &'a [Token],
    i: usize,
    props: &'a [Prop],
}

impl Parser<'_> {
    fn word(&self, w: &str) -> bool {
        matches!(self.t.get(self.i), Some(Token::Name(n)) if n == w)
    }

    fn or(&mut self) -> Result<Expr, String> {
        let mut e = self.and()?;
        while self.word("or") {
            self.i += 1;
            e = Expr::Or(Box::new(e), Box::new(self.and()?));
        }
        Ok(e)
    }

    fn and(&mut self) -> Result<Expr, String> {
        let mut e = self.not()?;
        while self.word("and") {
            self.i += 1;
            e = Expr::And(Box::new(e), Box::new(self.not()?));
        }
        Ok(e)
    }

    fn not(&mut self) -> Result<Expr, String> {
        if self.word("not") {
            self.i += 1;
            return Ok(Expr::Not(Box::new(self.not()?)));
        }
        if self.t.get(self.i) == Some(&Token::Open) {
            self.i += 1;
            let e = self.or()?;
            if self.t.get(self.i) != Some(&Token::Close) {
                return Err("a parenthesis is not closed".into());
            }
            self.i += 1;
            return Ok(e);
        }
        let a = self.operand()?;
        let op = match self.t.get(self.i) {
            Some(Token::Name(n)) => match n.as_str() {
                "eq" => "eq",
                "ne" => "ne",
                "gt" => "gt",
                "ge" => "ge",
                "lt" => "lt",
                "le" => "le",
                other => return Err(format!("unknown operator {other:?}")),
            },
            _ => return Err("a comparison needs an operator (eq, ne, gt, ge, lt, le)".into()),
        };
        self.i += 1;
        let b = self.operand()?;
        Ok(Expr::Cmp(a, op, b))
    }

    fn operand(&mut self) -> Result<Operand, String> {
        let t = self.t.get(self.i).cloned();
        self.i += 1;
        match t {
            Some(Token::Str(s)) => Ok(Operand::Lit(Value::String(s))),
            Some(Token::Num(n)) => Ok(Operand::Lit(json!(n))),
            Some(Token::Name(n)) if n == "null" => Ok(Operand::Lit(Value::Null)),
            Some(Token::Name(n)) if n == "true" => Ok(Operand::Lit(Value::Bool(true))),
            Some(Token::Name(n)) if n == "false" => Ok(Operand::Lit(Value::Bool(false))),
            Some(Token::Name(n)) if self.props.iter().any(|p| p.name == n) => Ok(Operand::Prop(n)),
            Some(Token::Name(n)) => Err(format!("no property {n:?}")),
            _ => Err("a property or a literal is missing".into()),
        }
    }
}

fn parse_filter(s: &str, props: &[Prop]) -> Result<Expr, String> {
    let t = tokens(s)?;
    let mut p = Parser { t: &t, i: 0, props };
    let e = p.or()?;
    if p.i != t.len() {
        return Err("the filter goes on after its end".into());
    }
    Ok(e)
}

fn order(a: &Value, b: &Value) -> Option<Ordering> {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.as_f64()?.partial_cmp(&y.as_f64()?),
        (Value::String(x), Value::String(y)) => Some(x.cmp(y)),
        (Value::Bool(x), Value::Bool(y)) => Some(x.cmp(y)),
        (Value::Null, Value::Null) => Some(Ordering::Equal),
        _ => None,
    }
}

fn holds(e: &Expr, row: &Map<String, Value>) -> bool {
    let value = |o: &Operand| match o {
        Operand::Prop(n) => row.get(n).cloned().unwrap_or(Value::Null),
        Operand::Lit(v) => v.clone(),
    };
    match e {
        Expr::And(a, b) => holds(a, row) && holds(b, row),
        Expr::Or(a, b) => holds(a, row) || holds(b, row),
        Expr::Not(a) => !holds(a, row),
        Expr::Cmp(a, op, b) => {
            let (a, b) = (value(a), value(b));
            // null equals only null; no order with null (OData's rule).
            let o = order(&a, &b);
            match *op {
                "eq" => o == Some(Ordering::Equal),
                "ne" => o != Some(Ordering::Equal),
                "gt" => o == Some(Ordering::Greater),
                "ge" => matches!(o, Some(Ordering::Greater | Ordering::Equal)),
                "lt" => o == Some(Ordering::Less),
                "le" => matches!(o, Some(Ordering::Less | Ordering::Equal)),
                _ => false,
            }
        }
    }
}

// ── rows ─────────────────────────────────────────────────────────────────

fn opt(v: Option<f64>) -> Value {
    v.filter(|v| v.is_finite())
        .map_or(Value::Null, |v| json!(v))
}

/// The rows of `set` for `session`'s account (an operator: their unit's).
async fn rows(
    app: &App,
    session: &Session,
    program: &str,
    set: &Set,
) -> Result<Vec<Map<String, Value>>, AppError> {
    let own = crate::pages::scope(&session.user, None)?.map(str::to_string);
    let mine = |unit: &str| own.as_deref().is_none_or(|o| o == unit);
    let d = crate::monitoring::period_data(app, program).await?;
    let (data, deret) = (&d.data, &d.deret);
    let bobot = monev_eval::Config::default().bobot_ikm;
    let periods = monev_eval::monitoring::reported_periods(data, deret);
    let mut out = Vec::new();
    let mut push = |v: Value| {
        if let Value::Object(m) = v {
            out.push(m);
        }
    };
    match set.name {
        "AngkaUnit" => {
            for &periode in &periods {
                let status = monev_eval::persetujuan::status(data, deret, periode, bobot)
                    .unwrap_or_default();
                for unit in data.instansi.iter().filter(|i| mine(&i.kode)) {
                    let Some(a) = monev_eval::persetujuan::angka_unit(
                        data, deret, &unit.kode, periode, bobot,
                    ) else {
                        continue;
                    };
                    let s = status.iter().find(|s| s.instansi == unit.kode);
                    let mut row = json!({
                        "Kunci": format!("{}|{periode}", unit.kode),
                        "Program": program,
                        "Instansi": unit.kode,
                        "Nama": unit.nama,
                        "Periode": periode.to_string(),
                        "SkmN": a.skm_n,
                        "Ikm": opt(a.ikm),
                        "IkmBawah95": opt(a.ikm_selang_95.map(|c| c[0])),
                        "IkmAtas95": opt(a.ikm_selang_95.map(|c| c[1])),
                        "Mutu": a.mutu.map(|m| format!("{m:?}")),
                        "TiketN": a.tunggu_n,
                        "TungguMedianMenit": opt(a.tunggu_median_menit),
                        "TungguRataMenit": opt(a.tunggu_rata_menit),
                        "StatusPersetujuan": s.and_then(|s| s.terakhir.as_ref()).map(|v| v.status.code()),
                        "VersiDisetujui": s.and_then(|s| s.disetujui.as_ref()).map(|v| v.versi),
                        "SesuaiDisetujui": s.and_then(|s| s.sesuai),
                    });
                    for (k, v) in a.nrr.iter().enumerate() {
                        row[format!("U{}", k + 1)] = opt(*v);
                    }
                    push(row);
                }
            }
        }
        "JawabanSkm" => {
            let count = data.tinjauan.is_none_or(|t| t.hitung_belum_ditinjau);
            for r in app.store.skm_export(program, own.as_deref()).await? {
                if !r.tinjauan.counts(count) {
                    continue;
                }
                let mut row = json!({
                    "Id": r.id,
                    "Instansi": r.instansi,
                    "Tanggal": r.tanggal,
                    "JenisLayanan": r.jenis_layanan,
                    "Sumber": r.sumber,
                    "Tinjauan": r.tinjauan.code(),
                });
                for (k, v) in r.jawaban.iter().enumerate() {
                    row[format!("U{}", k + 1)] = v.map_or(Value::Null, |v| json!(v));
                }
                push(row);
            }
        }
        "AntreanHarian" => {
            for t in deret.daily_waits() {
                if !mine(&t.instansi) {
                    continue;
                }
                push(json!({
                    "Kunci": format!("{}|{}", t.instansi, t.tanggal),
                    "Instansi": t.instansi,
                    "Tanggal": t.tanggal.to_string(),
                    "Tiket": t.n,
                    "MedianMenit": opt(t.median_menit),
                    "RataMenit": opt(t.rata_menit),
                }));
            }
        }
        "RealisasiIndikator" => {
            for &periode in &periods {
                let r = monev_eval::capaian::realisasi(
                    data,
                    periode,
                    monev_eval::capaian::Ambang::default(),
                );
                for i in r
                    .indikator
                    .iter()
                    .filter(|i| i.instansi.as_deref().is_none_or(&mine))
                {
                    // An operator reads the programme's own lines too.
                    push(json!({
                        "Kunci": format!("{}|{periode}|{}", i.indikator, i.instansi.as_deref().unwrap_or("")),
                        "Indikator": i.indikator,
                        "Nama": i.nama,
                        "Periode": periode.to_string(),
                        "Instansi": i.instansi,
                        "Target": opt(i.target),
                        "Realisasi": opt(i.realisasi),
                        "CapaianPersen": opt(i.capaian_persen),
                        "Status": serde_json::to_value(i.status).unwrap_or(Value::Null),
                    }));
                }
            }
        }
        _ => {}
    }
    Ok(out)
}

/// An entity set, queried.
pub async fn collection(
    State(app): State<App>,
    Extension(session): Extension<Session>,
    Path(name): Path<String>,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    let Some(set) = SETS.iter().find(|s| s.name == name) else {
        return error(StatusCode::NOT_FOUND, &format!("no entity set {name:?}"));
    };
    if !set.roles.contains(&session.user.role) {
        return error(
            StatusCode::FORBIDDEN,
            "this role may not read this entity set",
        );
    }
    let program =
        match crate::pages::the_programme(&app, q.get("program").map(String::as_str)).await {
            Ok(p) => p,
            Err(e) => return e.into_response(),
        };
    let bad = |m: String| error(StatusCode::BAD_REQUEST, &m);
    let select: Option<Vec<&str>> = match q.get("$select").map(|s| s.trim()) {
        None | Some("") | Some("*") => None,
        Some(s) => {
            let names: Vec<&str> = s.split(',').map(str::trim).collect();
            if let Some(n) = names
                .iter()
                .find(|n| !set.props.iter().any(|p| p.name == **n))
            {
                return bad(format!("$select: no property {n:?}"));
            }
            Some(names)
        }
    };
    let filter = match q.get("$filter").map(|s| s.trim()).filter(|s| !s.is_empty()) {
        None => None,
        Some(f) => match parse_filter(f, set.props) {
            Ok(e) => Some(e),
            Err(m) => return bad(format!("$filter: {m}")),
        },
    };
    // `$top` and `$skip`: whole numbers, or the message saying which is not.
    let number = |k: &str| -> Result<Option<usize>, String> {
        q.get(k)
            .map(|v| {
                v.trim()
                    .parse::<usize>()
                    .map_err(|_| format!("{k}: not a whole number: {v:?}"))
            })
            .transpose()
    };
    let (top, skip) = match (number("$top"), number("$skip")) {
        (Ok(t), Ok(s)) => (t, s.unwrap_or(0)),
        (Err(m), _) | (_, Err(m)) => return bad(m),
    };
    let mut all = match rows(&app, &session, &program, set).await {
        Ok(r) => r,
        Err(e) => return e.into_response(),
    };
    if let Some(f) = &filter {
        all.retain(|r| holds(f, r));
    }
    if let Some(o) = q
        .get("$orderby")
        .map(|s| s.trim())
        .filter(|s| !s.is_empty())
    {
        let mut keys = Vec::new();
        for part in o.split(',') {
            let mut w = part.split_whitespace();
            let name = w.next().unwrap_or("");
            let desc = match w.next() {
                None | Some("asc") => false,
                Some("desc") => true,
                Some(other) => return bad(format!("$orderby: {other:?}")),
            };
            if !set.props.iter().any(|p| p.name == name) {
                return bad(format!("$orderby: no property {name:?}"));
            }
            keys.push((name.to_string(), desc));
        }
        all.sort_by(|a, b| {
            for (k, desc) in &keys {
                let (x, y) = (
                    a.get(k).unwrap_or(&Value::Null),
                    b.get(k).unwrap_or(&Value::Null),
                );
                let o = match (x, y) {
                    (Value::Null, Value::Null) => Ordering::Equal,
                    (Value::Null, _) => Ordering::Less,
                    (_, Value::Null) => Ordering::Greater,
                    _ => order(x, y).unwrap_or(Ordering::Equal),
                };
                let o = if *desc { o.reverse() } else { o };
                if o != Ordering::Equal {
                    return o;
                }
            }
            Ordering::Equal
        });
    }
    let total = all.len();
    let wanted = top.unwrap_or(usize::MAX);
    let take = wanted.min(PAGE);
    let page: Vec<Value> = all
        .into_iter()
        .skip(skip)
        .take(take)
        .map(|mut r| {
            if let Some(s) = &select {
                r.retain(|k, _| s.contains(&k.as_str()));
            }
            Value::Object(r)
        })
        .collect();
    let mut body = json!({
        "@odata.context": format!("{}/$metadata#{}", root(&app), set.name),
    });
    if q.get("$count").is_some_and(|c| c == "true") {
        body["@odata.count"] = json!(total);
    }
    let shown = page.len();
    body["value"] = Value::Array(page);
    // More rows than a page: the rest at the next link, with the same
    // options.
    let left = total.saturating_sub(skip + shown);
    if shown == PAGE && left > 0 && wanted > PAGE {
        let mut next: Vec<(String, String)> = q
            .iter()
            .filter(|(k, _)| *k != "$skip" && *k != "$top")
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        next.push(("$skip".into(), (skip + shown).to_string()));
        if let Some(t) = top {
            next.push(("$top".into(), (t - shown).to_string()));
        }
        next.sort();
        body["@odata.nextLink"] = json!(format!(
            "{}/{}?{}",
            root(&app),
            set.name,
            serde_urlencoded::to_string(&next).unwrap_or_default()
        ));
    }
    odata_json(body)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(v: Value) -> Map<String, Value> {
        v.as_object().unwrap().clone()
    }

    #[test]
    fn filters_hold_as_odata_says() {
        let props = SETS[0].props;
        let r = row(json!({"Instansi": "KEL-AMS", "SkmN": 17, "Ikm": null, "Periode": "2025-T3"}));
        for (f, want) in [
            ("Instansi eq 'KEL-AMS'", true),
            ("Instansi eq 'KEL-BAN' or SkmN ge 17", true),
            ("Instansi eq 'KEL-AMS' and SkmN gt 17", false),
            ("not (SkmN lt 5)", true),
            ("Ikm eq null", true),
            ("Ikm gt 0", false),
            ("Ikm ne null", false),
            ("Periode ge '2025-T2' and Periode le '2025-T4'", true),
            ("(Instansi eq 'X')", false),
        ] {
            let e = parse_filter(f, props).unwrap_or_else(|e| panic!("{f}: {e}"));
            assert_eq!(holds(&e, &r), want, "{f}");
        }
        for bad in [
            "Instansi",
            "Nope eq 1",
            "SkmN eq",
            "(SkmN eq 1",
            "SkmN like 1",
            "'x",
        ] {
            assert!(parse_filter(bad, props).is_err(), "{bad}");
        }
        assert_eq!(tokens("'it''s'").unwrap(), [Token::Str("it's".into())]);
    }

    #[test]
    fn the_metadata_names_every_set_and_its_key() {
        let m = metadata();
        for s in SETS {
            assert!(m.contains(&format!(
                "<EntitySet Name=\"{0}\" EntityType=\"Monev.{0}\"/>",
                s.name
            )));
            assert!(m.contains(&format!("<PropertyRef Name=\"{}\"/>", s.key())));
        }
        assert_eq!(
            m.matches("<EntityType ").count(),
            m.matches("</EntityType>").count()
        );
    }
}
