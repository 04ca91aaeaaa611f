//! Escaping text for SVG/XML content and attribute values.

/// Escapes `&`, `<`, `>`, `"` and `'` so that `text` is inert inside XML content or
/// a double- or single-quoted attribute value.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // XML 1.0 forbids most control characters, even escaped.
            c if c.is_control() && !matches!(c, '\n' | '\t') => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn markup_is_neutralised() {
        assert_eq!(escape("<img src=x onerror=alert(1)>"), "&lt;img src=x onerror=alert(1)&gt;");
        assert_eq!(escape("</svg><script>alert(1)</script>"), "&lt;/svg&gt;&lt;script&gt;alert(1)&lt;/script&gt;");
        assert_eq!(escape(r#"Kestrel's "Night Owl" & Co"#), "Kestrel&#39;s &quot;Night Owl&quot; &amp; Co");
    }

    #[test]
    fn plain_text_and_unicode_pass_through() {
        assert_eq!(escape("Pixar Animation Studios · 1995"), "Pixar Animation Studios · 1995");
        assert_eq!(escape("Studio Ghibli 株式会社"), "Studio Ghibli 株式会社");
        assert_eq!(escape("a\u{0}b\nc"), "a b\nc");
    }
}
