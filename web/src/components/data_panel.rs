//! Loading a dataset (the user's file, the built-in one, or a synthetic one) and exporting
//! findings.

use leptos::prelude::*;

use super::lazy::{self, lazy};
use crate::files;
use crate::state::AppState;

/// Dataset and findings controls.
#[component]
pub fn DataPanel(state: AppState) -> impl IntoView {
    let on_file = move |ev: leptos::ev::Event| {
        files::on_files_chosen(&ev, move |chosen| {
            for (name, text) in chosen {
                match text {
                    Ok(text) => state.load_dataset_file(&name, &text),
                    Err(e) => state.notice.set(Some(format!("{name}: {e}"))),
                }
            }
        });
    };
    // The CLI's own report shapes: `check --format json` (versioned) and `--format csv`.
    let export_json = move |_| {
        let text = state.report().to_json();
        if let Err(e) = files::download("capcheck-findings.json", "application/json", &text) {
            state.notice.set(Some(e));
        }
    };
    let export_csv = move |_| {
        let text = state.report().to_csv();
        if let Err(e) = files::download("capcheck-findings.csv", "text/csv", &text) {
            state.notice.set(Some(e));
        }
    };
    let importing = RwSignal::new(false);
    view! {
        <div class="data-panel">
            <label class="button">
                "Load dataset..."
                <input type="file" accept=".json,.toml" data-testid="dataset-file" class="visually-hidden" on:change=on_file />
            </label>
            <button on:click=move |_| state.use_builtin_dataset()>"Built-in dataset"</button>
            <button data-testid="synthetic" on:click=move |_| state.use_synthetic_dataset(5_000)>"Synthetic 5,000 apps"</button>
            <button data-testid="import-open" class:active=move || importing.get() on:click=move |_| importing.update(|o| *o = !*o)>"Import guide page..."</button>
            <button data-testid="export-findings-csv" on:click=export_csv>"Export findings CSV"</button>
            <button data-testid="export-findings-json" on:click=export_json>"Export findings JSON"</button>
        </div>
        {move || importing.get().then(|| lazy("the importer", false, lazy::import_panel(state)))}
        {move || {
            let diags = state.data_diagnostics.get();
            (!diags.is_empty()).then(|| view! {
                <div class="diagnostics data-errors" role="alert">
                    <strong>"The dataset file has problems; the current dataset is kept."</strong>
                    <ul>
                        {diags.into_iter().map(|d| view! {
                            <li>
                                <code>{d.location()}</code>
                                {d.field.map(|f| view! { " field " <code>{f}</code> })}
                                ": " {d.message}
                                {d.help.map(|h| view! { <span class="help">" (" {h} ")"</span> })}
                            </li>
                        }).collect_view()}
                    </ul>
                </div>
            })
        }}
    }
}
