//! Text out of the documents an evaluation analyses: programme reports,
//! decrees (SK), budget papers, minutes. PDF (its text layer), DOCX
//! (`word/document.xml`) and plain text. A PDF whose pages carry no text —
//! a scan — is refused as such, so it is never stored as an empty document;
//! a PDF with some empty pages names them. A parser failure (or a panic in
//! the PDF library) becomes an error, never a crash.

use std::io::Read;
use std::path::Path;

pub use monev_domain::JenisDokumen as Jenis;

/// A document's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Extracted {
    pub teks: String,
    /// Pages (PDF) or 1.
    pub halaman: usize,
    /// 1-based numbers of PDF pages without any text (scanned pages in an
    /// otherwise typed document).
    pub halaman_tanpa_teks: Vec<usize>,
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum DocError {
    #[error(
        "{file}: PDF tanpa lapisan teks ({pages} halaman), kemungkinan hasil pindaian; jalankan OCR dulu lalu unggah lagi (a scanned PDF with no text layer: run OCR first)"
    )]
    Scanned { file: String, pages: usize },
    #[error("{file}: dokumen tanpa teks (the document holds no text)")]
    Empty { file: String },
    #[error(
        "{file}: jenis berkas tidak didukung ({ext}); unggah PDF, DOCX atau TXT (unsupported file type)"
    )]
    Unsupported { file: String, ext: String },
    #[error("{file}: tidak dapat dibaca (cannot be read): {reason}")]
    Corrupt { file: String, reason: String },
}

pub fn extract_file(path: &Path) -> Result<Extracted, DocError> {
    let name = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|e| DocError::Corrupt {
        file: name.clone(),
        reason: e.to_string(),
    })?;
    extract(&name, &bytes)
}

/// The text of a document named `name` (its extension decides the format).
pub fn extract(name: &str, bytes: &[u8]) -> Result<Extracted, DocError> {
    let ext = name
        .rsplit_once('.')
        .map(|(_, e)| e.to_lowercase())
        .unwrap_or_default();
    let corrupt = |reason: String| DocError::Corrupt {
        file: name.to_string(),
        reason,
    };
    let out = match ext.as_str() {
        "pdf" => pdf(name, bytes)?,
        "docx" => Extracted {
            teks: docx(bytes).map_err(corrupt)?,
            halaman: 1,
            halaman_tanpa_teks: Vec::new(),
        },
        "txt" | "md" => Extracted {
            teks: String::from_utf8(bytes.to_vec())
                .map_err(|_| {
                    corrupt("bukan teks UTF-8 (not UTF-8 text); simpan ulang sebagai UTF-8".into())
                })?
                .trim_start_matches('\u{feff}')
                .to_string(),
            halaman: 1,
            halaman_tanpa_teks: Vec::new(),
        },
        _ => {
            return Err(DocError::Unsupported {
                file: name.to_string(),
                ext,
            });
        }
    };
    if out.teks.trim().is_empty() {
        return Err(DocError::Empty {
            file: name.to_string(),
        });
    }
    Ok(out)
}

/// The longest chain of `/Parent` links a page may inherit through.
const MAX_PARENT_DEPTH: usize = 64;

/// Refuses a page tree whose `/Parent` links loop or run deeper than
/// [`MAX_PARENT_DEPTH`]: pdf-extract follows them recursively to find
/// inherited resources, so a page that is its own parent spun forever (found
/// by fuzzing; one upload would have held a server thread at full CPU).
fn check_page_tree(bytes: &[u8]) -> Result<(), String> {
    let doc = pdf_extract::Document::load_mem(bytes).map_err(|e| e.to_string())?;
    for (id, object) in &doc.objects {
        let Ok(mut dict) = object.as_dict() else {
            continue;
        };
        let mut seen = vec![*id];
        while let Ok(parent) = dict.get(b"Parent").and_then(|p| p.as_reference()) {
            if seen.contains(&parent) || seen.len() > MAX_PARENT_DEPTH {
                return Err(format!(
                    "pohon halaman berputar di objek {} {} (the page tree loops)",
                    parent.0, parent.1
                ));
            }
            seen.push(parent);
            match doc.get_dictionary(parent) {
                Ok(d) => dict = d,
                Err(_) => break,
            }
        }
    }
    Ok(())
}

