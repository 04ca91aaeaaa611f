//! Text in the UI font: its styles, its estimated width, and cutting it short.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use crate::color::Rgb;

/// Font stack of every text (drawn as SVG `<text>`; the viewer picks the font).
const FONT: &str = "system-ui, -apple-system, Segoe UI, Roboto, sans-serif";

/// Average advance of a character of the UI font, as a fraction of its size.
const CHAR_WIDTH: f64 = 0.6;

/// A text style of the UI font at `px` pixels.
pub(crate) fn text(px: f64, color: Rgb, h: HPos, v: VPos) -> TextStyle<'static> {
    // The SVG backend writes `font-size` as the size divided by 1.24.
    FontDesc::new(FontFamily::Name(FONT), px * 1.24, FontStyle::Normal).color(&color.plot()).pos(Pos::new(h, v))
}

/// A bold text style of the UI font at `px` pixels.
pub(crate) fn bold(px: f64, color: Rgb, h: HPos, v: VPos) -> TextStyle<'static> {
    FontDesc::new(FontFamily::Name(FONT), px * 1.24, FontStyle::Bold).color(&color.plot()).pos(Pos::new(h, v))
}

/// Estimated width of `text` at `px` pixels (no font is measured: none is loaded).
pub(crate) fn text_width(text: &str, px: f64) -> f64 {
    text.chars().count() as f64 * px * CHAR_WIDTH
}

/// `text` cut to `max` characters, with an ellipsis when cut.
pub(crate) fn truncate(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let mut out: String = text.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out
}
