//! A guide page split into numbered lines and sections, and the small readers every part of the
//! importer shares: bullets, numbered steps, `Label: value` pairs, quick-reference rows, dates.
//!
//! Both renderings are read here: the plain one where a label and its value run together
//! (`Has user APINo`) with `•` bullets, and the markdown one with a table
//! (`| Has user API | No |`), `-` bullets and `#` headings.

/// One line of the page, with its 1-based number and its text without the line ending.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Line<'a> {
    /// 1-based line number.
    pub no: u32,
    /// The line without its ending (`\n`, `\r\n`).
    pub raw: &'a str,
    /// The line without surrounding whitespace.
    pub text: &'a str,
    /// The section the line stands in.
    pub section: Section,
    /// True for the last line of a page that stops mid-line: its values are cut.
    pub incomplete: bool,
}

/// The sections a guide page has, in their usual order (a page may omit, repeat or reorder them).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Section {
    /// Before the first known heading: logo, title, "Updated".
    Header,
    /// "API workflow" and its tagline.
    Intro,
    /// "Summary and recommendation".
    Summary,
    /// "API quick reference".
    QuickRef,
    /// "Authentication".
    Auth,
    /// "Setup steps", under authentication.
    SetupSteps,
    /// "Required scopes", under authentication.
    Scopes,
    /// "User object / data model".
    UserObject,
    /// "Core endpoints".
    Endpoints,
    /// "Rate limits, pagination, and events".
    Events,
    /// "SCIM API status".
    ScimStatus,
    /// "Limitations:".
    Limitations,
    /// "Common scenarios".
    Scenarios,
    /// "Why building this yourself is a trap".
    Traps,
    /// The vendor's advertisement and "Keep exploring".
    Promo,
    /// "Related apps".
    Related,
    /// A `## heading` the importer does not know: its lines are not read.
    Other,
}

impl Section {
    /// The heading as pages print it.
    pub fn heading(self) -> &'static str {
        match self {
            Section::Header => "page header",
            Section::Intro => "API workflow",
            Section::Summary => "Summary and recommendation",
            Section::QuickRef => "API quick reference",
            Section::Auth => "Authentication",
            Section::SetupSteps => "Setup steps",
            Section::Scopes => "Required scopes",
            Section::UserObject => "User object / data model",
            Section::Endpoints => "Core endpoints",
            Section::Events => "Rate limits, pagination, and events",
            Section::ScimStatus => "SCIM API status",
            Section::Limitations => "Limitations",
            Section::Scenarios => "Common scenarios",
            Section::Traps => "Why building this yourself is a trap",
            Section::Promo => "Keep exploring",
            Section::Related => "Related apps",
            Section::Other => "unknown section",
        }
    }
}

/// The lines of `text`, each tagged with its section. Heading lines carry the section they open.
pub(crate) fn lines(text: &str) -> Vec<Line<'_>> {
    let mut section = Section::Header;
    let mut out = Vec::new();
    for (i, raw) in text.split('\n').enumerate() {
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        let text = raw.trim();
        if let Some(s) = heading(text) {
            section = s;
        } else if is_unknown_heading(text) {
            section = Section::Other;
        }
        out.push(Line {
            no: u32::try_from(i + 1).unwrap_or(u32::MAX),
            raw,
            text,
            section,
            incomplete: false,
        });
    }
    // A page that stops mid-line: no line ending after its last line, which does not end like a
    // sentence. The related apps' summaries are cut by design and say so themselves.
    if let Some(last) = out.last_mut() {
        if !text.ends_with('\n')
            && !last.text.is_empty()
            && !ends_sentence(last.text)
            && heading(last.text).is_none()
            && !matches!(last.section, Section::Related | Section::Promo)
        {
            last.incomplete = true;
        }
    }
    out
}

/// True for a markdown `## Heading` that is not one of a guide page's sections.
pub(crate) fn is_unknown_heading(text: &str) -> bool {
    text.starts_with("## ") && heading(text).is_none()
}

