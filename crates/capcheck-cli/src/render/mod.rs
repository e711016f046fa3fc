//! Printers: each output format renders the same core values; none lives in the core.

pub mod apps;
pub mod diagnostics;
pub mod diff;
pub mod examples;
pub mod explain;
pub mod progress;
pub mod report;
pub mod show;
pub mod style;
pub mod text;
