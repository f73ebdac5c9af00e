//! Importing a backup (.json) or a spreadsheet (.csv): read, check the whole file, preview,
//! then write in one transaction — or write nothing and say exactly why.

mod csv;
mod slices;

use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

use csv::CsvPreview;
use slices::{in_slices, progress_bar};

use crate::domain::backup::{
    self, Backup, ImportErrors, Keep, Preview, SettingsChoice, SettingsPart, Strategy,
};
use crate::domain::csv_import::Table;
use crate::domain::envelope::BackupEnvelope;
use crate::domain::records::Customer;
use crate::domain::records::{FollowUp, PlanItem, Todo};
use crate::i18n::Lang;
use crate::ui::browser::{self, Encoding};
use crate::ui::toast::use_toaster;
use crate::ui::workspace::use_workspace;
use crate::ui::{tr, use_lang};

#[derive(Clone, PartialEq)]
enum Stage {
    Idle,
    Reading,
    /// A backup being checked, a slice at a time so the page keeps drawing (how far it is:
    /// `Checker::progress`).
    Checking,
    /// A file that cannot be imported: every reason listed, and how many there are in all.
    Refused {
        messages: Vec<String>,
        total: usize,
    },
    /// An encrypted backup: its passphrase is asked for before anything else is read.
    Encrypted(Box<BackupEnvelope>),
    Backup {
        backup: Box<Backup>,
        preview: Preview,
        /// The file's size in bytes.
        size: usize,
    },
    Csv {
        bytes: Vec<u8>,
        encoding: Encoding,
        table: Table,
    },
    Writing,
}

/// The import section of Settings.
#[component]
pub fn ImportPanel() -> impl IntoView {
    let lang = use_lang();
    let ws = use_workspace();
    let stage = RwSignal::new(Stage::Idle);
    let checker = Checker {
        run: StoredValue::new(0),
        progress: RwSignal::new((0, 0)),
        ws,
        lang,
        stage,
    };

    let on_file = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = ev.target().unwrap().unchecked_into();
        let Some(file) = input.files().and_then(|f| f.get(0)) else {
            return;
        };
        // Choosing the same file again (after fixing it) must fire `change` again.
        input.set_value("");
        stage.set(Stage::Reading);
        let going = checker.start();
        spawn_local(async move {
            let t = lang.get_untracked();
            let bytes = match browser::read_file(&file).await {
                Ok(bytes) => bytes,
                Err(e) => return stage.set(refused(e.message(t))),
            };
            if looks_like_csv(&file.name(), &bytes) {
                checker.read_csv(bytes, None, going).await;
            } else {
                // Each long pass over the file in a task of its own, so the page draws
                // between them (a backup can be tens of megabytes).
                browser::next_task().await;
                let text = String::from_utf8(bytes)
                    .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
                browser::next_task().await;
                if !going() {
                    return;
                }
                match BackupEnvelope::detect(&text) {
                    Some(Ok(envelope)) => stage.set(Stage::Encrypted(Box::new(envelope))),
                    Some(Err(e)) => stage.set(refused(t.envelope_error(&e))),
                    None => checker.check(text, going).await,
                }
            }
        });
    };

    view! {
        <p class="hint">{tr(Lang::import_hint)}</p>
        <label class="button file-button">
            {tr(Lang::import_choose_file)}
            <input type="file" accept=".json,.csv,application/json,text/csv" class="visually-hidden" on:change=on_file/>
        </label>
        {move || match stage.get() {
            Stage::Idle => ().into_any(),
            Stage::Reading => view! { <p class="hint">{tr(Lang::import_reading)}</p> }.into_any(),
            Stage::Checking => view! {
                <div class="import-checking">
                    {progress_bar(tr(Lang::import_checking), checker.progress)}
                    <button type="button" on:click=move |_| {
                        checker.stop();
                        stage.set(Stage::Idle);
                    }>{tr(Lang::import_stop_checking)}</button>
                </div>
            }.into_any(),
            Stage::Writing => view! { <p class="hint">{tr(Lang::import_writing)}</p> }.into_any(),
            Stage::Refused { messages, total } => {
                let count = total;
                view! {
                <div class="notice notice-error import-errors" role="alert">
                    <p>{move || lang.get().backup_errors_summary(count)}</p>
                    <ul>{messages.iter().map(|m| view! { <li><code>{m.clone()}</code></li> }).collect_view()}</ul>
                    <p>{tr(Lang::import_nothing_written)}</p>
                </div>
            }.into_any()
            }
            Stage::Encrypted(envelope) => passphrase_stage(*envelope, checker),
            Stage::Backup { backup, preview, size } => view! { <BackupPreview backup=*backup preview=preview size=size stage=stage/> }.into_any(),
            Stage::Csv { bytes, encoding, table } => view! { <CsvPreview bytes=bytes encoding=encoding table=table checker=checker/> }.into_any(),
        }}
    }
}