fn pdf(name: &str, bytes: &[u8]) -> Result<Extracted, DocError> {
    check_page_tree(bytes).map_err(|reason| DocError::Corrupt {
        file: name.to_string(),
        reason,
    })?;
    let owned = bytes.to_vec();
    // pdf-extract panics on some malformed files: that must not reach a user.
    let pages =
        std::panic::catch_unwind(move || pdf_extract::extract_text_from_mem_by_pages(&owned))
            .map_err(|_| DocError::Corrupt {
                file: name.to_string(),
                reason: "PDF rusak atau tidak lazim (a malformed PDF)".into(),
            })?
            .map_err(|e| DocError::Corrupt {
                file: name.to_string(),
                reason: e.to_string(),
            })?;
    let empty: Vec<usize> = pages
        .iter()
        .enumerate()
        .filter(|(_, t)| t.trim().is_empty())
        .map(|(i, _)| i + 1)
        .collect();
    if !pages.is_empty() && empty.len() == pages.len() {
        return Err(DocError::Scanned {
            file: name.to_string(),
            pages: pages.len(),
        });
    }
    Ok(Extracted {
        teks: pages
            .iter()
            .map(|p| p.trim())
            .filter(|p| !p.is_empty())
            .collect::<Vec<_>>()
            .join("\n\n"),
        halaman: pages.len(),
        halaman_tanpa_teks: empty,
    })
}

/// The text of `word/document.xml`: runs' `<w:t>`, tabs, breaks, a line per
/// paragraph.
fn docx(bytes: &[u8]) -> Result<String, String> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| format!("bukan berkas DOCX (not a DOCX zip): {e}"))?;
    let mut xml = String::new();
    // At most 256 MiB of text: a deflated part can claim any size (a zip
    // bomb), and the whole part is held in memory.
    const MAX_PART: u64 = 256 << 20;
    zip.by_name("word/document.xml")
        .map_err(|_| "word/document.xml tidak ada (no document part)".to_string())?
        .take(MAX_PART + 1)
        .read_to_string(&mut xml)
        .map_err(|e| e.to_string())?;
    if xml.len() as u64 > MAX_PART {
        return Err(format!(
            "teks dokumen lebih dari {} MiB (the document part is too large; a zip bomb?)",
            MAX_PART >> 20
        ));
    }
    // Only this part is read. A DTD is refused as OOXML requires (here, and
    // by roxmltree's defaults), so no entity is declared, none expanded
    // beyond XML's own five and character references, and no document keeps
    // a `&lol9;` around for a later reader to expand.
    monev_domain::xml::check_prolog(xml.as_bytes())
        .map_err(|why| format!("word/document.xml {why}"))?;
    let doc = roxmltree::Document::parse(&xml)
        .map_err(|e| format!("word/document.xml bukan XML yang sah (not well-formed XML): {e}"))?;
    const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
    let mut out = String::new();
    let is = |n: &roxmltree::Node, name: &str| {
        n.is_element() && n.tag_name().namespace() == Some(W) && n.tag_name().name() == name
    };
    // Paragraphs open around the node visited (document order, no
    // recursion: a hostile document may nest deeply); a line ends with each.
    let mut open: Vec<roxmltree::Node> = Vec::new();
    for n in doc.root().descendants() {
        while let Some(p) = open.last() {
            if n.range().start < p.range().end {
                break; // inside it
            }
            open.pop();
            out.push('\n');
        }
        if is(&n, "t") {
            out.push_str(n.text().unwrap_or(""));
        } else if is(&n, "tab") {
            out.push('\t');
        } else if is(&n, "br") || is(&n, "cr") {
            out.push('\n');
        } else if is(&n, "p") {
            open.push(n);
        }
    }
    Ok(out.trim_end().to_string())
}
