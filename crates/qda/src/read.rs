//! Reading a `.qdpx` project and a `.qdc` codebook (see the crate's
//! documentation for what maps to what). All or nothing: the first problem
//! of each kind found is reported with its place, and nothing is returned
//! but the errors.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::{Cursor, Read};

use monev_domain::{Date, Dokumen, KelompokResponden, KodeKualitatif, Kutipan, Sumber, Wawancara};
use roxmltree::{Document, Node};

use crate::{Bawaan, Dibaca, KODE_LINE, Proyek, QdaError, slug, valid_code};

/// The largest `project.qde` or source text read (a deflated entry can
/// claim any size).
const MAX_ENTRY: u64 = 256 << 20;

/// Levels of nested codes read (a real codebook has a handful).
const MAX_DEPTH: usize = 32;

/// Errors gathered while reading, at most this many.
const MAX_ERRORS: usize = 50;

/// A GUID as compared: lower case, without braces.
fn key(guid: &str) -> String {
    guid.trim()
        .trim_start_matches('{')
        .trim_end_matches('}')
        .to_ascii_lowercase()
}

struct Ctx<'a> {
    file: String,
    doc: &'a Document<'a>,
    errors: Vec<QdaError>,
}

impl Ctx<'_> {
    fn err(&mut self, node: Node<'_, '_>, value: impl Into<String>, reason: impl Into<String>) {
        if self.errors.len() < MAX_ERRORS {
            let pos = self.doc.text_pos_at(node.range().start);
            self.errors.push(QdaError {
                file: self.file.clone(),
                line: pos.row,
                column: pos.col,
                value: value.into(),
                reason: reason.into(),
            });
        }
    }
}

fn children<'a, 'i>(n: Node<'a, 'i>, name: &'static str) -> impl Iterator<Item = Node<'a, 'i>> {
    n.children()
        .filter(move |c| c.is_element() && c.tag_name().name() == name)
}

fn child<'a, 'i>(n: Node<'a, 'i>, name: &'static str) -> Option<Node<'a, 'i>> {
    children(n, name).next()
}

fn text_of(n: Node<'_, '_>) -> String {
    n.descendants()
        .filter(|d| d.is_text())
        .filter_map(|d| d.text())
        .collect()
}

fn parse_xml<'i>(file: &str, xml: &'i str) -> Result<Document<'i>, Vec<QdaError>> {
    let opts = roxmltree::ParsingOptions {
        allow_dtd: false,
        ..roxmltree::ParsingOptions::default()
    };
    Document::parse_with_options(xml, opts).map_err(|e| {
        let pos = e.pos();
        vec![QdaError {
            file: file.to_string(),
            line: pos.row,
            column: pos.col,
            value: String::new(),
            reason: format!("bukan XML yang sah (not well-formed XML): {e}"),
        }]
    })
}

fn utf8(file: &str, bytes: Vec<u8>) -> Result<String, Vec<QdaError>> {
    let mut s = String::from_utf8(bytes).map_err(|e| {
        vec![QdaError::whole(
            file,
            format!("byte {}", e.utf8_error().valid_up_to()),
            "bukan UTF-8 (not UTF-8 text)",
        )]
    })?;
    if s.starts_with('\u{feff}') {
        s.remove(0);
    }
    Ok(s)
}