/// The section a heading line opens, if the line is a known heading (`## Limitations:` too).
pub(crate) fn heading(text: &str) -> Option<Section> {
    let t = text.trim_start_matches('#').trim().trim_matches('*').trim();
    let t = t.strip_suffix(':').unwrap_or(t).trim().to_lowercase();
    let s = match t.as_str() {
        "api workflow" => Section::Intro,
        "summary and recommendation" | "summary" => Section::Summary,
        "api quick reference" | "quick reference" => Section::QuickRef,
        "authentication" => Section::Auth,
        "setup steps" | "setup" => Section::SetupSteps,
        "required scopes" | "scopes" | "required permissions" | "oauth scopes" => Section::Scopes,
        "user object / data model" | "user object" => Section::UserObject,
        "core endpoints" => Section::Endpoints,
        "rate limits, pagination, and events" | "rate limits, pagination and events" => {
            Section::Events
        }
        "scim api status" | "scim status" => Section::ScimStatus,
        "limitations" => Section::Limitations,
        "common scenarios" | "scenarios" => Section::Scenarios,
        "why building this yourself is a trap" => Section::Traps,
        "keep exploring" => Section::Promo,
        "related apps" => Section::Related,
        _ if t.starts_with("automate ") && t.ends_with("without one-off scripts") => Section::Promo,
        _ => return None,
    };
    Some(s)
}

/// Characters pages use as bullets, in either rendering.
const BULLETS: &[char] = &[
    '•', '-', '*', '+', '–', '—', '·', '◦', '▪', '‣', '○', '●', '■', '►',
];

/// The text after a leading bullet, or `None` when the line has no bullet.
pub(crate) fn strip_bullet(text: &str) -> Option<&str> {
    let mut chars = text.chars();
    let first = chars.next()?;
    if !BULLETS.contains(&first) {
        return None;
    }
    let rest = chars.as_str();
    // `**bold**` and `---` rules are not bullets.
    if rest.starts_with(char::is_whitespace) {
        Some(rest.trim())
    } else {
        None
    }
}

/// The text after a leading bullet, or the whole text.
pub(crate) fn unbullet(text: &str) -> &str {
    strip_bullet(text).unwrap_or(text)
}

/// The text of a numbered step (`1. Do this`, `2) Do that`), or `None`.
pub(crate) fn strip_number(text: &str) -> Option<&str> {
    let digits = text.chars().take_while(char::is_ascii_digit).count();
    if digits == 0 || digits > 3 {
        return None;
    }
    let rest = &text[digits..];
    let rest = rest.strip_prefix('.').or_else(|| rest.strip_prefix(')'))?;
    if rest.starts_with(char::is_whitespace) {
        Some(rest.trim())
    } else {
        None
    }
}

/// The cells of a markdown table row (`| a | b |`), or `None` when the line is not a row.
pub(crate) fn table_cells(text: &str) -> Option<Vec<&str>> {
    let inner = text.strip_prefix('|')?;
    let inner = inner.strip_suffix('|').unwrap_or(inner);
    Some(inner.split('|').map(str::trim).collect())
}

/// True for a markdown table's separator row (`|---|:---:|`).
pub(crate) fn is_table_rule(cells: &[&str]) -> bool {
    cells
        .iter()
        .all(|c| !c.is_empty() && c.chars().all(|ch| matches!(ch, '-' | ':' | ' ')))
}

