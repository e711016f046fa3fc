//! The guide importer: a vendor "User Management API Guide" page in, capability records and
//! warnings out. No IO: the caller passes the page's name and text.
//!
//! It reads both renderings of a page (the plain one where a label runs into its value,
//! `Has user APINo`, and the markdown one with `| Has user API | No |` and `- Rate limits: ...`),
//! copes with missing, extra or reordered sections, CRLF line endings and pages cut off midway,
//! and warns, with line and column, about every part it could not read. Every value records the
//! line it came from; values inferred from prose are marked `inferred` and quote their sentence.
//!
//! ```
//! use capcheck_core::import::import_page;
//!
//! let page = "Acme User Management API Guide\n\nUpdated Mar 9, 2026\n\n\
//!             ## API quick reference\n\n| Has user API | Yes |\n| SCIM available | No |\n";
//! let result = import_page("acme.md", page);
//! let acme = &result.records[0];
//! assert_eq!(acme.id, "acme");
//! assert_eq!(acme.user_api.value.as_str(), "yes");
//! assert_eq!(acme.user_api.line, Some(7));
//! ```

mod api;
mod curate;
mod details;
mod endpoints;
mod offboarding;
mod page;
mod prose;
mod quick_ref;
mod related;
mod values;
mod write;

#[cfg(test)]
mod regression;
#[cfg(test)]
mod tests;

pub use curate::{differences, keep_curated};
pub(crate) use write::string as toml_string;
pub use write::write_record;

use crate::diagnostic::{Code, Diagnostic, Span};
use crate::model::{AppRecord, Fact, Source, Tri};
use page::{Line, Section};

/// What importing a page gives: the page's own record first, then the related apps' partial
/// records, and a warning for each part that could not be read.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ImportResult {
    /// The records read from the page.
    pub records: Vec<AppRecord>,
    /// What could not be read, with file, line and column.
    pub warnings: Vec<Diagnostic>,
    /// True when the page has no title or logo line naming its app: the page's record is named
    /// after the name the caller gave, else after the file; a front end should ask for it.
    pub untitled: bool,
}

/// The source id of a record read from a page's "Related apps" block.
pub const RELATED_SOURCE: &str = "related";

/// True for a partial record read from a page's "Related apps" block.
pub fn is_partial(record: &AppRecord) -> bool {
    record
        .sources
        .first()
        .is_some_and(|s| s.id == RELATED_SOURCE)
}

/// Collects warnings about one page.
pub(crate) struct Warnings<'a> {
    file: &'a str,
    text: &'a str,
    list: Vec<Diagnostic>,
}

impl Warnings<'_> {
    /// A warning at `column` of line `l`.
    fn at(
        &mut self,
        code: Code,
        l: &Line<'_>,
        column: usize,
        field: &str,
        message: impl Into<String>,
    ) {
        self.line(code, l.no, column, field, message);
    }

    /// A warning at a line and column of the page.
    fn line(
        &mut self,
        code: Code,
        line: u32,
        column: usize,
        field: &str,
        message: impl Into<String>,
    ) {
        let span = Span::from_line_column(self.text, line as usize, column);
        let mut d = Diagnostic::warning(code, self.file, message).with_span(Some(span));
        if !field.is_empty() {
            d = d.with_field(field);
        }
        self.list.push(d);
    }
}

/// Reads one guide page. `name` is how diagnostics name the page; its last path component is the
/// `document` the records cite.
pub fn import_page(name: &str, text: &str) -> ImportResult {
    import_page_named(name, text, None)
}

/// [`import_page`] for a page that may not name its app: `app` names it when the page has no
/// title or logo line (a page copied from its middle). Without `app` such a page is named after
/// its file, with a warning.
pub fn import_page_named(name: &str, text: &str, app: Option<&str>) -> ImportResult {
    let mut warn = Warnings {
        file: name,
        text,
        list: Vec::new(),
    };
    let document = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let lines = page::lines(text);
    let mut records = Vec::new();
    let mut untitled = false;
    if let Some(record) = guide_record(&lines, document, app, &mut untitled, &mut warn) {
        records.push(record);
    }
    records.extend(related::records(&lines, document, &mut warn));
    let mut warnings = warn.list;
    crate::order::sort_by_key(&mut warnings, |d| d.span.map(|s| (s.line, s.column)));
    ImportResult {
        records,
        warnings,
        untitled,
    }
}

/// The title line: `X User Management API Guide`, or a `#` heading in the header.
fn title<'a>(lines: &'a [Line<'a>]) -> Option<&'a Line<'a>> {
    let header = || lines.iter().filter(|l| l.section == Section::Header);
    header()
        .find(|l| l.text.to_lowercase().ends_with("api guide"))
        .or_else(|| header().find(|l| l.text.starts_with("# ")))
}