/// The codes of a `Codes` element, parents before children, with the
/// GUID of each codable one.
fn read_codes(
    cx: &mut Ctx<'_>,
    codes: Node<'_, '_>,
    out: &mut Vec<KodeKualitatif>,
    guids: &mut HashMap<String, String>,
) {
    fn walk(
        cx: &mut Ctx<'_>,
        node: Node<'_, '_>,
        parent: Option<&str>,
        out: &mut Vec<KodeKualitatif>,
        guids: &mut HashMap<String, String>,
    ) {
        let name = node.attribute("name").unwrap_or("").trim().to_string();
        if parent.is_some_and(|p| p.matches('.').count() >= MAX_DEPTH) {
            cx.err(
                node,
                &name,
                format!(
                    "kode bertingkat lebih dari {MAX_DEPTH} (codes nested deeper than {MAX_DEPTH})"
                ),
            );
            return;
        }
        let g = node.attribute("guid").unwrap_or("");
        if g.is_empty() {
            cx.err(node, &name, "Code tanpa guid (a Code has no guid)");
        }
        let description = child(node, "Description").map(text_of).unwrap_or_default();
        // monev's own code, when it wrote this one.
        let (definisi, own) = match description.trim_end().rsplit_once('\n') {
            Some((before, last)) if last.trim().starts_with(KODE_LINE) => (
                before.trim().to_string(),
                Some(last.trim()[KODE_LINE.len()..].trim()),
            ),
            None if description.trim().starts_with(KODE_LINE) => (
                String::new(),
                Some(description.trim()[KODE_LINE.len()..].trim()),
            ),
            _ => (description.trim().to_string(), None),
        };
        let kode = match own.filter(|k| valid_code(k)) {
            Some(k) => k.to_string(),
            None => {
                let mut s = slug(&name);
                if s.is_empty() {
                    s = format!("kode{}", out.len() + guids.len() + 1);
                }
                match parent {
                    Some(p) => format!("{p}.{s}"),
                    None => s,
                }
            }
        };
        let codable = node
            .attribute("isCodable")
            .is_none_or(|v| v.trim() != "false");
        if codable {
            if out.iter().any(|c| c.kode == kode) {
                cx.err(
                    node,
                    &name,
                    format!("dua kode menjadi kode monev yang sama, {kode} (two codes map to the same monev code)"),
                );
            }
            out.push(KodeKualitatif {
                kode: kode.clone(),
                nama: if name.is_empty() {
                    kode.clone()
                } else {
                    name.clone()
                },
                definisi,
            });
            guids.insert(key(g), kode.clone());
        } else {
            // A category: a level of the hierarchy; a coding of it is refused.
            guids.insert(key(g), String::new());
        }
        for c in children(node, "Code") {
            walk(cx, c, Some(&kode), out, guids);
        }
    }
    for c in children(codes, "Code") {
        walk(cx, c, None, out, guids);
    }
}

/// A `.qdc` codebook's codes, parents before children.
pub fn read_codebook(bytes: &[u8]) -> Result<Vec<KodeKualitatif>, Vec<QdaError>> {
    let file = "codebook.qdc";
    let xml = utf8(file, bytes.to_vec())?;
    let doc = parse_xml(file, &xml)?;
    let mut cx = Ctx {
        file: file.into(),
        doc: &doc,
        errors: Vec::new(),
    };
    let root = doc.root_element();
    if root.tag_name().name() != "CodeBook" {
        cx.err(
            root,
            root.tag_name().name(),
            "elemen akar harus CodeBook (the root element must be CodeBook)",
        );
        return Err(cx.errors);
    }
    let mut out = Vec::new();
    let mut guids = HashMap::new();
    if let Some(codes) = child(root, "Codes") {
        read_codes(&mut cx, codes, &mut out, &mut guids);
    }
    if cx.errors.is_empty() {
        Ok(out)
    } else {
        Err(cx.errors)
    }
}

/// The archive's entries by lower-cased path, and the reading of one.
struct Archive {
    zip: zip::ZipArchive<Cursor<Vec<u8>>>,
    names: HashMap<String, String>,
}

impl Archive {
    fn open(bytes: Vec<u8>) -> Result<Archive, Vec<QdaError>> {
        let zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| {
            vec![QdaError::whole(
                "(.qdpx)",
                "",
                format!("bukan arsip zip .qdpx (not a .qdpx zip archive): {e}"),
            )]
        })?;
        let names = zip
            .file_names()
            .filter_map(Result::ok)
            .map(|n| (n.replace('\\', "/").to_lowercase(), n.to_string()))
            .collect();
        Ok(Archive { zip, names })
    }
    fn read(&mut self, path: &str) -> Result<Option<Vec<u8>>, QdaError> {
        let Some(name) = self.names.get(&path.to_lowercase()).cloned() else {
            return Ok(None);
        };
        let mut out = Vec::new();
        self.zip
            .by_name(&name)
            .map_err(|e| QdaError::whole(&name, "", e.to_string()))?
            .take(MAX_ENTRY + 1)
            .read_to_end(&mut out)
            .map_err(|e| QdaError::whole(&name, "", e.to_string()))?;
        if out.len() as u64 > MAX_ENTRY {
            return Err(QdaError::whole(
                &name,
                "",
                "lebih dari 256 MiB (larger than 256 MiB)",
            ));
        }
        Ok(Some(out))
    }
}

