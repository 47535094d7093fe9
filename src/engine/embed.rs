//! The snippet a blogger pastes to embed one calculator: an iframe and an optional few-line
//! script that resizes it to its content (checking the message's origin).

/// What the snippet shows and how.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Snippet<'a> {
    /// The app's address without a query (`https://example.com/tools/cs-metrics/`).
    pub app_url: &'a str,
    /// The app's origin, which the script accepts messages from.
    pub origin: &'a str,
    /// The calculator's link query, without `?`.
    pub query: &'a str,
    /// The calculator's name.
    pub title: &'a str,
    /// `light`, `dark` or `auto` (the reader's system).
    pub theme: &'a str,
    /// The frame's height in CSS pixels: the calculator's own height where the blog strips
    /// scripts (WordPress.com, Medium, Substack), so nothing is cut off.
    pub height: u32,
    /// Add the script that fits the frame to its content as it changes.
    pub with_script: bool,
    /// The secondary figures shown up front, when the author picked them (`None`: the
    /// calculator's first three).
    pub show: Option<&'a [&'a str]>,
}

/// The HTML to paste.
pub fn snippet(s: &Snippet<'_>) -> String {
    let theme = match s.theme {
        "light" | "dark" => s.theme,
        _ => "auto",
    };
    let mut src = format!("{}?{}&embed=1&theme={theme}", s.app_url, s.query);
    if let Some(show) = s.show {
        src.push_str("&show=");
        src.push_str(&show.join(","));
    }
    let title = escape_attribute(&format!("{} (cs-metrics)", s.title));
    // clipboard-write: "Copy link" inside the frame.
    let mut html = format!(
        "<iframe src=\"{}\" title=\"{title}\" loading=\"lazy\" width=\"100%\" height=\"{}\" \
         allow=\"clipboard-write\" style=\"width:100%;border:0\" data-cs-metrics></iframe>",
        escape_attribute(&src),
        s.height
    );
    if s.with_script {
        let origin = escape_script_string(s.origin);
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
    fn the_figures_picked_go_into_the_link() {
        let show = ["margin_of_error", "responses"];
        let html = snippet(&Snippet {
            show: Some(&show),
            ..sample("calc=nps&promoters=1", "https://example.com", "NPS")
        });
        assert!(html.contains("&amp;embed=1&amp;theme=auto&amp;show=margin_of_error,responses\""));
    }

    fn sample<'a>(query: &'a str, origin: &'a str, title: &'a str) -> Snippet<'a> {
        Snippet {
            app_url: "https://example.com/tools/cs-metrics/",
            origin,
            query,
            title,
            theme: "auto",
            height: 612,
            with_script: true,
            show: None,
        }
    }

    #[test]
    fn iframe_and_script() {
        let html = snippet(&sample(
            "calc=nps&promoters=70",
            "https://example.com",
            "Net Promoter Score (NPS)",
        ));
        assert!(html.starts_with(
            "<iframe src=\"https://example.com/tools/cs-metrics/?calc=nps&amp;promoters=70&amp;embed=1&amp;theme=auto\" \
             title=\"Net Promoter Score (NPS) (cs-metrics)\" loading=\"lazy\" width=\"100%\" height=\"612\" \
             allow=\"clipboard-write\""
        ), "{html}");
        assert!(html.contains("if (e.origin !== \"https://example.com\""));
        let plain = snippet(&Snippet {
            with_script: false,
            theme: "dark",
            ..sample("calc=x", "o", "T")
        });
        assert!(!plain.contains("<script>"));
        assert!(plain.contains("theme=dark"));
    }

    #[test]
    fn hostile_text_stays_inert() {
        let html = snippet(&Snippet {
            theme: "\"><script>",
            ..sample("calc=x\"><script>", "\"+alert(1)+\"", "<b>")
        });
        assert!(!html.contains("\"><script>"));
        assert!(html.contains("title=\"&lt;b&gt; (cs-metrics)\""));
        assert!(html.contains("e.origin !== \"alert1\""));
        assert!(html.contains("theme=auto"));
    }
}
