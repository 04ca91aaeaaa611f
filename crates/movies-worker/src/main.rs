//! The explorer's Web Worker: a thin message pump around the transform core.
//!
//! Requests arrive as JSON (plus the user's `File`s for a load); long work (loads,
//! exports) runs as tasks that yield between steps, so a cancel or a query from the
//! page is answered while they run. Nothing here panics on bad input: every failure
//! becomes a response.

mod blob_reader;
mod context;
mod export;
mod load;
mod origin;
mod post;
mod queries;
mod runner;
mod session;
mod yielder;

use std::rc::Rc;

use js_sys::{Array, Reflect};
use movies_protocol::{Answer, ErrorKind, ExportEvent, LoadEvent, Request, Response, UserError};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::spawn_local;
use web_sys::{DedicatedWorkerGlobalScope, File, MessageEvent};

use context::Context;
use post::Poster;
use yielder::Yielder;

fn main() {
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let poster = Poster::new(scope.clone());
    let yielder = match Yielder::new() {
        Ok(y) => y,
        Err(e) => {
            let message = format!("the worker cannot start: {e:?}");
            poster.send(&Response::Rejected { error: UserError::new(ErrorKind::Worker, "worker", message) });
            return;
        }
    };
    let performance = Reflect::get(&scope, &"performance".into()).ok().and_then(|p| p.dyn_into().ok());
    let ctx = Rc::new(Context::new(poster.clone(), yielder, performance));
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| handle(&ctx, &event.data()));
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    poster.send(&Response::Ready);
}

/// The `File`s sent beside a request.
fn files_of(message: &JsValue) -> Vec<File> {
    let files = Reflect::get(message, &"files".into()).unwrap_or(JsValue::UNDEFINED);
    if !Array::is_array(&files) {
        return Vec::new();
    }
    Array::from(&files).iter().filter_map(|f| f.dyn_into::<File>().ok()).collect()
}

/// Answers a query about load `load` from the session.
fn answer(ctx: &Context, id: u32, load: movies_protocol::LoadId, query: impl FnOnce(&session::Session) -> Answer) {
    let session = ctx.session.borrow();
    let answer = queries::stale(&session, load).unwrap_or_else(|| query(&session));
    ctx.poster.send(&Response::Answer { id, load, answer });
}

fn handle(ctx: &Rc<Context>, message: &JsValue) {
    let json = Reflect::get(message, &"json".into()).ok().and_then(|j| j.as_string()).unwrap_or_default();
    let request = match Request::from_json(&json) {
        Ok(r) => r,
        Err(message) => {
            let error = UserError::new(ErrorKind::BadRequest, "page", message);
            ctx.poster.send(&Response::Rejected { error });
            return;
        }
    };
    match request {
        Request::Load { load, inputs } => spawn_local(load::load(ctx.clone(), load, files_of(message), inputs)),
        Request::Cancel { load } => {
            let mut session = ctx.session.borrow_mut();
            if session.load == load && session.running {
                session.cancel_requested = true;
            } else {
                drop(session);
                ctx.poster.send(&Response::Load { load, event: LoadEvent::NotRunning });
            }
        }
        Request::Companies { id, load, company_ids } => answer(ctx, id, load, |s| queries::companies(s, &company_ids)),
        Request::CompanyRanking { id, load, query } => answer(ctx, id, load, |s| queries::ranking(s, query)),
        Request::ErrorLog { id, load, query } => answer(ctx, id, load, |s| queries::error_log(s, &query)),
        Request::Movie { id, load, movie_id } => answer(ctx, id, load, |s| queries::movie(s, movie_id)),
        Request::Person { id, load, person_id } => answer(ctx, id, load, |s| queries::person(s, person_id)),
        Request::Search { id, load, text, kind } => answer(ctx, id, load, |s| queries::search(s, text, kind)),
        Request::Movies { id, load, query } => answer(ctx, id, load, |s| queries::movies(s, query)),
        Request::Export { id, load, export } => spawn_local(export::export(ctx.clone(), id, load, export)),
        Request::CancelExport { id, load } => {
            if !ctx.cancel_export(id) {
                ctx.poster.send(&Response::Export { id, load, event: ExportEvent::Cancelled });
            }
        }
    }
}
