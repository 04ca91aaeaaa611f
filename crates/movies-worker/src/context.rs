//! The worker's shared state and services.

use std::cell::RefCell;

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
    performance: Option<Performance>,
}

impl Context {
    /// Assembles the context.
    pub fn new(poster: Poster, yielder: Yielder, performance: Option<Performance>) -> Self {
        Context { poster, yielder, session: RefCell::default(), performance }
    }

    /// Milliseconds since the worker started.
    pub fn now(&self) -> f64 {
        self.performance.as_ref().map_or(0.0, Performance::now)
    }
}
