//! Scales: the value axis of line and bar charts, and the heatmap's color scale.

use std::ops::Range;

use crate::color::{Rgb, Theme};
use crate::text::text_width;
use crate::units::Unit;

/// A value axis: its range, how many labels and the room they need.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ValueAxis {
    /// From the lowest to the highest value shown (zero always included).
    pub range: Range<f64>,
    /// Most labels wanted.
    pub labels: usize,
    /// Width of the label area, in pixels.
    pub label_width: i32,
}

/// An axis that holds `values` and zero, with a little headroom.
pub(crate) fn value_axis(values: &[f64], unit: Unit, max_labels: i32) -> ValueAxis {
    let lo = values.iter().copied().fold(0.0_f64, f64::min);
    let mut hi = values.iter().copied().fold(0.0_f64, f64::max);
    if lo == 0.0 && hi == 0.0 {
        // Only zeros: show a unit above them.
        hi = 1.0 / 1.05;
    }
    let span = hi - lo;
    let range = if lo < 0.0 { lo - span * 0.05 } else { 0.0 }..if hi > 0.0 { hi + span * 0.05 } else { 0.0 };
    let mut labels = max_labels.clamp(2, 8) as usize;
    if unit == Unit::Count {
        // Whole counts only: never more labels than units on the axis.
        labels = labels.min((range.end - range.start).ceil() as usize + 1);
    }
    let widest = [range.start, range.end, lo, hi].iter().map(|v| text_width(&unit.axis(*v), 12.0)).fold(0.0, f64::max);
    ValueAxis { range, labels, label_width: (widest.ceil() as i32 + 14).max(36) }
}

/// How a heatmap's colors are spread over its values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Spacing {
    /// By order of magnitude (money: $1K to $1B).
    #[default]
    Logarithmic,
    /// Evenly between the smallest and largest value (ratings: 2.5 to 4.5 stars).
    Linear,
}

/// A color scale over the magnitudes of some values, logarithmic or linear; with
/// negative values it diverges (losses in the negative hue, gains in the positive one).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ColorScale {
    /// The smallest non-zero magnitude (its log10 when logarithmic).
    lo: f64,
    /// The largest magnitude (its log10 when logarithmic).
    hi: f64,
    spacing: Spacing,
    /// Whether some values are negative.
    pub diverging: bool,
}

impl ColorScale {
    /// The scale of `values`; `None` when none is non-zero.
    pub(crate) fn new(values: impl Iterator<Item = f64>, spacing: Spacing) -> Option<ColorScale> {
        let mut lo = f64::INFINITY;
        let mut hi = f64::NEG_INFINITY;
        let mut diverging = false;
        for v in values.filter(|v| v.is_finite() && *v != 0.0) {
            let m = match spacing {
                Spacing::Logarithmic => v.abs().log10(),
                Spacing::Linear => v.abs(),
            };
            lo = lo.min(m);
            hi = hi.max(m);
            diverging |= v < 0.0;
        }
        (lo <= hi).then_some(ColorScale { lo, hi, spacing, diverging })
    }

    /// Where `v`'s magnitude sits between the smallest and the largest (0..=1).
    pub(crate) fn position(&self, v: f64) -> f64 {
        if v == 0.0 || !v.is_finite() {
            return 0.0;
        }
        if self.hi - self.lo < 1e-9 {
            return 1.0;
        }
        let m = match self.spacing {
            Spacing::Logarithmic => v.abs().log10(),
            Spacing::Linear => v.abs(),
        };
        ((m - self.lo) / (self.hi - self.lo)).clamp(0.0, 1.0)
    }

    /// The magnitude at position `t` (0..=1) of the scale.
    pub(crate) fn magnitude_at(&self, t: f64) -> f64 {
        let m = self.lo + (self.hi - self.lo) * t.clamp(0.0, 1.0);
        match self.spacing {
            Spacing::Logarithmic => 10f64.powf(m),
            Spacing::Linear => m,
        }
    }

