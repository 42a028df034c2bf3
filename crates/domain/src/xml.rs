//! Office Open XML parts (XLSX, DOCX) must not declare a DTD: ECMA-376
//! Part 2 (Open Packaging Conventions) requires consumers to treat a DTD
//! declaration in any part as an error. Refusing it up front shuts out
//! entity expansion ("billion laughs") and external entities whatever the
//! XML reader behind would have done with them.

/// How many bytes of a part's start are read to find its root element. A
/// prolog (declaration, comments, processing instructions) longer than this
/// is not something an office suite writes.
pub const PROLOG_LIMIT: usize = 64 << 10;

/// Why a part's prolog is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum Prolog {
    #[error(
        "berisi deklarasi DTD/ENTITY, yang dilarang dalam Office Open XML (a DTD is not allowed in an OOXML part: entity expansion)"
    )]
    Dtd,
    #[error(
        "pembuka XML lebih dari 64 KiB sebelum elemen akar (the XML prolog is longer than 64 KiB)"
    )]
    TooLong,
}

/// Checks the start of an XML part (at most [`PROLOG_LIMIT`] bytes of it,
/// UTF-8 or UTF-16 with its byte-order mark): everything before the root
/// element must be whitespace, the XML declaration, processing instructions
/// or comments. A `<!DOCTYPE` (or any other `<!` markup) there is refused.
/// Whatever comes at the root element or after is the XML reader's to judge.
pub fn check_prolog(start: &[u8]) -> Result<(), Prolog> {
    let full = start.len() >= PROLOG_LIMIT;
    let start = &start[..start.len().min(PROLOG_LIMIT)];
    // UTF-16: the markup is ASCII, so the low byte of each unit is enough.
    let narrowed: Vec<u8>;
    let text: &[u8] = match start {
        [0xFF, 0xFE, rest @ ..] => {
            narrowed = rest
                .chunks(2)
                .filter(|u| u.len() == 2 && u[1] == 0)
                .map(|u| u[0])
                .collect();
            &narrowed
        }
        [0xFE, 0xFF, rest @ ..] => {
            narrowed = rest
                .chunks(2)
                .filter(|u| u.len() == 2 && u[0] == 0)
                .map(|u| u[1])
                .collect();
            &narrowed
        }
        [0xEF, 0xBB, 0xBF, rest @ ..] => rest,
        _ => start,
    };
    let mut rest = text;
    loop {
        rest = rest.trim_ascii_start();
        let skip_past = |s: &[u8], open: usize, close: &[u8]| {
            s[open..]
                .windows(close.len())
                .position(|w| w == close)
                .map(|i| open + i + close.len())
        };
        let next = if rest.starts_with(b"<?") {
            skip_past(rest, 2, b"?>")
        } else if rest.starts_with(b"<!--") {
            skip_past(rest, 4, b"-->")
        } else if rest.starts_with(b"<!") {
            return Err(Prolog::Dtd);
        } else if rest.is_empty() && full {
            return Err(Prolog::TooLong);
        } else {
            // The root element, an empty part, or not XML at all.
            return Ok(());
        };
        match next {
            Some(n) => rest = &rest[n..],
            // An unclosed declaration or comment: cut at the limit, or
            // broken (the reader will say so).
            None if full => return Err(Prolog::TooLong),
            None => return Ok(()),
        }
    }
}

/// A DTD of nested entities ("billion laughs": `&lol9;` would expand to
/// 10^9 "lol"s) for a root element `root`: hostile input for tests and fuzz
/// seeds, never written by monev.
pub fn billion_laughs(root: &str) -> String {
    let mut dtd = format!("<!DOCTYPE {root} [<!ENTITY lol \"lol\">");
    for i in 1..=9 {
        let prev = if i == 1 {
            "lol".to_string()
        } else {
            format!("lol{}", i - 1)
        };
        dtd.push_str(&format!(
            "<!ENTITY lol{i} \"{}\">",
            format!("&{prev};").repeat(10)
        ));
    }
    dtd + "]>"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn office_prologs_pass() {
        let part = br#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData/></worksheet>"#;
        assert_eq!(check_prolog(part), Ok(()));
        assert_eq!(
            check_prolog(b"\xEF\xBB\xBF<?xml version='1.0'?><!-- c --><?pi x?><a/>"),
            Ok(())
        );
        assert_eq!(check_prolog(b""), Ok(()));
        // Past the root element a `<!` is CDATA or the reader's business.
        assert_eq!(check_prolog(b"<a><![CDATA[<!DOCTYPE>]]></a>"), Ok(()));
    }

    #[test]
    fn a_dtd_is_refused_in_any_encoding_and_behind_comments() {
        let laughs = br#"<?xml version="1.0"?>
<!-- harmless -->
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>
<sst><si><t>&lol2;</t></si></sst>"#;
        assert_eq!(check_prolog(laughs), Err(Prolog::Dtd));
        assert_eq!(
            check_prolog(b"<!ENTITY x SYSTEM 'file:///etc/passwd'><a/>"),
            Err(Prolog::Dtd)
        );
        let utf16le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain(
                "<?xml version=\"1.0\" encoding=\"UTF-16\"?><!DOCTYPE a><a/>"
                    .encode_utf16()
                    .flat_map(u16::to_le_bytes),
            )
            .collect();
        assert_eq!(check_prolog(&utf16le), Err(Prolog::Dtd));
        let utf16be: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain("<!DOCTYPE a><a/>".encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        assert_eq!(check_prolog(&utf16be), Err(Prolog::Dtd));
    }

    #[test]
    fn a_prolog_padded_past_the_limit_is_refused() {
        let mut part = b"<?xml version=\"1.0\"?>".to_vec();
        part.extend(std::iter::repeat_n(b' ', PROLOG_LIMIT));
        part.extend(b"<!DOCTYPE a><a/>");
        assert_eq!(check_prolog(&part[..PROLOG_LIMIT]), Err(Prolog::TooLong));
        let mut comment = b"<!--".to_vec();
        comment.extend(std::iter::repeat_n(b'x', PROLOG_LIMIT));
        assert_eq!(check_prolog(&comment), Err(Prolog::TooLong));
    }
}
