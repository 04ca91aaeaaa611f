//! The entity-relationship diagram of the output tables, written as SVG text from the
//! same definitions that write `schema.sql`.
//!
//! Tables are laid out in bands by their depth in the reference graph (a table that
//! references nothing first, then the tables referencing it, ...), tables that neither
//! reference nor are referenced in a last band. A line joins each referencing column
//! (crow's foot: many rows) to the column it references (bar: one row).

use std::fmt::Write;

use movies_charts::escape;
use movies_core::schema::{Column, Reference};
use movies_protocol::Table;

/// Width of one character at the diagram's 12px monospace font.
const CHAR: f64 = 7.25;
/// Height of a column row.
const ROW: f64 = 18.0;
/// Height of a table's title bar.
const HEADER: f64 = 26.0;
/// Padding inside a box.
const PAD: f64 = 8.0;
/// Room for the PK / FK markers left of the column names.
const GUTTER: f64 = 40.0;
/// Space between bands (where the lines run).
const BAND_GAP: f64 = 72.0;
/// Space between boxes of a band.
const BOX_GAP: f64 = 22.0;
/// Space around the drawing.
const MARGIN: f64 = 16.0;
/// Room above the boxes for the band captions.
const CAPTION: f64 = 22.0;

/// A table's box.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Placed {
    /// The table drawn.
    pub table: Table,
    /// Left edge.
    pub x: f64,
    /// Top edge.
    pub y: f64,
    /// Width.
    pub width: f64,
    /// Height.
    pub height: f64,
}

impl Placed {
    /// Vertical middle of the row of `column` (the title bar when not found).
    fn row_middle(&self, column: &str) -> f64 {
        let index = self.table.def().columns.iter().position(|c| c.name == column);
        index.map_or(self.y + HEADER / 2.0, |i| self.y + HEADER + ROW * i as f64 + ROW / 2.0)
    }
}

/// Where every box goes, and the drawing's size.
#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    /// One box per table, in [`Table::ALL`] order.
    pub boxes: Vec<Placed>,
    /// Width of the drawing.
    pub width: f64,
    /// Height of the drawing.
    pub height: f64,
    /// Left edge and width of every band, left to right.
    pub bands: Vec<(f64, f64)>,
    /// Left edge of the band of tables without references, when there are some.
    pub standalone_x: Option<f64>,
}

impl Layout {
    fn placed(&self, table: Table) -> Option<&Placed> {
        self.boxes.iter().find(|b| b.table == table)
    }

    /// Heights where a line can cross the band at `x` without crossing a box: above,
    /// between and below its boxes.
    fn corridors(&self, x: f64) -> Vec<f64> {
        let mut boxes: Vec<&Placed> = self.boxes.iter().filter(|b| b.x == x).collect();
        boxes.sort_by(|a, b| a.y.total_cmp(&b.y));
        let (Some(first), Some(last)) = (boxes.first(), boxes.last()) else { return Vec::new() };
        let mut ys = vec![first.y - BOX_GAP / 2.0];
        ys.extend(boxes.windows(2).map(|pair| (pair[0].y + pair[0].height + pair[1].y) / 2.0));
        ys.push(last.y + last.height + BOX_GAP / 2.0);
        ys
    }
}

/// Tables that reference `table`, with their reference.
pub fn referenced_by(table: Table) -> Vec<(Table, &'static Reference)> {
    Table::ALL
        .into_iter()
        .flat_map(|t| t.def().references.iter().filter(move |r| r.table == table).map(move |r| (t, r)))
        .collect()
}

/// Depth in the reference graph (cycles are cut after as many steps as there are tables).
fn depth(table: Table, budget: usize) -> usize {
    let refs = table.def().references;
    if refs.is_empty() || budget == 0 {
        return 0;
    }
    1 + refs.iter().map(|r| depth(r.table, budget - 1)).max().unwrap_or(0)
}

/// Tables by band (depth in the reference graph), then the tables without any reference.
fn bands() -> (Vec<Vec<Table>>, Vec<Table>) {
    let linked = |t: Table| !t.def().references.is_empty() || !referenced_by(t).is_empty();
    let mut bands: Vec<Vec<Table>> = Vec::new();
    let mut alone = Vec::new();
    for table in Table::ALL {
        if !linked(table) {
            alone.push(table);
            continue;
        }
        let d = depth(table, Table::ALL.len());
        if bands.len() <= d {
            bands.resize(d + 1, Vec::new());
        }
        bands[d].push(table);
    }
    (bands, alone)
}

