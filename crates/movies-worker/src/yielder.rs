//! Yielding to the worker's event loop between steps, so that requests (a cancel, a
//! query from the page) are handled while a long load runs.
//!
//! A `MessageChannel` round trip is used rather than `setTimeout(0)`, which browsers
//! clamp to 4 ms once nested.

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::{Function, Promise};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{MessageChannel, MessagePort};

/// Lets other tasks and incoming messages run, then resumes.
pub struct Yielder {
    sender: MessagePort,
    waiting: Rc<RefCell<Vec<Function>>>,
    _on_message: Closure<dyn FnMut(JsValue)>,
}

impl Yielder {
    /// Sets up the channel.
    pub fn new() -> Result<Self, JsValue> {
        let channel = MessageChannel::new()?;
        let waiting: Rc<RefCell<Vec<Function>>> = Rc::default();
        let queue = waiting.clone();
        let on_message = Closure::<dyn FnMut(JsValue)>::new(move |_| {
            let resolve = {
                let mut queue = queue.borrow_mut();
                if queue.is_empty() {
                    None
                } else {
                    Some(queue.remove(0))
                }
            };
            if let Some(resolve) = resolve {
                let _ = resolve.call0(&JsValue::UNDEFINED);
            }
        });
        channel.port1().set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        Ok(Yielder { sender: channel.port2(), waiting, _on_message: on_message })
    }

    /// Resumes after the event loop had a turn.
    pub async fn yield_now(&self) {
        let waiting = self.waiting.clone();
        let sender = self.sender.clone();
        let promise = Promise::new(&mut |resolve, _reject| {
            waiting.borrow_mut().push(resolve);
            let _ = sender.post_message(&JsValue::NULL);
        });
        let _ = JsFuture::from(promise).await;
    }
}