    /// The color of `v`.
    pub(crate) fn color(&self, v: f64, theme: &Theme) -> Rgb {
        let t = 0.08 + 0.92 * self.position(v);
        let low = self.low(theme);
        if v < 0.0 {
            low.mix(theme.heat_negative, t)
        } else {
            low.mix(theme.heat_high, t)
        }
    }

    /// The color of the smallest magnitudes.
    pub(crate) fn low(&self, theme: &Theme) -> Rgb {
        if self.diverging {
            theme.background.mix(theme.muted, 0.12)
        } else {
            theme.heat_low
        }
    }

    /// Magnitudes to label: at most five powers of ten within a logarithmic scale (its
    /// ends when it spans less than a decade); the ends and middle of a linear one.
    pub(crate) fn ticks(&self) -> Vec<f64> {
        if self.spacing == Spacing::Linear {
            let mut ticks = vec![self.lo, (self.lo + self.hi) / 2.0, self.hi];
            ticks.dedup();
            return ticks;
        }
        let (from, to) = (self.lo.ceil() as i32, self.hi.floor() as i32);
        let step = ((to - from) / 4 + 1).max(1) as usize;
        let mut ticks: Vec<f64> = (from..=to).rev().step_by(step).map(|e| 10f64.powi(e)).collect();
        ticks.reverse();
        if ticks.len() < 2 {
            ticks = vec![10f64.powf(self.lo), 10f64.powf(self.hi)];
            ticks.dedup();
        }
        ticks
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn axis_includes_zero_and_headroom() {
        let axis = value_axis(&[10.0, 110.0], Unit::Money, 6);
        assert_eq!(axis.range.start, 0.0);
        assert!((axis.range.end - 115.5).abs() < 1e-9);
        let axis = value_axis(&[-50.0, 50.0], Unit::Money, 6);
        assert!(axis.range.start < -50.0 && axis.range.end > 50.0);
        let axis = value_axis(&[-5.0], Unit::Money, 6);
        assert!(axis.range.start < -5.0 && axis.range.end == 0.0);
        assert_eq!(value_axis(&[2.0], Unit::Count, 6).labels, 4);
        assert_eq!(value_axis(&[0.0], Unit::Count, 6).range, 0.0..1.0);
    }

    #[test]
    fn log_scale_positions_and_ticks() {
        let scale = ColorScale::new([1e3, 1e6, -1e9, 0.0].into_iter(), Spacing::Logarithmic).unwrap();
        assert!(scale.diverging);
        assert_eq!(scale.position(1e3), 0.0);
        assert_eq!(scale.position(-1e9), 1.0);
        assert!((scale.position(1e6) - 0.5).abs() < 1e-9);
        assert_eq!(scale.ticks(), vec![1e3, 1e5, 1e7, 1e9]);
        assert!(ColorScale::new([0.0].into_iter(), Spacing::Logarithmic).is_none());
        let one = ColorScale::new([5.0].into_iter(), Spacing::Logarithmic).unwrap();
        assert_eq!(one.position(5.0), 1.0);
        assert_eq!(one.ticks().len(), 1);
        let theme = Theme::light();
        assert_ne!(scale.color(-1e9, &theme), scale.color(1e9, &theme));
    }

    #[test]
    fn linear_scale_spreads_close_values() {
        let scale = ColorScale::new([2.5, 3.5, 4.5].into_iter(), Spacing::Linear).unwrap();
        assert_eq!(scale.position(2.5), 0.0);
        assert!((scale.position(3.5) - 0.5).abs() < 1e-12);
        assert_eq!(scale.position(4.5), 1.0);
        assert_eq!(scale.ticks(), vec![2.5, 3.5, 4.5]);
        assert!((scale.magnitude_at(0.25) - 3.0).abs() < 1e-12);
        let log = ColorScale::new([2.5, 3.5, 4.5].into_iter(), Spacing::Logarithmic).unwrap();
        assert!(log.position(3.5) > 0.55, "a log scale crowds the top: {}", log.position(3.5));
    }
}
