//! Charts with one row per category and one column per year (the leader band and the
//! heatmap): the row layout, the year axis and the row labels.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use crate::canvas::{DrawError, Plot, Svg};
use crate::color::{Rgb, Theme};
use crate::frame::{year_label, year_labels, year_range, PAD};
use crate::text::{text, text_width, truncate};

/// Height of a row, in pixels.
pub(crate) const ROW: i32 = 22;
/// Height of the year axis under the rows.
pub(crate) const AXIS: i32 = 28;
/// Size of row label text.
const PX: f64 = 12.0;

/// A row's label, with an optional color swatch before it.
pub(crate) struct RowLabel<'a> {
    /// The name (escaped when drawn).
    pub name: &'a str,
    /// The swatch.
    pub swatch: Option<Rgb>,
}

/// Width of the label column for `names`, within sensible bounds.
pub(crate) fn label_width<'a>(names: impl Iterator<Item = &'a str>, swatches: bool) -> i32 {
    let widest = names.map(|n| text_width(n, PX)).fold(0.0, f64::max);
    let swatch = if swatches { 18 } else { 0 };
    (widest.ceil() as i32 + swatch + 16).clamp(60, 230)
}

/// Builds the plot under `top`: years across, `rows` row units down (0 on top).
pub(crate) fn build<'a, 'b>(
    root: &'a DrawingArea<Svg<'b>, plotters::coord::Shift>,
    top: i32,
    rows: f64,
    years: (i32, i32),
    label_width: i32,
) -> Result<Plot<'a, 'b>, DrawError> {
    let (_, below) = root.split_vertically(top);
    let (area, _) = below.split_vertically((rows * f64::from(ROW)).ceil() as i32 + AXIS);
    let area = area.margin(0, 0, PAD, PAD * 2);
    let plot = ChartBuilder::on(&area)
        .x_label_area_size(AXIS)
        .y_label_area_size(label_width)
        .build_cartesian_2d(year_range(years), rows..0.0)?;
    Ok(plot)
}

/// Draws the year axis (no grid).
pub(crate) fn draw_axis(plot: &mut Plot<'_, '_>, theme: &Theme, years: (i32, i32)) -> Result<(), DrawError> {
    let width = plot.plotting_area().dim_in_pixel().0 as i32;
    let x_format = year_label;
    plot.configure_mesh()
        .disable_mesh()
        .axis_style(theme.axis.plot())
        .set_all_tick_mark_size(4)
        .x_labels(year_labels(width, years))
        .y_labels(0)
        .x_label_formatter(&x_format)
        .label_style(text(PX, theme.muted, HPos::Center, VPos::Center))
        .draw()
}

/// Draws the labels right-aligned left of the rows; `center(i)` is the middle of
/// row `i` in row units.
pub(crate) fn draw_labels(
    root: &DrawingArea<Svg<'_>, plotters::coord::Shift>,
    plot: &Plot<'_, '_>,
    labels: &[RowLabel<'_>],
    center: impl Fn(usize) -> f64,
    label_width: i32,
    theme: &Theme,
) -> Result<(), DrawError> {
    let x_start = plot.x_range().start;
    for (i, label) in labels.iter().enumerate() {
        let room = f64::from(label_width) - 16.0 - if label.swatch.is_some() { 16.0 } else { 0.0 };
        let max_chars = (room / text_width("x", PX)).max(6.0) as usize;
        let (x, y) = plot.backend_coord(&(x_start, center(i)));
        let name = truncate(label.name, max_chars);
        let mut text_x = x - 8;
        if let Some(color) = label.swatch {
            root.draw(&Rectangle::new([(x - 18, y - 5), (x - 8, y + 5)], color.plot().filled()))?;
            text_x -= 16;
        }
        root.draw(&Text::new(name, (text_x, y), text(PX, theme.text, HPos::Right, VPos::Center)))?;
    }
    Ok(())
}
