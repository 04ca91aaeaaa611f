//! The store's handling of the worker's responses.

use super::*;
use movies_protocol::{ErrorCode, ErrorKind, UserError};

fn started(load: u32) -> Response {
    let file = FoundFile { file: InputFile::Links, source: format!("load-{load}.zip:links.csv"), bytes: 10 };
    let event = LoadEvent::Started {
        files: vec![file],
        missing: Vec::new(),
        notes: Vec::new(),
        unused: Vec::new(),
        damage: Vec::new(),
    };
    Response::Load { load, event }
}

#[test]
fn news_and_answers_of_an_earlier_load_are_dropped() {
    let store = Store::new(ViewState::default());
    store.begin_load(2);
    store.apply(started(1));
    store.apply(Response::Load { load: 1, event: LoadEvent::Cancelled { stopped: None } });
    let error = UserError::new(ErrorKind::Input(ErrorCode::NotAZip), "load-1.zip", "load-1.zip: not a zip".into());
    store.apply(Response::Load { load: 1, event: LoadEvent::Failed { error } });
    let late = Answer::Companies { company_year: Vec::new(), company_genre_year: Vec::new() };
    store.companies.set(HashMap::from([(3, CompanyData::default())]));
    store.apply(Response::Answer { id: 7, load: 1, answer: late });
    assert!(store.files.get_untracked().is_empty());
    assert_eq!(store.phase.get_untracked(), Phase::Loading);
    assert!(store.alerts.get_untracked().is_empty());

    store.apply(started(2));
    assert_eq!(store.files.get_untracked()[0].source, "load-2.zip:links.csv");
    let stopped = Some((InputFile::Links, 1234));
    store.apply(Response::Load { load: 2, event: LoadEvent::Cancelled { stopped } });
    assert_eq!(store.phase.get_untracked(), Phase::Cancelled);
    assert_eq!(store.files.get_untracked()[0].state, FileState::Cancelled(Some(1234)));
}

#[test]
fn inputs_that_yield_nothing_are_shown() {
    let store = Store::new(ViewState::default());
    store.begin_load(1);
    let unused = UserError::new(ErrorKind::Unused, "notes.txt", "notes.txt: not a file of The Movies Dataset".into());
    let event = LoadEvent::Started {
        files: Vec::new(),
        missing: Vec::new(),
        notes: Vec::new(),
        unused: vec![unused],
        damage: Vec::new(),
    };
    store.apply(Response::Load { load: 1, event });
    assert_eq!(store.alerts.get_untracked()[0].message, "notes.txt: not a file of The Movies Dataset");
}

#[test]
fn a_cancelled_export_says_so_and_a_late_cancel_changes_nothing() {
    let store = Store::new(ViewState::default());
    store.begin_load(1);
    store.exports.update(|e| e.extend([ExportStatus::new(7, "the zip".into()), ExportStatus::new(8, "a".into())]));
    store.cancelling_export(7);
    store.apply(Response::Export { id: 7, load: 1, event: ExportEvent::Cancelled });
    store.finish_export(8, "Written.".into());
    store.apply(Response::Export { id: 8, load: 1, event: ExportEvent::Cancelled });
    let exports = store.exports.get_untracked();
    assert_eq!(exports[0].finished.as_deref(), Some("Cancelled the zip: nothing was saved."));
    assert!(!exports[0].running());
    assert_eq!(exports[1].finished.as_deref(), Some("Written."));
}

#[test]
fn a_failed_worker_ends_the_load_and_its_exports() {
    let store = Store::new(ViewState::default());
    store.begin_load(1);
    store.apply(started(1));
    store.update_file(InputFile::Links, |p| {
        p.state = FileState::Running;
        p.records = 40;
    });
    store.exports.update(|e| e.push(ExportStatus::new(2, "genre_year.csv".into())));
    store.worker_failed("RuntimeError: unreachable");
    assert_eq!(store.phase.get_untracked(), Phase::Failed);
    assert_eq!(store.files.get_untracked()[0].state, FileState::Lost(40));
    let export = &store.exports.get_untracked()[0];
    assert_eq!(export.error.as_deref(), Some("genre_year.csv stopped: the worker failed."));
    assert!(store.alerts.get_untracked()[0].message.contains("(RuntimeError: unreachable)"));
}
