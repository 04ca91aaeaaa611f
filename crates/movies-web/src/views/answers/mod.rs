//! Building blocks of the company and genre views: a chart with its data table and
//! downloads, the metric and year controls, the genre colors, and what the page
//! tells a chart (dark mode, its width).

pub mod controls;
pub mod csv;
pub mod empty;
pub mod environment;
pub mod figure;
pub mod palette;
pub mod png;
pub mod points;
pub mod prefs;
pub mod table;