/// Text width of a string in the diagram's font.
fn text_width(text: &str) -> f64 {
    text.chars().count() as f64 * CHAR
}

/// A column's SQL type without its length (`VARCHAR(16777216)` → `VARCHAR`): the
/// tables under the diagram give it in full.
fn short_type(column: &Column) -> &'static str {
    let sql = column.ty.sql();
    sql.split('(').next().unwrap_or(sql)
}

/// Width of a table's box: its widest column line or its title.
fn box_width(table: Table) -> f64 {
    let def = table.def();
    let name = def.columns.iter().map(|c| text_width(c.name)).fold(0.0, f64::max);
    let ty = def.columns.iter().map(|c| text_width(short_type(c))).fold(0.0, f64::max);
    (GUTTER + name + 2.0 * PAD + ty + PAD).max(text_width(def.name) * 1.1 + 2.0 * PAD)
}

fn box_height(table: Table) -> f64 {
    HEADER + ROW * table.def().columns.len() as f64 + PAD / 2.0
}

/// Places every table: bands left to right, boxes stacked and centred vertically.
pub fn layout() -> Layout {
    let (mut bands, alone) = bands();
    let linked_bands = bands.len();
    if !alone.is_empty() {
        bands.push(alone);
    }
    let band_height = |band: &[Table]| {
        band.iter().map(|t| box_height(*t)).sum::<f64>() + BOX_GAP * band.len().saturating_sub(1) as f64
    };
    let tallest = bands.iter().map(|b| band_height(b)).fold(0.0, f64::max);
    let mut boxes = Vec::new();
    let mut placed_bands = Vec::new();
    let mut standalone_x = None;
    let mut x = MARGIN;
    for (i, band) in bands.iter().enumerate() {
        if i == linked_bands {
            standalone_x = Some(x);
        }
        let width = band.iter().map(|t| box_width(*t)).fold(0.0, f64::max);
        placed_bands.push((x, width));
        let mut y = MARGIN + CAPTION + (tallest - band_height(band)) / 2.0;
        for &table in band {
            let height = box_height(table);
            boxes.push(Placed { table, x, y, width, height });
            y += height + BOX_GAP;
        }
        x += width + BAND_GAP;
    }
    boxes.sort_by_key(|b| Table::ALL.iter().position(|t| *t == b.table));
    Layout {
        boxes,
        width: x - BAND_GAP + MARGIN,
        height: tallest + 2.0 * MARGIN + CAPTION,
        bands: placed_bands,
        standalone_x,
    }
}

/// "PK", "FK", both or nothing for a column of `table`.
fn marker(table: Table, column: &str) -> &'static str {
    let def = table.def();
    let key = def.key.contains(&column);
    let reference = def.references.iter().any(|r| r.column == column);
    match (key, reference) {
        (true, true) => "PK FK",
        (true, false) => "PK",
        (false, true) => "FK",
        (false, false) => "",
    }
}

/// A table's box: a link to its description below the diagram.
fn write_box(svg: &mut String, b: &Placed) {
    let def = b.table.def();
    let name = escape(def.name);
    let (x, y, w, h) = (b.x, b.y, b.width, b.height);
    let _ = write!(
        svg,
        r##"<a class="er-link" href="#table-{name}"><g class="er-table"><title>{name}: one row per {grain}</title><rect class="er-box" x="{x:.1}" y="{y:.1}" width="{w:.1}" height="{h:.1}" rx="4" fill="#ffffff" stroke="#8a90a0"/><rect class="er-head" x="{x:.1}" y="{y:.1}" width="{w:.1}" height="{HEADER:.1}" rx="4" fill="#2f5fd0"/><text class="er-name" x="{tx:.1}" y="{ty:.1}" fill="#ffffff" font-weight="700">{name}</text>"##,
        grain = escape(def.grain),
        tx = x + PAD,
        ty = y + HEADER / 2.0 + 4.5,
    );
    for (i, column) in def.columns.iter().enumerate() {
        let row_y = y + HEADER + ROW * i as f64 + ROW / 2.0 + 4.0;
        let mark = marker(b.table, column.name);
        if !mark.is_empty() {
            let _ = write!(
                svg,
                r##"<text class="er-mark" x="{:.1}" y="{row_y:.1}" font-size="10" fill="#8a5a00">{mark}</text>"##,
                x + PAD
            );
        }
        let _ = write!(
            svg,
            r##"<text class="er-column" x="{:.1}" y="{row_y:.1}" fill="#1d1f24">{}</text><text class="er-type" x="{:.1}" y="{row_y:.1}" text-anchor="end" fill="#5b6270">{}</text>"##,
            x + PAD + GUTTER,
            escape(column.name),
            x + w - PAD,
            escape(short_type(column)),
        );
    }
    svg.push_str("</g></a>");
}

