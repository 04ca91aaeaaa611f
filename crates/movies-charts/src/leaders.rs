//! The leading category of each year on a year × category band: a strip of the
//! leaders' colors on top, then a row per category with its years as leader (solid)
//! and as runner-up (faint).

use plotters::prelude::*;

use crate::frame::{chrome_height, draw_chrome, message, render, Chart, Frame};
use crate::legend::{LegendItem, Swatch};
use crate::rows::{self, RowLabel, AXIS, ROW};
use crate::stacked::Category;

/// A category's standing in a year.
#[derive(Debug, Clone, PartialEq)]
pub struct Contender {
    /// Index into the chart's categories.
    pub category: usize,
    /// Said after its name in the tooltip (`total popularity 1,234.5 · 300 movies`).
    pub detail: String,
}

/// The leader and runner-up of a year.
#[derive(Debug, Clone, PartialEq)]
pub struct LeaderYear {
    /// Release year.
    pub year: i32,
    /// The leader.
    pub first: Contender,
    /// The runner-up, when there is one.
    pub second: Option<Contender>,
}

/// A leader band chart.
#[derive(Debug, Clone, PartialEq)]
pub struct LeaderBand {
    /// First and last year shown.
    pub years: (i32, i32),
    /// What leads (`most popular`), for the tooltip and the legend.
    pub lead_name: String,
    /// Said above the plot.
    pub caption: String,
    /// The categories, one row each, top first.
    pub categories: Vec<Category>,
    /// The years.
    pub leaders: Vec<LeaderYear>,
}

fn title(chart: &LeaderBand, year: &LeaderYear) -> String {
    let name = |c: &Contender| chart.categories.get(c.category).map_or("?", |c| c.name.as_str()).to_owned();
    let mut text = format!("{}\n{}: {} ({})", year.year, chart.lead_name, name(&year.first), year.first.detail);
    if let Some(second) = &year.second {
        text.push_str(&format!("\nRunner-up: {} ({})", name(second), second.detail));
    }
    text
}

/// Draws the chart. Its height follows from the number of categories (the frame's
/// height is not used).
pub fn leader_band(chart: &LeaderBand, frame: &Frame) -> Chart {
    let (first, last) = (chart.years.0.min(chart.years.1), chart.years.0.max(chart.years.1));
    let leaders: Vec<&LeaderYear> = chart
        .leaders
        .iter()
        .filter(|l| (first..=last).contains(&l.year) && l.first.category < chart.categories.len())
        .collect();
    if leaders.is_empty() {
        return message(frame, frame.height, "No year in this range has a ranked category.");
    }
    let legend = [
        LegendItem::new(&chart.lead_name, frame.theme.text, Swatch::Box),
        LegendItem::new("runner-up", frame.theme.text, Swatch::Faint),
    ];
    let mut labels = vec![RowLabel { name: &chart.lead_name, swatch: None }];
    labels
        .extend(chart.categories.iter().map(|c| RowLabel { name: &c.name, swatch: Some(frame.theme.color(c.color)) }));
    let label_width = rows::label_width(labels.iter().map(|l| l.name), true);
    let top = chrome_height(frame, &legend, &chart.caption);
    // The strip of leaders (row 0) stands half a row apart from the categories.
    let strip_gap = 0.5;
    let rows_total = labels.len() as f64 + strip_gap;
    let height = top + (rows_total * f64::from(ROW)).ceil() as i32 + AXIS + 8;
    render(frame, height as u32, |root, hover| {
        let top = draw_chrome(root, frame, &legend, &chart.caption)?;
        let mut plot = rows::build(root, top, rows_total, (first, last), label_width)?;
        rows::draw_axis(&mut plot, &frame.theme, (first, last))?;
        let row_top = |row: usize| if row == 0 { 0.0 } else { row as f64 + strip_gap };
        let cell = |year: i32, row: usize| {
            let x = f64::from(year);
            [(x - 0.5, row_top(row) + 0.1), (x + 0.5, row_top(row) + 0.9)]
        };
        for year in &leaders {
            let leader = &chart.categories[year.first.category];
            let color = frame.theme.color(leader.color).plot();
            plot.draw_series([
                Rectangle::new(cell(year.year, 0), color.filled()),
                Rectangle::new(cell(year.year, year.first.category + 1), color.filled()),
            ])?;
            if let Some(second) = year.second.as_ref().filter(|s| s.category < chart.categories.len()) {
                let color = frame.theme.color(chart.categories[second.category].color).plot().mix(0.3);
                plot.draw_series(std::iter::once(Rectangle::new(
                    cell(year.year, second.category + 1),
                    color.filled(),
                )))?;
            }
        }
        rows::draw_labels(root, &plot, &labels, |row| row_top(row) + 0.5, label_width, &frame.theme)?;
        for year in &leaders {
            let x = f64::from(year.year);
            let corners = (plot.backend_coord(&(x - 0.5, 0.0)), plot.backend_coord(&(x + 0.5, rows_total)));
            hover.rect(corners.0, corners.1, &title(chart, year), Some((year.first.category, year.year)));
        }
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::color::{Paint, Theme};

    fn chart(name: &str) -> LeaderBand {
        let contender = |category, detail: &str| Contender { category, detail: detail.into() };
        LeaderBand {
            years: (1995, 1997),
            lead_name: "Most popular".into(),
            caption: String::new(),
            categories: vec![
                Category { name: "Drama".into(), color: Paint::Category(1) },
                Category { name: name.into(), color: Paint::Category(2) },
            ],
            leaders: vec![
                LeaderYear {
                    year: 1995,
                    first: contender(0, "total popularity 12.5 · 3 movies"),
                    second: Some(contender(1, "total popularity 7 · 2 movies")),
                },
                LeaderYear { year: 1997, first: contender(1, "total popularity 1 · 1 movies"), second: None },
            ],
        }
    }

    fn frame() -> Frame {
        Frame {
            width: 700,
            height: 0,
            theme: Theme::light(),
            title: None,
            label: "Most popular genre".into(),
            points: false,
        }
    }

    #[test]
    fn tooltips_name_leader_and_runner_up() {
        let out = leader_band(&chart("Comedy"), &frame());
        assert!(out.svg.contains(
            "<title>1995\nMost popular: Drama (total popularity 12.5 · 3 movies)\nRunner-up: Comedy (total popularity 7 · 2 movies)</title>"
        ));
        assert!(out.svg.contains("<title>1997\nMost popular: Comedy (total popularity 1 · 1 movies)</title>"));
        assert_eq!(out.svg.matches("<title>").count(), 2);
        assert!(out.height > 4 * ROW as u32);
        // As buttons, a year names its leader's category.
        let svg = leader_band(&chart("Comedy"), &Frame { points: true, ..frame() }).svg;
        assert!(svg.contains("data-s=\"0\" data-y=\"1995\""));
        assert!(svg.contains("data-s=\"1\" data-y=\"1997\""));
    }

    #[test]
    fn hostile_names_are_escaped() {
        for name in ["<img src=x onerror=alert(1)>", "</svg><script>alert(1)</script>"] {
            let svg = leader_band(&chart(name), &frame()).svg;
            assert!(!svg.contains("<script") && !svg.contains("<img"), "{svg}");
            assert_eq!(svg.matches("</svg>").count(), 1);
        }
    }
}
