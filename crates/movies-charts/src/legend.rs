//! A legend drawn in the SVG (so that downloads carry it): swatches and names in rows.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use crate::canvas::{DrawError, Svg};
use crate::color::{Rgb, Theme};
use crate::text::{text, text_width, truncate};

/// Text size of legend entries.
const PX: f64 = 12.0;
/// Height of a legend row.
const ROW: i32 = 20;
/// Longest name shown in full.
const MAX_CHARS: usize = 44;

/// How an entry's swatch looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Swatch {
    /// A short thick line (line charts).
    Line,
    /// A filled square (bars, cells).
    Box,
    /// A faint square (runner-ups).
    Faint,
    /// A small dot (unknown values).
    Dot,
}

/// One legend entry.
#[derive(Debug, Clone)]
pub(crate) struct LegendItem {
    /// The name shown (escaped when drawn).
    pub name: String,
    /// Swatch color.
    pub color: Rgb,
    /// Swatch shape.
    pub swatch: Swatch,
}

impl LegendItem {
    /// An entry.
    pub(crate) fn new(name: &str, color: Rgb, swatch: Swatch) -> Self {
        LegendItem { name: name.to_owned(), color, swatch }
    }

    fn width(&self) -> i32 {
        22 + text_width(&truncate(&self.name, MAX_CHARS), PX).ceil() as i32 + 16
    }
}

/// Top-left corner of each entry when laid out from `(0, 0)` within `width`, and the
/// total height.
fn layout(items: &[LegendItem], width: i32) -> (Vec<(i32, i32)>, i32) {
    let (mut x, mut y) = (0, 0);
    let mut at = Vec::with_capacity(items.len());
    for item in items {
        let w = item.width();
        if x > 0 && x + w > width {
            x = 0;
            y += ROW;
        }
        at.push((x, y));
        x += w;
    }
    let height = if items.is_empty() { 0 } else { y + ROW + 4 };
    (at, height)
}

/// Height of the entries laid out within `width`.
pub(crate) fn height(items: &[LegendItem], width: i32) -> i32 {
    layout(items, width).1
}

/// Draws the entries from `origin` within `width`; returns the height used.
pub(crate) fn draw(
    root: &DrawingArea<Svg<'_>, plotters::coord::Shift>,
    items: &[LegendItem],
    theme: &Theme,
    origin: (i32, i32),
    width: i32,
) -> Result<i32, DrawError> {
    let (positions, height) = layout(items, width);
    for (item, (dx, dy)) in items.iter().zip(positions) {
        let (x, y) = (origin.0 + dx, origin.1 + dy + ROW / 2);
        let color = item.color.plot();
        match item.swatch {
            Swatch::Line => root.draw(&Rectangle::new([(x, y - 2), (x + 16, y + 1)], color.filled()))?,
            Swatch::Box => root.draw(&Rectangle::new([(x + 2, y - 6), (x + 14, y + 6)], color.filled()))?,
            Swatch::Faint => root.draw(&Rectangle::new([(x + 2, y - 6), (x + 14, y + 6)], color.mix(0.3).filled()))?,
            Swatch::Dot => root.draw(&Circle::new((x + 8, y), 2, color.filled()))?,
        }
        let name = truncate(&item.name, MAX_CHARS);
        root.draw(&Text::new(name, (x + 22, y), text(PX, theme.text, HPos::Left, VPos::Center)))?;
    }
    Ok(height)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_wrap_into_rows() {
        let item = |name: &str| LegendItem::new(name, Rgb(0, 0, 0), Swatch::Box);
        let items = [item("Drama"), item("Comedy"), item("Science Fiction")];
        let (at, height) = layout(&items, 10_000);
        assert_eq!(at.iter().map(|p| p.1).collect::<Vec<_>>(), [0, 0, 0]);
        assert_eq!(height, ROW + 4);
        let (at, height) = layout(&items, 90);
        assert_eq!(at, [(0, 0), (0, ROW), (0, 2 * ROW)]);
        assert_eq!(height, 3 * ROW + 4);
        assert_eq!(layout(&[], 100).1, 0);
    }
}
