//! An instrument as an ODK XForm: XForms 1.0 with ODK's extensions, the
//! form ODK Collect and KoboCollect download and fill offline.
//!
//! Written as pyxform writes the same XLSForm, so the two can be compared
//! question by question: the primary instance under `/data` (groups as
//! nested elements, `meta/instanceID` filled with a `uid` by the client),
//! one `bind` per question (`type`, `required`, `relevant`, `constraint`,
//! `readonly`, `jr:constraintMsg`, `jr:requiredMsg`), labels and hints
//! through `itext` in every language the instrument has, and every choice
//! list as a secondary instance read by an `itemset` (a `choice_filter`
//! becomes the itemset's predicate; other columns of the choices sheet are
//! kept on each item for it). Expressions are written as XPath with each
//! `${name}` as the question's absolute path.

use std::collections::{BTreeMap, BTreeSet};
use std::io;

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesText, Event};

use crate::{Choice, Expr, Group, Instrument, Item, Kind, Labels, Question, Required};

/// The name of the primary instance's root element.
const ROOT: &str = "data";

/// How an instrument is served as one form to ODK Collect: the form's id,
/// title and version, the questions whose answer the server already knows
/// (the unit of a form link: kept in the instance with their value, hidden
/// and read-only), and whether the client records when the form was
/// opened (`meta/timeStart`, the date an answer collected offline is
/// dated by).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Served {
    pub id: String,
    pub title: String,
    pub version: String,
    pub fixed: BTreeMap<String, String>,
    pub time_start: bool,
}

impl Served {
    /// The instrument as it is: its own code, title and version.
    pub fn of(ins: &Instrument) -> Served {
        let langs = languages(ins);
        Served {
            id: ins.kode.clone(),
            title: text(&ins.judul, &langs[0]).unwrap_or(&ins.kode).to_string(),
            version: ins.versi.clone(),
            fixed: BTreeMap::new(),
            time_start: false,
        }
    }
}

/// The XForm of `ins`, as UTF-8 XML text.
pub fn write(ins: &Instrument) -> String {
    write_served(ins, &Served::of(ins))
}

/// The XForm of `ins` served as `served` describes.
pub fn write_served(ins: &Instrument, served: &Served) -> String {
    let mut out = Writer::new_with_indent(Vec::new(), b' ', 2);
    // Writing to memory does not fail.
    write_form(&mut out, ins, served).expect("an XForm written to memory");
    String::from_utf8(out.into_inner()).expect("quick-xml writes the UTF-8 it is given")
}

/// Every question's and group's absolute path, by name.
fn paths(items: &[Item], prefix: &str, out: &mut BTreeMap<String, String>) {
    for item in items {
        match item {
            Item::Question(q) => {
                out.insert(q.name.clone(), format!("{prefix}/{}", q.name));
            }
            Item::Group(g) => {
                let path = format!("{prefix}/{}", g.name);
                out.insert(g.name.clone(), path.clone());
                paths(&g.items, &path, out);
            }
        }
    }
}

/// The languages of the form: every language a label names, the form's own
/// language for label columns without one, that language first.
fn languages(ins: &Instrument) -> Vec<String> {
    fn collect(items: &[Item], out: &mut BTreeSet<String>) {
        for item in items {
            match item {
                Item::Question(q) => {
                    for l in [
                        &q.label,
                        &q.hint,
                        &q.constraint_message,
                        &q.required_message,
                    ] {
                        out.extend(l.languages().map(str::to_string));
                    }
                }
                Item::Group(g) => {
                    out.extend(g.label.languages().map(str::to_string));
                    collect(&g.items, out);
                }
            }
        }
    }
    let mut found = BTreeSet::new();
    collect(&ins.items, &mut found);
    for c in ins.choices.values().flatten() {
        found.extend(c.label.languages().map(str::to_string));
    }
    let main = if ins.bahasa_utama.is_empty() {
        "default".to_string()
    } else {
        ins.bahasa_utama.clone()
    };
    let mut langs = vec![main.clone()];
    langs.extend(found.into_iter().filter(|l| !l.is_empty() && *l != main));
    langs
}

/// The text of `labels` in `lang` (else the column without a language, else
/// the first), or `None` when it has none at all.
fn text<'a>(labels: &'a Labels, lang: &str) -> Option<&'a str> {
    labels.get(lang).filter(|t| !t.is_empty())
}