/// A source's variables, by lower-cased name: its own over its cases'.
type Vars = HashMap<String, String>;

fn variable_values(node: Node<'_, '_>, names: &HashMap<String, String>, into: &mut Vars) {
    for vv in children(node, "VariableValue") {
        let Some(name) = child(vv, "VariableRef")
            .and_then(|r| r.attribute("targetGUID"))
            .and_then(|g| names.get(&key(g)))
        else {
            continue;
        };
        let value = vv
            .children()
            .find(|c| c.is_element() && c.tag_name().name().ends_with("Value"))
            .map(text_of)
            .unwrap_or_default();
        into.insert(name.clone(), value.trim().to_string());
    }
}

fn yes(v: &str) -> Option<bool> {
    match v.trim().to_lowercase().as_str() {
        "true" | "1" | "ya" | "yes" | "y" => Some(true),
        "false" | "0" | "tidak" | "no" | "n" => Some(false),
        _ => None,
    }
}

/// Character offsets of a UTF-16 position, when the text has one there.
fn utf16_to_chars(text: &str, pos: usize) -> Option<usize> {
    let mut units = 0;
    for (i, c) in text.chars().enumerate() {
        if units == pos {
            return Some(i);
        }
        units += c.len_utf16();
        if units > pos {
            return None;
        }
    }
    (units == pos).then(|| text.chars().count())
}

