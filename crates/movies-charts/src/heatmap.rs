//! A value per category and year as colored cells, on a logarithmic or linear color
//! scale (diverging when some values are negative); unknown values are marked with a dot.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use crate::canvas::{DrawError, Svg};
use crate::frame::{chrome_height, draw_chrome, message, render, Chart, Frame, PAD};
use crate::legend::{LegendItem, Swatch};
use crate::rows::{self, RowLabel, AXIS, ROW};
use crate::scale::{ColorScale, Spacing};
use crate::text::{text, text_width};
use crate::units::Unit;

/// A cell: a category's value in a year.
#[derive(Debug, Clone, PartialEq)]
pub struct HeatCell {
    /// Release year.
    pub year: i32,
    /// The value; `None` when unknown.
    pub value: Option<f64>,
    /// Said after the value in the tooltip.
    pub note: Option<String>,
}

/// A row of cells.
#[derive(Debug, Clone, PartialEq)]
pub struct HeatRow {
    /// The category (escaped when drawn).
    pub name: String,
    /// Its cells, one per year at most.
    pub cells: Vec<HeatCell>,
}

/// A heatmap of categories × years.
#[derive(Debug, Clone, PartialEq)]
pub struct Heatmap {
    /// First and last year shown.
    pub years: (i32, i32),
    /// How values are written.
    pub unit: Unit,
    /// What a value is, for tooltips (`budget`).
    pub value_name: String,
    /// Said above the plot.
    pub caption: String,
    /// The rows, top first.
    pub rows: Vec<HeatRow>,
    /// How the colors spread over the values.
    pub spacing: Spacing,
}

/// Height of the color scale under the year axis.
const SCALE: i32 = 44;
/// Width of one strip of the color scale.
const STRIP: i32 = 240;

fn cell_title(chart: &Heatmap, row: &HeatRow, cell: &HeatCell) -> String {
    let value = match cell.value {
        Some(v) => format!("{} {}", chart.value_name, chart.unit.exact(v)),
        None => format!("{} unknown", chart.value_name),
    };
    match &cell.note {
        Some(note) => format!("{} · {} · {value} {note}", row.name, cell.year),
        None => format!("{} · {} · {value}", row.name, cell.year),
    }
}

/// Draws one strip of the color scale from `x` at `y`: `label`, then the colors of
/// increasing magnitudes with tick labels under them.
fn draw_strip(
    root: &DrawingArea<Svg<'_>, plotters::coord::Shift>,
    scale: &ColorScale,
    sign: f64,
    label: &str,
    (x, y): (i32, i32),
    chart: &Heatmap,
    frame: &Frame,
) -> Result<i32, DrawError> {
    let theme = &frame.theme;
    root.draw(&Text::new(label.to_owned(), (x, y + 6), text(12.0, theme.text, HPos::Left, VPos::Center)))?;
    let start = x + text_width(label, 12.0).ceil() as i32 + 8;
    let steps = 44;
    for i in 0..steps {
        let t = f64::from(i) / f64::from(steps - 1);
        let magnitude = scale.magnitude_at(t);
        let color = scale.color(sign * magnitude, theme).plot();
        let x0 = start + i * STRIP / steps;
        let x1 = start + (i + 1) * STRIP / steps;
        root.draw(&Rectangle::new([(x0, y), (x1, y + 12)], color.filled()))?;
    }
    for tick in scale.ticks() {
        let tx = start + (scale.position(tick) * f64::from(STRIP)).round() as i32;
        root.draw(&PathElement::new(vec![(tx, y + 12), (tx, y + 16)], theme.axis.plot()))?;
        let label = chart.unit.axis(sign * tick);
        root.draw(&Text::new(label, (tx, y + 18), text(11.0, theme.muted, HPos::Center, VPos::Top)))?;
    }
    Ok(start + STRIP + 36)
}