/// The path of a reference line from `(x0, y0)` to `(x1, y1)`: curves across the gaps
/// between bands, straight through a free corridor of every band in between.
fn edge_path(layout: &Layout, (x0, y0): (f64, f64), (x1, y1): (f64, f64)) -> String {
    let dir = if x1 < x0 { -1.0 } else { 1.0 };
    let bend = BAND_GAP / 2.0;
    let mut between: Vec<(f64, f64)> =
        layout.bands.iter().copied().filter(|(x, w)| *x > x0.min(x1) && x + w < x0.max(x1)).collect();
    between.sort_by(|a, b| (dir * a.0).total_cmp(&(dir * b.0)));
    let mut path = format!("M{x0:.1},{y0:.1}");
    let (mut cx, mut cy) = (x0, y0);
    let curve_to = |path: &mut String, (cx, cy): (f64, f64), (tx, ty): (f64, f64)| {
        let _ = write!(path, " C{:.1},{cy:.1} {:.1},{ty:.1} {tx:.1},{ty:.1}", cx + dir * bend, tx - dir * bend);
    };
    for (x, width) in between {
        let (near, far) = if dir < 0.0 { (x + width, x) } else { (x, x + width) };
        let aim = (cy + y1) / 2.0;
        let Some(yc) = layout.corridors(x).into_iter().min_by(|a, b| (a - aim).abs().total_cmp(&(b - aim).abs()))
        else {
            continue;
        };
        curve_to(&mut path, (cx, cy), (near, yc));
        let _ = write!(path, " L{far:.1},{yc:.1}");
        (cx, cy) = (far, yc);
    }
    curve_to(&mut path, (cx, cy), (x1, y1));
    path
}

/// A reference line from `child.column` to `parent.target`.
fn write_edge(svg: &mut String, layout: &Layout, child: &Placed, parent: &Placed, r: &Reference) {
    // Leave the child on the side facing the parent; s is +1 when the line runs left.
    let s = if child.x > parent.x { 1.0 } else { -1.0 };
    let x0 = if s > 0.0 { child.x } else { child.x + child.width };
    let x1 = if s > 0.0 { parent.x + parent.width } else { parent.x };
    let (y0, y1) = (child.row_middle(r.column), parent.row_middle(r.target));
    let label = escape(&format!("{}.{} → {}.{}", child.table.name(), r.column, parent.table.name(), r.target));
    let _ = write!(
        svg,
        r##"<g class="er-edge"><title>{label}</title><path d="{}" fill="none" stroke="#8a90a0" stroke-width="1.5"/><path d="M{:.1},{y0:.1} L{x0:.1},{:.1} M{:.1},{y0:.1} L{x0:.1},{:.1}" fill="none" stroke="#8a90a0" stroke-width="1.5"/><path d="M{:.1},{:.1} L{:.1},{:.1}" fill="none" stroke="#8a90a0" stroke-width="1.5"/></g>"##,
        edge_path(layout, (x0, y0), (x1, y1)),
        // Crow's foot at the child: two strokes fanning out to the box edge.
        x0 - s * 12.0,
        y0 - 6.0,
        x0 - s * 12.0,
        y0 + 6.0,
        // A bar across the line near the parent.
        x1 + s * 8.0,
        y1 - 6.0,
        x1 + s * 8.0,
        y1 + 6.0,
    );
}

