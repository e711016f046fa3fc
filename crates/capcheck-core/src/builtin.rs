//! The built-in dataset and rules: the repository's `data/` and `rules/` folders, embedded at
//! build time so `capcheck` works from any directory and the web app needs no server.

include!(concat!(env!("OUT_DIR"), "/builtin.rs"));

use crate::dataset::DataFile;
use crate::rule::RuleSource;

/// The built-in data files.
pub fn data_files() -> Vec<DataFile<'static>> {
    DATA.iter().map(|(name, text)| DataFile { name, text }).collect()
}

/// The built-in rules.
pub fn rule_sources() -> Vec<RuleSource<'static>> {
    RULES.iter().map(|(name, text)| RuleSource { name, text }).collect()
}
