//! Writes one chart of each kind, in both themes, to the folder given as argument
//! (default `gallery/`), to look at them without the page.

use movies_charts::{
    heatmap, leader_band, line_chart, stacked_bars, Bar, Category, Contender, Frame, HeatCell, HeatRow, Heatmap,
    LeaderBand, LeaderYear, LineChart, LinePoint, LineSeries, Paint, Spacing, StackedBars, Theme, Unit,
};

/// A small deterministic pseudo-random sequence.
struct Noise(u64);

impl Noise {
    fn next(&mut self) -> f64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (self.0 >> 11) as f64 / (1u64 << 53) as f64
    }
}

const GENRES: [&str; 8] = ["Action", "Comedy", "Drama", "Horror", "Romance", "Science Fiction", "Thriller", "War"];

fn main() -> std::io::Result<()> {
    let dir = std::env::args().nth(1).unwrap_or_else(|| "gallery".into());
    std::fs::create_dir_all(&dir)?;
    let years = (1960, 2017);
    let mut noise = Noise(7);
    for (mode, theme) in [("light", Theme::light()), ("dark", Theme::dark())] {
        let frame = |title: &str, height| Frame {
            width: 1100,
            height,
            theme: theme.clone(),
            title: Some(title.into()),
            label: title.into(),
            points: false,
        };
        let series = ["Meridian Pictures", "Starling Bros. Studios", "<img src=x onerror=alert(1)>"]
            .iter()
            .enumerate()
            .map(|(i, name)| LineSeries {
                name: (*name).into(),
                color: Paint::Series(i),
                points: (years.0..=years.1)
                    .filter_map(|year| {
                        let present = noise.next() > 0.2;
                        let known = noise.next() > 0.15;
                        let value = noise.next() * 2e8 * f64::from(year - 1950) / 30.0;
                        present.then(|| LinePoint {
                            year,
                            value: known.then_some(value),
                            note: Some("(known for 2 of 3 movies)".into()),
                        })
                    })
                    .collect(),
            })
            .collect();
        let lines = LineChart {
            years,
            unit: Unit::Money,
            value_name: "budget".into(),
            caption: "Budget, sum per year (USD)".into(),
            series,
        };
        std::fs::write(format!("{dir}/lines-{mode}.svg"), line_chart(&lines, &frame("Budget per year", 360)).svg)?;

        let categories: Vec<Category> =
            GENRES.iter().enumerate().map(|(i, g)| Category { name: (*g).into(), color: Paint::Category(i) }).collect();
        let bars = (years.0..=years.1)
            .map(|year| Bar {
                year,
                values: GENRES.iter().map(|_| (noise.next() * 4.0).floor()).collect(),
                note: Some("5 movies that year".into()),
            })
            .collect();
        let stacked = StackedBars {
            years,
            unit: Unit::Count,
            value_name: "releases".into(),
            caption: "Releases by genre".into(),
            categories: categories.clone(),
            bars,
        };
        std::fs::write(
            format!("{dir}/stacked-{mode}.svg"),
            stacked_bars(&stacked, &frame("Releases by genre", 320)).svg,
        )?;

        let leaders = (years.0..=years.1)
            .map(|year| {
                let first = (noise.next() * 4.0) as usize;
                LeaderYear {
                    year,
                    first: Contender { category: first, detail: "total popularity 123.4 · 30 movies".into() },
                    second: Some(Contender { category: (first + 1) % 5, detail: "total popularity 99".into() }),
                }
            })
            .collect();
        let band = LeaderBand {
            years,
            lead_name: "Most popular".into(),
            caption: String::new(),
            categories: categories[..5].to_vec(),
            leaders,
        };
        std::fs::write(format!("{dir}/band-{mode}.svg"), leader_band(&band, &frame("Most popular genre", 0)).svg)?;

        let rows = GENRES
            .iter()
            .map(|g| HeatRow {
                name: (*g).into(),
                cells: (years.0..=years.1)
                    .map(|year| HeatCell {
                        year,
                        value: (noise.next() > 0.1)
                            .then(|| (noise.next() - 0.3) * 10f64.powf(5.0 + noise.next() * 4.0)),
                        note: None,
                    })
                    .collect(),
            })
            .collect();
        let heat = Heatmap {
            years,
            unit: Unit::Money,
            value_name: "profit".into(),
            caption: "Profit, sum per genre and year (USD, log color scale)".into(),
            rows,
            spacing: Spacing::Logarithmic,
        };
        std::fs::write(format!("{dir}/heatmap-{mode}.svg"), heatmap(&heat, &frame("Profit by genre", 0)).svg)?;
    }
    Ok(())
}
