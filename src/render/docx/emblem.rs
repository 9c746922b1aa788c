//! The emblem in the title block.
//!
//! Word shows SVG images only through an extension of the picture element
//! (`asvg:svgBlip`), with a bitmap for every reader that lacks it
//! (LibreOffice, older Word, previewers). So an SVG emblem is embedded
//! twice: as a PNG drawn from the same SVG by resvg at print resolution,
//! and as the SVG itself, which Word prefers. The picture sits in a
//! borderless table at the start of the title block, beside the
//! organisation's name, where the PDF and the EPUB put it.
//!
//! The SVG is drawn without access to anything outside it: images it
//! names by path or address are not loaded.

use std::sync::{Arc, Mutex};

use resvg::{tiny_skia, usvg};

use crate::render::prepare::{Emblem, ImageFormat};

/// Resolution of the PNG drawn from an SVG emblem: a print resolution.
const DPI: f64 = 300.0;

/// EMUs (English Metric Units, the unit of DrawingML) per point.
const EMU_PER_PT: f64 = 12_700.0;

/// The emblem's image parts and its size on the page.
#[derive(Debug, Clone)]
pub struct EmblemImage {
    /// The bitmap every reader can show.
    pub png: Arc<Vec<u8>>,
    /// The vector image Word shows instead, when the emblem is an SVG.
    pub svg: Option<Vec<u8>>,
    /// Width and height on the page, in EMUs.
    pub extent: (i64, i64),
    /// What it shows.
    pub alt: String,
}

/// The images of `emblem`, set `height_pt` high. A PNG drawn from an SVG
/// is made once per process for each emblem.
pub fn images(emblem: &Emblem<'_>, height_pt: f64) -> Result<EmblemImage, String> {
    let data: &[u8] = &emblem.file.data;
    match emblem.format {
        ImageFormat::Png => {
            let (w, h) = png_size(data).ok_or("the emblem is not a PNG file")?;
            Ok(EmblemImage {
                png: Arc::new(data.to_vec()),
                svg: None,
                extent: extent(f64::from(w), f64::from(h), height_pt),
                alt: emblem.alt.clone(),
            })
        }
        ImageFormat::Svg => {
            let (png, (w, h)) = drawn(data, height_pt)?;
            Ok(EmblemImage {
                png,
                svg: Some(data.to_vec()),
                extent: extent(w, h, height_pt),
                alt: emblem.alt.clone(),
            })
        }
    }
}

/// The page size of an image of `w` × `h` set `height_pt` high.
fn extent(w: f64, h: f64, height_pt: f64) -> (i64, i64) {
    let height = height_pt * EMU_PER_PT;
    let width = if h > 0.0 { height * w / h } else { height };
    (width.round() as i64, height.round() as i64)
}

/// The PNG drawn from `svg` at [`DPI`], with the SVG's own size, cached.
/// A PNG and the size of the SVG it was drawn from.
type Drawn = (Arc<Vec<u8>>, (f64, f64));

fn drawn(svg: &[u8], height_pt: f64) -> Result<Drawn, String> {
    type Cache = Mutex<Vec<(Vec<u8>, u64, Arc<Vec<u8>>, (f64, f64))>>;
    static CACHE: Cache = Mutex::new(Vec::new());
    let key = height_pt.to_bits();
    if let Ok(cache) = CACHE.lock() {
        if let Some((_, _, png, size)) = cache.iter().find(|(s, k, _, _)| *k == key && s == svg) {
            return Ok((Arc::clone(png), *size));
        }
    }
    // Nothing outside the file: no images by path or address, no fonts
    // of the machine.
    let options = usvg::Options {
        image_href_resolver: usvg::ImageHrefResolver {
            resolve_data: usvg::ImageHrefResolver::default_data_resolver(),
            resolve_string: Box::new(|_, _| None),
        },
        ..usvg::Options::default()
    };
    let tree = usvg::Tree::from_data(svg, &options)
        .map_err(|e| format!("the emblem is not an SVG image respub can draw: {e}"))?;
    let size = tree.size();
    let (w, h) = (f64::from(size.width()), f64::from(size.height()));
    let scale = height_pt / 72.0 * DPI / h.max(1.0);
    let px = |v: f64| ((v * scale).ceil() as u32).clamp(1, 4096);
    let mut pixmap = tiny_skia::Pixmap::new(px(w), px(h)).ok_or("the emblem has no size")?;
    resvg::render(
        &tree,
        tiny_skia::Transform::from_scale(scale as f32, scale as f32),
        &mut pixmap.as_mut(),
    );
    let png = Arc::new(
        pixmap
            .encode_png()
            .map_err(|e| format!("cannot encode the emblem as PNG: {e}"))?,
    );
    if let Ok(mut cache) = CACHE.lock() {
        if cache.len() > 8 {
            cache.remove(0);
        }
        cache.push((svg.to_vec(), key, Arc::clone(&png), (w, h)));
    }
    Ok((png, (w, h)))
}

/// The width and height of a PNG, from its header.
fn png_size(data: &[u8]) -> Option<(u32, u32)> {
    if data.len() < 24 || &data[..8] != b"\x89PNG\r\n\x1a\n" || &data[12..16] != b"IHDR" {
        return None;
    }
    let be = |at: usize| u32::from_be_bytes([data[at], data[at + 1], data[at + 2], data[at + 3]]);
    Some((be(16), be(20)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::style::Style;

    #[test]
    fn an_svg_emblem_is_drawn_as_a_png_of_its_proportions() {
        let style = Style::builtin();
        let file = style.emblem.as_ref().unwrap();
        let emblem = Emblem {
            file,
            alt: "Emblème".into(),
            format: ImageFormat::Svg,
        };
        let image = images(&emblem, 42.52).unwrap();
        let (w, h) = png_size(&image.png).unwrap();
        assert_eq!((w, h), (178, 178), "15 mm at 300 dpi");
        assert_eq!(image.extent, (540_004, 540_004));
        assert!(image.svg.is_some());
        let again = images(&emblem, 42.52).unwrap();
        assert!(Arc::ptr_eq(&image.png, &again.png), "drawn once");
    }

    #[test]
    fn an_svg_cannot_load_files() {
        let svg = br#"<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="10" height="10"><image width="10" height="10" xlink:href="/etc/passwd"/></svg>"#;
        let (png, _) = drawn(svg, 10.0).unwrap();
        assert!(png.starts_with(b"\x89PNG"));
    }
}
