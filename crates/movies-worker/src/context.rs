//! The worker's shared state and services.

use std::cell::RefCell;
use std::collections::BTreeMap;

use web_sys::Performance;

use crate::post::Poster;
use crate::session::Session;
use crate::yielder::Yielder;

/// Everything the tasks of the worker share.
pub struct Context {
    /// Sends responses to the page.
    pub poster: Poster,
    /// Gives the event loop a turn between steps.
    pub yielder: Yielder,
    /// The dataset loaded last.
    pub session: RefCell<Session>,
    /// The exports running, by request id: whether the page asked to stop each.
    pub exports: RefCell<BTreeMap<u32, bool>>,
    performance: Option<Performance>,
}

impl Context {
    /// Assembles the context.
    pub fn new(poster: Poster, yielder: Yielder, performance: Option<Performance>) -> Self {
        Context { poster, yielder, session: RefCell::default(), exports: RefCell::default(), performance }
    }

    /// Asks export `id` to stop; false when it is not running.
    pub fn cancel_export(&self, id: u32) -> bool {
        self.exports.borrow_mut().get_mut(&id).map(|stop| *stop = true).is_some()
    }

    /// Whether the page asked export `id` to stop.
    pub fn export_cancelled(&self, id: u32) -> bool {
        self.exports.borrow().get(&id).copied().unwrap_or(false)
    }

    /// Milliseconds since the worker started.
    pub fn now(&self) -> f64 {
        self.performance.as_ref().map_or(0.0, Performance::now)
    }
}
