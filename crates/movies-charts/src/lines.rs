//! Several named series per year as lines; an unknown value or a year without a row
//! breaks the line (it is never drawn as zero).

use std::collections::BTreeMap;

use plotters::prelude::*;

use crate::color::Paint;
use crate::frame::{self, chrome_height, draw_chrome, draw_mesh, render, year_range, Chart, Frame};
use crate::legend::{LegendItem, Swatch};
use crate::scale::value_axis;
use crate::units::Unit;

/// A value of a series in a year.
#[derive(Debug, Clone, PartialEq)]
pub struct LinePoint {
    /// Release year.
    pub year: i32,
    /// The value; `None` when unknown (a gap).
    pub value: Option<f64>,
    /// Said after the value in the tooltip (`(known for 1 of 1 movies)`).
    pub note: Option<String>,
}

/// A named series.
#[derive(Debug, Clone, PartialEq)]
pub struct LineSeries {
    /// Its name (a company, a genre).
    pub name: String,
    /// Its color.
    pub color: Paint,
    /// Its values, one per year at most.
    pub points: Vec<LinePoint>,
}

/// A multi-line chart per year.
#[derive(Debug, Clone, PartialEq)]
pub struct LineChart {
    /// First and last year shown.
    pub years: (i32, i32),
    /// How values are written.
    pub unit: Unit,
    /// What a value is, for tooltips (`budget`).
    pub value_name: String,
    /// Said above the plot (`Budget, sum per year (USD)`).
    pub caption: String,
    /// The series, in legend order.
    pub series: Vec<LineSeries>,
}

/// Below this many years every point gets a dot; above, only isolated points do.
const DOT_ALL_YEARS: i32 = 60;

/// Points within the years shown, by year.
fn visible(series: &LineSeries, (first, last): (i32, i32)) -> BTreeMap<i32, &LinePoint> {
    series.points.iter().filter(|p| (first..=last).contains(&p.year)).map(|p| (p.year, p)).collect()
}

/// Runs of consecutive years with a known value.
fn runs(points: &BTreeMap<i32, &LinePoint>) -> Vec<Vec<(i32, f64)>> {
    let mut out: Vec<Vec<(i32, f64)>> = Vec::new();
    let mut previous: Option<i32> = None;
    for (&year, point) in points {
        match point.value {
            Some(v) if v.is_finite() => {
                match out.last_mut() {
                    Some(run) if previous == Some(year - 1) => run.push((year, v)),
                    _ => out.push(vec![(year, v)]),
                }
                previous = Some(year);
            }
            _ => previous = None,
        }
    }
    out
}

fn point_title(chart: &LineChart, series: &LineSeries, point: &LinePoint) -> String {
    let value = match point.value {
        Some(v) => format!("{} {}", chart.value_name, chart.unit.exact(v)),
        None => format!("{} unknown", chart.value_name),
    };
    match &point.note {
        Some(note) => format!("{} · {} · {value} {note}", series.name, point.year),
        None => format!("{} · {} · {value}", series.name, point.year),
    }
}

