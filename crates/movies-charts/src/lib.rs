//! Charts of the answers, drawn with plotters' SVG backend into a `String`.
//!
//! Every chart is a pure function from series data (plus a [`Frame`]: size, colors,
//! optional title) to an SVG document:
//!
//! - [`line_chart`]: several named series per year; unknown values leave gaps.
//! - [`stacked_bars`]: a stack of categories per year (releases by genre).
//! - [`leader_band`]: the leading category of each year on a year × category band,
//!   with the runner-up shown faintly.
//! - [`heatmap`]: a value per category and year, on a logarithmic color scale.
//!
//! Each point, bar segment or cell gets an exact-value tooltip: a transparent shape
//! with a `<title>` in a `<g class="hover">` layer drawn last. Text that comes from
//! the data is escaped: plotters escapes what it draws, this crate escapes its own
//! titles and labels with [`escape`]. No chart measures text through the DOM, so the
//! functions run anywhere (natively in tests, in the page in the browser).

mod canvas;
mod color;
mod escape;
mod frame;
mod heatmap;
mod hover;
mod leaders;
mod legend;
mod lines;
mod rows;
mod scale;
mod stacked;
mod text;
mod units;

pub use color::{Paint, Rgb, Theme};
pub use escape::escape;
pub use frame::{Chart, Frame};
pub use heatmap::{heatmap, HeatCell, HeatRow, Heatmap};
pub use leaders::{leader_band, Contender, LeaderBand, LeaderYear};
pub use lines::{line_chart, LineChart, LinePoint, LineSeries};
pub use scale::Spacing;
pub use stacked::{stacked_bars, Bar, Category, StackedBars};
pub use units::{grouped, money_exact, money_short, Unit};
