//! On a synced customer's profile: who made the version in sync, and the values merges with
//! another device's changes set aside (docs/sync.md, "Values set aside"). The notes are read
//! by sync's runner (`replication::notes_reader`), so this page carries none of its code.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::domain::sync::notes::{RecordNotes, Shown};
use crate::i18n::Lang;
use crate::ui::sync_status::use_sync_state;
use crate::ui::workspace::replication;
use crate::ui::{tr, use_lang};

/// A stamp's time as the person's clock shows it.
fn when(wall_ms: u64) -> String {
    let d = js_sys::Date::new(&(wall_ms as f64).into());
    format!(
        "{}-{:02}-{:02} {:02}:{:02}",
        d.get_full_year(),
        d.get_month() + 1,
        d.get_date(),
        d.get_hours(),
        d.get_minutes()
    )
}

/// A field's name as the profile labels it (a list element by its list).
fn field(lang: Lang, path: &str) -> String {
    let list = path.split_once('/').map(|(list, _)| list);
    match (path, list) {
        (_, Some("orders")) => lang.sync_field_order().into(),
        (_, Some("satisfaction")) => lang.sync_field_score().into(),
        (_, Some("remarks")) => lang.sync_field_remark().into(),
        (_, Some("winback")) => lang.sync_field_winback().into(),
        ("name", _) => lang.field_name().into(),
        ("industry", _) => lang.field_industry().into(),
        ("size", _) => lang.field_size().into(),
        ("lead_source", _) => lang.field_lead_source().into(),
        ("owner", _) => lang.field_owner().into(),
        ("referred_by", _) => lang.field_referred_by().into(),
        ("contacts", _) => lang.section_contacts().into(),
        ("verified_on", _) => lang.field_verified_on().into(),
        _ => path.into(),
    }
}

#[component]
pub fn SyncNotes(customer_id: String) -> impl IntoView {
    let lang = use_lang();
    let notes = RwSignal::new(None::<RecordNotes>);
    let state = use_sync_state();
    // Read again after every run (the profile itself is drawn again on every change of the
    // customer); nothing where sync is off or its module is not in yet.
    Effect::new(move |_| {
        state.0.track();
        let Some(read) = replication::notes_reader() else {
            return;
        };
        let key = format!("customer:{customer_id}");
        spawn_local(async move { notes.set(read(key).await) });
    });
    move || {
        let n = notes.get()?;
        let l = lang.get();
        let who = |name: &str| {
            if name.is_empty() {
                l.sync_unnamed().to_string()
            } else {
                name.to_string()
            }
        };
        let version = n.latest.map(|w| l.sync_version_by(&who(&n.by), &when(w)));
        let merged = !n.set_aside.is_empty();
        let set_aside: Vec<_> = n
            .set_aside
            .iter()
            .map(|s| {
                let label = l.sync_set_aside(&field(l, &s.path), &who(&s.by), &when(s.at));
                let value = match &s.value {
                    Shown::Text(t) => t.clone(),
                    Shown::Removed => l.sync_removed_value().into(),
                    Shown::Sealed => l.sync_sealed_value().into(),
                };
                view! { <li>{label}" "<q class="set-aside">{value}</q></li> }
            })
            .collect();
        Some(view! {
            <section class="card sync-notes" data-testid="sync-notes">
                <h2>{tr(Lang::sync_notes_title)}</h2>
                {version.map(|v| view! { <p class="sync-version">{v}</p> })}
                {merged.then(|| view! {
                    <h3>{tr(Lang::sync_merged)}</h3>
                    <ul class="sync-set-aside">{set_aside}</ul>
                })}
            </section>
        })
    }
}