/// Draws the chart. Its height follows from the number of rows (the frame's height
/// is not used).
pub fn heatmap(chart: &Heatmap, frame: &Frame) -> Chart {
    let (first, last) = (chart.years.0.min(chart.years.1), chart.years.0.max(chart.years.1));
    let in_range = |c: &&HeatCell| (first..=last).contains(&c.year);
    let rows: Vec<(&HeatRow, Vec<&HeatCell>)> =
        chart.rows.iter().map(|r| (r, r.cells.iter().filter(in_range).collect::<Vec<_>>())).collect();
    if rows.iter().all(|(_, cells)| cells.is_empty()) {
        return message(frame, 160, "No value for these categories and years.");
    }
    let values = rows.iter().flat_map(|(_, cells)| cells.iter().filter_map(|c| c.value));
    let scale = ColorScale::new(values, chart.spacing);
    let legend = [LegendItem::new("no known value", frame.theme.muted, Swatch::Dot)];
    let labels: Vec<RowLabel> = rows.iter().map(|(r, _)| RowLabel { name: &r.name, swatch: None }).collect();
    let label_width = rows::label_width(labels.iter().map(|l| l.name), false);
    let top = chrome_height(frame, &legend, &chart.caption);
    let height = top + rows.len() as i32 * ROW + AXIS + SCALE + 8;
    render(frame, height as u32, |root, hover| {
        let top = draw_chrome(root, frame, &legend, &chart.caption)?;
        let mut plot = rows::build(root, top, rows.len() as f64, (first, last), label_width)?;
        rows::draw_axis(&mut plot, &frame.theme, (first, last))?;
        let dot = frame.theme.muted.plot();
        for (i, (row, cells)) in rows.iter().enumerate() {
            let (y0, y1) = (i as f64 + 0.06, i as f64 + 0.94);
            for cell in cells {
                let x = f64::from(cell.year);
                let corners = [(x - 0.5, y0), (x + 0.5, y1)];
                match (cell.value, &scale) {
                    (Some(v), Some(scale)) => {
                        let color = scale.color(v, &frame.theme).plot();
                        plot.draw_series(std::iter::once(Rectangle::new(corners, color.filled())))?;
                    }
                    (Some(_), None) => {
                        let color = frame.theme.heat_low.plot();
                        plot.draw_series(std::iter::once(Rectangle::new(corners, color.filled())))?;
                    }
                    (None, _) => {
                        plot.draw_series(std::iter::once(Circle::new((x, i as f64 + 0.5), 1, dot.filled())))?;
                    }
                }
                hover.rect(
                    plot.backend_coord(&corners[0]),
                    plot.backend_coord(&corners[1]),
                    &cell_title(chart, row, cell),
                    Some((i, cell.year)),
                );
            }
        }
        rows::draw_labels(root, &plot, &labels, |row| row as f64 + 0.5, label_width, &frame.theme)?;
        if let Some(scale) = &scale {
            let y = height - SCALE;
            let (gain, loss) = match chart.unit {
                Unit::Money if scale.diverging => ("gain", "loss"),
                _ if scale.diverging => ("positive", "negative"),
                _ => (chart.value_name.as_str(), ""),
            };
            let x = draw_strip(root, scale, 1.0, gain, (PAD + label_width, y), chart, frame)?;
            if scale.diverging {
                draw_strip(root, scale, -1.0, loss, (x, y), chart, frame)?;
            }
        }
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::color::Theme;

    fn chart(name: &str) -> Heatmap {
        Heatmap {
            years: (2000, 2001),
            unit: Unit::Money,
            value_name: "profit".into(),
            caption: "Profit by genre (log color scale)".into(),
            rows: vec![
                HeatRow {
                    name: name.into(),
                    cells: vec![
                        HeatCell {
                            year: 2000,
                            value: Some(-2_000_000.0),
                            note: Some("(known for 1 of 4 movies)".into()),
                        },
                        HeatCell { year: 2001, value: None, note: Some("(known for 0 of 2 movies)".into()) },
                    ],
                },
                HeatRow { name: "Drama".into(), cells: vec![HeatCell { year: 2001, value: Some(5e8), note: None }] },
            ],
            spacing: Spacing::Logarithmic,
        }
    }

    fn frame() -> Frame {
        Frame {
            width: 900,
            height: 0,
            theme: Theme::dark(),
            title: Some("Profit".into()),
            label: "Profit".into(),
            points: false,
        }
    }

    #[test]
    fn every_cell_has_a_tooltip_and_unknowns_are_not_zero() {
        let out = heatmap(&chart("Action"), &frame());
        assert!(out.svg.contains("<title>Action · 2000 · profit -$2,000,000 (known for 1 of 4 movies)</title>"));
        // As buttons, a cell names its row and year, unknown values included.
        let buttons = heatmap(&chart("Action"), &Frame { points: true, ..frame() }).svg;
        for (row, year) in [(0, 2000), (0, 2001), (1, 2001)] {
            assert!(buttons.contains(&format!("data-s=\"{row}\" data-y=\"{year}\"")), "{row} {year}");
        }
        assert!(out.svg.contains("<title>Action · 2001 · profit unknown (known for 0 of 2 movies)</title>"));
        assert!(out.svg.contains("<title>Drama · 2001 · profit $500,000,000</title>"));
        assert!(out.svg.contains(">\nloss\n"), "a diverging scale has a loss strip");
        assert!(out.svg.contains(">\n-$10M\n"));
        assert_eq!(
            out.height as i32,
            chrome_height(&frame(), &[LegendItem::new("no known value", Theme::dark().muted, Swatch::Dot)], "x")
                + 2 * ROW
                + AXIS
                + SCALE
                + 8
        );
    }

    #[test]
    fn hostile_names_are_escaped() {
        for name in ["<img src=x onerror=alert(1)>", "</svg><script>alert(1)</script>"] {
            let svg = heatmap(&chart(name), &frame()).svg;
            assert!(!svg.contains("<script") && !svg.contains("<img"), "{svg}");
            assert_eq!(svg.matches("</svg>").count(), 1);
        }
    }
}
