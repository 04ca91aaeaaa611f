//! What every chart shares: its frame (size, theme, title), the year axis, the chrome
//! above the plot (title, legend, axis caption) and the finishing of the SVG
//! (accessible name, hover layer).

use std::ops::Range;

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use crate::canvas::{DrawError, Plot, Svg};
use crate::color::Theme;
use crate::escape::escape;
use crate::hover::HoverLayer;
use crate::legend::{self, LegendItem};
use crate::text::{bold, text};

/// Horizontal padding of the whole chart, in pixels.
pub(crate) const PAD: i32 = 12;

/// Where and how a chart is drawn.
#[derive(Debug, Clone, PartialEq)]
pub struct Frame {
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels of the plot and its axes (line and bar charts); the band and
    /// the heatmap grow with their rows instead. Title and legend come on top.
    pub height: u32,
    /// Colors.
    pub theme: Theme,
    /// A title drawn at the top (for downloads; on the page the heading says it).
    pub title: Option<String>,
    /// The chart's accessible name (`aria-label`).
    pub label: String,
    /// Whether each point, bar segment or cell is a button naming its series and year
    /// (see the hover layer), for the page to open the movies behind it. Downloads
    /// leave it off.
    pub points: bool,
}

/// An SVG document and its size.
#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    /// The markup, `<svg ...>...</svg>`.
    pub svg: String,
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
}

/// The x range that centres each year in its own unit-wide column.
pub(crate) fn year_range((first, last): (i32, i32)) -> Range<f64> {
    f64::from(first) - 0.5..f64::from(last) + 0.5
}

/// How many year labels fit along `width` pixels (never more than there are years,
/// so that no tick falls between two years).
pub(crate) fn year_labels(width: i32, (first, last): (i32, i32)) -> usize {
    let years = (last - first + 1).max(1) as usize;
    ((width / 64).max(2) as usize).min(years)
}

/// A year tick label (ticks fall on whole years).
pub(crate) fn year_label(v: &f64) -> String {
    if (v - v.round()).abs() < 1e-6 {
        format!("{}", v.round() as i64)
    } else {
        String::new()
    }
}

/// Height taken by the title, the legend and the caption above a plot.
pub(crate) fn chrome_height(frame: &Frame, legend: &[LegendItem], caption: &str) -> i32 {
    let title = if frame.title.is_some() { 26 } else { 0 };
    let caption = if caption.is_empty() { 0 } else { 20 };
    10 + title + legend::height(legend, frame.width as i32 - 2 * PAD) + caption + 4
}

/// Draws the title, the legend and the caption; returns the height they take
/// (as [`chrome_height`] says).
pub(crate) fn draw_chrome(
    root: &DrawingArea<Svg<'_>, plotters::coord::Shift>,
    frame: &Frame,
    legend: &[LegendItem],
    caption: &str,
) -> Result<i32, DrawError> {
    let theme = &frame.theme;
    let mut y = 10;
    if let Some(title) = &frame.title {
        root.draw(&Text::new(title.clone(), (PAD, y), bold(15.0, theme.text, HPos::Left, VPos::Top)))?;
        y += 26;
    }
    y += legend::draw(root, legend, theme, (PAD, y), frame.width as i32 - 2 * PAD)?;
    if !caption.is_empty() {
        root.draw(&Text::new(caption.to_owned(), (PAD, y + 2), text(12.0, theme.muted, HPos::Left, VPos::Top)))?;
        y += 20;
    }
    Ok(y + 4)
}

/// Draws the grid, the axes and their labels of a per-year plot.
pub(crate) fn draw_mesh(
    plot: &mut Plot<'_, '_>,
    theme: &Theme,
    years: (i32, i32),
    plot_width: i32,
    y_labels: usize,
    y_format: &dyn Fn(&f64) -> String,
) -> Result<(), DrawError> {
    let x_format = year_label;
    plot.configure_mesh()
        .disable_x_mesh()
        .bold_line_style(theme.grid.plot())
        .light_line_style(TRANSPARENT)
        .axis_style(theme.axis.plot())
        .set_all_tick_mark_size(4)
        .x_labels(year_labels(plot_width, years))
        .y_labels(y_labels)
        .x_label_formatter(&x_format)
        .y_label_formatter(y_format)
        .label_style(text(12.0, theme.muted, HPos::Center, VPos::Center))
        .draw()
}

/// A chart that only says why there is nothing to draw.
pub(crate) fn message(frame: &Frame, height: u32, note: &str) -> Chart {
    let height = height.max(120);
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (frame.width, height)).into_drawing_area();
        let draw = || -> Result<(), DrawError> {
            root.fill(&frame.theme.background.plot())?;
            let top = draw_chrome(&root, frame, &[], "")?;
            let center = (frame.width as i32 / 2, top + (height as i32 - top) / 2);
            root.draw(&Text::new(note.to_owned(), center, text(14.0, frame.theme.muted, HPos::Center, VPos::Center)))?;
            root.present()
        };
        // Writing into a String cannot fail; a failure would leave a partial picture.
        let _ = draw();
    }
    finish(svg, frame, HoverLayer::default(), height)
}

/// Adds the accessible name and appends the hover layer before `</svg>`.
pub(crate) fn finish(svg: String, frame: &Frame, hover: HoverLayer, height: u32) -> Chart {
    // Buttons inside an image would be hidden from assistive technology: a chart with
    // buttons is a group.
    let role = if hover.has_buttons() { "group" } else { "img" };
    let opening = format!("<svg role=\"{role}\" aria-label=\"{}\" class=\"chart-svg\" ", escape(&frame.label));
    let mut svg = svg.replacen("<svg ", &opening, 1);
    let end = svg.rfind("</svg>").unwrap_or(svg.len());
    svg.insert_str(end, &hover.into_svg());
    Chart { svg, width: frame.width, height }
}

/// Runs `draw` on a fresh SVG of `frame.width` × `height`, or explains the failure.
pub(crate) fn render(
    frame: &Frame,
    height: u32,
    draw: impl FnOnce(&DrawingArea<Svg<'_>, plotters::coord::Shift>, &mut HoverLayer) -> Result<(), DrawError>,
) -> Chart {
    let mut svg = String::new();
    let mut hover = HoverLayer::new(frame.points);
    let outcome = {
        let root = SVGBackend::with_string(&mut svg, (frame.width, height)).into_drawing_area();
        root.fill(&frame.theme.background.plot()).and_then(|()| draw(&root, &mut hover)).and_then(|()| root.present())
    };
    match outcome {
        Ok(()) => finish(svg, frame, hover, height),
        Err(e) => message(frame, height, &format!("The chart could not be drawn: {e}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::truncate;

    #[test]
    fn year_axis_helpers() {
        assert_eq!(year_range((1995, 1997)), 1994.5..1997.5);
        assert_eq!(year_labels(1000, (2000, 2002)), 3);
        assert_eq!(year_labels(640, (1900, 2017)), 10);
        assert_eq!(year_label(&1995.0), "1995");
        assert_eq!(year_label(&1995.5), "");
        assert_eq!(truncate("Metro-Goldwyn-Mayer", 6), "Metro…");
        assert_eq!(truncate("MGM", 6), "MGM");
    }
}
