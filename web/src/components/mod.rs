//! The page's components, one per file.

pub mod app_page;
pub mod code_editor;
pub mod data_panel;
pub mod examples_pane;
pub mod explorer;
pub mod finding_card;
pub mod impact_list;
pub mod import_panel;
pub mod labels;
pub mod lazy;
pub mod matrix;
pub mod pager;
pub mod plan_page;
pub mod rule_editor;
pub mod rule_list;
pub mod rule_results;
pub mod shell;
pub mod why_panel;
