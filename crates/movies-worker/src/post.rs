//! Sending responses to the page.

use js_sys::{Array, Object, Reflect, Uint8Array};
use movies_protocol::Response;
use wasm_bindgen::JsValue;
use web_sys::DedicatedWorkerGlobalScope;

/// Posts messages to the page from the worker's global scope.
#[derive(Clone)]
pub struct Poster {
    scope: DedicatedWorkerGlobalScope,
}

impl Poster {
    /// Posts through `scope`.
    pub fn new(scope: DedicatedWorkerGlobalScope) -> Self {
        Poster { scope }
    }

    fn message(response: &Response) -> Object {
        let message = Object::new();
        let _ = Reflect::set(&message, &"json".into(), &JsValue::from_str(&response.to_json()));
        message
    }

    /// Posts a response.
    pub fn send(&self, response: &Response) {
        let _ = self.scope.post_message(&Self::message(response));
    }

    /// Posts a response with bytes beside it; their buffer is transferred, not copied.
    pub fn send_with_bytes(&self, response: &Response, bytes: &[u8]) {
        let message = Self::message(response);
        let array = Uint8Array::new_with_length(bytes.len() as u32);
        array.copy_from(bytes);
        let _ = Reflect::set(&message, &"bytes".into(), &array);
        let transfer = Array::of1(&array.buffer());
        let _ = self.scope.post_message_with_transfer(&message, &transfer);
    }
}
