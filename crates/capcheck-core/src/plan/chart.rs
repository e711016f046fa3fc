//! The plan's numbers as plain SVG bar charts: the stack by deprovisioning path and by
//! severity. Every bar carries its label and count as text, so nothing is told by colour alone,
//! and the chart has a title and a description for screen readers.

use super::{Path, Plan};
use crate::report::Severity;

/// One bar: its label, its count and its fill colour.
pub struct Bar<'a> {
    /// The label, left of the bar.
    pub label: &'a str,
    /// The count, right of the bar.
    pub count: usize,
    /// The fill colour.
    pub fill: &'a str,
}

/// Escapes text for HTML and SVG.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A horizontal bar chart. `id` makes the title's and description's ids unique on a page.
pub fn bars(id: &str, title: &str, bars: &[Bar<'_>]) -> String {
    let (width, label_w, row_h, top) = (420usize, 120usize, 30usize, 8usize);
    let bar_max = width - label_w - 60;
    let max = bars.iter().map(|b| b.count).max().unwrap_or(0).max(1);
    let height = top * 2 + row_h * bars.len();
    let desc = bars
        .iter()
        .map(|b| format!("{}: {}", b.label, b.count))
        .collect::<Vec<_>>()
        .join(", ");
    let mut s = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 {width} {height}\" \
         width=\"100%\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\">\
         <title id=\"{id}-title\">{}</title><desc id=\"{id}-desc\">{}</desc>",
        escape(title),
        escape(&desc)
    );
    for (i, b) in bars.iter().enumerate() {
        let y = top + i * row_h;
        let w = if b.count == 0 {
            0
        } else {
            (b.count * bar_max / max).max(2)
        };
        s.push_str(&format!(
            "<g><title>{label}: {count}</title>\
             <text x=\"{lx}\" y=\"{ty}\" text-anchor=\"end\" font-size=\"13\" fill=\"currentColor\">{label}</text>\
             <rect x=\"{label_w}\" y=\"{ry}\" width=\"{w}\" height=\"{bh}\" rx=\"3\" fill=\"{fill}\"/>\
             <text x=\"{cx}\" y=\"{ty}\" font-size=\"13\" font-weight=\"600\" fill=\"currentColor\">{count}</text></g>",
            label = escape(b.label),
            count = b.count,
            lx = label_w - 8,
            ty = y + 19,
            ry = y + 5,
            bh = row_h - 10,
            fill = escape(b.fill),
            cx = label_w + w + 6,
        ));
    }
    s.push_str("</svg>");
    s
}

/// The stack by deprovisioning path, riskiest first.
pub fn by_path(plan: &Plan, id: &str) -> String {
    let fill = |p: Path| match p {
        Path::Manual => "#c2410c",
        Path::Unknown => "#6b7280",
        Path::UserApi => "#2563eb",
        Path::Automatic => "#15803d",
    };
    let items: Vec<Bar<'_>> = Path::ALL
        .iter()
        .map(|p| Bar {
            label: p.label(),
            count: plan.summary.count(*p),
            fill: fill(*p),
        })
        .collect();
    bars(id, "Apps by deprovisioning path", &items)
}

/// The stack by the highest severity of each app's findings, highest first.
pub fn by_severity(plan: &Plan, id: &str) -> String {
    let fill = |s: Severity| match s {
        Severity::Critical => "#991b1b",
        Severity::High => "#dc2626",
        Severity::Medium => "#d97706",
        Severity::Low => "#ca8a04",
        Severity::Info => "#0e7490",
    };
    let mut items: Vec<Bar<'_>> = Severity::ALL
        .iter()
        .rev()
        .map(|s| Bar {
            label: s.as_str(),
            count: plan.summary.by_severity.get(*s),
            fill: fill(*s),
        })
        .collect();
    items.push(Bar {
        label: "no finding",
        count: plan.summary.without_findings,
        fill: "#9ca3af",
    });
    bars(id, "Apps by highest finding severity", &items)
}