fn name_of(title: &str) -> &str {
    let t = title.trim_start_matches('#').trim();
    let lower = t.to_lowercase();
    for suffix in [" user management api guide", " api guide", " guide"] {
        if lower.ends_with(suffix) {
            return t[..t.len() - suffix.len()].trim();
        }
    }
    t
}

/// The file name without its extension, as an app name: `zoom-guide.md` gives `zoom-guide`.
fn file_stem(document: &str) -> &str {
    document
        .rsplit_once('.')
        .map_or(document, |(stem, _)| stem)
        .trim()
}

fn guide_record(
    lines: &[Line<'_>],
    document: &str,
    app: Option<&str>,
    untitled: &mut bool,
    warn: &mut Warnings,
) -> Option<AppRecord> {
    let has_guide = lines
        .iter()
        .any(|l| l.section != Section::Header && l.section != Section::Related);
    let named = app.map(str::trim).filter(|a| !a.is_empty());
    let (name, title_text) = match title(lines) {
        Some(title) => {
            let title_text = title.text.trim_start_matches('#').trim();
            (name_of(title_text).to_owned(), Some(title_text.to_owned()))
        }
        None => {
            // A page whose title line is lost still names the app in its logo line.
            let logo = lines.iter().find_map(|l| {
                (l.section == Section::Header)
                    .then(|| l.text.strip_suffix(" logo"))
                    .flatten()
            });
            match (logo, named) {
                (Some(logo), _) => {
                    warn.line(
                        Code::MissingTitle,
                        1,
                        1,
                        "name",
                        "no `<App> User Management API Guide` title found; the app is named after its logo line",
                    );
                    (logo.trim().to_owned(), None)
                }
                // A page that starts anywhere: the caller names it.
                (None, Some(app)) if has_guide => {
                    *untitled = true;
                    (app.to_owned(), None)
                }
                (None, None) if has_guide => {
                    *untitled = true;
                    let stem = file_stem(document);
                    warn.line(
                        Code::MissingTitle,
                        1,
                        1,
                        "name",
                        format!(
                            "the page names no app; it is named `{}` after its file",
                            values::clip(stem)
                        ),
                    );
                    if let Some(d) = warn.list.last_mut() {
                        d.help = Some("give the app's name with `--name`".into());
                    }
                    (stem.to_owned(), None)
                }
                _ => {
                    if lines.iter().all(|l| l.section == Section::Header) {
                        warn.line(
                            Code::MissingTitle,
                            1,
                            1,
                            "name",
                            "no `<App> User Management API Guide` title found; the page's own record is skipped",
                        );
                    }
                    return None;
                }
            }
        }
    };
    let id = page::slug(&name);
    if id.is_empty() {
        warn.line(Code::MissingTitle, 1, 1, "name", "the title names no app");
        return None;
    }
    let mut record = AppRecord {
        id,
        name,
        sources: vec![Source {
            id: "guide".into(),
            title: title_text,
            document: Some(document.to_owned()),
            url: None,
            updated: updated(lines, warn),
        }],
        ..AppRecord::default()
    };
    record.automation.manual_only = match lines
        .iter()
        .find(|l| l.section == Section::Header && page::normalize_label(l.text) == "manual only")
    {
        Some(l) => Fact {
            value: Tri::Yes,
            line: Some(l.no),
            quote: Some(l.text.to_owned()),
            ..Fact::default()
        },
        None => Fact {
            note: Some("The guide page prints no automation label.".into()),
            ..Fact::default()
        },
    };
    let readings = quick_ref::readings(lines, warn);
    quick_ref::apply(&readings, &mut record, warn);
    api::apply(lines, &mut record.api, warn);
    prose::apply(lines, &mut record, warn);
    prose::infer(lines, &mut record);
    offboarding::infer(lines, &mut record);
    missing_sections(lines, &record, warn);
    Some(record)
}

/// The first "Updated" date outside the related apps.
fn updated(lines: &[Line<'_>], warn: &mut Warnings) -> Option<String> {
    for l in lines.iter().filter(|l| l.section != Section::Related) {
        let Some(head) = l.text.get(..7) else {
            continue;
        };
        if !head.eq_ignore_ascii_case("updated") {
            continue;
        }
        let rest = l.text[7..].trim_start_matches(':').trim();
        match page::parse_page_date(rest) {
            Some(d) => return Some(d),
            None => {
                warn.at(
                    Code::InvalidDate,
                    l,
                    page::column_of(l.raw, rest),
                    "sources.updated",
                    format!("could not read the date `{}`", values::clip(rest)),
                );
                return None;
            }
        }
    }
    None
}

/// Warns about the parts of a guide page that are not there at all (a page cut off, a section
/// left out), pointing at the page's last line. A page that stops mid-line gets one warning, at
/// the cut, naming what is missing after it.
fn missing_sections(lines: &[Line<'_>], record: &AppRecord, warn: &mut Warnings) {
    let last = lines
        .iter()
        .rev()
        .find(|l| !l.text.is_empty())
        .map_or(1, |l| l.no);
    let checks: [(&str, bool, &str); 6] = [
        (
            "summary",
            record.summary.line.is_none(),
            Section::Summary.heading(),
        ),
        ("user_api", record.user_api.line.is_none(), "Has user API"),
        (
            "scim.available",
            record.scim.available.line.is_none(),
            "SCIM available",
        ),
        (
            "auth.method",
            record.auth.method.line.is_none(),
            "Auth method",
        ),
        (
            "rate_limits.limits",
            record.rate_limits.limits.line.is_none(),
            "Rate limits",
        ),
        (
            "webhooks.available",
            record.webhooks.available.line.is_none(),
            "Webhooks available",
        ),
    ];
    let has = |s: Section| lines.iter().any(|l| l.section == s);
    let mut missing: Vec<(&str, String)> = checks
        .iter()
        .filter(|(_, missing, _)| *missing)
        .map(|(field, _, what)| (*field, format!("`{what}`")))
        .collect();
    for s in [Section::Limitations, Section::Scenarios, Section::Traps] {
        if !has(s) {
            missing.push(("", format!("`{}` section", s.heading())));
        }
    }
    if let Some(cut) = lines.iter().find(|l| l.incomplete) {
        let column = cut.raw.chars().count() + 1;
        let after = if missing.is_empty() {
            String::new()
        } else {
            let names: Vec<&str> = missing.iter().map(|(_, w)| w.as_str()).collect();
            format!("; not found before it: {}", names.join(", "))
        };
        warn.at(
            Code::CutOff,
            cut,
            column,
            "",
            format!("the page stops mid-line here{after}"),
        );
        if let Some(d) = warn.list.last_mut() {
            d.help = Some(
                "values on the cut line are kept only where the page gives no other; save the whole page and import it again".into(),
            );
        }
    } else {
        for (field, what) in missing {
            let message = if field.is_empty() {
                format!("no {what} on the page")
            } else {
                format!("{what} not found on the page; the field stays not documented")
            };
            warn.line(Code::NotFound, last, 1, field, message);
            cut_off_help(warn, last);
        }
    }
    for l in lines.iter().filter(|l| page::is_unknown_heading(l.text)) {
        warn.at(
            Code::NotImported,
            l,
            1,
            "",
            format!(
                "`{}` is not a section of a guide page; its lines are not read",
                values::clip(l.text.trim_start_matches('#').trim())
            ),
        );
    }
}

/// Explains a "not found" warning pointing at the page's last line.
fn cut_off_help(warn: &mut Warnings, last: u32) {
    if let Some(d) = warn.list.last_mut() {
        d.help = Some(format!(
            "the page ends at line {last}; if it was cut off, save the whole page and import it again"
        ));
    }
}

/// Keeps one record per app over several pages: a page's own record wins over a related-app
/// partial record, otherwise the first one read wins. Returns the records kept and a note for
/// each one dropped.
pub fn dedupe(records: Vec<AppRecord>) -> (Vec<AppRecord>, Vec<Diagnostic>) {
    let mut kept: Vec<AppRecord> = Vec::new();
    let mut notes = Vec::new();
    for r in records {
        let doc = |r: &AppRecord| {
            r.sources
                .first()
                .and_then(|s| s.document.clone())
                .unwrap_or_default()
        };
        match kept.iter().position(|k| k.id == r.id) {
            Some(i) if is_partial(&kept[i]) && !is_partial(&r) => {
                notes.push(
                    Diagnostic::warning(
                        Code::DuplicateApp,
                        &doc(&kept[i]),
                        format!(
                            "`{}` from the related apps replaced by its own guide page `{}`",
                            r.id,
                            doc(&r)
                        ),
                    )
                    .with_app(r.id.clone()),
                );
                kept[i] = r;
            }
            Some(i) => {
                // The related-apps block repeats on every page: a second copy is no news.
                if !(is_partial(&r) && is_partial(&kept[i])) {
                    notes.push(
                        Diagnostic::warning(
                            Code::DuplicateApp,
                            &doc(&r),
                            format!(
                                "`{}` already read from `{}`; this copy is skipped",
                                r.id,
                                doc(&kept[i])
                            ),
                        )
                        .with_app(r.id.clone()),
                    );
                }
            }
            None => kept.push(r),
        }
    }
    (kept, notes)
}
