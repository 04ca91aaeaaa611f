//! Stacked bars per year: one stack of categories (genres) per year.

use plotters::prelude::*;

use crate::color::Paint;
use crate::frame::{self, chrome_height, draw_chrome, draw_mesh, render, year_range, Chart, Frame};
use crate::legend::{LegendItem, Swatch};
use crate::scale::value_axis;
use crate::units::Unit;

/// A category of the stacks.
#[derive(Debug, Clone, PartialEq)]
pub struct Category {
    /// Its name (escaped when drawn).
    pub name: String,
    /// Its color.
    pub color: Paint,
}

/// The stack of one year.
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    /// Release year.
    pub year: i32,
    /// One value per category, in the chart's category order (zero: not in the stack).
    pub values: Vec<f64>,
    /// Said at the end of every tooltip of the bar (`12 movies that year`).
    pub note: Option<String>,
}

/// A stacked bar chart per year.
#[derive(Debug, Clone, PartialEq)]
pub struct StackedBars {
    /// First and last year shown.
    pub years: (i32, i32),
    /// How values are written.
    pub unit: Unit,
    /// What a value is, for tooltips (`releases`).
    pub value_name: String,
    /// Said above the plot.
    pub caption: String,
    /// Categories, bottom of the stack first (and in legend order).
    pub categories: Vec<Category>,
    /// The bars.
    pub bars: Vec<Bar>,
}

fn segment_title(chart: &StackedBars, bar: &Bar, category: &Category, value: f64, total: f64) -> String {
    let mut title = format!(
        "{} · {} · {} {} (of {})",
        bar.year,
        category.name,
        chart.unit.exact(value),
        chart.value_name,
        chart.unit.exact(total)
    );
    if let Some(note) = &bar.note {
        title.push_str(" · ");
        title.push_str(note);
    }
    title
}

/// Draws the chart.
pub fn stacked_bars(chart: &StackedBars, frame: &Frame) -> Chart {
    let (first, last) = (chart.years.0.min(chart.years.1), chart.years.0.max(chart.years.1));
    let bars: Vec<&Bar> = chart.bars.iter().filter(|b| (first..=last).contains(&b.year)).collect();
    let total = |bar: &Bar| bar.values.iter().filter(|v| v.is_finite() && **v > 0.0).sum::<f64>();
    let totals: Vec<f64> = bars.iter().map(|b| total(b)).collect();
    if totals.iter().all(|t| *t <= 0.0) {
        return frame::message(frame, frame.height, "Nothing to stack for this selection and these years.");
    }
    // Only categories present in the years shown get a legend entry.
    let used: Vec<bool> =
        (0..chart.categories.len()).map(|i| bars.iter().any(|b| b.values.get(i).is_some_and(|v| *v > 0.0))).collect();
    let legend: Vec<_> = chart
        .categories
        .iter()
        .zip(&used)
        .filter(|(_, used)| **used)
        .map(|(c, _)| LegendItem::new(&c.name, frame.theme.color(c.color), Swatch::Box))
        .collect();
    let axis = value_axis(&totals, chart.unit, frame.height as i32 / 55);
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

        // A gap between bars only when they are wide enough to afford one.
        let years = f64::from(last - first + 1);
        let half = if f64::from(width) / years >= 6.0 { 0.38 } else { 0.5 };
        let separator = frame.theme.background.plot();
        for (bar, total) in bars.iter().zip(&totals) {
            let x = f64::from(bar.year);
            let mut base = 0.0;
            for (i, (category, value)) in chart.categories.iter().zip(&bar.values).enumerate() {
                if !value.is_finite() || *value <= 0.0 {
                    continue;
                }
                let (low, high) = (base, base + value);
                base = high;
                let corners = [(x - half, low), (x + half, high)];
                plot.draw_series(std::iter::once(Rectangle::new(
                    corners,
                    frame.theme.color(category.color).plot().filled(),
                )))?;
                if half < 0.5 {
                    plot.draw_series(std::iter::once(PathElement::new(
                        vec![(x - half, high), (x + half, high)],
                        separator.stroke_width(1),
                    )))?;
                }
                let title = segment_title(chart, bar, category, *value, *total);
                let point = Some((i, bar.year));
                hover.rect(plot.backend_coord(&corners[0]), plot.backend_coord(&corners[1]), &title, point);
            }
        }
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::color::Theme;

    fn chart(genre: &str) -> StackedBars {
        StackedBars {
            years: (2000, 2002),
            unit: Unit::Count,
            value_name: "releases".into(),
            caption: "Releases by genre".into(),
            categories: vec![
                Category { name: genre.into(), color: Paint::Category(0) },
                Category { name: "Drama".into(), color: Paint::Neutral },
            ],
            bars: vec![
                Bar { year: 2000, values: vec![2.0, 1.0], note: Some("2 movies that year".into()) },
                Bar { year: 2002, values: vec![0.0, 4.0], note: None },
                Bar { year: 1990, values: vec![9.0, 9.0], note: None },
            ],
        }
    }

    fn frame() -> Frame {
        Frame { width: 640, height: 280, theme: Theme::dark(), title: None, label: "Releases".into(), points: false }
    }

    #[test]
    fn every_segment_has_an_exact_tooltip() {
        let svg = stacked_bars(&chart("Action"), &frame()).svg;
        assert!(svg.contains("<title>2000 · Action · 2 releases (of 3) · 2 movies that year</title>"));
        assert!(svg.contains("<title>2000 · Drama · 1 releases (of 3) · 2 movies that year</title>"));
        assert!(svg.contains("<title>2002 · Drama · 4 releases (of 4)</title>"));
        assert!(!svg.contains("1990 ·"), "years outside the range are left out");
        assert_eq!(svg.matches("<title>").count(), 3);
        // As buttons, a segment names its category and year.
        let svg = stacked_bars(&chart("Action"), &Frame { points: true, ..frame() }).svg;
        for (category, year) in [(0, 2000), (1, 2000), (1, 2002)] {
            assert!(svg.contains(&format!("data-s=\"{category}\" data-y=\"{year}\"")), "{category} {year}");
        }
        assert_eq!(svg.matches("class=\"point\"").count(), 3);
    }

    #[test]
    fn hostile_category_names_are_escaped() {
        for name in ["<img src=x onerror=alert(1)>", "</svg><script>alert(1)</script>"] {
            let svg = stacked_bars(&chart(name), &frame()).svg;
            assert!(!svg.contains("<script") && !svg.contains("<img"), "{svg}");
            assert_eq!(svg.matches("</svg>").count(), 1);
        }
    }

    #[test]
    fn empty_years_say_so() {
        let mut c = chart("Action");
        c.years = (1950, 1960);
        assert!(stacked_bars(&c, &frame()).svg.contains("Nothing to stack"));
    }
}
