//! QR codes for public form links, as SVG (for the screen and the A4
//! poster) and PNG (for chat apps and word processors). The symbol comes
//! from the `qrcode` crate; drawing is ours, so no image library is pulled.

use std::fmt::Write;

use qrcode::{Color, EcLevel, QrCode};

/// The dark/light module grid of `text` (error correction M: survives a
/// smudged or partly torn poster), without the quiet zone.
fn modules(text: &str) -> Option<(usize, Vec<bool>)> {
    let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M).ok()?;
    let w = code.width();
    Some((
        w,
        code.to_colors()
            .into_iter()
            .map(|c| c == Color::Dark)
            .collect(),
    ))
}

const QUIET: usize = 4;

/// An SVG QR code, one unit per module, scalable to any size.
pub fn svg(text: &str, title: &str) -> Option<String> {
    let (w, dark) = modules(text)?;
    let size = w + 2 * QUIET;
    let mut path = String::new();
    for y in 0..w {
        let mut x = 0;
        while x < w {
            if dark[y * w + x] {
                let start = x;
                while x < w && dark[y * w + x] {
                    x += 1;
                }
                let _ = write!(
                    path,
                    "M{} {}h{}v1h-{}z",
                    start + QUIET,
                    y + QUIET,
                    x - start,
                    x - start
                );
            } else {
                x += 1;
            }
        }
    }
    Some(format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size}" shape-rendering="crispEdges" role="img" aria-label="{t}"><title>{t}</title><rect width="{size}" height="{size}" fill="#fff"/><path d="{path}" fill="#000"/></svg>"##,
        t = crate::esc(title)
    ))
}

/// A greyscale PNG QR code, `scale` pixels per module.
pub fn png(text: &str, scale: usize) -> Option<Vec<u8>> {
    let (w, dark) = modules(text)?;
    let scale = scale.clamp(1, 64);
    let px = (w + 2 * QUIET) * scale;
    // Filter byte 0 then one byte per pixel, per row.
    let mut raw = Vec::with_capacity(px * (px + 1));
    for y in 0..px {
        raw.push(0u8);
        let my = (y / scale).checked_sub(QUIET).filter(|&m| m < w);
        for x in 0..px {
            let mx = (x / scale).checked_sub(QUIET).filter(|&m| m < w);
            let on = matches!((mx, my), (Some(mx), Some(my)) if dark[my * w + mx]);
            raw.push(if on { 0 } else { 255 });
        }
    }
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    std::io::Write::write_all(&mut z, &raw).ok()?;
    let idat = z.finish().ok()?;
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut ihdr = Vec::new();
    ihdr.extend((px as u32).to_be_bytes());
    ihdr.extend((px as u32).to_be_bytes());
    ihdr.extend([8, 0, 0, 0, 0]); // 8-bit greyscale, deflate, no interlace
    for (kind, data) in [(b"IHDR", &ihdr), (b"IDAT", &idat), (b"IEND", &Vec::new())] {
        out.extend((data.len() as u32).to_be_bytes());
        let mut crc = crc32fast::Hasher::new();
        crc.update(kind);
        crc.update(data);
        out.extend(kind);
        out.extend(data);
        out.extend(crc.finalize().to_be_bytes());
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn svg_and_png_draw_the_same_symbol() {
        let url = "https://monev.example/f/AB12CD34";
        let (w, dark) = modules(url).unwrap();
        let s = svg(url, "Kode QR").unwrap();
        assert!(s.starts_with("<svg") && s.contains(&format!("viewBox=\"0 0 {0} {0}\"", w + 8)));
        let png = png(url, 3).unwrap();
        assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
        assert_eq!(&png[12..16], b"IHDR");
        let side = u32::from_be_bytes(png[16..20].try_into().unwrap()) as usize;
        assert_eq!(side, (w + 8) * 3);
        // Decode IDAT and compare every module with the matrix.
        let len = u32::from_be_bytes(png[33..37].try_into().unwrap()) as usize;
        assert_eq!(&png[37..41], b"IDAT");
        let mut raw = Vec::new();
        std::io::Read::read_to_end(
            &mut flate2::read::ZlibDecoder::new(&png[41..41 + len]),
            &mut raw,
        )
        .unwrap();
        assert_eq!(raw.len(), side * (side + 1));
        for my in 0..w {
            for mx in 0..w {
                let (x, y) = ((mx + 4) * 3 + 1, (my + 4) * 3 + 1);
                let v = raw[y * (side + 1) + 1 + x];
                assert_eq!(v == 0, dark[my * w + mx], "module {mx},{my}");
            }
        }
        // The finder pattern's corner is dark: the symbol is really there.
        assert!(dark[0] && dark[w - 1] && dark[(w - 1) * w]);
    }

    /// `tests/fixtures/qr-7KQ2M9XA.png` was decoded by an independent
    /// reader (ZXing, `reference/qr_decode.py`) to the URL below; the
    /// generator must keep producing exactly that image.
    #[test]
    fn the_png_a_zxing_reader_decoded_is_still_what_we_draw() {
        const URL: &str = "https://monev.example/f/7KQ2M9XA";
        let path =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/qr-7KQ2M9XA.png");
        let ours = png(URL, 4).unwrap();
        if std::env::var_os("MONEV_WRITE_FIXTURES").is_some() {
            std::fs::write(&path, &ours).unwrap();
        }
        assert_eq!(ours, std::fs::read(&path).unwrap());
    }
}