/// Checks plain backups a slice at a time (about 30 ms each, then the browser draws and
/// takes clicks), showing how far it is.
#[derive(Clone, Copy)]
pub(super) struct Checker {
    /// Which check is the current one: a new file or Stop makes an earlier check stop.
    run: StoredValue<u32>,
    /// Work done and in all.
    progress: RwSignal<(u64, u64)>,
    ws: crate::ui::workspace::Workspace,
    lang: RwSignal<Lang>,
    stage: RwSignal<Stage>,
}

impl Checker {
    /// Ends any check under way.
    fn stop(self) {
        self.run.update_value(|r| *r = r.wrapping_add(1));
    }

    /// Ends any check under way; the returned test says whether the one begun now still is.
    fn start(self) -> impl Fn() -> bool + Copy {
        self.stop();
        let this_run = self.run.get_value();
        move || self.run.try_get_value() == Some(this_run)
    }

    /// Checks `text` and shows its preview or its problems; stops without a word once
    /// `going` says the user chose another file or stopped.
    async fn check(self, text: String, going: impl Fn() -> bool) {
        let size = text.len();
        self.stage.set(Stage::Checking);
        let reading = backup::Reading::new(text, self.ws.today.get_untracked());
        let Some(result) = in_slices(reading, self.progress, &going).await else {
            return;
        };
        // The preview (every customer compared with those here) and drawing it (its
        // reference check) each in a task of their own.
        browser::next_task().await;
        let preview = backup_stage(result, size, self.ws, self.lang.get_untracked());
        browser::next_task().await;
        if going() {
            self.stage.set(preview);
        }
    }
}

/// A plain backup file checked whole, then previewed — or every problem in it.
fn backup_stage(
    parsed: Result<Backup, ImportErrors>,
    size: usize,
    ws: crate::ui::workspace::Workspace,
    t: Lang,
) -> Stage {
    match parsed {
        Ok(backup) => {
            let preview = ws
                .customers
                .with_untracked(|cs| backup::preview(&backup, cs));
            Stage::Backup {
                backup: Box::new(backup),
                preview,
                size,
            }
        }
        Err(errors) => Stage::Refused {
            messages: backup_messages(&errors, t),
            total: errors.total(),
        },
    }
}

/// Asks for an encrypted file's passphrase; a wrong one is said and nothing else happens.
fn passphrase_stage(envelope: BackupEnvelope, checker: Checker) -> AnyView {
    use crate::ui::lock::{note_view, passphrase_field, Note};
    let Checker { stage, lang, .. } = checker;
    let pass = RwSignal::new(String::new());
    let note = RwSignal::new(None::<Note>);
    let envelope = StoredValue::new(envelope);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let p = pass.get_untracked();
        let envelope = envelope.get_value();
        note.set(Some(Note::Busy));
        spawn_local(async move {
            match crate::store::crypto::open_backup(&p, &envelope).await {
                Ok(text) => checker.check(text, checker.start()).await,
                Err(crate::store::crypto::CryptoError::WrongPassphrase) => {
                    note.set(Some(Note::Error(Lang::import_wrong_passphrase)))
                }
                Err(e) => note.set(Some(Note::Failed(lang.get_untracked().crypto_error(&e)))),
            }
        });
    };
    view! {
        <form class="import-preview" on:submit=submit>
            <p>{tr(Lang::import_encrypted)}</p>
            {passphrase_field(Lang::enc_passphrase, pass, "off")}
            {note_view(note)}
            <div class="form-actions">
                <button type="submit" class="primary">{tr(Lang::import_decrypt)}</button>
                <button type="button" on:click=move |_| stage.set(Stage::Idle)>{tr(Lang::import_cancel)}</button>
            </div>
        </form>
    }
    .into_any()
}

fn refused(message: String) -> Stage {
    Stage::Refused {
        messages: vec![message],
        total: 1,
    }
}

/// By the name first; a file named neither way is a backup when it starts like JSON.
fn looks_like_csv(name: &str, bytes: &[u8]) -> bool {
    let name = name.to_lowercase();
    if name.ends_with(".csv") || name.ends_with(".txt") {
        return true;
    }
    if name.ends_with(".json") {
        return false;
    }
    let start = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    start.iter().find(|b| !b.is_ascii_whitespace()) != Some(&b'{')
}

