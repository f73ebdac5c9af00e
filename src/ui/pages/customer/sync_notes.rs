//! On a synced customer's profile: who made the version in sync, and the values merges with
//! another device's changes set aside (docs/sync.md, "Values set aside").

use leptos::prelude::*;
use leptos::task::spawn_local;
use serde_json::Value;

use crate::domain::sync::merge::Overwrite;
use crate::domain::sync::payload::Tracked;
use crate::i18n::Lang;
use crate::ui::workspace::sync_notes;
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

/// A set-aside value in words: text as it is; contacts by name, phone, e-mail and WeChat;
/// anything else as compact JSON.
fn shown(lang: Lang, o: &Overwrite) -> String {
    let Some(value) = &o.other else {
        return if o.sealed.is_some() {
            lang.sync_sealed_value().into()
        } else {
            lang.sync_removed_value().into()
        };
    };
    match value {
        Value::String(s) => s.clone(),
        Value::Array(items) if o.path == "contacts" => items
            .iter()
            .map(|c| {
                ["name", "phone", "email", "wechat"]
                    .iter()
                    .filter_map(|k| c.get(*k).and_then(Value::as_str))
                    .filter(|s| !s.is_empty())
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect::<Vec<_>>()
            .join("; "),
        other => other.to_string(),
    }
}

#[component]
pub fn SyncNotes(customer_id: String) -> impl IntoView {
    let lang = use_lang();
    let notes = RwSignal::new(None::<Tracked>);
    let key = format!("customer:{customer_id}");
    // The profile is drawn again on every change of the customer, and reads this again.
    spawn_local(async move {
        let mut found = sync_notes(vec![key.clone()]).await;
        notes.set(found.remove(&key));
    });
    move || {
        let t = notes.get()?;
        let latest = t.stamps.values().map(|s| s.wall).max();
        if t.by.is_empty() && t.overwritten.is_empty() {
            return None;
        }
        let l = lang.get();
        let by = |name: &str| {
            if name.is_empty() {
                l.sync_unnamed().to_string()
            } else {
                name.to_string()
            }
        };
        let version = latest.map(|w| l.sync_version_by(&by(&t.by), &when(w)));
        let set_aside: Vec<_> = t
            .overwritten
            .iter()
            .rev()
            .map(|o| {
                let label = l.sync_set_aside(&field(l, &o.path), &by(&o.by), &when(o.other_stamp.wall));
                view! { <li>{label}" "<q class="set-aside">{shown(l, o)}</q></li> }
            })
            .collect();
        let merged = !set_aside.is_empty();
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
