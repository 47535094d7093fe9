//! The snippet a blogger pastes to embed one calculator: an iframe and an optional few-line
//! script that resizes it to its content (checking the message's origin).

/// The embed snippet for the app at `app_url` (its address without a query, e.g.
/// `https://example.com/tools/cs-metrics/`), showing the calculator named `title` with
/// `query` (its link's query string without `?`).
pub fn snippet(app_url: &str, origin: &str, query: &str, title: &str, with_script: bool) -> String {
    let src = format!("{app_url}?{query}&embed=1&theme=auto");
    let title = escape_attribute(&format!("{title} (cs-metrics)"));
    let mut html = format!(
        "<iframe src=\"{}\" title=\"{title}\" loading=\"lazy\" width=\"100%\" height=\"720\" \
         style=\"width:100%;border:0\" data-cs-metrics></iframe>",
        escape_attribute(&src)
    );
    if with_script {
        let origin = escape_script_string(origin);
        html.push_str(&format!(
            "\n<script>\naddEventListener(\"message\", function (e) {{\n  \
             if (e.origin !== \"{origin}\" || !e.data || e.data.type !== \"cs-metrics:resize\") return;\n  \
             document.querySelectorAll(\"iframe[data-cs-metrics]\").forEach(function (f) {{\n    \
             if (f.contentWindow === e.source) f.style.height = Math.ceil(e.data.height) + \"px\";\n  \
             }});\n}});\n</script>"
        ));
    }
    html
}

fn escape_attribute(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn escape_script_string(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, ':' | '/' | '.' | '-' | '[' | ']'))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iframe_and_script() {
        let html = snippet(
            "https://example.com/tools/cs-metrics/",
            "https://example.com",
            "calc=nps&promoters=70",
            "Net Promoter Score (NPS)",
            true,
        );
        assert!(html.starts_with(
            "<iframe src=\"https://example.com/tools/cs-metrics/?calc=nps&amp;promoters=70&amp;embed=1&amp;theme=auto\" \
             title=\"Net Promoter Score (NPS) (cs-metrics)\" loading=\"lazy\""
        ), "{html}");
        assert!(html.contains("if (e.origin !== \"https://example.com\""));
        assert!(!snippet("u/", "o", "calc=x", "T", false).contains("<script>"));
    }

    #[test]
    fn hostile_text_stays_inert() {
        let html = snippet("u/", "\"+alert(1)+\"", "calc=x\"><script>", "<b>", true);
        assert!(!html.contains("\"><script>"));
        assert!(html.contains("title=\"&lt;b&gt; (cs-metrics)\""));
        assert!(html.contains("e.origin !== \"alert1\""));
    }
}
