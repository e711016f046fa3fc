//! Printers: each output format renders the same core values; none lives in the core.

pub mod accepted;
pub mod apps;
pub mod check;
pub mod coverage;
pub mod diagnostics;
pub mod diff;
pub mod examples;
pub mod explain;
pub mod github;
pub mod junit;
pub mod lines;
pub mod progress;
pub mod report;
pub mod sarif;
pub mod show;
pub mod style;
pub mod text;
