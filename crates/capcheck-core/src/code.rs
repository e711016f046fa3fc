//! Diagnostic codes: the stable, kebab-case names of every problem capcheck reports.
//!
//! Front ends print them (`error[invalid-date]`), reports carry them (`"code": "invalid-date"`)
//! and CI formats use them as rule ids, so the text of a code never changes. `docs/diagnostics.md`
//! lists each one with its level, its meaning and what to do; a test keeps the two in step.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

macro_rules! codes {
    ($($(#[doc = $doc:literal])+ $variant:ident = $text:literal,)+) => {
        /// What kind of problem a [`crate::Diagnostic`] reports.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code {
            $($(#[doc = $doc])+ $variant,)+
        }

        impl Code {
            /// Every code, in alphabetical order of its text.
            pub const ALL: &'static [Code] = &[$(Code::$variant,)+];

            /// The code as printed and serialised: kebab-case, e.g. `invalid-date`.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Code::$variant => $text,)+
                }
            }

            /// The code whose text is `text`, if there is one.
            pub fn parse(text: &str) -> Option<Code> {
                match text {
                    $($text => Some(Code::$variant),)+
                    _ => None,
                }
            }
        }
    };
}

codes! {
    /// A baseline file is not a baseline capcheck wrote (bad JSON or wrong shape).
    BaselineInvalid = "baseline-invalid",
    /// A rule was stopped on an app because its calls nested too deep.
    CallLimit = "call-limit",
    /// A catalogue's header row cannot be read or lacks a column capcheck needs.
    CatalogueHeader = "catalogue-header",
    /// A JSON catalogue is not an array of row objects, or is not valid JSON.
    CatalogueJson = "catalogue-json",
    /// A catalogue row cannot be read (wrong number of cells, bad quoting); it is skipped.
    CatalogueRow = "catalogue-row",
    /// A catalogue cell holds a value capcheck cannot map; that fact stays not documented.
    CatalogueValue = "catalogue-value",
    /// Two lines of a guide page give different values for one fact; the first is used.
    ConflictingValue = "conflicting-value",
    /// A guide page stops in the middle of a line: it was probably saved before it loaded fully.
    CutOff = "cut-off",
    /// The same app comes from a related-apps list and from its own guide page; its own page wins.
    DuplicateApp = "duplicate-app",
    /// Two data records use the same app id; the second is skipped.
    DuplicateId = "duplicate-id",
    /// Two rules use the same id; the second is skipped.
    DuplicateRule = "duplicate-rule",
    /// A record lists two sources with the same id.
    DuplicateSource = "duplicate-source",
    /// A file is not UTF-8.
    Encoding = "encoding",
    /// A file is over the size limit and is not read.
    FileTooLarge = "file-too-large",
    /// A related app on a guide page has no status or summary; the page may be cut off.
    IncompleteRelatedApp = "incomplete-related-app",
    /// A date is not a real `YYYY-MM-DD` date (an error in data files, a warning when importing).
    InvalidDate = "invalid-date",
    /// An app id is not a slug.
    InvalidId = "invalid-id",
    /// A record does not match the data format: a missing, misspelt or wrongly typed field.
    InvalidRecord = "invalid-record",
    /// A rule's id (its file name) is not kebab-case.
    InvalidRuleId = "invalid-rule-id",
    /// A value is not one the field allows (e.g. a yes/no fact that is neither).
    InvalidValue = "invalid-value",
    /// An inventory file holds no apps.
    InventoryEmpty = "inventory-empty",
    /// An inventory file is not UTF-8.
    InventoryEncoding = "inventory-encoding",
    /// An inventory cell holds a value of the wrong kind (e.g. a user count that is not a number).
    InventoryInvalidValue = "inventory-invalid-value",
    /// An inventory row has no app name; it is skipped.
    InventoryMissingName = "inventory-missing-name",
    /// No inventory column names the apps.
    InventoryNoNameColumn = "inventory-no-name-column",
    /// An inventory file is not valid JSON or CSV.
    InventorySyntax = "inventory-syntax",
    /// A file or folder cannot be read or written.
    Io = "io",
    /// A record names no source, so its facts cite nothing.
    MissingSource = "missing-source",
    /// A guide page's title names no app.
    MissingTitle = "missing-title",
    /// A folder given as input holds no file of the kind expected.
    NoFiles = "no-files",
    /// A data file holds no app record (an empty file, an array of arrays, an object with no app fields).
    NoRecords = "no-records",
    /// A guide page lacks a section the importer expected; those facts stay not documented.
    NotFound = "not-found",
    /// A heading on a guide page is not a section the importer knows; its lines are not read.
    NotImported = "not-imported",
    /// A rule was stopped on an app because it ran too many operations.
    OperationLimit = "operation-limit",
    /// An overrides entry has the wrong shape.
    OverridesInvalid = "overrides-invalid",
    /// An overrides file is not valid TOML.
    OverridesSyntax = "overrides-syntax",
    /// An overrides file has a table capcheck does not know.
    OverridesUnknownKey = "overrides-unknown-key",
    /// An override points at a record that does not exist.
    OverridesUnknownRecord = "overrides-unknown-record",
    /// A rule's `fn examples()` cannot be read or run.
    RuleExamples = "rule-examples",
    /// A rule's `fn meta()` is missing or lacks a field.
    RuleMeta = "rule-meta",
    /// A rule returned something other than nothing, a boolean or a message.
    RuleResult = "rule-result",
    /// A rule failed while running on an app.
    RuleRuntime = "rule-runtime",
    /// A rule does not compile.
    RuleSyntax = "rule-syntax",
    /// A guide page has numbered steps with no scenario title before them.
    ScenarioWithoutTitle = "scenario-without-title",
    /// A rule was stopped on an app because it built a string, array or map past the limit.
    SizeLimit = "size-limit",
    /// A data file is not valid TOML or JSON.
    Syntax = "syntax",
    /// A text value is over the length limit.
    TextTooLong = "text-too-long",
    /// A rule reads a field that does not exist.
    UnknownField = "unknown-field",
    /// A guide page names a plan the importer cannot place.
    UnknownPlan = "unknown-plan",
    /// A quick-reference row on a guide page is not one the importer knows; its value is not read.
    UnknownRow = "unknown-row",
    /// A fact cites a source that is not among the record's sources.
    UnknownSource = "unknown-source",
    /// An endpoint on a guide page could not be read.
    UnreadEndpoint = "unread-endpoint",
    /// A line of a guide page could not be placed and is not read.
    UnreadLine = "unread-line",
    /// A table row on a guide page could not be read.
    UnreadRow = "unread-row",
    /// A data file is neither `.toml` nor `.json`.
    UnsupportedFile = "unsupported-file",
    /// A rule was stopped on an app because it declared too many variables.
    VariableLimit = "variable-limit",
    /// Two waivers cover the same rule and app.
    WaiverDuplicate = "waiver-duplicate",
    /// A waiver's expiry date has passed; the finding counts again.
    WaiverExpired = "waiver-expired",
    /// A waivers file or entry has the wrong shape.
    WaiverInvalid = "waiver-invalid",
    /// A waiver lacks a required field.
    WaiverMissingField = "waiver-missing-field",
    /// A waivers file is not valid TOML.
    WaiverSyntax = "waiver-syntax",
    /// A waiver names an app that does not exist.
    WaiverUnknownApp = "waiver-unknown-app",
    /// A waiver or waivers file has a key capcheck does not know.
    WaiverUnknownKey = "waiver-unknown-key",
    /// A waiver names a rule that does not exist.
    WaiverUnknownRule = "waiver-unknown-rule",
    /// A waiver matches no finding.
    WaiverUnused = "waiver-unused",
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl PartialEq<str> for Code {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Code {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl Serialize for Code {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Code {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Code, D::Error> {
        let text = String::deserialize(deserializer)?;
        Code::parse(&text)
            .ok_or_else(|| serde::de::Error::custom(format!("unknown diagnostic code `{text}`")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The codes `docs/diagnostics.md` lists, in the order of its table.
    fn documented() -> Vec<String> {
        include_str!("../../../docs/diagnostics.md")
            .lines()
            .filter_map(|l| l.strip_prefix("| `"))
            .filter_map(|l| l.split_once('`'))
            .map(|(code, _)| code.to_owned())
            .collect()
    }

    #[test]
    fn every_code_is_documented_and_every_documented_code_exists() {
        let documented = documented();
        for code in Code::ALL {
            assert!(
                documented.iter().any(|d| d == code.as_str()),
                "`{code}` is missing from docs/diagnostics.md"
            );
        }
        for d in &documented {
            assert!(
                Code::parse(d).is_some(),
                "docs/diagnostics.md lists `{d}`, which is no code"
            );
        }
        assert_eq!(documented.len(), Code::ALL.len(), "a code is listed twice");
    }

    #[test]
    fn a_code_serialises_as_its_kebab_case_text_and_back() {
        for &code in Code::ALL {
            let json = serde_json::to_string(&code).unwrap();
            assert_eq!(json, format!("\"{}\"", code.as_str()));
            assert_eq!(serde_json::from_str::<Code>(&json).unwrap(), code);
            let kebab = code
                .as_str()
                .split('-')
                .all(|w| !w.is_empty() && w.chars().all(|c| c.is_ascii_lowercase()));
            assert!(kebab, "`{code}` is not kebab-case");
        }
        assert_eq!(Code::InvalidDate.as_str(), "invalid-date");
        assert!(serde_json::from_str::<Code>("\"no-such-code\"").is_err());
    }
}