/// An expression as XPath over the primary instance.
fn xpath(e: &Expr, paths: &BTreeMap<String, String>) -> String {
    let mut out = String::new();
    let reference = |name: &str| {
        paths
            .get(name)
            .cloned()
            .unwrap_or_else(|| format!("/{ROOT}/{name}"))
    };
    // Writing to a String does not fail.
    let _ = e.write_with(&mut out, &reference);
    out
}

fn choice_itext(list: &str, i: usize) -> String {
    format!("static_instance-{list}-{i}")
}

fn write_form(w: &mut Writer<Vec<u8>>, ins: &Instrument, served: &Served) -> io::Result<()> {
    let mut paths_by_name = BTreeMap::new();
    paths(&ins.items, &format!("/{ROOT}"), &mut paths_by_name);
    let langs = languages(ins);
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    w.create_element("h:html")
        .with_attributes([
            ("xmlns", "http://www.w3.org/2002/xforms"),
            ("xmlns:h", "http://www.w3.org/1999/xhtml"),
            ("xmlns:ev", "http://www.w3.org/2001/xml-events"),
            ("xmlns:xsd", "http://www.w3.org/2001/XMLSchema"),
            ("xmlns:jr", "http://openrosa.org/javarosa"),
            ("xmlns:orx", "http://openrosa.org/xforms"),
            ("xmlns:odk", "http://www.opendatakit.org/xforms"),
        ])
        .write_inner_content(|w| {
            w.create_element("h:head").write_inner_content(|w| {
                w.create_element("h:title")
                    .write_text_content(BytesText::new(&served.title))?;
                w.create_element("model")
                    .with_attribute(("odk:xforms-version", "1.0.0"))
                    .write_inner_content(|w| {
                        write_itext(w, ins, served, &langs)?;
                        write_instances(w, ins, served)?;
                        write_binds(w, served, &ins.items, &format!("/{ROOT}"), &paths_by_name)?;
                        if served.time_start {
                            w.create_element("bind")
                                .with_attributes([
                                    ("nodeset", format!("/{ROOT}/meta/timeStart").as_str()),
                                    ("type", "dateTime"),
                                    ("jr:preload", "timestamp"),
                                    ("jr:preloadParams", "start"),
                                ])
                                .write_empty()?;
                        }
                        w.create_element("bind")
                            .with_attributes([
                                ("nodeset", format!("/{ROOT}/meta/instanceID").as_str()),
                                ("type", "string"),
                                ("readonly", "true()"),
                                ("jr:preload", "uid"),
                            ])
                            .write_empty()?;
                        Ok(())
                    })?;
                Ok(())
            })?;
            w.create_element("h:body").write_inner_content(|w| {
                write_body(
                    w,
                    ins,
                    served,
                    &ins.items,
                    &format!("/{ROOT}"),
                    &paths_by_name,
                )
            })?;
            Ok(())
        })?;
    Ok(())
}

fn write_itext(
    w: &mut Writer<Vec<u8>>,
    ins: &Instrument,
    served: &Served,
    langs: &[String],
) -> io::Result<()> {
    // (itext id, labels) of every text the form shows.
    let mut texts: Vec<(String, &Labels)> = Vec::new();
    fn collect<'a>(
        items: &'a [Item],
        prefix: &str,
        served: &Served,
        texts: &mut Vec<(String, &'a Labels)>,
    ) {
        for item in items {
            match item {
                // A fixed question is not shown: no texts.
                Item::Question(q) if served.fixed.contains_key(&q.name) => {}
                Item::Question(q) => {
                    let path = format!("{prefix}/{}", q.name);
                    for (suffix, labels) in [
                        ("label", &q.label),
                        ("hint", &q.hint),
                        ("jr:constraintMsg", &q.constraint_message),
                        ("jr:requiredMsg", &q.required_message),
                    ] {
                        if !labels.is_empty() {
                            texts.push((format!("{path}:{suffix}"), labels));
                        }
                    }
                }
                Item::Group(g) => {
                    let path = format!("{prefix}/{}", g.name);
                    if !g.label.is_empty() {
                        texts.push((format!("{path}:label"), &g.label));
                    }
                    collect(&g.items, &path, served, texts);
                }
            }
        }
    }
    collect(&ins.items, &format!("/{ROOT}"), served, &mut texts);
    for (list, choices) in &ins.choices {
        for (i, c) in choices.iter().enumerate() {
            texts.push((choice_itext(list, i), &c.label));
        }
    }
    w.create_element("itext").write_inner_content(|w| {
        for (n, lang) in langs.iter().enumerate() {
            let mut t = w
                .create_element("translation")
                .with_attribute(("lang", lang.as_str()));
            if n == 0 {
                t = t.with_attribute(("default", "true()"));
            }
            t.write_inner_content(|w| {
                for (id, labels) in &texts {
                    // A choice without a label shows its name, as pyxform does.
                    let shown = text(labels, lang).unwrap_or("-");
                    w.create_element("text")
                        .with_attribute(("id", id.as_str()))
                        .write_inner_content(|w| {
                            w.create_element("value")
                                .write_text_content(BytesText::new(shown))?;
                            Ok(())
                        })?;
                }
                Ok(())
            })?;
        }
        Ok(())
    })?;
    Ok(())
}

