//! Entry point of the explorer page: mounts the app.

fn main() {
    leptos::mount::mount_to_body(movies_web::App);
}