/// Lowercase, hyphens and underscores as spaces, single spaces, no `*` emphasis: how labels are
/// compared.
pub(crate) fn normalize_label(label: &str) -> String {
    let cleaned: String = label
        .chars()
        .map(|c| match c {
            '-' | '_' => ' ',
            c => c.to_ascii_lowercase(),
        })
        .filter(|c| *c != '*' && *c != '`')
        .collect();
    cleaned.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Splits `Label: value` at its first colon. The value may be empty.
pub(crate) fn split_colon(text: &str) -> Option<(&str, &str)> {
    let i = text.find(':')?;
    Some((text[..i].trim(), text[i + 1..].trim()))
}

/// The 1-based character column where `part` starts in `line` (a sub-slice of it, or found
/// by search), for diagnostics.
pub(crate) fn column_of(line: &str, part: &str) -> usize {
    let start = line.find(part).unwrap_or(0);
    line[..start].chars().count() + 1
}

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

/// Reads a date as pages print it: `Mar 17, 2026`, `March 17, 2026`, `17 Mar 2026`,
/// `2026-03-17` give `2026-03-17`; `Feb 2026` and `2026-02` give `2026-02`.
pub(crate) fn parse_page_date(text: &str) -> Option<String> {
    let t = text.trim().trim_end_matches('.');
    if let Some(d) = crate::date::parse_date(t) {
        return Some(if t.len() == 7 {
            format!("{:04}-{:02}", d.year, d.month)
        } else {
            format!("{:04}-{:02}-{:02}", d.year, d.month, d.day)
        });
    }
    let words: Vec<&str> = t
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    let month_of = |w: &str| {
        let w = w.to_ascii_lowercase();
        MONTHS
            .iter()
            .position(|m| {
                w.is_ascii() && w.len() >= 3 && w.get(..3).is_some_and(|p| m.starts_with(p))
            })
            .map(|i| i + 1)
    };
    let year_of = |w: &str| {
        (w.len() == 4)
            .then(|| w.parse::<u32>().ok())
            .flatten()
            .filter(|y| (1900..=2999).contains(y))
    };
    let day_of = |w: &str| w.parse::<u32>().ok().filter(|d| (1..=31).contains(d));
    let (year, month, day) = match words.as_slice() {
        [m, y] => (year_of(y)?, month_of(m)?, None),
        [m, d, y] if month_of(m).is_some() => (year_of(y)?, month_of(m)?, Some(day_of(d)?)),
        [d, m, y] => (year_of(y)?, month_of(m)?, Some(day_of(d)?)),
        _ => return None,
    };
    let iso = match day {
        Some(d) => format!("{year:04}-{month:02}-{d:02}"),
        None => format!("{year:04}-{month:02}"),
    };
    // The calendar check (30 February) is the date module's.
    crate::date::parse_date(&iso).map(|_| iso)
}

/// A lowercase ASCII slug for an app name, at most 64 characters: `AmazingHiring` gives
/// `amazing-hiring`, `6sense` stays.
pub(crate) fn slug(name: &str) -> String {
    let mut out = String::new();
    let mut prev: Option<char> = None;
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            if c.is_ascii_uppercase() && prev.is_some_and(|p| p.is_ascii_lowercase()) {
                out.push('-');
            }
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
        prev = Some(c);
    }
    out.truncate(64);
    out.trim_end_matches('-').to_owned()
}

/// True when `text` ends like a finished sentence.
pub(crate) fn ends_sentence(text: &str) -> bool {
    text.trim_end()
        .ends_with(['.', '!', '?', '"', '\'', ')', '”', '’', ':'])
}

/// The sentences of a line, split after `.`, `!` or `?` followed by a space and a capital
/// letter, so that `e.g., this` and `developer.clari.com` stay whole.
pub(crate) fn sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for w in chars.windows(3) {
        let [(_, a), (_, b), (k, c)] = [w[0], w[1], w[2]];
        if matches!(a, '.' | '!' | '?') && b == ' ' && (c.is_uppercase() || c.is_ascii_digit()) {
            let s = text[start..k].trim();
            if !s.is_empty() {
                out.push(s);
            }
            start = k;
        }
    }
    let s = text[start..].trim();
    if !s.is_empty() {
        out.push(s);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_the_forms_pages_print() {
        let cases = [
            ("Mar 17, 2026", Some("2026-03-17")),
            ("March 9, 2026", Some("2026-03-09")),
            ("17 Mar 2026", Some("2026-03-17")),
            ("2026-03-17", Some("2026-03-17")),
            ("Feb 2026", Some("2026-02")),
            ("Feb 30, 2026", None),
            ("soon", None),
            ("", None),
        ];
        for (text, want) in cases {
            assert_eq!(parse_page_date(text).as_deref(), want, "{text}");
        }
    }

    #[test]
    fn slugs_split_camel_case_names() {
        assert_eq!(slug("AmazingHiring"), "amazing-hiring");
        assert_eq!(slug("6sense"), "6sense");
        assert_eq!(slug("Acme HR (EU)"), "acme-hr-eu");
        assert_eq!(slug("Ωmega Café"), "mega-caf");
        assert_eq!(slug(&"Ab".repeat(80)).len(), 64);
    }

    #[test]
    fn bullets_of_both_renderings_and_steps() {
        assert_eq!(strip_bullet("• Rate limits: No"), Some("Rate limits: No"));
        assert_eq!(strip_bullet("- Rate limits: No"), Some("Rate limits: No"));
        assert_eq!(strip_bullet("**bold**"), None);
        assert_eq!(strip_number("3. Assign the app."), Some("Assign the app."));
        assert_eq!(strip_number("2026. A year"), None);
        assert_eq!(heading("## Limitations:"), Some(Section::Limitations));
        assert_eq!(
            heading("Automate Clari workflows without one-off scripts"),
            Some(Section::Promo)
        );
    }

    #[test]
    fn sentences_split_only_at_sentence_ends() {
        assert_eq!(
            sentences("See developer.clari.com now. e.g., this stays. Next one"),
            vec!["See developer.clari.com now. e.g., this stays.", "Next one"]
        );
    }
}
