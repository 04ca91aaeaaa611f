//! A chart with its notes, its downloads (CSV, SVG, PNG) and its data table.

use std::collections::BTreeMap;

use leptos::html::Div;
use leptos::prelude::*;
use leptos::task::spawn_local;
use movies_charts::{heatmap, leader_band, line_chart, stacked_bars, Chart, Frame, Theme};
use movies_charts::{Heatmap, LeaderBand, LineChart, StackedBars};

use super::csv::to_csv;
use super::environment::{observe_width, prefers_dark, theme};
use super::table::{DataTable, SortableTable};
use super::{png, points};
use crate::context::use_app;
use crate::download::{save_blob, save_bytes, save_text};
use crate::drill::Drill;

/// Narrowest width a download is drawn at.
const MIN_DOWNLOAD_WIDTH: u32 = 760;

/// The data of one of the chart kinds.
#[derive(Debug, Clone, PartialEq)]
pub enum ChartData {
    /// Lines per year.
    Lines(LineChart),
    /// Stacked bars per year.
    Stacked(StackedBars),
    /// The leader of each year.
    Leaders(LeaderBand),
    /// Categories × years.
    Heat(Heatmap),
}

impl ChartData {
    /// Draws the chart in `frame`.
    pub fn draw(&self, frame: &Frame) -> Chart {
        match self {
            ChartData::Lines(chart) => line_chart(chart, frame),
            ChartData::Stacked(chart) => stacked_bars(chart, frame),
            ChartData::Leaders(chart) => leader_band(chart, frame),
            ChartData::Heat(chart) => heatmap(chart, frame),
        }
    }
}

/// A chart and everything shown with it.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    /// Heading, accessible name and title of the downloads.
    pub title: String,
    /// Notes under the chart (coverage, definitions).
    pub notes: Vec<String>,
    /// The chart.
    pub chart: ChartData,
    /// The chart's data.
    pub table: DataTable,
    /// Download file names without extension.
    pub file_stem: String,
    /// The cell behind each point, bar segment or cell of the chart, by the series
    /// (row, category) index and year the chart gives its buttons.
    pub points: BTreeMap<(usize, i32), Drill>,
    /// The cell behind each row of the table (same order as its rows).
    pub row_drills: Vec<Option<Drill>>,
}

/// The frame of the page's chart (points are buttons, no title) or of a download.
fn frame(figure: &Figure, width: u32, height: u32, theme: Theme, download: bool) -> Frame {
    Frame {
        width,
        height,
        theme,
        title: download.then(|| figure.title.clone()),
        label: figure.title.clone(),
        points: !download,
    }
}

/// A chart figure. `children` go in its header (e.g. a selector).
#[component]
pub fn ChartFigure(
    #[prop(into)] figure: Signal<Figure>,
    /// Height of the plot of line and bar charts.
    #[prop(default = 300)]
    height: u32,
    #[prop(optional)] children: Option<Children>,
    /// Element id of the figure.
    #[prop(into)]
    id: String,
) -> impl IntoView {
    let store = use_app().store;
    let holder = NodeRef::<Div>::new();
    let width = observe_width(holder);
    let dark = prefers_dark();
    let svg = Memo::new(move |_| {
        let width = width.get();
        if width == 0 {
            return String::new();
        }
        figure.with(|f| f.chart.draw(&frame(f, width, height, theme(dark.get()), false)).svg)
    });
    // Downloads are drawn in light colors with their title, for documents and slides.
    let for_download = move || {
        figure.with_untracked(|f| {
            let width = width.get_untracked().max(MIN_DOWNLOAD_WIDTH);
            (f.chart.draw(&frame(f, width, height, Theme::light(), true)), f.file_stem.clone())
        })
    };
    let report = move |what: &str, result: Result<(), wasm_bindgen::JsValue>| {
        if let Err(e) = result {
            store
                .alert(format!("The {what} could not be saved: {}", e.as_string().unwrap_or_else(|| format!("{e:?}"))));
        }
    };
    let on_csv = move |_| {
        let (csv, stem) = figure.with_untracked(|f| (to_csv(&f.table), f.file_stem.clone()));
        report("CSV file", save_bytes(&csv, &format!("{stem}.csv"), "text/csv;charset=utf-8"));
    };
    let on_svg = move |_| {
        let (chart, stem) = for_download();
        report("SVG file", save_text(&chart.svg, &format!("{stem}.svg"), "image/svg+xml;charset=utf-8"));
    };
    let on_png = move |_| {
        let (chart, stem) = for_download();
        spawn_local(async move {
            let saved = match png::render(&chart.svg, chart.width, chart.height).await {
                Ok(blob) => save_blob(&blob, &format!("{stem}.png")),
                Err(e) => Err(e),
            };
            report("PNG image", saved);
        });
    };
    let open = move |drill: Drill| store.open_drill(drill);
    let cell_of = move |series: usize, year: i32| figure.with_untracked(|f| f.points.get(&(series, year)).cloned());
    let title = Signal::derive(move || figure.with(|f| f.title.clone()));
    let heading_id = format!("{id}-title");
    let labelled_by = heading_id.clone();
    view! {
        <figure class="chart-card" id=id aria-labelledby=labelled_by>
            <div class="chart-head">
                <h3 id=heading_id>{title}</h3>
                {children.map(|c| c())}
            </div>
            <div
                class="chart"
                node_ref=holder
                inner_html=move || svg.get()
                on:click=move |ev| points::on_click(&ev, cell_of, open)
                on:keydown=move |ev| points::on_key(&ev, cell_of, open)
            ></div>
            <figcaption class="chart-notes">
                {move || figure.with(|f| f.notes.iter().map(|n| view! { <p class="note">{n.clone()}</p> }).collect_view())}
            </figcaption>
            <div class="chart-tools" role="group" aria-label="Downloads">
                <button type="button" class="button small" on:click=on_csv title="The chart's data, as in the table below">
                    "Download CSV"
                </button>
                <button type="button" class="button small" on:click=on_svg title="The chart as a vector image (light colors)">
                    "Download SVG"
                </button>
                <button type="button" class="button small" on:click=on_png title="The chart as a PNG image (light colors, 2× resolution)">
                    "Download PNG"
                </button>
            </div>
            <SortableTable
                table=Signal::derive(move || figure.with(|f| f.table.clone()))
                caption=title
                drills=Signal::derive(move || figure.with(|f| f.row_drills.clone()))
            />
        </figure>
    }
}
