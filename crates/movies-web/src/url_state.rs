//! What the URL holds, so that a link shows the same view: the tab, the companies
//! compared, the genres shown, the year range, how the answers are charted and the
//! drill-down panel open on a chart's cell.

use crate::drill::{Drill, DrillState, Focus, GenrePick, MovieQuery};
use crate::metric::Metric;

/// The tabs of the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum View {
    /// Company answers.
    #[default]
    Companies,
    /// Genre answers.
    Genres,
    /// Manifest and error log.
    Quality,
    /// Tables and their relations.
    Model,
    /// What changed between snapshots.
    Changes,
    /// Downloads.
    Export,
}

impl View {
    /// Every view, in tab order.
    pub const ALL: [View; 6] = [View::Companies, View::Genres, View::Quality, View::Model, View::Changes, View::Export];

    /// The word used in the URL and in element ids.
    pub fn key(self) -> &'static str {
        match self {
            View::Companies => "companies",
            View::Genres => "genres",
            View::Quality => "quality",
            View::Model => "model",
            View::Changes => "changes",
            View::Export => "export",
        }
    }

    /// The tab a key pressed on this one moves to, as the ARIA tabs pattern has it:
    /// Left and Right step (wrapping round), Home and End go to the first and last;
    /// `None` for any other key.
    pub fn after_key(self, key: &str) -> Option<View> {
        let index = View::ALL.iter().position(|v| *v == self).unwrap_or(0);
        let count = View::ALL.len();
        let next = match key {
            "ArrowRight" => (index + 1) % count,
            "ArrowLeft" => (index + count - 1) % count,
            "Home" => 0,
            "End" => count - 1,
            _ => return None,
        };
        Some(View::ALL[next])
    }

    /// The tab's label.
    pub fn label(self) -> &'static str {
        match self {
            View::Companies => "Companies",
            View::Genres => "Genres",
            View::Quality => "Data quality",
            View::Model => "Data model",
            View::Changes => "Changes",
            View::Export => "Export",
        }
    }
}

/// The view and its selections.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ViewState {
    /// The tab shown.
    pub view: View,
    /// Companies compared (at most five), by TMDB id.
    pub companies: Vec<i64>,
    /// Genres shown in the genre charts (empty: all).
    pub genres: Vec<String>,
    /// First and last year shown.
    pub years: Option<(i32, i32)>,
    /// The metric charted in the company view.
    pub company_metric: Metric,
    /// The metric charted in the genre view.
    pub genre_metric: Metric,
    /// Whether the genre metric is drawn as lines (else as a heatmap).
    pub genre_lines: bool,
    /// The drill-down panel, when open.
    pub drill: Option<DrillState>,
    /// The movie or person whose page is shown instead of the tab's view.
    pub page: Option<Page>,
}

/// A page of one movie or one person (`?movie=862`, `?person=31`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Page {
    /// A movie, by TMDB id.
    Movie(i64),
    /// A person, by TMDB person id.
    Person(i64),
}

impl Page {
    /// The page's query string, for links.
    pub fn href(self) -> String {
        match self {
            Page::Movie(id) => format!("?movie={id}"),
            Page::Person(id) => format!("?person={id}"),
        }
    }
}

/// Most companies compared at once.
pub const MAX_COMPANIES: usize = 5;

fn decode(text: &str) -> String {
    js_sys::decode_uri_component(text).ok().and_then(|s| s.as_string()).unwrap_or_else(|| text.to_owned())
}

fn encode(text: &str) -> String {
    js_sys::encode_uri_component(text).as_string().unwrap_or_default()
}

