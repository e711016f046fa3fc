//! Previous / next through pages of a long table.

use leptos::prelude::*;

/// Page controls over `pages` pages; hidden when there is one.
#[component]
pub fn Pager(page: RwSignal<usize>, #[prop(into)] pages: Signal<usize>) -> impl IntoView {
    // The braces around `>=` keep the view macro from reading `>` as the end of the tag.
    view! {
        <div class="pager" class:hidden=move || pages.get() <= 1>
            <button disabled=move || page.get() == 0 on:click=move |_| page.update(|p| *p = p.saturating_sub(1))>"Previous"</button>
            <span>{move || format!("Page {} of {}", page.get() + 1, pages.get())}</span>
            <button disabled=move || { page.get() + 1 >= pages.get() } on:click=move |_| page.update(|p| *p += 1)>"Next"</button>
        </div>
    }
}