/// The whole diagram as an SVG document (text escaped; styles come from classes,
/// with presentation attributes so that the file also reads on its own).
pub fn svg() -> String {
    let layout = layout();
    let relations: Vec<String> = Table::ALL
        .into_iter()
        .flat_map(|t| {
            t.def()
                .references
                .iter()
                .map(move |r| format!("{}.{} references {}.{}", t.name(), r.column, r.table.name(), r.target))
        })
        .collect();
    let mut svg = String::new();
    let _ = write!(
        svg,
        r##"<svg xmlns="http://www.w3.org/2000/svg" class="er" viewBox="0 0 {w:.0} {h:.0}" width="{w:.0}" height="{h:.0}" role="img" aria-labelledby="er-title er-desc" font-family="ui-monospace, 'DejaVu Sans Mono', monospace" font-size="12"><title id="er-title">Data model: {n} tables and their references</title><desc id="er-desc">{desc}.</desc>"##,
        w = layout.width,
        h = layout.height,
        n = Table::ALL.len(),
        desc = escape(&relations.join("; ")),
    );
    if let Some(x) = layout.standalone_x {
        let _ = write!(
            svg,
            r##"<text class="er-caption" x="{x:.1}" y="{:.1}" fill="#5b6270" font-size="11">no references (derived tables, log)</text>"##,
            MARGIN + 10.0
        );
    }
    for b in &layout.boxes {
        write_box(&mut svg, b);
    }
    for child in &layout.boxes {
        for r in child.table.def().references {
            if let Some(parent) = layout.placed(r.table) {
                write_edge(&mut svg, &layout, child, parent, r);
            }
        }
    }
    svg.push_str("</svg>");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_covers_markup_characters() {
        assert_eq!(escape(r#"</svg><script>a("x")&'b'"#), "&lt;/svg&gt;&lt;script&gt;a(&quot;x&quot;)&amp;&#39;b&#39;");
    }

    #[test]
    fn every_table_gets_a_box_and_every_reference_a_line() {
        let svg = svg();
        assert_eq!(svg.matches(r#"<g class="er-table">"#).count(), Table::ALL.len());
        let references: usize = Table::ALL.iter().map(|t| t.def().references.len()).sum();
        assert_eq!(svg.matches(r#"<g class="er-edge">"#).count(), references);
        assert!(svg.starts_with("<svg ") && svg.ends_with("</svg>"));
        assert_eq!(svg.matches("<g").count(), svg.matches("</g>").count());
    }

    #[test]
    fn boxes_stay_inside_the_drawing_and_do_not_overlap() {
        let layout = layout();
        for (i, a) in layout.boxes.iter().enumerate() {
            assert!(a.x >= 0.0 && a.y >= 0.0 && a.x + a.width <= layout.width && a.y + a.height <= layout.height);
            for b in &layout.boxes[i + 1..] {
                let apart =
                    a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y;
                assert!(apart, "{:?} overlaps {:?}", a.table, b.table);
            }
        }
    }

    #[test]
    fn lines_across_a_band_pass_between_its_boxes() {
        let layout = layout();
        let (first, second) = (layout.bands[0], layout.bands[1]);
        let from = (second.0 + second.1 + BAND_GAP, 300.0);
        let path = edge_path(&layout, from, (first.0 + first.1, 100.0));
        let straight = path.split(" L").nth(1).expect("a straight run through the middle band");
        let y: f64 = straight.split([',', ' ']).nth(1).and_then(|y| y.parse().ok()).expect("its height");
        let blocked = layout.boxes.iter().filter(|b| b.x == second.0).any(|b| y > b.y && y < b.y + b.height);
        assert!(!blocked, "y {y} crosses a box of the middle band: {path}");
    }

    #[test]
    fn referencing_tables_sit_right_of_what_they_reference() {
        let layout = layout();
        for child in &layout.boxes {
            for r in child.table.def().references {
                let parent = layout.placed(r.table).expect("referenced table placed");
                assert!(child.x > parent.x + parent.width, "{:?} -> {:?}", child.table, r.table);
            }
        }
        assert!(referenced_by(Table::LinksMaster).iter().any(|(t, _)| *t == Table::RatingsMaster));
        assert_eq!(marker(Table::KeywordsMaster, "movie_id"), "PK FK");
        assert_eq!(marker(Table::CastMaster, "movie_id"), "FK");
    }
}
