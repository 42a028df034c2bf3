//! Writing a `.qdpx` project and a `.qdc` codebook.
//!
//! GUIDs are UUID version 5 of what they name (the project's name and the
//! code, coder or source), so writing the same evidence twice gives the
//! same file, and a code keeps its GUID from one export to the next.

use std::collections::{BTreeMap, BTreeSet};
use std::io::{Cursor, Write};

use monev_domain::{KodeKualitatif, Kutipan, Sumber};
use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use uuid::Uuid;

use crate::{KODE_LINE, NS_CODEBOOK, NS_PROJECT, Proyek};

/// monev's namespace for the GUIDs it derives.
const NAMESPACE: Uuid = Uuid::from_u128(0x6d6f_6e65_765f_7164_6170_7831_2e30_0000);

fn guid(kind: &str, key: &str) -> String {
    Uuid::new_v5(&NAMESPACE, format!("{kind}\u{0}{key}").as_bytes())
        .hyphenated()
        .to_string()
}

type W = Writer<Cursor<Vec<u8>>>;

fn start(w: &mut W, name: &str, attrs: &[(&str, &str)]) {
    let mut e = BytesStart::new(name);
    for (k, v) in attrs {
        e.push_attribute((*k, *v));
    }
    w.write_event(Event::Start(e)).expect("writing to memory");
}

fn empty(w: &mut W, name: &str, attrs: &[(&str, &str)]) {
    let mut e = BytesStart::new(name);
    for (k, v) in attrs {
        e.push_attribute((*k, *v));
    }
    w.write_event(Event::Empty(e)).expect("writing to memory");
}

fn end(w: &mut W, name: &str) {
    w.write_event(Event::End(BytesEnd::new(name)))
        .expect("writing to memory");
}

fn text_element(w: &mut W, name: &str, text: &str) {
    start(w, name, &[]);
    w.write_event(Event::Text(BytesText::new(text)))
        .expect("writing to memory");
    end(w, name);
}

fn document(root: &str, ns: &str, attrs: &[(&str, &str)], body: impl FnOnce(&mut W)) -> Vec<u8> {
    let mut w = Writer::new_with_indent(Cursor::new(Vec::new()), b' ', 1);
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("utf-8"), None)))
        .expect("writing to memory");
    let mut all = vec![("xmlns", ns)];
    all.extend_from_slice(attrs);
    start(&mut w, root, &all);
    body(&mut w);
    end(&mut w, root);
    w.into_inner().into_inner()
}

/// The codebook's tree: each code under its parent; a parent that is not a
/// code of its own is written as a non-codable category.
struct Tree<'a> {
    /// kode → (the code, when it is one; its children's kode)
    nodes: BTreeMap<String, (Option<&'a KodeKualitatif>, Vec<String>)>,
    roots: Vec<String>,
}

fn tree(codes: &[KodeKualitatif]) -> Tree<'_> {
    let mut nodes: BTreeMap<String, (Option<&KodeKualitatif>, Vec<String>)> = BTreeMap::new();
    let mut roots = Vec::new();
    // In the codebook's order, each code's missing ancestors first.
    for c in codes {
        let parts: Vec<&str> = c.kode.split('.').collect();
        for depth in 1..=parts.len() {
            let kode = parts[..depth].join(".");
            let fresh = !nodes.contains_key(&kode);
            let node = nodes.entry(kode.clone()).or_default();
            if depth == parts.len() {
                node.0 = Some(c);
            }
            if fresh {
                if depth == 1 {
                    roots.push(kode);
                } else {
                    let parent = parts[..depth - 1].join(".");
                    nodes.get_mut(&parent).expect("ancestor first").1.push(kode);
                }
            }
        }
    }
    Tree { nodes, roots }
}

fn write_code(w: &mut W, t: &Tree<'_>, kode: &str) {
    let (code, children) = &t.nodes[kode];
    let g = guid("kode", kode);
    let last = kode.rsplit('.').next().unwrap_or(kode);
    let name = code.map_or(last, |c| c.nama.as_str());
    let codable = if code.is_some() { "true" } else { "false" };
    start(
        w,
        "Code",
        &[("guid", &g), ("name", name), ("isCodable", codable)],
    );
    let definisi = code.map_or("", |c| c.definisi.trim());
    let description = if definisi.is_empty() {
        format!("{KODE_LINE}{kode}")
    } else {
        format!("{definisi}\n{KODE_LINE}{kode}")
    };
    text_element(w, "Description", &description);
    for child in children {
        write_code(w, t, child);
    }
    end(w, "Code");
}

fn write_codes(w: &mut W, codes: &[KodeKualitatif]) {
    let t = tree(codes);
    start(w, "Codes", &[]);
    for r in &t.roots {
        write_code(w, &t, r);
    }
    end(w, "Codes");
}

/// A `.qdc` codebook of these codes (hierarchy kept, definitions as
/// descriptions).
pub fn write_codebook(codes: &[KodeKualitatif]) -> Vec<u8> {
    document("CodeBook", NS_CODEBOOK, &[], |w| write_codes(w, codes))
}

/// The variables monev writes on every source, with their REFI types.
const VARIABLES: [(&str, &str); 8] = [
    ("kode", "Text"),
    ("sumber", "Text"),
    ("kelompok", "Text"),
    ("instansi", "Text"),
    ("persetujuan", "Boolean"),
    ("tanggal", "Date"),
    ("pewawancara", "Text"),
    ("jenis", "Text"),
];

fn variable_value(w: &mut W, name: &str, value: &str) {
    let (_, kind) = VARIABLES
        .iter()
        .find(|(n, _)| *n == name)
        .expect("a variable monev writes");
    start(w, "VariableValue", &[]);
    empty(w, "VariableRef", &[("targetGUID", &guid("variabel", name))]);
    let element = match *kind {
        "Boolean" => "BooleanValue",
        "Date" => "DateValue",
        _ => "TextValue",
    };
    text_element(w, element, value);
    end(w, "VariableValue");
}

