//! The hover layer: transparent shapes, each with a `<title>` giving exact values,
//! drawn above everything else.
//!
//! When the frame asks for [`points`](crate::Frame::points), a shape that stands for
//! one value (a dot, a bar segment, a cell) is also a button: `class="point"`,
//! `data-s` (its series, row or category, by index) and `data-y` (its year), named by
//! its title, focusable with a roving tab stop (the first point is in the tab order,
//! the page moves focus between points with the arrow keys).

use std::fmt::Write;

use crate::escape::escape;

/// What a shape stands for: a series (or row, or category) by index, and a year.
pub(crate) type Point = Option<(usize, i32)>;

/// Shapes collected while a chart is drawn, in backend pixels.
#[derive(Debug, Default)]
pub(crate) struct HoverLayer {
    shapes: String,
    /// Whether shapes standing for a point become buttons.
    points: bool,
    /// Buttons written so far.
    buttons: usize,
}

impl HoverLayer {
    /// A layer whose point shapes are buttons when `points` is set.
    pub(crate) fn new(points: bool) -> Self {
        HoverLayer { points, ..HoverLayer::default() }
    }

    /// Whether some shape is a button.
    pub(crate) fn has_buttons(&self) -> bool {
        self.buttons > 0
    }

    /// The attributes that make a shape the button of `point` (none when it is not one).
    fn button(&mut self, point: Point, title: &str) -> String {
        let Some((series, year)) = point.filter(|_| self.points) else { return String::new() };
        let tab = if self.buttons == 0 { 0 } else { -1 };
        self.buttons += 1;
        format!(
            " class=\"point\" data-s=\"{series}\" data-y=\"{year}\" role=\"button\" tabindex=\"{tab}\" aria-label=\"{}\"",
            escape(title)
        )
    }

    /// A rectangle between two corners, in any order.
    pub(crate) fn rect(&mut self, (x0, y0): (i32, i32), (x1, y1): (i32, i32), title: &str, point: Point) {
        let (left, right) = (x0.min(x1), x0.max(x1));
        let (top, bottom) = (y0.min(y1), y0.max(y1));
        let button = self.button(point, title);
        let _ = write!(
            self.shapes,
            "<rect x=\"{left}\" y=\"{top}\" width=\"{}\" height=\"{}\"{button}><title>{}</title></rect>",
            (right - left).max(1),
            (bottom - top).max(1),
            escape(title)
        );
    }

    /// A circle.
    pub(crate) fn circle(&mut self, (cx, cy): (i32, i32), r: i32, title: &str, point: Point) {
        let button = self.button(point, title);
        let _ = write!(
            self.shapes,
            "<circle cx=\"{cx}\" cy=\"{cy}\" r=\"{r}\"{button}><title>{}</title></circle>",
            escape(title)
        );
    }

    /// The layer as a `<g class="hover">` element (empty when there is no shape).
    pub(crate) fn into_svg(self) -> String {
        if self.shapes.is_empty() {
            return String::new();
        }
        format!("<g class=\"hover\" fill=\"#808080\" fill-opacity=\"0\">{}</g>\n", self.shapes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_are_escaped_and_shapes_normalised() {
        let mut layer = HoverLayer::default();
        layer.rect((10, 20), (4, 2), "<script>x</script>", Some((0, 1995)));
        layer.circle((1, 2), 5, "a & b", None);
        assert!(!layer.has_buttons(), "points are buttons only when the frame asks");
        let svg = layer.into_svg();
        assert!(svg.starts_with("<g class=\"hover\""));
        assert!(svg.contains(
            "<rect x=\"4\" y=\"2\" width=\"6\" height=\"18\"><title>&lt;script&gt;x&lt;/script&gt;</title></rect>"
        ));
        assert!(svg.contains("<title>a &amp; b</title>"));
        assert!(!svg.contains("<script"));
        assert_eq!(HoverLayer::default().into_svg(), "");
    }

    #[test]
    fn points_become_buttons_with_one_tab_stop() {
        let mut layer = HoverLayer::new(true);
        layer.rect((0, 0), (4, 4), "1995 column", None);
        layer.circle((1, 2), 6, "Pixar · 1995 · \"budget\" <b>", Some((2, 1995)));
        layer.circle((3, 2), 6, "Pixar · 1996", Some((2, 1996)));
        assert!(layer.has_buttons());
        let svg = layer.into_svg();
        assert!(svg.contains("<rect x=\"0\" y=\"0\" width=\"4\" height=\"4\"><title>"), "{svg}");
        assert!(
            svg.contains(
                "r=\"6\" class=\"point\" data-s=\"2\" data-y=\"1995\" role=\"button\" tabindex=\"0\" \
             aria-label=\"Pixar · 1995 · &quot;budget&quot; &lt;b&gt;\">"
            ),
            "{svg}"
        );
        assert!(svg.contains("data-y=\"1996\" role=\"button\" tabindex=\"-1\""), "{svg}");
    }
}
