//! What every chart is drawn on: the SVG backend, a per-year plot on it, and what
//! drawing can fail with.

use plotters::coord::types::RangedCoordf64;
use plotters::prelude::*;

/// The drawing backend of every chart.
pub(crate) type Svg<'a> = SVGBackend<'a>;

/// A plot whose both axes are numbers (years on x).
pub(crate) type Plot<'a, 'b> = ChartContext<'a, Svg<'b>, Cartesian2d<RangedCoordf64, RangedCoordf64>>;

/// What drawing can fail with (only a broken backend, never the data).
pub(crate) type DrawError = DrawingAreaErrorKind<std::io::Error>;