fn backup_messages(errors: &ImportErrors, t: Lang) -> Vec<String> {
    let mut messages: Vec<String> = errors.errors.iter().map(|e| t.backup_error(e)).collect();
    if errors.omitted > 0 {
        messages.push(t.more_problems(errors.omitted));
    }
    messages
}

/// What writing needs from the page, taken while the component is built (event handlers run
/// outside it and cannot look contexts up).
#[derive(Clone, Copy)]
struct Writer {
    ws: crate::ui::workspace::Workspace,
    toaster: crate::ui::toast::Toaster,
    lang: RwSignal<Lang>,
    stage: RwSignal<Stage>,
}

impl Writer {
    fn new(stage: RwSignal<Stage>) -> Writer {
        Writer {
            ws: use_workspace(),
            toaster: use_toaster(),
            lang: use_lang(),
            stage,
        }
    }
}

/// Writes customers in one transaction, then reloads what every page shows. `size` is the
/// file's size in bytes: an import the browser has no room for is refused before writing
/// (stored records take about the room of their JSON).
fn write(
    writer: Writer,
    size: usize,
    clear_first: bool,
    customers: Vec<Customer>,
    records: (Vec<FollowUp>, Vec<PlanItem>, Vec<Todo>),
    settings: Option<crate::domain::settings::DataSettings>,
) {
    let Writer {
        ws,
        toaster,
        lang,
        stage,
    } = writer;
    stage.set(Stage::Writing);
    let count = customers.len();
    spawn_local(async move {
        if let Some((usage, quota)) = browser::storage_estimate().await {
            // Replacing everything frees what this site holds now.
            let room = if clear_first { quota } else { quota - usage };
            if size as f64 > room {
                let message = lang.get_untracked().import_does_not_fit(size as f64, room);
                return stage.set(refused(message));
            }
        }
        ws.write_import(
            clear_first,
            customers,
            records,
            settings,
            move || {
                toaster.info(lang.get_untracked().imported(count));
                stage.set(Stage::Idle);
            },
            // The file stays chosen and checked: the user can try again.
            move |err| stage.set(refused(lang.get_untracked().store_error(err))),
        );
    });
}