impl ViewState {
    /// Reads a query string (`?view=companies&c=3,4&g=Drama&y=1990-2017&cm=revenue`,
    /// `gm=profit&chart=lines` for the genre chart; the drill-down panel as
    /// `dy=1995&dc=3&dg=Drama&df=budget&ds=title-asc`, `dn=1` for movies without genre).
    pub fn from_query(query: &str) -> Self {
        let mut state = ViewState::default();
        let mut drill = DrillState::default();
        let mut drill_year = None;
        for pair in query.trim_start_matches('?').split('&') {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            match key {
                "view" => state.view = View::ALL.into_iter().find(|v| v.key() == value).unwrap_or_default(),
                "c" => {
                    state.companies = value.split(',').filter_map(|id| id.parse().ok()).take(MAX_COMPANIES).collect();
                }
                "g" => state.genres = value.split(',').filter(|g| !g.is_empty()).map(decode).collect(),
                "y" => {
                    state.years = value
                        .split_once('-')
                        .and_then(|(a, b)| Some((a.parse().ok()?, b.parse().ok()?)))
                        .filter(|(a, b)| a <= b);
                }
                "cm" => state.company_metric = Metric::from_key(value).unwrap_or_default(),
                "gm" => state.genre_metric = Metric::from_key(value).unwrap_or_default(),
                "chart" => state.genre_lines = value == "lines",
                "dy" => drill_year = value.parse().ok(),
                "dc" => drill.drill.query.company_id = value.parse().ok(),
                "dg" if !value.is_empty() => drill.drill.query.genre = GenrePick::Named(decode(value)),
                "dn" if value == "1" => drill.drill.query.genre = GenrePick::Without,
                "df" => drill.drill.focus = Focus::from_key(value).unwrap_or_default(),
                "ds" => {
                    drill.sort = value.rsplit_once('-').and_then(|(column, way)| match way {
                        "asc" => Some((decode(column), true)),
                        "desc" => Some((decode(column), false)),
                        _ => None,
                    })
                }
                "movie" => state.page = value.parse().ok().map(Page::Movie).or(state.page),
                "person" => state.page = value.parse().ok().map(Page::Person).or(state.page),
                _ => {}
            }
        }
        state.drill = drill_year.map(|year| DrillState {
            drill: Drill { query: MovieQuery { year, ..drill.drill.query }, focus: drill.drill.focus },
            sort: drill.sort,
        });
        state
    }

    /// Writes the state as a query string.
    pub fn to_query(&self) -> String {
        let mut parts = vec![format!("view={}", self.view.key())];
        if !self.companies.is_empty() {
            parts.push(format!("c={}", self.companies.iter().map(i64::to_string).collect::<Vec<_>>().join(",")));
        }
        if !self.genres.is_empty() {
            parts.push(format!("g={}", self.genres.iter().map(|g| encode(g)).collect::<Vec<_>>().join(",")));
        }
        if let Some((from, to)) = self.years {
            parts.push(format!("y={from}-{to}"));
        }
        if self.company_metric != Metric::default() {
            parts.push(format!("cm={}", self.company_metric.key()));
        }
        if self.genre_metric != Metric::default() {
            parts.push(format!("gm={}", self.genre_metric.key()));
        }
        if self.genre_lines {
            parts.push("chart=lines".to_owned());
        }
        if let Some(DrillState { drill: Drill { query, focus }, sort }) = &self.drill {
            parts.push(format!("dy={}", query.year));
            if let Some(company) = query.company_id {
                parts.push(format!("dc={company}"));
            }
            match &query.genre {
                GenrePick::Any => {}
                GenrePick::Without => parts.push("dn=1".to_owned()),
                GenrePick::Named(genre) => parts.push(format!("dg={}", encode(genre))),
            }
            parts.push(format!("df={}", focus.key()));
            if let Some((column, ascending)) = sort {
                parts.push(format!("ds={}-{}", encode(column), if *ascending { "asc" } else { "desc" }));
            }
        }
        if let Some(page) = self.page {
            parts.push(page.href().trim_start_matches('?').to_owned());
        }
        format!("?{}", parts.join("&"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arrow_keys_wrap_and_home_end_jump() {
        assert_eq!(View::Companies.after_key("ArrowRight"), Some(View::Genres));
        assert_eq!(View::Companies.after_key("ArrowLeft"), Some(View::Export));
        assert_eq!(View::Export.after_key("ArrowRight"), Some(View::Companies));
        assert_eq!(View::Quality.after_key("Home"), Some(View::Companies));
        assert_eq!(View::Quality.after_key("End"), Some(View::Export));
        assert_eq!(View::Quality.after_key("Tab"), None);
        assert_eq!(View::Quality.after_key("ArrowDown"), None);
    }
}
