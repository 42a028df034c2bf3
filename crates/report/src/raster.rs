//! Charts as PNG for formats that take no SVG (DOCX): the same SVG the HTML
//! shows, rasterised in pure Rust (resvg) with the fonts shipped in
//! `fonts/` (DejaVu Sans, Bitstream Vera licence), so the picture does not
//! depend on the fonts of the machine that writes it.

use std::sync::{Arc, OnceLock};

use resvg::{tiny_skia, usvg};

const REGULAR: &[u8] = include_bytes!("../fonts/DejaVuSans.ttf");
const BOLD: &[u8] = include_bytes!("../fonts/DejaVuSans-Bold.ttf");

fn fonts() -> Arc<usvg::fontdb::Database> {
    static DB: OnceLock<Arc<usvg::fontdb::Database>> = OnceLock::new();
    DB.get_or_init(|| {
        let mut db = usvg::fontdb::Database::new();
        db.load_font_data(REGULAR.to_vec());
        db.load_font_data(BOLD.to_vec());
        db.set_sans_serif_family("DejaVu Sans");
        Arc::new(db)
    })
    .clone()
}

/// A PNG of `svg` at `scale` × its own size, on white; with its pixel size.
pub fn png(svg: &str, scale: f32) -> Result<(Vec<u8>, u32, u32), String> {
    let opt = usvg::Options {
        font_family: "DejaVu Sans".into(),
        fontdb: fonts(),
        ..usvg::Options::default()
    };
    let tree = usvg::Tree::from_str(svg, &opt).map_err(|e| format!("SVG: {e}"))?;
    let size = tree
        .size()
        .to_int_size()
        .scale_by(scale)
        .ok_or("ukuran gambar tidak sah (bad image size)")?;
    let mut pixmap = tiny_skia::Pixmap::new(size.width(), size.height())
        .ok_or("ukuran gambar tidak sah (bad image size)")?;
    pixmap.fill(tiny_skia::Color::WHITE);
    resvg::render(
        &tree,
        tiny_skia::Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    let bytes = pixmap.encode_png().map_err(|e| format!("PNG: {e}"))?;
    Ok((bytes, size.width(), size.height()))
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_chart_rasterises_with_its_text() {
        let with_text = r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 40" width="200" height="40" font-family="system-ui, sans-serif" font-size="12"><rect x="0" y="20" width="120" height="14" fill="#1f5f8b"/><text x="4" y="14">Partisipasi 63,6%</text></svg>"##;
        let without = with_text.replace("Partisipasi 63,6%", "");
        let (a, w, h) = super::png(with_text, 2.0).unwrap();
        assert_eq!((w, h), (400, 80));
        assert!(a.starts_with(b"\x89PNG\r\n\x1a\n"));
        // The label is drawn: the picture with text differs from the one without.
        let (b, _, _) = super::png(&without, 2.0).unwrap();
        assert_ne!(a, b);
        assert!(super::png("<svg", 1.0).is_err());
    }
}