fn write_instances(w: &mut Writer<Vec<u8>>, ins: &Instrument, served: &Served) -> io::Result<()> {
    fn nodes(w: &mut Writer<Vec<u8>>, items: &[Item], served: &Served) -> io::Result<()> {
        for item in items {
            match item {
                Item::Question(q) => match served
                    .fixed
                    .get(&q.name)
                    .map(String::as_str)
                    .or(q.default.as_deref())
                    .filter(|d| !d.is_empty())
                {
                    Some(d) => {
                        w.create_element(q.name.as_str())
                            .write_text_content(BytesText::new(d))?;
                    }
                    None => {
                        w.create_element(q.name.as_str()).write_empty()?;
                    }
                },
                Item::Group(g) => {
                    w.create_element(g.name.as_str())
                        .write_inner_content(|w| nodes(w, &g.items, served))?;
                }
            }
        }
        Ok(())
    }
    w.create_element("instance").write_inner_content(|w| {
        let mut root = w
            .create_element(ROOT)
            .with_attribute(("id", served.id.as_str()));
        if !served.version.is_empty() {
            root = root.with_attribute(("version", served.version.as_str()));
        }
        root.write_inner_content(|w| {
            nodes(w, &ins.items, served)?;
            w.create_element("meta").write_inner_content(|w| {
                if served.time_start {
                    w.create_element("timeStart").write_empty()?;
                }
                w.create_element("instanceID").write_empty()?;
                Ok(())
            })?;
            Ok(())
        })?;
        Ok(())
    })?;
    for (list, choices) in &ins.choices {
        w.create_element("instance")
            .with_attribute(("id", list.as_str()))
            .write_inner_content(|w| {
                w.create_element("root").write_inner_content(|w| {
                    for (i, c) in choices.iter().enumerate() {
                        write_item(w, list, i, c)?;
                    }
                    Ok(())
                })?;
                Ok(())
            })?;
    }
    Ok(())
}

fn write_item(w: &mut Writer<Vec<u8>>, list: &str, i: usize, c: &Choice) -> io::Result<()> {
    w.create_element("item").write_inner_content(|w| {
        w.create_element("itextId")
            .write_text_content(BytesText::new(&choice_itext(list, i)))?;
        w.create_element("name")
            .write_text_content(BytesText::new(&c.name))?;
        for (column, value) in &c.columns {
            // Columns that are not element names (a label column, say) have
            // no use in a filter.
            if is_xml_name(column) && !matches!(column.as_str(), "name" | "itextId") {
                w.create_element(column.as_str())
                    .write_text_content(BytesText::new(value))?;
            }
        }
        Ok(())
    })?;
    Ok(())
}

/// Whether `s` can be an element name (ASCII letters, digits, `_`, `-`, `.`,
/// not starting with a digit, `-` or `.`).
fn is_xml_name(s: &str) -> bool {
    let mut chars = s.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))
}

fn bind_type(kind: &Kind) -> &'static str {
    match kind {
        Kind::Integer => "int",
        Kind::Decimal => "decimal",
        Kind::Date => "date",
        Kind::Text | Kind::Note | Kind::SelectOne { .. } | Kind::SelectMultiple { .. } => "string",
    }
}

fn write_binds(
    w: &mut Writer<Vec<u8>>,
    served: &Served,
    items: &[Item],
    prefix: &str,
    paths: &BTreeMap<String, String>,
) -> io::Result<()> {
    for item in items {
        match item {
            Item::Question(q) if served.fixed.contains_key(&q.name) => {
                // Known to the server: kept as it is, never asked.
                w.create_element("bind")
                    .with_attributes([
                        ("nodeset", format!("{prefix}/{}", q.name).as_str()),
                        ("type", bind_type(&q.kind)),
                        ("readonly", "true()"),
                    ])
                    .write_empty()?;
            }
            Item::Question(q) => write_bind(w, q, &format!("{prefix}/{}", q.name), paths)?,
            Item::Group(g) => {
                let path = format!("{prefix}/{}", g.name);
                if let Some(r) = &g.relevant {
                    w.create_element("bind")
                        .with_attributes([
                            ("nodeset", path.as_str()),
                            ("relevant", xpath(r, paths).as_str()),
                        ])
                        .write_empty()?;
                }
                write_binds(w, served, &g.items, &path, paths)?;
            }
        }
    }
    Ok(())
}

