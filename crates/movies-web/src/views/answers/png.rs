//! An SVG chart as a PNG: the SVG is loaded as an image from a Blob URL, drawn on a
//! canvas at twice its size, and the canvas encoded with `toBlob`.

use js_sys::{Array, Promise};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, BlobPropertyBag, CanvasRenderingContext2d, HtmlCanvasElement, HtmlImageElement, Url};

/// Pixels of the PNG per pixel of the SVG.
const SCALE: f64 = 2.0;

/// Draws `svg` (of `width` × `height`) into a PNG blob.
pub async fn render(svg: &str, width: u32, height: u32) -> Result<Blob, JsValue> {
    let options = BlobPropertyBag::new();
    options.set_type("image/svg+xml;charset=utf-8");
    let source = Blob::new_with_str_sequence_and_options(&Array::of1(&JsValue::from_str(svg)), &options)?;
    let url = Url::create_object_url_with_blob(&source)?;
    let image = HtmlImageElement::new()?;
    image.set_src(&url);
    let decoded = JsFuture::from(image.decode()).await;
    Url::revoke_object_url(&url)?;
    decoded?;

    let document = web_sys::window().and_then(|w| w.document()).ok_or("no document")?;
    let canvas: HtmlCanvasElement = document.create_element("canvas")?.dyn_into()?;
    let (w, h) = (f64::from(width) * SCALE, f64::from(height) * SCALE);
    canvas.set_width(w as u32);
    canvas.set_height(h as u32);
    let context: CanvasRenderingContext2d = canvas.get_context("2d")?.ok_or("no 2d canvas")?.dyn_into()?;
    context.draw_image_with_html_image_element_and_dw_and_dh(&image, 0.0, 0.0, w, h)?;

    let mut encode = |resolve: js_sys::Function, reject: js_sys::Function| {
        if let Err(e) = canvas.to_blob_with_type(&resolve, "image/png") {
            let _ = reject.call1(&JsValue::NULL, &e);
        }
    };
    let png = JsFuture::from(Promise::new(&mut encode)).await?;
    png.dyn_into::<Blob>().map_err(|_| JsValue::from_str("the browser could not encode the PNG"))
}
