//! Open catalogues shipped beside the guide pages: the SCIM Tax Index, one row per app, read
//! from its CSV or JSON and mapped onto capcheck's facts, every fact citing its row.
//!
//! [`load`] is the dataset reader for a mix of data files and catalogues: it reads the data files
//! with [`crate::dataset::load`], maps each catalogue row to a record, and merges a row into the
//! record of the same app (see [`crate::merge`]) or adds it as an app of its own.
//!
//! ```
//! use capcheck_core::{catalogue, DataFile};
//!
//! let csv = "vendor,slug,status,scim_plan\nAcme,acme,gated,Enterprise\nBeta,beta,unknown,—\n";
//! let (set, diags) = catalogue::load(&[DataFile { name: "scim-tax.csv", text: csv }]);
//! assert!(diags.is_empty());
//! assert_eq!(set.apps[0].record.scim.available.value.as_str(), "yes");
//! assert_eq!(set.apps[0].record.scim.available.line, Some(2));
//! // `unknown` is not documented, never "no".
//! assert_eq!(set.apps[1].record.scim.available.value.as_str(), "not-documented");
//! ```

mod changes;
mod map;
pub mod read;

use std::collections::HashMap;

pub use changes::{changes, Changes, FactChange};
pub use read::Format;

use crate::dataset::{self, DataFile, Dataset, LoadedApp};
use crate::diagnostic::{Code, Diagnostic};
use crate::model::AppRecord;

/// The source id catalogue facts cite.
pub const SOURCE_ID: &str = "scim-tax";
/// The catalogue's title and the attribution its licence requires, wherever its facts are shown
/// or exported.
pub const TITLE: &str = "SCIM Tax Index (Iden, 2026), CC-BY 4.0, https://scimtax.org/";
/// The attribution with what was changed, for exports and pages.
pub const ATTRIBUTION: &str =
    "SCIM Tax Index (Iden, 2026), CC-BY 4.0, https://scimtax.org/ (converted; prose columns left out)";

/// True when a file is a catalogue rather than capability records: a `.csv` file, or a JSON
/// array whose first object has the catalogue's `slug` and `status` columns.
pub fn is_catalogue(name: &str, text: &str) -> bool {
    if name.to_lowercase().ends_with(".csv") {
        return true;
    }
    if Format::detect(text) != Format::Json {
        return false;
    }
    let head = text.find('}').map_or(text, |end| &text[..end]);
    head.contains("\"slug\"") && head.contains("\"status\"") && !head.contains("\"sources\"")
}

/// True when a record carries facts from the catalogue, so what shows it must attribute it.
pub fn cites_catalogue(record: &AppRecord) -> bool {
    record.sources.iter().any(|s| s.id == SOURCE_ID)
}

/// The attribution a report or export over `apps` must carry: [`ATTRIBUTION`] when one of them
/// cites the catalogue.
pub fn attribution(apps: &[LoadedApp]) -> Option<String> {
    apps.iter()
        .any(|a| cites_catalogue(&a.record))
        .then(|| ATTRIBUTION.to_owned())
}

/// Reads a catalogue file into one record per row, in file order. `format` is detected from the
/// text when `None`. Bad rows are reported and skipped; a value that cannot be mapped is a
/// warning and its fact stays not documented.
pub fn parse(name: &str, text: &str, format: Option<Format>) -> (Vec<LoadedApp>, Vec<Diagnostic>) {
    let format = format.unwrap_or_else(|| Format::detect(text));
    let (rows, mut diags) = read::rows(name, text, format);
    if let Some(first) = rows.first() {
        let missing: Vec<&str> = map::REQUIRED
            .iter()
            .copied()
            .filter(|c| !first.cells.contains_key(*c))
            .collect();
        if !missing.is_empty() {
            diags.push(
                Diagnostic::error(
                    Code::CatalogueHeader,
                    name,
                    format!("the catalogue has no `{}` column", missing.join("`, `")),
                )
                .with_help("a catalogue row needs `vendor`, `slug` and `status`"),
            );
            return (Vec::new(), diags);
        }
    }
    let document = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let mapper = map::Mapper {
        name,
        text,
        document,
    };
    let mut seen: HashMap<String, u32> = HashMap::new();
    let mut out = Vec::new();
    for row in &rows {
        let Some(record) = mapper.record(row, &mut diags) else {
            continue;
        };
        if let Some(first) = seen.get(&record.id) {
            diags.push(
                Diagnostic::error(
                    Code::DuplicateId,
                    name,
                    format!("app id `{}` is already used", record.id),
                )
                .with_span(Some(crate::Span::from_range(text, row.offset, row.offset)))
                .with_field("slug")
                .with_help(format!(
                    "first on line {first}; the row at line {} is skipped",
                    row.line
                )),
            );
            continue;
        }
        seen.insert(record.id.clone(), row.line);
        let line_end = text
            .get(row.offset..)
            .and_then(|rest| rest.find('\n'))
            .map_or(text.len(), |n| row.offset + n);
        let span = crate::Span {
            line: row.line as usize,
            column: 1,
            start: row.offset,
            end: line_end,
        };
        out.push(LoadedApp {
            record,
            file: name.to_owned(),
            offset: row.offset,
            spans: crate::dataset::SpanIndex::row(span),
        });
    }
    (out, diags)
}

/// Loads data files and catalogues together: the records of the data files, each catalogue row
/// merged into the record of its app, and the rows of apps without one as records of their own.
/// Sorted by id.
pub fn load(files: &[DataFile<'_>]) -> (Dataset, Vec<Diagnostic>) {
    let (catalogues, data): (Vec<DataFile<'_>>, Vec<DataFile<'_>>) =
        files.iter().partition(|f| is_catalogue(f.name, f.text));
    let (mut set, mut diags) = dataset::load(&data);
    for file in catalogues {
        let (rows, mut d) = parse(file.name, file.text, None);
        diags.append(&mut d);
        add(&mut set, rows);
    }
    (set, diags)
}

/// Merges catalogue records into a dataset: into the record of the same app where there is one
/// (same id, the id without hyphens, or the same name), else as a new app. Keeps the order by id.
pub fn add(set: &mut Dataset, rows: Vec<LoadedApp>) {
    let mut index: HashMap<String, usize> = HashMap::new();
    for (i, app) in set.apps.iter().enumerate() {
        for key in keys(&app.record.id, &app.record.name) {
            index.entry(key).or_insert(i);
        }
    }
    let mut fresh = Vec::new();
    for row in rows {
        let hit = keys(&row.record.id, &row.record.name)
            .into_iter()
            .find_map(|k| index.get(&k).copied());
        match hit.and_then(|i| set.apps.get_mut(i)) {
            Some(app) => crate::merge::merge(&mut app.record, row.record),
            None => fresh.push(row),
        }
    }
    if !fresh.is_empty() {
        set.apps.append(&mut fresh);
        set.apps.sort_by(|a, b| a.record.id.cmp(&b.record.id));
    }
}

/// The keys an app is matched by: its id, its id without hyphens, and its name in lowercase
/// letters and digits only.
fn keys(id: &str, name: &str) -> Vec<String> {
    let name: String = name
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect::<String>()
        .to_lowercase();
    vec![
        format!("id:{id}"),
        format!("id:{}", id.replace('-', "")),
        format!("name:{name}"),
    ]
}

#[cfg(test)]
mod tests;