#[component]
fn BackupPreview(
    backup: Backup,
    preview: Preview,
    size: usize,
    stage: RwSignal<Stage>,
) -> impl IntoView {
    let lang = use_lang();
    let ws = use_workspace();
    let toaster = use_toaster();
    let writer = Writer::new(stage);
    let strategy = RwSignal::new(Strategy::Merge(Keep::Newer));
    let backup = StoredValue::new(backup);
    let options = [
        (
            Strategy::Merge(Keep::Newer),
            Lang::import_merge_newer as fn(Lang) -> &'static str,
        ),
        (Strategy::Merge(Keep::Mine), Lang::import_merge_mine),
        (Strategy::Merge(Keep::Theirs), Lang::import_merge_theirs),
        (Strategy::ReplaceAll, Lang::import_replace),
    ];
    let keep = crate::ui::safekeeping::use_safekeeping();
    let download_current = move |_| {
        if crate::ui::workspace::at_rest() == crate::store::AtRest::Locked {
            return toaster.error(lang.get_untracked().backup_locked());
        }
        let today = ws.today.get_untracked();
        let text = crate::ui::workspace::export_text(ws);
        match browser::download(&backup::file_name(today), "application/json", &text) {
            Ok(()) => keep.backed_up(),
            Err(e) => toaster.error(e.message(lang.get_untracked())),
        }
    };
    // What names a customer, follow-up or case the data would not hold, under the chosen
    // strategy, as it is shown (empty when nothing does): listed here, and nothing is written
    // while any is left. (Words, not the errors, so the memo is one the app has already.)
    let dangling = Memo::new(move |_| {
        let strategy = strategy.get();
        let t = lang.get();
        ws.customers.with(|cs| {
            ws.followups.with(|fs| {
                let existing = backup::Existing {
                    customers: cs,
                    followups: fs,
                };
                backup.with_value(|b| match backup::check_references(b, &existing, strategy) {
                    Ok(()) => Vec::new(),
                    Err(errors) => {
                        let mut shown = vec![t.import_dangling(errors.total())];
                        shown.extend(backup_messages(&errors, t));
                        shown
                    }
                })
            })
        })
    });
    // Settings: the file's into an app with no customers; else the parts ticked here.
    let app_is_empty = ws.customers.with_untracked(Vec::is_empty);
    let differ = ws.settings.with_untracked(|mine| {
        backup.with_value(|b| backup::differing_settings(&b.settings, mine))
    });
    // The parts ticked, a bit each by the part's place in its enum (a signal type the app
    // has already).
    let take = RwSignal::new(0usize);
    let bit = |part: SettingsPart| 1usize << part as usize;
    let confirm = move |_| {
        if dangling.with_untracked(|d| !d.is_empty()) {
            return;
        }
        let plan = ws.customers.with_untracked(|cs| {
            ws.settings.with_untracked(|mine| {
                let ticked = take.get_untracked();
                let take: Vec<SettingsPart> = SettingsPart::ALL
                    .into_iter()
                    .filter(|p| ticked & bit(*p) != 0)
                    .collect();
                let choice = SettingsChoice { mine, take: &take };
                backup.with_value(|b| backup::plan(b, cs, strategy.get_untracked(), choice))
            })
        });
        let strategy = strategy.get_untracked();
        let records = ws.followups.with_untracked(|fs| {
            ws.plans.with_untracked(|ps| {
                ws.todos.with_untracked(|ts| {
                    backup.with_value(|b| backup::plan_records(b, fs, ps, ts, strategy))
                })
            })
        });
        write(
            writer,
            size,
            plan.clear_first,
            plan.put,
            records,
            plan.settings,
        );
    };
    let conflicts = preview.conflicts.clone();
    view! {
        <section class="import-preview" aria-labelledby="import-preview-title">
            <h3 id="import-preview-title">{tr(Lang::import_preview)}</h3>
            <p class="import-counts">{move || lang.get().import_counts(preview.file, preview.existing_customers, preview.new_customers, preview.unchanged)}</p>
            {(!conflicts.is_empty()).then(|| view! {
                <h4>{tr(Lang::import_conflicts)}</h4>
                <ul class="conflicts">
                    {conflicts.iter().take(50).map(|c| {
                        let c = c.clone();
                        view! { <li>{c.mine_name.clone()} " · " {move || lang.get().import_newer(c.newer)}</li> }
                    }).collect_view()}
                </ul>
            })}
            {(!differ.is_empty() && app_is_empty).then(|| view! {
                <p class="notice notice-warn import-settings">{tr(Lang::import_settings_taken)}</p>
            })}
            {(!differ.is_empty() && !app_is_empty).then(|| view! {
                <Show when=move || strategy.get() != Strategy::ReplaceAll>
                    <fieldset class="choices import-settings">
                        <legend>{tr(Lang::import_settings_differ)}</legend>
                        {differ.iter().map(|&part| view! {
                            <label class="choice">
                                <input type="checkbox" prop:checked=move || take.get() & bit(part) != 0
                                    on:change=move |ev| {
                                        let on = event_target_checked(&ev);
                                        take.update(|t| if on { *t |= bit(part) } else { *t &= !bit(part) });
                                    }/>
                                <span>{move || lang.get().settings_part(part)}</span>
                            </label>
                        }).collect_view()}
                    </fieldset>
                </Show>
            })}
            <fieldset class="choices">
                <legend>{tr(Lang::import_strategy)}</legend>
                {options.into_iter().map(|(s, label)| view! {
                    <label class="choice">
                        <input type="radio" name="import-strategy" prop:checked=move || strategy.get() == s
                            on:change=move |_| strategy.set(s)/>
                        <span>{tr(label)}</span>
                    </label>
                }).collect_view()}
            </fieldset>
            <Show when=move || strategy.get() == Strategy::ReplaceAll>
                <div class="notice notice-warn">
                    <p>{tr(Lang::import_replace_warning)}</p>
                    <button type="button" on:click=download_current>{tr(Lang::import_download_current)}</button>
                </div>
            </Show>
            {move || dangling.with(|d| d.split_first().map(|(head, messages)| view! {
                <div class="notice notice-error import-dangling" role="alert">
                    <p>{head.clone()}</p>
                    <ul>{messages.iter().map(|m| view! { <li><code>{m.clone()}</code></li> }).collect_view()}</ul>
                </div>
            }))}
            <div class="form-actions">
                <button type="button" class="primary" on:click=confirm disabled=move || dangling.with(|d| !d.is_empty())>{tr(Lang::import_confirm)}</button>
                <button type="button" on:click=move |_| stage.set(Stage::Idle)>{tr(Lang::import_cancel)}</button>
            </div>
        </section>
    }
}
