//! A company's app inventory: the apps it uses, read from the files people and tools export.
//!
//! Three formats, told apart by their content, never by the file name:
//!
//! - a plain CSV (comma, semicolon or tab separated) with a name column and optional columns for
//!   the domain or URL, owner, users or seats, criticality, department and IdP
//!   ([`table`]);
//! - Okta's app list, the JSON array `GET /api/v1/apps` returns ([`okta`]);
//! - Microsoft Entra's enterprise-applications list as the portal exports it (CSV with `Object ID`
//!   and `Application ID` columns, [`table`]).
//!
//! [`decode`] turns the file's bytes into text (UTF-8, with or without a byte-order mark, or
//! UTF-16 with one) and refuses anything else with the line it stops at; [`parse`] reads the
//! text, keeps every good row and reports every bad one with its line and column.
//! [`matching`] then pairs each app with a dataset record; [`pins`] writes pinned matches back
//! out as an overrides file.

mod facts;
pub mod matching;
pub mod okta;
pub mod pins;
mod rows;
pub mod table;

use serde::Serialize;

use crate::diagnostic::{Code, Diagnostic, Span};

pub use facts::{apply, Facts};
pub use rows::write_row;

/// The formats an inventory can be in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Format {
    /// A plain CSV with a name column.
    Csv,
    /// Okta's `GET /api/v1/apps` response.
    Okta,
    /// Microsoft Entra's enterprise-applications export.
    Entra,
}

impl Format {
    /// The format as reports name it.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Okta => "okta",
            Format::Entra => "entra",
        }
    }

    /// The format as people name it.
    pub fn label(self) -> &'static str {
        match self {
            Format::Csv => "CSV",
            Format::Okta => "Okta app list (JSON)",
            Format::Entra => "Microsoft Entra enterprise applications (CSV)",
        }
    }
}

/// One app of the inventory, with the facts the file gives about it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct InventoryApp {
    /// The app's name as the inventory writes it.
    pub name: String,
    /// The 1-based line of the file where the app starts.
    pub line: usize,
    /// Another key the inventory has for the app: Okta's app name (`slack`), Entra's
    /// application id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    /// The app's domain or URL.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub domain: Option<String>,
    /// Who owns the app in the company.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    /// How many people use it (users or seats).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub users: Option<u64>,
    /// How critical it is, lowercased (`high`, `tier 1`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub criticality: Option<String>,
    /// The department that uses or owns it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub department: Option<String>,
    /// The identity provider it is connected to, lowercased (`okta`, `entra`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub idp: Option<String>,
    /// The IdP's provisioning features for the app, when the inventory lists them (Okta's
    /// `features`: `PUSH_USER_DEACTIVATION`, `PUSH_NEW_USERS`, `GROUP_PUSH`, ...). `None` when the
    /// inventory does not say; an empty list when it says there are none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub idp_features: Option<Vec<String>>,
    /// The app's status in the IdP (`ACTIVE`, `INACTIVE`), when given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
}

impl InventoryApp {
    /// Whether the IdP pushes deactivation to the app: `yes`, `no`, or `not-documented` when the
    /// inventory does not list the IdP's features.
    pub fn push_deactivation(&self) -> &'static str {
        match &self.idp_features {
            None => "not-documented",
            Some(f) if f.iter().any(|x| x == "PUSH_USER_DEACTIVATION") => "yes",
            Some(_) => "no",
        }
    }
}

/// An inventory: its apps, in the order of the file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Inventory {
    /// The file's name, as the front end named it.
    pub file: String,
    /// The format it was read as.
    pub format: Format,
    /// The apps, every good row of the file.
    pub apps: Vec<InventoryApp>,
}

