//! The hover layer: transparent shapes, each with a `<title>` giving exact values,
//! drawn above everything else.

use std::fmt::Write;

use crate::escape::escape;

/// Shapes collected while a chart is drawn, in backend pixels.
#[derive(Debug, Default)]
pub(crate) struct HoverLayer {
    shapes: String,
}

impl HoverLayer {
    /// A rectangle between two corners, in any order.
    pub(crate) fn rect(&mut self, (x0, y0): (i32, i32), (x1, y1): (i32, i32), title: &str) {
        let (left, right) = (x0.min(x1), x0.max(x1));
        let (top, bottom) = (y0.min(y1), y0.max(y1));
        let _ = write!(
            self.shapes,
            "<rect x=\"{left}\" y=\"{top}\" width=\"{}\" height=\"{}\"><title>{}</title></rect>",
            (right - left).max(1),
            (bottom - top).max(1),
            escape(title)
        );
    }

    /// A circle.
    pub(crate) fn circle(&mut self, (cx, cy): (i32, i32), r: i32, title: &str) {
        let _ =
            write!(self.shapes, "<circle cx=\"{cx}\" cy=\"{cy}\" r=\"{r}\"><title>{}</title></circle>", escape(title));
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
        layer.rect((10, 20), (4, 2), "<script>x</script>");
        layer.circle((1, 2), 5, "a & b");
        let svg = layer.into_svg();
        assert!(svg.starts_with("<g class=\"hover\""));
        assert!(svg.contains(
            "<rect x=\"4\" y=\"2\" width=\"6\" height=\"18\"><title>&lt;script&gt;x&lt;/script&gt;</title></rect>"
        ));
        assert!(svg.contains("<title>a &amp; b</title>"));
        assert!(!svg.contains("<script"));
        assert_eq!(HoverLayer::default().into_svg(), "");
    }
}