/// Draws the chart.
pub fn line_chart(chart: &LineChart, frame: &Frame) -> Chart {
    let (first, last) = (chart.years.0.min(chart.years.1), chart.years.0.max(chart.years.1));
    let series: Vec<_> = chart.series.iter().map(|s| (s, visible(s, (first, last)))).collect();
    let values: Vec<f64> =
        series.iter().flat_map(|(_, pts)| pts.values().filter_map(|p| p.value)).filter(|v| v.is_finite()).collect();
    let legend: Vec<_> =
        chart.series.iter().map(|s| LegendItem::new(&s.name, frame.theme.color(s.color), Swatch::Line)).collect();
    if values.is_empty() {
        return frame::message(frame, frame.height, "No known value for this selection and these years.");
    }
    let axis = value_axis(&values, chart.unit, frame.height as i32 / 55);
    let top = chrome_height(frame, &legend, &chart.caption);
    render(frame, top as u32 + frame.height, |root, hover| {
        let top = draw_chrome(root, frame, &legend, &chart.caption)?;
        let (_, area) = root.split_vertically(top);
        let mut plot = ChartBuilder::on(&area)
            .margin_left(frame::PAD)
            .margin_right(frame::PAD * 2)
            .margin_top(6)
            .x_label_area_size(28)
            .y_label_area_size(axis.label_width)
            .build_cartesian_2d(year_range((first, last)), axis.range.clone())?;
        let width = plot.plotting_area().dim_in_pixel().0 as i32;
        draw_mesh(&mut plot, &frame.theme, (first, last), width, axis.labels, &|v| chart.unit.axis(*v))?;

        let dot_all = last - first < DOT_ALL_YEARS;
        for (s, points) in &series {
            let color = frame.theme.color(s.color).plot();
            for run in runs(points) {
                let path: Vec<(f64, f64)> = run.iter().map(|&(y, v)| (f64::from(y), v)).collect();
                if path.len() > 1 {
                    plot.draw_series(std::iter::once(PathElement::new(path.clone(), color.stroke_width(2))))?;
                }
                if dot_all || path.len() == 1 {
                    let r = if path.len() == 1 { 3 } else { 2 };
                    plot.draw_series(path.iter().map(|&p| Circle::new(p, r, color.filled())))?;
                }
            }
        }

        // Hover: a column per year listing every series, and a dot per point on top.
        let (y_top, y_bottom) = (axis.range.end, axis.range.start);
        let mut years: BTreeMap<i32, Vec<String>> = BTreeMap::new();
        for (s, points) in &series {
            for point in points.values() {
                years.entry(point.year).or_default().push(point_title(chart, s, point));
            }
        }
        for (year, lines) in &years {
            let x = f64::from(*year);
            let title = format!("{year}\n{}", lines.join("\n"));
            let corners = (plot.backend_coord(&(x - 0.5, y_top)), plot.backend_coord(&(x + 0.5, y_bottom)));
            hover.rect(corners.0, corners.1, &title, None);
        }
        for (i, (s, points)) in series.iter().enumerate() {
            for point in points.values() {
                if let Some(v) = point.value.filter(|v| v.is_finite()) {
                    let at = plot.backend_coord(&(f64::from(point.year), v));
                    hover.circle(at, 6, &point_title(chart, s, point), Some((i, point.year)));
                }
            }
        }
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::color::Theme;

    fn point(year: i32, value: Option<f64>) -> LinePoint {
        LinePoint { year, value, note: Some("(known for 1 of 1 movies)".into()) }
    }

    fn chart(name: &str, points: Vec<LinePoint>) -> LineChart {
        LineChart {
            years: (1995, 2000),
            unit: Unit::Money,
            value_name: "budget".into(),
            caption: "Budget, sum per year (USD)".into(),
            series: vec![LineSeries { name: name.into(), color: Paint::Series(0), points }],
        }
    }

    fn frame() -> Frame {
        Frame {
            width: 800,
            height: 300,
            theme: Theme::light(),
            title: Some("Budget".into()),
            label: "Budget".into(),
            points: false,
        }
    }

    #[test]
    fn gaps_break_lines() {
        let p1 = point(1995, Some(1.0));
        let p2 = point(1996, Some(2.0));
        let p3 = point(1997, None);
        let p4 = point(1998, Some(4.0));
        let p5 = point(2000, Some(5.0));
        let map: BTreeMap<i32, &LinePoint> = [&p1, &p2, &p3, &p4, &p5].into_iter().map(|p| (p.year, p)).collect();
        assert_eq!(runs(&map), vec![vec![(1995, 1.0), (1996, 2.0)], vec![(1998, 4.0)], vec![(2000, 5.0)]]);
    }

    #[test]
    fn hover_titles_carry_exact_values_and_coverage() {
        let svg = line_chart(&chart("Pixar Animation Studios", vec![point(1995, Some(30_000_000.0))]), &frame()).svg;
        assert!(svg
            .contains("<title>Pixar Animation Studios · 1995 · budget $30,000,000 (known for 1 of 1 movies)</title>"));
        assert!(svg.contains("<g class=\"hover\""));
        assert!(svg.contains("role=\"img\" aria-label=\"Budget\""));
        assert!(svg.trim_end().ends_with("</svg>"));
        assert!(svg.contains(">\n$30M\n</text>"), "money axis labels are short");
    }

    #[test]
    fn hostile_names_are_escaped() {
        for name in ["<img src=x onerror=alert(1)>", "</svg><script>alert(1)</script>"] {
            let mut f = frame();
            f.label = name.into();
            f.title = Some(name.into());
            let svg = line_chart(&chart(name, vec![point(1995, Some(1.0)), point(1996, None)]), &f).svg;
            assert!(!svg.contains("<script"), "{svg}");
            assert!(!svg.contains("<img"), "{svg}");
            assert_eq!(svg.matches("</svg>").count(), 1);
            assert!(svg.contains("&lt;"));
        }
    }

    #[test]
    fn points_are_buttons_of_their_series_and_year_when_asked() {
        let points = vec![point(1995, Some(1.0)), point(1996, None), point(1997, Some(2.0))];
        let svg = line_chart(&chart("Pixar", points.clone()), &Frame { points: true, ..frame() }).svg;
        assert!(svg.contains("role=\"group\" aria-label=\"Budget\""), "a chart with buttons is a group");
        assert_eq!(svg.matches("class=\"point\"").count(), 2, "an unknown value is no point");
        assert!(svg.contains("data-s=\"0\" data-y=\"1997\" role=\"button\" tabindex=\"-1\""));
        assert!(!line_chart(&chart("Pixar", points), &frame()).svg.contains("class=\"point\""));
    }

    #[test]
    fn nothing_known_says_so() {
        let svg = line_chart(&chart("A", vec![point(1995, None)]), &frame()).svg;
        assert!(svg.contains("No known value"));
    }
}