fn write_bind(
    w: &mut Writer<Vec<u8>>,
    q: &Question,
    path: &str,
    paths: &BTreeMap<String, String>,
) -> io::Result<()> {
    let mut attrs: Vec<(&str, String)> = vec![
        ("nodeset", path.to_string()),
        ("type", bind_type(&q.kind).to_string()),
    ];
    match &q.required {
        Required::No => {}
        Required::Yes => attrs.push(("required", "true()".into())),
        Required::If(e) => attrs.push(("required", xpath(e, paths))),
    }
    if q.kind == Kind::Note {
        attrs.push(("readonly", "true()".into()));
    }
    if let Some(r) = &q.relevant {
        attrs.push(("relevant", xpath(r, paths)));
    }
    if let Some(c) = &q.constraint {
        attrs.push(("constraint", xpath(c, paths)));
    }
    if !q.constraint_message.is_empty() {
        attrs.push((
            "jr:constraintMsg",
            format!("jr:itext('{path}:jr:constraintMsg')"),
        ));
    }
    if !q.required_message.is_empty() {
        attrs.push((
            "jr:requiredMsg",
            format!("jr:itext('{path}:jr:requiredMsg')"),
        ));
    }
    w.create_element("bind")
        .with_attributes(attrs.iter().map(|(k, v)| (*k, v.as_str())))
        .write_empty()?;
    Ok(())
}

fn write_label(w: &mut Writer<Vec<u8>>, path: &str, labels: &Labels, what: &str) -> io::Result<()> {
    if labels.is_empty() {
        return Ok(());
    }
    w.create_element(what)
        .with_attribute(("ref", format!("jr:itext('{path}:{what}')").as_str()))
        .write_empty()?;
    Ok(())
}

fn write_body(
    w: &mut Writer<Vec<u8>>,
    ins: &Instrument,
    served: &Served,
    items: &[Item],
    prefix: &str,
    paths: &BTreeMap<String, String>,
) -> io::Result<()> {
    for item in items {
        match item {
            Item::Question(q) if served.fixed.contains_key(&q.name) => {}
            Item::Question(q) => write_control(w, q, &format!("{prefix}/{}", q.name), paths)?,
            Item::Group(g) => {
                write_group(w, ins, served, g, &format!("{prefix}/{}", g.name), paths)?
            }
        }
    }
    Ok(())
}

fn write_group(
    w: &mut Writer<Vec<u8>>,
    ins: &Instrument,
    served: &Served,
    g: &Group,
    path: &str,
    paths: &BTreeMap<String, String>,
) -> io::Result<()> {
    let mut e = w.create_element("group").with_attribute(("ref", path));
    if !g.appearance.is_empty() {
        e = e.with_attribute(("appearance", g.appearance.as_str()));
    }
    e.write_inner_content(|w| {
        write_label(w, path, &g.label, "label")?;
        write_body(w, ins, served, &g.items, path, paths)
    })?;
    Ok(())
}

fn write_control(
    w: &mut Writer<Vec<u8>>,
    q: &Question,
    path: &str,
    paths: &BTreeMap<String, String>,
) -> io::Result<()> {
    let control = match q.kind {
        Kind::SelectOne { .. } => "select1",
        Kind::SelectMultiple { .. } => "select",
        _ => "input",
    };
    let mut e = w.create_element(control).with_attribute(("ref", path));
    if !q.appearance.is_empty() {
        e = e.with_attribute(("appearance", q.appearance.as_str()));
    }
    e.write_inner_content(|w| {
        if q.label.is_empty() {
            // Every control has a label; an unlabelled question shows its name.
            w.create_element("label")
                .write_text_content(BytesText::new(&q.name))?;
        } else {
            write_label(w, path, &q.label, "label")?;
        }
        write_label(w, path, &q.hint, "hint")?;
        if let Some(list) = q.kind.list() {
            let filter = q
                .choice_filter
                .as_ref()
                .map(|f| format!("[{}]", xpath(f, paths)))
                .unwrap_or_default();
            w.create_element("itemset")
                .with_attribute((
                    "nodeset",
                    format!("instance('{list}')/root/item{filter}").as_str(),
                ))
                .write_inner_content(|w| {
                    w.create_element("value")
                        .with_attribute(("ref", "name"))
                        .write_empty()?;
                    w.create_element("label")
                        .with_attribute(("ref", "jr:itext(itextId)"))
                        .write_empty()?;
                    Ok(())
                })?;
        }
        Ok(())
    })?;
    Ok(())
}

