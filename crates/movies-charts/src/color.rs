//! Colors: an RGB type and the light and dark themes the charts are drawn with.

use plotters::style::RGBColor;

/// An sRGB color.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    /// The color written `0xrrggbb`.
    const fn hex(value: u32) -> Rgb {
        Rgb((value >> 16) as u8, (value >> 8) as u8, value as u8)
    }

    /// The color as `#rrggbb`.
    pub fn css(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }

    /// The color `t` of the way from `self` to `other` (`t` in 0..=1).
    pub fn mix(self, other: Rgb, t: f64) -> Rgb {
        let t = t.clamp(0.0, 1.0);
        let lerp = |a: u8, b: u8| (f64::from(a) + (f64::from(b) - f64::from(a)) * t).round() as u8;
        Rgb(lerp(self.0, other.0), lerp(self.1, other.1), lerp(self.2, other.2))
    }

    pub(crate) fn plot(self) -> RGBColor {
        RGBColor(self.0, self.1, self.2)
    }
}

/// A color named by its role; the theme picks the actual color when the chart is
/// drawn, so chart data does not depend on light or dark mode.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Paint {
    /// The `i`-th of a handful of named series (companies).
    Series(usize),
    /// The `i`-th category in a stable order (genres).
    Category(usize),
    /// Neither (e.g. "no genre").
    Neutral,
}

/// Series colors for a handful of named lines (companies), light variant.
const SERIES_LIGHT: [Rgb; 6] = [
    Rgb::hex(0x2f5fd0),
    Rgb::hex(0xd95f02),
    Rgb::hex(0x1b9e77),
    Rgb::hex(0xc2185b),
    Rgb::hex(0x7b5cd6),
    Rgb::hex(0x8c6d1f),
];

/// Series colors for a handful of named lines, dark variant (lighter, same hues).
const SERIES_DARK: [Rgb; 6] = [
    Rgb::hex(0x7aa2ff),
    Rgb::hex(0xff9f5a),
    Rgb::hex(0x4fd1a5),
    Rgb::hex(0xff6fa8),
    Rgb::hex(0xb39dff),
    Rgb::hex(0xe0c060),
];

/// Twenty categorical colors (genres), light variant.
const CATEGORIES_LIGHT: [Rgb; 20] = [
    Rgb::hex(0x4e79a7),
    Rgb::hex(0xf28e2b),
    Rgb::hex(0xe15759),
    Rgb::hex(0x59a14f),
    Rgb::hex(0x76b7b2),
    Rgb::hex(0xedc948),
    Rgb::hex(0xb07aa1),
    Rgb::hex(0xff9da7),
    Rgb::hex(0x9c755f),
    Rgb::hex(0x499894),
    Rgb::hex(0xa0cbe8),
    Rgb::hex(0xffbe7d),
    Rgb::hex(0x8cd17d),
    Rgb::hex(0xb6992d),
    Rgb::hex(0xd37295),
    Rgb::hex(0x86bcb6),
    Rgb::hex(0xd4a6c8),
    Rgb::hex(0x79706e),
    Rgb::hex(0xf1ce63),
    Rgb::hex(0x2a5783),
];

/// Twenty categorical colors, dark variant (the darkest hues lightened).
const CATEGORIES_DARK: [Rgb; 20] = [
    Rgb::hex(0x6f97c9),
    Rgb::hex(0xf28e2b),
    Rgb::hex(0xe9686a),
    Rgb::hex(0x6fbf63),
    Rgb::hex(0x76b7b2),
    Rgb::hex(0xedc948),
    Rgb::hex(0xc393b6),
    Rgb::hex(0xff9da7),
    Rgb::hex(0xbb8f74),
    Rgb::hex(0x5fb3ae),
    Rgb::hex(0xa0cbe8),
    Rgb::hex(0xffbe7d),
    Rgb::hex(0x8cd17d),
    Rgb::hex(0xc9ab3f),
    Rgb::hex(0xe08aaa),
    Rgb::hex(0x86bcb6),
    Rgb::hex(0xd4a6c8),
    Rgb::hex(0xa59c99),
    Rgb::hex(0xf1ce63),
    Rgb::hex(0x5b8fc7),
];

/// The colors a chart is drawn with. [`Theme::light`] and [`Theme::dark`] match the
/// page's light and dark panels.
#[derive(Debug, Clone, PartialEq)]
pub struct Theme {
    /// Chart background (the page's panel color).
    pub background: Rgb,
    /// Titles and legend text.
    pub text: Rgb,
    /// Axis labels and notes.
    pub muted: Rgb,
    /// Grid lines.
    pub grid: Rgb,
    /// Axis lines.
    pub axis: Rgb,
    /// The neutral color (e.g. "no genre").
    pub neutral: Rgb,
    /// Heatmap: the smallest values.
    pub heat_low: Rgb,
    /// Heatmap: the largest values.
    pub heat_high: Rgb,
    /// Heatmap: the most negative values (losses).
    pub heat_negative: Rgb,
    series: &'static [Rgb],
    categories: &'static [Rgb],
}

impl Theme {
    /// Dark text on a white panel.
    pub fn light() -> Theme {
        Theme {
            background: Rgb::hex(0xffffff),
            text: Rgb::hex(0x1d1f24),
            muted: Rgb::hex(0x5b6270),
            grid: Rgb::hex(0xe4e6ec),
            axis: Rgb::hex(0xaab0bc),
            neutral: Rgb::hex(0x9aa1ad),
            heat_low: Rgb::hex(0xe8eefb),
            heat_high: Rgb::hex(0x173f9e),
            heat_negative: Rgb::hex(0xb3261e),
            series: &SERIES_LIGHT,
            categories: &CATEGORIES_LIGHT,
        }
    }

    /// Light text on a dark panel.
    pub fn dark() -> Theme {
        Theme {
            background: Rgb::hex(0x1e2128),
            text: Rgb::hex(0xe6e8ee),
            muted: Rgb::hex(0xa0a7b4),
            grid: Rgb::hex(0x2c3039),
            axis: Rgb::hex(0x4a505c),
            neutral: Rgb::hex(0x7d8491),
            heat_low: Rgb::hex(0x304066),
            heat_high: Rgb::hex(0x9dbdff),
            heat_negative: Rgb::hex(0xff8a80),
            series: &SERIES_DARK,
            categories: &CATEGORIES_DARK,
        }
    }

    /// The color of a role.
    pub fn color(&self, color: Paint) -> Rgb {
        match color {
            Paint::Series(i) => self.series(i),
            Paint::Category(i) => self.category(i),
            Paint::Neutral => self.neutral,
        }
    }

    /// The color of the `i`-th named series (companies); repeats after six.
    pub fn series(&self, i: usize) -> Rgb {
        self.series[i % self.series.len()]
    }

    /// The color of the `i`-th category (genres, in a stable order); repeats after twenty.
    pub fn category(&self, i: usize) -> Rgb {
        self.categories[i % self.categories.len()]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_mix_and_css() {
        assert_eq!(Rgb::hex(0x2f5fd0), Rgb(0x2f, 0x5f, 0xd0));
        assert_eq!(Rgb(0, 0, 0).mix(Rgb(255, 255, 255), 0.5), Rgb(128, 128, 128));
        assert_eq!(Rgb(1, 2, 255).css(), "#0102ff");
        assert_eq!(Theme::light().category(21), Theme::light().category(1));
    }
}
