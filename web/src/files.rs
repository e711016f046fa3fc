//! Downloads and uploads: the browser's side of export and import.

use wasm_bindgen::JsCast;

/// Offers `text` as a file download.
pub fn download(name: &str, mime: &str, text: &str) -> Result<(), String> {
    let window = web_sys::window().ok_or("no window")?;
    let document = window.document().ok_or("no document")?;
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)
        .map_err(|_| "cannot create the file")?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)
        .map_err(|_| "cannot create a download link")?;
    let anchor: web_sys::HtmlAnchorElement = document
        .create_element("a")
        .map_err(|_| "cannot create a link")?
        .dyn_into()
        .map_err(|_| "cannot create a link")?;
    anchor.set_href(&url);
    anchor.set_download(name);
    anchor.click();
    let _ = web_sys::Url::revoke_object_url(&url);
    Ok(())
}

/// The files chosen in a file input, as `(name, text)`.
pub async fn read_files(
    input: &web_sys::HtmlInputElement,
) -> Vec<(String, Result<String, String>)> {
    let mut out = Vec::new();
    let Some(list) = input.files() else {
        return out;
    };
    for i in 0..list.length() {
        let Some(file) = list.item(i) else { continue };
        let text = wasm_bindgen_futures::JsFuture::from(file.text())
            .await
            .map_err(|_| "the file could not be read".to_owned())
            .and_then(|v| {
                v.as_string()
                    .ok_or_else(|| "the file is not text".to_owned())
            });
        out.push((file.name(), text));
    }
    input.set_value("");
    out
}

/// The files chosen in the input an event came from, as `(name, bytes)`, handed to `then`: for
/// files whose encoding the core checks itself (an inventory may be Latin-1 or UTF-16).
pub fn on_bytes_chosen(
    ev: &web_sys::Event,
    then: impl FnOnce(Vec<(String, Result<Vec<u8>, String>)>) + 'static,
) {
    let Some(input) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
    else {
        return;
    };
    leptos::task::spawn_local(async move {
        let mut out = Vec::new();
        if let Some(list) = input.files() {
            for i in 0..list.length() {
                let Some(file) = list.item(i) else { continue };
                let bytes = wasm_bindgen_futures::JsFuture::from(file.array_buffer())
                    .await
                    .map(|buf| js_sys::Uint8Array::new(&buf).to_vec())
                    .map_err(|_| "the file could not be read".to_owned());
                out.push((file.name(), bytes));
            }
        }
        input.set_value("");
        then(out);
    });
}

/// Reads the files chosen in the input an event came from, then hands them to `then`.
pub fn on_files_chosen(
    ev: &web_sys::Event,
    then: impl FnOnce(Vec<(String, Result<String, String>)>) + 'static,
) {
    let Some(input) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
    else {
        return;
    };
    leptos::task::spawn_local(async move {
        let chosen = read_files(&input).await;
        then(chosen);
    });
}

/// Asks the user; false when the browser cannot ask.
pub fn confirm(message: &str) -> bool {
    web_sys::window()
        .and_then(|w| w.confirm_with_message(message).ok())
        .unwrap_or(false)
}
