//! capcheck in the browser: the same core as the CLI, compiled to WebAssembly. Only mounts.

mod authoring;
mod components;
mod deferred;
mod files;
mod highlight;
mod route;
mod rule_doc;
mod stack;
mod state;
mod storage;

fn main() {
    leptos::mount::mount_to_body(components::shell::Shell);
}