/// Turns a file's bytes into text: UTF-8 (a byte-order mark is dropped) or UTF-16 with a
/// byte-order mark. UTF-16 without one, Latin-1 or any other encoding is an error naming the line
/// and column of the first byte that is not UTF-8.
pub fn decode(file: &str, bytes: &[u8]) -> Result<String, Box<Diagnostic>> {
    let err = |message: String, line: usize, column: usize| {
        Box::new(
            Diagnostic::error(Code::InventoryEncoding, file, message)
                .with_span(Some(Span {
                    line,
                    column,
                    start: 0,
                    end: 0,
                }))
                .with_help("save the file as UTF-8 (in Excel: \"CSV UTF-8\") and load it again"),
        )
    };
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return decode(file, rest);
    }
    let utf16 = |rest: &[u8], little: bool| -> Result<String, Box<Diagnostic>> {
        let units = rest.chunks(2).map(|c| match (c, little) {
            ([a, b], true) => u16::from_le_bytes([*a, *b]),
            ([a, b], false) => u16::from_be_bytes([*a, *b]),
            _ => 0xFFFD,
        });
        let text: String = char::decode_utf16(units)
            .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
            .collect();
        match text.find(char::REPLACEMENT_CHARACTER) {
            Some(at) => {
                let span = Span::from_range(&text, at, at);
                Err(err(
                    format!("line {} is not valid UTF-16", span.line),
                    span.line,
                    span.column,
                ))
            }
            None => Ok(text),
        }
    };
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return utf16(rest, true);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return utf16(rest, false);
    }
    // UTF-16 without a byte-order mark: every other byte of ASCII text is zero.
    let head = &bytes[..bytes.len().min(256)];
    if head.len() >= 4 && head.iter().filter(|b| **b == 0).count() * 4 >= head.len() {
        return Err(err(
            "the file looks like UTF-16 without a byte-order mark, not UTF-8".to_owned(),
            1,
            1,
        ));
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(text.to_owned()),
        Err(e) => {
            let good = &bytes[..e.valid_up_to()];
            let line = good.iter().filter(|b| **b == b'\n').count() + 1;
            let line_start = good.iter().rposition(|b| *b == b'\n').map_or(0, |i| i + 1);
            let column = String::from_utf8_lossy(&good[line_start..]).chars().count() + 1;
            let byte = bytes.get(e.valid_up_to()).copied().unwrap_or(0);
            Err(err(
                format!(
                    "line {line} is not UTF-8 (byte 0x{byte:02X} at column {column}): the file \
                     may be Latin-1 or Windows-1252"
                ),
                line,
                column,
            ))
        }
    }
}

/// Reads an inventory from text, detecting its format: a JSON array (or an object holding one)
/// is Okta's app list; a table with `Object ID` and `Application ID` columns is Entra's export;
/// any other table is a plain CSV. Every good row is kept; every bad one is reported.
pub fn parse(file: &str, text: &str) -> (Inventory, Vec<Diagnostic>) {
    let trimmed = text.trim_start();
    if trimmed.starts_with('[') || trimmed.starts_with('{') {
        let (apps, diags) = okta::parse(file, text);
        return (
            Inventory {
                file: file.to_owned(),
                format: Format::Okta,
                apps,
            },
            diags,
        );
    }
    let (format, apps, diags) = table::parse(file, text);
    (
        Inventory {
            file: file.to_owned(),
            format,
            apps,
        },
        diags,
    )
}

/// [`decode`] then [`parse`]: the text is returned too, for showing diagnostics' lines. An
/// encoding error gives an empty inventory and that one error.
pub fn read(file: &str, bytes: &[u8]) -> (Inventory, String, Vec<Diagnostic>) {
    match decode(file, bytes) {
        Ok(text) => {
            let (inventory, diags) = parse(file, &text);
            (inventory, text, diags)
        }
        Err(d) => (
            Inventory {
                file: file.to_owned(),
                format: Format::Csv,
                apps: Vec::new(),
            },
            String::new(),
            vec![*d],
        ),
    }
}

/// Normalises a users or seats cell: `1,200`, `1 200`, `1200 seats`. `None` when empty; `Err`
/// when it holds no number.
pub(crate) fn parse_count(cell: &str) -> Result<Option<u64>, ()> {
    let t = cell.trim();
    if t.is_empty() || t == "-" || t.eq_ignore_ascii_case("n/a") {
        return Ok(None);
    }
    let digits: String = t
        .chars()
        .take_while(|c| c.is_ascii_digit() || matches!(c, ',' | '.' | ' ' | '\u{a0}' | '\''))
        .filter(char::is_ascii_digit)
        .collect();
    if digits.is_empty() {
        return Err(());
    }
    digits.parse().map(Some).map_err(|_| ())
}

/// A cell's text, trimmed; `None` when empty.
pub(crate) fn cell(text: &str) -> Option<String> {
    let t = text.trim();
    (!t.is_empty()).then(|| t.to_owned())
}

#[cfg(test)]
mod tests;