/// One text source: its selections (one per segment, with its coder and
/// memo) and its variables.
fn write_source(
    w: &mut W,
    sumber: &Sumber,
    name: &str,
    segments: &[&Kutipan],
    variables: &[(&str, String)],
    users: &BTreeMap<&str, String>,
) -> (String, String) {
    let g = guid(sumber.jenis(), sumber.kode());
    let path = format!("internal://{g}.txt");
    start(
        w,
        "TextSource",
        &[("guid", &g), ("name", name), ("plainTextPath", &path)],
    );
    for (i, k) in segments.iter().enumerate() {
        let key = format!(
            "{}\u{0}{}\u{0}{}\u{0}{}\u{0}{}\u{0}{}",
            sumber.kode(),
            k.mulai,
            k.selesai,
            k.kode,
            k.pengkode,
            i
        );
        let (s, e) = (k.mulai.to_string(), k.selesai.to_string());
        let user = &users[k.pengkode.as_str()];
        start(
            w,
            "PlainTextSelection",
            &[
                ("guid", &guid("segmen", &key)),
                ("startPosition", &s),
                ("endPosition", &e),
                ("creatingUser", user),
            ],
        );
        if let Some(m) = k.memo.as_deref().filter(|m| !m.is_empty()) {
            text_element(w, "Description", m);
        }
        start(
            w,
            "Coding",
            &[("guid", &guid("coding", &key)), ("creatingUser", user)],
        );
        empty(w, "CodeRef", &[("targetGUID", &guid("kode", &k.kode))]);
        end(w, "Coding");
        end(w, "PlainTextSelection");
    }
    for (name, value) in variables {
        variable_value(w, name, value);
    }
    end(w, "TextSource");
    (g, path)
}

/// A `.qdpx` project: `project.qde` and each source's text as
/// `sources/GUID.txt` (UTF-8, no byte-order mark).
pub fn write_project(p: &Proyek) -> Vec<u8> {
    // Coders: of segments, and interviewers are not coders.
    let coders: BTreeSet<&str> = p.kutipan.iter().map(|k| k.pengkode.as_str()).collect();
    let users: BTreeMap<&str, String> = coders.iter().map(|c| (*c, guid("pengguna", c))).collect();
    // Codes: the codebook, and any code a segment uses that it lacks.
    let mut codes = p.kode.clone();
    for k in &p.kutipan {
        if !codes.iter().any(|c| c.kode == k.kode) {
            codes.push(KodeKualitatif {
                kode: k.kode.clone(),
                nama: k.kode.clone(),
                definisi: String::new(),
            });
        }
    }
    let mut by_source: BTreeMap<&Sumber, Vec<&Kutipan>> = BTreeMap::new();
    for k in &p.kutipan {
        by_source.entry(&k.sumber).or_default().push(k);
    }
    let mut files: Vec<(String, &str)> = Vec::new();
    let xml = document(
        "Project",
        NS_PROJECT,
        &[("name", &p.nama), ("origin", "monev")],
        |w| {
            if !users.is_empty() {
                start(w, "Users", &[]);
                for (name, g) in &users {
                    empty(w, "User", &[("guid", g), ("name", name)]);
                }
                end(w, "Users");
            }
            if !codes.is_empty() {
                start(w, "CodeBook", &[]);
                write_codes(w, &codes);
                end(w, "CodeBook");
            }
            start(w, "Variables", &[]);
            for (name, kind) in VARIABLES {
                empty(
                    w,
                    "Variable",
                    &[
                        ("guid", &guid("variabel", name)),
                        ("name", name),
                        ("typeOfVariable", kind),
                    ],
                );
            }
            end(w, "Variables");
            if !p.wawancara.is_empty() || !p.dokumen.is_empty() {
                start(w, "Sources", &[]);
                for iv in &p.wawancara {
                    let s = Sumber::Wawancara(iv.kode.clone());
                    let segs = by_source.get(&s).map_or(&[][..], Vec::as_slice);
                    let vars = [
                        ("kode", iv.kode.clone()),
                        ("sumber", "wawancara".to_string()),
                        ("kelompok", iv.kelompok.code().to_string()),
                        ("instansi", iv.instansi.clone()),
                        ("persetujuan", iv.persetujuan.to_string()),
                        ("tanggal", iv.tanggal.to_string()),
                        ("pewawancara", iv.pewawancara.clone()),
                    ];
                    let (g, _) = write_source(w, &s, &iv.kode, segs, &vars, &users);
                    files.push((g, &iv.transkrip));
                }
                for d in &p.dokumen {
                    let s = Sumber::Dokumen(d.kode.clone());
                    let segs = by_source.get(&s).map_or(&[][..], Vec::as_slice);
                    let vars = [
                        ("kode", d.kode.clone()),
                        ("sumber", "dokumen".to_string()),
                        ("jenis", d.jenis.clone()),
                    ];
                    let (g, _) = write_source(w, &s, &d.judul, segs, &vars, &users);
                    files.push((g, &d.teks));
                }
                end(w, "Sources");
            }
        },
    );
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        // A fixed time: the same evidence gives the same bytes.
        .last_modified_time(zip::DateTime::default());
    zip.start_file("project.qde", opts).expect("zip in memory");
    zip.write_all(&xml).expect("zip in memory");
    for (g, text) in files {
        zip.start_file(format!("sources/{g}.txt"), opts)
            .expect("zip in memory");
        zip.write_all(text.as_bytes()).expect("zip in memory");
    }
    zip.finish().expect("zip in memory").into_inner()
}
