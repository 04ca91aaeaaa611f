//! The explorer page: a Leptos app around the worker that runs the transform core.
//!
//! The page computes nothing the core could: it asks the worker (see
//! [`worker_client`]) and turns the answers into signals ([`store`]) that the views
//! chart. What the user looks at lives in the URL ([`url_state`]).

mod app;
mod context;
mod download;
mod drill;
mod folder_export;
mod format;
mod given;
mod loading;
mod metric;
mod progress;
mod store;
mod url_state;
mod views;
mod worker_client;

pub use app::App;
