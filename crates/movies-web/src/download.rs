//! Turning export chunks into a file the browser downloads.
//!
//! Each chunk becomes a Blob as it arrives (the browser may keep large blobs out of
//! the page's memory); the finished file is a Blob of those parts in stream order, so
//! a large export is never one giant string or buffer.

use std::collections::HashMap;

use js_sys::{Array, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Blob, BlobPropertyBag, HtmlAnchorElement, Url};

/// Parts received for the exports in progress: export id → stream → parts.
#[derive(Default)]
pub struct Downloads {
    parts: HashMap<u32, HashMap<u32, Array>>,
}

impl Downloads {
    /// Keeps a chunk of `stream` of export `id`.
    pub fn add_chunk(&mut self, id: u32, stream: u32, bytes: &Uint8Array) -> Result<(), JsValue> {
        let blob = Blob::new_with_u8_array_sequence(&Array::of1(bytes))?;
        self.parts.entry(id).or_default().entry(stream).or_default().push(&blob);
        Ok(())
    }

    /// Assembles export `id` from its streams in `order` and starts the download.
    pub fn finish(&mut self, id: u32, order: &[u32], file_name: &str, mime: &str) -> Result<(), JsValue> {
        let mut streams = self.parts.remove(&id).unwrap_or_default();
        let parts = Array::new();
        for stream in order {
            if let Some(stream_parts) = streams.remove(stream) {
                for part in stream_parts.iter() {
                    parts.push(&part);
                }
            }
        }
        let options = BlobPropertyBag::new();
        options.set_type(mime);
        let blob = Blob::new_with_blob_sequence_and_options(&parts, &options)?;
        save_blob(&blob, file_name)
    }

    /// Drops the parts of a failed export.
    pub fn discard(&mut self, id: u32) {
        self.parts.remove(&id);
    }
}

/// Offers `blob` as a download named `file_name`.
pub fn save_blob(blob: &Blob, file_name: &str) -> Result<(), JsValue> {
    let url = Url::create_object_url_with_blob(blob)?;
    let document = web_sys::window().and_then(|w| w.document()).ok_or("no document")?;
    let link: HtmlAnchorElement = document.create_element("a")?.dyn_into()?;
    link.set_href(&url);
    link.set_download(file_name);
    link.set_attribute("hidden", "")?;
    document.body().ok_or("no body")?.append_child(&link)?;
    link.click();
    link.remove();
    // The URL must outlive the click; revoking it a minute later frees the blob.
    let revoke = wasm_bindgen::closure::Closure::once_into_js(move || {
        let _ = Url::revoke_object_url(&url);
    });
    web_sys::window()
        .ok_or("no window")?
        .set_timeout_with_callback_and_timeout_and_arguments_0(revoke.unchecked_ref(), 60_000)?;
    Ok(())
}

/// Offers bytes as a download (small files made on the page: a chart's data, an SVG).
pub fn save_bytes(bytes: &[u8], file_name: &str, mime: &str) -> Result<(), JsValue> {
    let options = BlobPropertyBag::new();
    options.set_type(mime);
    let blob = Blob::new_with_u8_array_sequence_and_options(&Array::of1(&Uint8Array::from(bytes)), &options)?;
    save_blob(&blob, file_name)
}

/// Offers text as a download, encoded as UTF-8.
pub fn save_text(text: &str, file_name: &str, mime: &str) -> Result<(), JsValue> {
    save_bytes(text.as_bytes(), file_name, mime)
}
