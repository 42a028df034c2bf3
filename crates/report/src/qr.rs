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

/// A greyscale PNG QR code, `scale` pixels per module, written by the `png`
/// crate (the encoder resvg's charts go through as well).
pub fn png(text: &str, scale: usize) -> Option<Vec<u8>> {
    let (w, dark) = modules(text)?;
    let scale = scale.clamp(1, 64);
    let px = (w + 2 * QUIET) * scale;
    let mut pixels = Vec::with_capacity(px * px);
    for y in 0..px {
        let my = (y / scale).checked_sub(QUIET).filter(|&m| m < w);
        for x in 0..px {
            let mx = (x / scale).checked_sub(QUIET).filter(|&m| m < w);
            let on = matches!((mx, my), (Some(mx), Some(my)) if dark[my * w + mx]);
            pixels.push(if on { 0 } else { 255 });
        }
    }
    let mut out = Vec::new();
    let mut encoder = ::png::Encoder::new(&mut out, px as u32, px as u32);
    encoder.set_color(::png::ColorType::Grayscale);
    encoder.set_depth(::png::BitDepth::Eight);
    encoder.set_compression(::png::Compression::High);
    let mut writer = encoder.write_header().ok()?;
    writer.write_image_data(&pixels).ok()?;
    writer.finish().ok()?;
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
        let mut reader = ::png::Decoder::new(std::io::Cursor::new(&png))
            .read_info()
            .unwrap();
        let side = reader.info().width as usize;
        assert_eq!(reader.info().height as usize, side);
        assert_eq!(side, (w + 8) * 3);
        assert_eq!(reader.info().color_type, ::png::ColorType::Grayscale);
        let mut raw = vec![0; reader.output_buffer_size().unwrap()];
        reader.next_frame(&mut raw).unwrap();
        assert_eq!(raw.len(), side * side);
        for my in 0..w {
            for mx in 0..w {
                let (x, y) = ((mx + 4) * 3 + 1, (my + 4) * 3 + 1);
                let v = raw[y * side + x];
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
