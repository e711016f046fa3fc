//! What the first render does not need: every view but the explorer (`components::lazy`), the
//! guide-page importer and the catalogue reader. `scripts/build-web.sh` (wasm-split) cuts their
//! code out of the main module into a module of its own, `split_deferred.wasm`, fetched right
//! after the first render (the catalogue needs it) or as soon as one of those views is opened. A
//! failed fetch is reported, and the next call tries again. Built natively (for the tests) these
//! are plain calls.
#![allow(
    unsafe_code,
    reason = "wasm_split writes the glue that calls into a lazily loaded module"
)]

use capcheck_core::dataset::Dataset;
use capcheck_core::Diagnostic;
use leptos::wasm_split::{wasm_split, SplitLoaderError};

/// The deferred module could not be fetched.
pub struct NotLoaded;

impl From<SplitLoaderError> for NotLoaded {
    fn from(_: SplitLoaderError) -> NotLoaded {
        NotLoaded
    }
}

/// Reads the catalogue's text and merges its rows into `set`; the problems found. Fetch its code
/// first with `preload_deferred` (which fetches the deferred module), so the dataset can be taken
/// after that wait.
#[wasm_split(deferred, fallible, wasm_split_path = ::leptos::wasm_split, preload(preload_deferred))]
pub fn merge_catalogue(
    set: Dataset,
    text: String,
) -> Result<(Dataset, Vec<Diagnostic>), NotLoaded> {
    let mut set = set;
    let (rows, diags) =
        capcheck_core::catalogue::parse("data/catalogues/scim-tax.csv", &text, None);
    capcheck_core::catalogue::add(&mut set, rows);
    Ok((set, diags))
}