/// A project's interviews, documents, codes and coded segments.
pub fn read_project(bytes: &[u8], bawaan: &Bawaan) -> Result<Dibaca, Vec<QdaError>> {
    let mut ar = Archive::open(bytes.to_vec())?;
    let qde = ["project.qde"]
        .into_iter()
        .map(str::to_string)
        .chain(
            ar.names
                .keys()
                .filter(|n| n.ends_with(".qde") && !n.contains('/'))
                .cloned(),
        )
        .find(|n| ar.names.contains_key(n))
        .ok_or_else(|| {
            vec![QdaError::whole(
                "(.qdpx)",
                "",
                "tidak ada project.qde di akar arsip (no project.qde at the archive's root)",
            )]
        })?;
    let file = ar.names[&qde].clone();
    let xml = utf8(
        &file,
        ar.read(&qde).map_err(|e| vec![e])?.unwrap_or_default(),
    )?;
    let doc = parse_xml(&file, &xml)?;
    let mut cx = Ctx {
        file: file.clone(),
        doc: &doc,
        errors: Vec::new(),
    };
    let mut catatan = Vec::new();
    let root = doc.root_element();
    if root.tag_name().name() != "Project" {
        cx.err(
            root,
            root.tag_name().name(),
            "elemen akar harus Project (the root element must be Project)",
        );
        return Err(cx.errors);
    }
    let nama = root.attribute("name").unwrap_or("").to_string();
    // Users: GUID → name.
    let mut users: HashMap<String, String> = HashMap::new();
    for u in child(root, "Users")
        .into_iter()
        .flat_map(|n| children(n, "User"))
    {
        let name = u
            .attribute("name")
            .filter(|n| !n.trim().is_empty())
            .or(u.attribute("id"))
            .unwrap_or("")
            .trim()
            .to_string();
        if let Some(g) = u.attribute("guid") {
            users.insert(key(g), if name.is_empty() { key(g) } else { name });
        }
    }
    // Codes.
    let mut kode = Vec::new();
    let mut code_guids: HashMap<String, String> = HashMap::new();
    if let Some(codes) = child(root, "CodeBook").and_then(|c| child(c, "Codes")) {
        read_codes(&mut cx, codes, &mut kode, &mut code_guids);
    }
    // Variables: GUID → lower-cased name.
    let var_names: HashMap<String, String> = child(root, "Variables")
        .into_iter()
        .flat_map(|n| children(n, "Variable"))
        .filter_map(|v| {
            Some((
                key(v.attribute("guid")?),
                v.attribute("name")?.trim().to_lowercase(),
            ))
        })
        .collect();
    // Cases: their variables reach the sources they refer to.
    let mut case_vars: HashMap<String, Vars> = HashMap::new();
    for case in child(root, "Cases")
        .into_iter()
        .flat_map(|n| children(n, "Case"))
    {
        let mut vars = Vars::new();
        variable_values(case, &var_names, &mut vars);
        for r in children(case, "SourceRef") {
            if let Some(g) = r.attribute("targetGUID") {
                case_vars.entry(key(g)).or_default().extend(vars.clone());
            }
        }
    }
    // Notes: GUID → text (inline; or its plain-text file).
    let mut notes: HashMap<String, String> = HashMap::new();
    for n in child(root, "Notes")
        .into_iter()
        .flat_map(|n| children(n, "Note"))
    {
        let Some(g) = n.attribute("guid") else {
            continue;
        };
        let mut text = child(n, "PlainTextContent")
            .map(text_of)
            .unwrap_or_default();
        if text.is_empty()
            && let Some(path) = n
                .attribute("plainTextPath")
                .and_then(|p| p.strip_prefix("internal://"))
        {
            for dir in ["sources/", ""] {
                if let Ok(Some(b)) = ar.read(&format!("{dir}{path}"))
                    && let Ok(t) = utf8(path, b)
                {
                    text = t;
                    break;
                }
            }
        }
        notes.insert(key(g), text.trim().to_string());
    }
    let project_user = root
        .attribute("creatingUserGUID")
        .and_then(|g| users.get(&key(g)).cloned());

    let mut wawancara: Vec<Wawancara> = Vec::new();
    let mut dokumen: Vec<Dokumen> = Vec::new();
    let mut kutipan: Vec<Kutipan> = Vec::new();
    let mut taken: HashSet<String> = HashSet::new();
    let known: HashSet<&str> = bawaan.instansi_dikenal.iter().map(String::as_str).collect();
    let mut skipped: BTreeMap<&str, usize> = BTreeMap::new();
    // Text sources, and the text representations of PDF sources.
    let mut texts: Vec<(Node<'_, '_>, Node<'_, '_>)> = Vec::new();
    for s in child(root, "Sources")
        .into_iter()
        .flat_map(|n| n.children().filter(|c| c.is_element()))
    {
        match s.tag_name().name() {
            "TextSource" => texts.push((s, s)),
            "PDFSource" => {
                if let Some(r) = child(s, "Representation") {
                    texts.push((s, r));
                }
                if child(s, "PDFSelection").is_some() {
                    *skipped.entry("PDFSelection").or_default() +=
                        children(s, "PDFSelection").count();
                }
            }
            other @ ("PictureSource" | "AudioSource" | "VideoSource") => {
                *skipped.entry(other).or_default() += 1;
            }
            _ => {}
        }
    }
    for (outer, src) in texts {
        let name = outer.attribute("name").unwrap_or("").trim().to_string();
        let g = key(outer.attribute("guid").unwrap_or(""));
        // The text: inline, or the internal plain-text file.
        let text = match (
            child(src, "PlainTextContent"),
            src.attribute("plainTextPath"),
        ) {
            (Some(c), _) => Some(text_of(c)),
            (None, Some(path)) => match path.strip_prefix("internal://") {
                Some(rel) => {
                    let mut found = None;
                    for dir in ["sources/", ""] {
                        match ar.read(&format!("{dir}{rel}")) {
                            Ok(Some(b)) => {
                                found = Some(utf8(&format!("sources/{rel}"), b));
                                break;
                            }
                            Ok(None) => {}
                            Err(e) => {
                                found = Some(Err(vec![e]));
                                break;
                            }
                        }
                    }
                    match found {
                        Some(Ok(t)) => Some(t),
                        Some(Err(mut es)) => {
                            cx.errors.append(&mut es);
                            continue;
                        }
                        None => {
                            cx.err(src, path, "berkas teks sumber tidak ada dalam arsip (the source's text file is not in the archive)");
                            continue;
                        }
                    }
                }
                None => {
                    cx.err(src, path, "teks sumber di luar proyek (relative:// atau absolute://) tidak bisa dibaca; ekspor proyek dengan sumber di dalamnya (the source's text is outside the project)");
                    continue;
                }
            },
            (None, None) => None,
        };
        let Some(text) = text else {
            cx.err(src, &name, "sumber tanpa teks polos (plainTextPath atau PlainTextContent) (a text source without its plain text)");
            continue;
        };
        let mut vars = case_vars.get(&g).cloned().unwrap_or_default();
        variable_values(outer, &var_names, &mut vars);
        let var = |k: &str| vars.get(k).filter(|v| !v.is_empty()).cloned();
        let is_doc = var("sumber").is_some_and(|s| s.eq_ignore_ascii_case("dokumen"))
            || outer.tag_name().name() == "PDFSource";
        // The source's code: its variable, else its name, unique.
        let mut code = var("kode").unwrap_or_else(|| name.clone());
        if code.is_empty() {
            code = format!(
                "{}{:02}",
                if is_doc { "D" } else { "W" },
                wawancara.len() + dokumen.len() + 1
            );
        }
        if code.chars().count() > 64 {
            code = code.chars().take(64).collect();
        }
        let base = code.clone();
        let mut n = 2;
        while !taken.insert(code.clone()) {
            code = format!("{base} ({n})");
            n += 1;
        }
        let sumber = if is_doc {
            Sumber::Dokumen(code.clone())
        } else {
            Sumber::Wawancara(code.clone())
        };
        let source_user = src
            .attribute("creatingUser")
            .or(outer.attribute("creatingUser"))
            .map(key);
        if is_doc {
            let jenis = var("jenis").unwrap_or_else(|| "lainnya".into());
            if monev_domain::JenisDokumen::parse(&jenis).is_none() {
                cx.err(
                    outer,
                    &jenis,
                    "jenis dokumen harus laporan, sk, anggaran, notulen atau lainnya",
                );
            }
            dokumen.push(Dokumen {
                kode: code.clone(),
                judul: if name.is_empty() {
                    code.clone()
                } else {
                    name.clone()
                },
                jenis: monev_domain::JenisDokumen::parse(&jenis)
                    .map_or(jenis, |j| j.code().to_string()),
                teks: text.clone(),
            });
        } else {
            let kelompok = match var("kelompok") {
                Some(k) => match KelompokResponden::parse(&k) {
                    Ok(k) => Some(k),
                    Err(e) => {
                        cx.err(outer, &k, format!("variabel kelompok: {e}"));
                        None
                    }
                },
                None => bawaan.kelompok,
            };
            let instansi = var("instansi").or_else(|| bawaan.instansi.clone());
            let persetujuan = match var("persetujuan") {
                Some(v) => yes(&v).or_else(|| {
                    cx.err(
                        outer,
                        &v,
                        "variabel persetujuan harus ya/tidak (true/false)",
                    );
                    None
                }),
                None => bawaan.persetujuan,
            };
            let tanggal = match var("tanggal") {
                Some(t) => Date::parse(t.get(..10).unwrap_or(&t))
                    .map_err(|e| cx.err(outer, &t, format!("variabel tanggal: {e}")))
                    .ok(),
                None => bawaan.tanggal.or_else(|| {
                    outer
                        .attribute("creationDateTime")
                        .and_then(|d| Date::parse(d.get(..10)?).ok())
                }),
            };
            let missing: Vec<&str> = [
                ("kelompok", kelompok.is_none()),
                ("instansi", instansi.is_none()),
                ("persetujuan", persetujuan.is_none()),
                ("tanggal", tanggal.is_none()),
            ]
            .iter()
            .filter(|(_, m)| *m)
            .map(|(n, _)| *n)
            .collect();
            if !missing.is_empty() {
                cx.err(
                    outer,
                    &name,
                    format!(
                        "wawancara tanpa {}: beri variabel itu pada sumber atau kasusnya di perangkat QDA, atau nilai bawaan saat impor (--kelompok, --instansi, --persetujuan, --tanggal) (the interview lacks these)",
                        missing.join(", ")
                    ),
                );
            }
            if let Some(i) = &instansi
                && !known.is_empty()
                && !known.contains(i.as_str())
            {
                cx.err(
                    outer,
                    i,
                    "instansi tidak ada di program (no such instansi in the programme)",
                );
            }
            if persetujuan == Some(false) {
                cx.err(outer, &name, "wawancara tanpa persetujuan responden tidak disimpan (an interview without informed consent is not kept)");
            }
            if let (Some(kelompok), Some(instansi), Some(persetujuan), Some(tanggal)) =
                (kelompok, instansi, persetujuan, tanggal)
            {
                wawancara.push(Wawancara {
                    kode: code.clone(),
                    tanggal,
                    pewawancara: var("pewawancara").unwrap_or_default(),
                    kelompok,
                    instansi,
                    persetujuan,
                    transkrip: text.clone(),
                });
            }
        }
        // Selections: positions in code points, or (when only they fit)
        // UTF-16 units.
        let chars = text.chars().count();
        let selections: Vec<Node<'_, '_>> = children(src, "PlainTextSelection").collect();
        let parsed: Vec<Option<(usize, usize)>> = selections
            .iter()
            .map(|s| {
                let a = s.attribute("startPosition")?.trim().parse::<usize>().ok()?;
                let b = s.attribute("endPosition")?.trim().parse::<usize>().ok()?;
                Some((a, b))
            })
            .collect();
        let fits_chars = parsed.iter().flatten().all(|(a, b)| a <= b && *b <= chars);
        let utf16 = !fits_chars
            && parsed.iter().flatten().all(|(a, b)| {
                a <= b && utf16_to_chars(&text, *a).is_some() && utf16_to_chars(&text, *b).is_some()
            });
        if utf16 {
            catatan.push(format!(
                "{name}: posisi dibaca sebagai unit UTF-16 (positions read as UTF-16 code units)"
            ));
        }
        for (s, pos) in selections.iter().zip(parsed) {
            let Some((a, b)) = pos else {
                cx.err(*s, s.attribute("startPosition").unwrap_or(""), "startPosition dan endPosition harus bilangan bulat ≥ 0 (positions must be whole numbers)");
                continue;
            };
            let (a, b) = if utf16 {
                (
                    utf16_to_chars(&text, a).unwrap_or(a),
                    utf16_to_chars(&text, b).unwrap_or(b),
                )
            } else {
                (a, b)
            };
            if a > b || b > chars {
                cx.err(*s, format!("{a}–{b}"), format!("posisi di luar teks sumber ({chars} karakter) (positions outside the source's text)"));
                continue;
            }
            let mut memo: Vec<String> = child(*s, "Description")
                .map(text_of)
                .filter(|d| !d.trim().is_empty())
                .map(|d| d.trim().to_string())
                .into_iter()
                .collect();
            for r in children(*s, "NoteRef") {
                if let Some(t) = r
                    .attribute("targetGUID")
                    .and_then(|g| notes.get(&key(g)))
                    .filter(|t| !t.is_empty())
                {
                    memo.push(t.clone());
                }
            }
            let sel_user = s.attribute("creatingUser").map(key);
            for coding in children(*s, "Coding") {
                let Some(target) = child(coding, "CodeRef").and_then(|r| r.attribute("targetGUID"))
                else {
                    cx.err(
                        coding,
                        "",
                        "Coding tanpa CodeRef (a Coding without its CodeRef)",
                    );
                    continue;
                };
                let code = match code_guids.get(&key(target)) {
                    Some(c) if !c.is_empty() => c.clone(),
                    Some(_) => {
                        cx.err(
                            coding,
                            target,
                            "kode ini kategori (isCodable=\"false\") (the code is not codable)",
                        );
                        continue;
                    }
                    None => {
                        cx.err(
                            coding,
                            target,
                            "CodeRef menunjuk kode yang tidak ada di CodeBook (no such code)",
                        );
                        continue;
                    }
                };
                let who = coding
                    .attribute("creatingUser")
                    .map(key)
                    .or(sel_user.clone())
                    .or(source_user.clone());
                let pengkode = match who {
                    Some(g) => users.get(&g).cloned().unwrap_or_else(|| {
                        catatan.push(format!("{name}: pengkode {g} tidak ada di Users (an unknown coder GUID), dipakai apa adanya"));
                        g
                    }),
                    None => match bawaan.pengkode.clone().or(project_user.clone()) {
                        Some(p) => p,
                        None => {
                            cx.err(coding, "", "Coding tanpa pengkode (creatingUser) dan tanpa pengkode bawaan (--pengkode) (no coder)");
                            continue;
                        }
                    },
                };
                kutipan.push(Kutipan {
                    sumber: sumber.clone(),
                    mulai: a,
                    selesai: b,
                    kode: code,
                    pengkode,
                    memo: (!memo.is_empty()).then(|| memo.join("\n")),
                });
            }
        }
    }
    for (what, n) in skipped {
        catatan.push(format!(
            "{n} {what} tidak diimpor: monev menyimpan teks saja (not imported: monev holds text only)"
        ));
    }
    catatan.dedup();
    if !cx.errors.is_empty() {
        return Err(cx.errors);
    }
    Ok(Dibaca {
        proyek: Proyek {
            nama,
            wawancara,
            dokumen,
            kode,
            kutipan,
        },
        catatan,
    })
}