/// A filled form as ODK Collect and KoboCollect send it (the
/// `xml_submission_file` of a submission): the form it answers, that form's
/// version, the instance's own id, when it was opened, and every answer
/// with where it stands in the document.
#[derive(Debug, Clone, PartialEq)]
pub struct Instance {
    pub form_id: String,
    pub version: String,
    /// `meta/instanceID` as sent (`uuid:…`).
    pub instance_id: String,
    /// `meta/timeStart`, when the form has it and the client filled it.
    pub time_start: Option<String>,
    pub fields: Vec<Field>,
}

/// One answer of an [`Instance`]: the question's name, its element's path
/// and the 1-based line and column where the element starts.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    pub name: String,
    pub path: String,
    pub value: String,
    pub line: u32,
    pub column: u32,
}

/// Why an instance cannot be read, and where.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("baris {line}, kolom {column}, {path}: {reason}")]
pub struct InstanceError {
    pub line: u32,
    pub column: u32,
    pub path: String,
    pub reason: String,
}

/// Reads a filled form. Groups are the elements that hold elements; every
/// other element under the root is an answer (empty when unanswered).
/// `meta` gives the instance id and the opening time; its other children
/// (`deprecatedID`, `userID`, …) are not answers.
pub fn read_instance(xml: &str) -> Result<Instance, InstanceError> {
    let doc = roxmltree::Document::parse(xml).map_err(|e| {
        let p = e.pos();
        InstanceError {
            line: p.row,
            column: p.col,
            path: String::new(),
            reason: format!("bukan XML yang utuh (not well-formed XML): {e}"),
        }
    })?;
    let root = doc.root_element();
    let at = |n: roxmltree::Node, path: &str, reason: String| {
        let p = doc.text_pos_at(n.range().start);
        InstanceError {
            line: p.row,
            column: p.col,
            path: path.to_string(),
            reason,
        }
    };
    let root_path = format!("/{}", root.tag_name().name());
    let form_id = root
        .attribute("id")
        .filter(|s| !s.trim().is_empty())
        .ok_or_else(|| {
            at(
                root,
                &root_path,
                "elemen akar tanpa atribut id (formID) (the root has no id attribute)".into(),
            )
        })?
        .trim()
        .to_string();
    let mut out = Instance {
        form_id,
        version: root.attribute("version").unwrap_or("").trim().to_string(),
        instance_id: String::new(),
        time_start: None,
        fields: Vec::new(),
    };
    fn walk(
        node: roxmltree::Node,
        path: &str,
        out: &mut Instance,
        at: &dyn Fn(roxmltree::Node, &str, String) -> InstanceError,
        pos: &dyn Fn(roxmltree::Node) -> (u32, u32),
    ) -> Result<(), InstanceError> {
        for child in node.children().filter(roxmltree::Node::is_element) {
            let name = child.tag_name().name();
            let here = format!("{path}/{name}");
            if name == "meta" {
                for m in child.children().filter(roxmltree::Node::is_element) {
                    let value = m.text().unwrap_or("").trim().to_string();
                    match m.tag_name().name() {
                        "instanceID" => out.instance_id = value,
                        "timeStart" if !value.is_empty() => out.time_start = Some(value),
                        _ => {}
                    }
                }
                continue;
            }
            if child.children().any(|c| c.is_element()) {
                walk(child, &here, out, at, pos)?;
                continue;
            }
            if out.fields.iter().any(|f| f.name == name) {
                return Err(at(
                    child,
                    &here,
                    format!(
                        "jawaban '{name}' dikirim dua kali (sent twice; repeats are not collected)"
                    ),
                ));
            }
            let (line, column) = pos(child);
            out.fields.push(Field {
                name: name.to_string(),
                path: here,
                value: child.text().unwrap_or("").to_string(),
                line,
                column,
            });
        }
        Ok(())
    }
    let pos = |n: roxmltree::Node| {
        let p = doc.text_pos_at(n.range().start);
        (p.row, p.col)
    };
    walk(root, &root_path, &mut out, &at, &pos)?;
    if out.instance_id.is_empty() {
        return Err(at(
            root,
            &format!("{root_path}/meta/instanceID"),
            "instanceID kosong atau tidak ada (no instance id)".into(),
        ));
    }
    Ok(out)
}
