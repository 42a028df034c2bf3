//! REFI-QDA exchange: the format NVivo, ATLAS.ti, MAXQDA, QualCoder and
//! other QDA software use to hand a project to one another (QDA-XML 1.0,
//! the REFI-QDA standard 1.5).
//!
//! - A **project** (`.qdpx`) is a zip holding `project.qde` (XML in the
//!   namespace `urn:QDA-XML:project:1.0`: users, the codebook, variables,
//!   cases, sources with their coded selections, notes) and the sources'
//!   files under `sources/` (`internal://GUID.txt`). [`read_project`] turns
//!   one into monev's interviews, documents, codes and coded segments;
//!   [`write_project`] writes them as one.
//! - A **codebook** (`.qdc`) is the codes alone (`urn:QDA-XML:codebook:1.0`):
//!   [`read_codebook`], [`write_codebook`].
//!
//! **Positions.** A `PlainTextSelection`'s `startPosition` and `endPosition`
//! count characters of the source's plain text from 0, the end exclusive;
//! the standard's characters are Unicode code points (what Python's string
//! indices, and so QualCoder, count), which is what monev's segments count
//! too, so positions pass unchanged. Tools built on .NET or Java count
//! UTF-16 code units, which differ from code points after a character
//! outside the Basic Multilingual Plane (an emoji, a rare CJK character): a
//! source whose selections only fit its text in UTF-16 units is read in
//! those units and converted, and the import says so ([`Dibaca::catatan`]).
//! A byte-order mark at the start of a plain-text file is not text and is
//! not counted; line ends are counted as they are in the file (CR LF is two
//! characters).
//!
//! **What maps to what.** A text source is an interview, or a document when
//! its variable `sumber` is `dokumen`; its variables (on the source, or on a
//! case that refers to it) give what monev needs: `kelompok`, `instansi`,
//! `persetujuan`, `tanggal`, `pewawancara` for an interview, `judul` and
//! `jenis` for a document, `kode` for either (else the source's name). What
//! is missing is taken from [`Bawaan`] (the import's options), and refused
//! with a located error when it has no default. Codes keep their hierarchy:
//! a child's monev code is its parent's and its own name joined with a dot
//! (`kendala.partisipasi`), unless its description ends with the line
//! `monev: <kode>` that monev writes. A non-codable code (a category) is a
//! level of the hierarchy, not a code. Each `Coding` of a selection is a
//! segment; its coder is the `User` its `creatingUser` names (the
//! selection's, else the source's); the selection's `Description` and the
//! notes it refers to are the segment's memo. Picture, audio, video and PDF
//! selections are not text: they are listed in [`Dibaca::catatan`], not
//! imported (a PDF's text representation is).

mod read;
mod write;

pub use read::{read_codebook, read_project};
pub use write::{write_codebook, write_project};

use monev_domain::{Date, Dokumen, KelompokResponden, KodeKualitatif, Kutipan, Wawancara};

/// The namespace of `project.qde`.
pub const NS_PROJECT: &str = "urn:QDA-XML:project:1.0";
/// The namespace of a `.qdc` codebook.
pub const NS_CODEBOOK: &str = "urn:QDA-XML:codebook:1.0";

/// The qualitative evidence a project carries, in monev's terms.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Proyek {
    /// The project's name.
    pub nama: String,
    pub wawancara: Vec<Wawancara>,
    pub dokumen: Vec<Dokumen>,
    /// The codebook, parents before children.
    pub kode: Vec<KodeKualitatif>,
    pub kutipan: Vec<Kutipan>,
}

/// A project read, and what the reader noticed without refusing it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Dibaca {
    pub proyek: Proyek,
    /// Sources that are not text (not imported), positions read in UTF-16
    /// units, coders named by an unknown GUID, … one line each.
    pub catatan: Vec<String>,
}

/// What a source without its own variables is taken to be.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Bawaan {
    pub kelompok: Option<KelompokResponden>,
    pub instansi: Option<String>,
    /// Informed consent for every interview that does not say otherwise.
    pub persetujuan: Option<bool>,
    pub tanggal: Option<Date>,
    /// The coder of a selection that names none.
    pub pengkode: Option<String>,
    /// The programme's instansi codes: an interview naming another is
    /// refused. Empty: not checked.
    pub instansi_dikenal: Vec<String>,
}

/// Why a project or codebook is refused: where (the file inside the
/// archive, line and column, 1-based), the value, and the reason.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}, baris {line}, kolom {column}: {value:?}: {reason}")]
pub struct QdaError {
    pub file: String,
    pub line: u32,
    pub column: u32,
    pub value: String,
    pub reason: String,
}

impl QdaError {
    fn whole(file: &str, value: impl Into<String>, reason: impl Into<String>) -> QdaError {
        QdaError {
            file: file.to_string(),
            line: 0,
            column: 0,
            value: value.into(),
            reason: reason.into(),
        }
    }
}

/// The line monev adds to a code's description so that its own code
/// survives a trip through another tool.
const KODE_LINE: &str = "monev: ";

/// The monev code of a name: lower case, letters and digits, every other
/// run of characters one `_`.
fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.trim().chars().flat_map(char::to_lowercase) {
        // Latin letters with diacritics as their base letter.
        let folded = match c {
            'à'..='å' | 'ā' => "a",
            'æ' => "ae",
            'ç' => "c",
            'è'..='ë' | 'ē' => "e",
            'ì'..='ï' | 'ī' => "i",
            'ñ' => "n",
            'ò'..='ö' | 'ø' | 'ō' => "o",
            'ù'..='ü' | 'ū' => "u",
            'ý' | 'ÿ' => "y",
            'ß' => "ss",
            _ => "",
        };
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !folded.is_empty() {
            out.push_str(folded);
        } else if !out.ends_with('_') {
            out.push('_');
        }
    }
    out.trim_matches('_').to_string()
}

/// A monev code: `[a-z0-9_]+` segments joined by dots.
fn valid_code(kode: &str) -> bool {
    !kode.is_empty()
        && kode.split('.').all(|s| {
            !s.is_empty()
                && s.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_become_codes() {
        assert_eq!(slug("Partisipasi rendah"), "partisipasi_rendah");
        assert_eq!(slug("  Kendala / Hambatan  "), "kendala_hambatan");
        assert_eq!(slug("Ärger über Wartezeit"), "arger_uber_wartezeit");
        assert_eq!(slug("访谈"), "");
        assert!(valid_code("kendala.partisipasi"));
        assert!(!valid_code("kendala..partisipasi"));
        assert!(!valid_code("Kendala"));
    }
}
