//! Importing a backup (.json) or a spreadsheet (.csv): read, check the whole file, preview,
//! then write in one transaction — or write nothing and say exactly why.

use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

use crate::domain::backup::{
    self, Backup, ImportErrors, Keep, Preview, SettingsChoice, SettingsPart, Strategy,
};
use crate::domain::csv_import::{
    build_import, guess_mapping, merge_duplicate_orders, read_table, Column, CsvImport, Table,
};
use crate::domain::envelope::BackupEnvelope;
use crate::domain::records::Customer;
use crate::domain::records::{FollowUp, PlanItem, Todo};
use crate::i18n::Lang;
use crate::ui::browser::{self, Encoding};
use crate::ui::toast::use_toaster;
use crate::ui::workspace::{new_id, use_workspace};
use crate::ui::{tr, use_lang};

#[derive(Clone, PartialEq)]
enum Stage {
    Idle,
    Reading,
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

    let on_file = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = ev.target().unwrap().unchecked_into();
        let Some(file) = input.files().and_then(|f| f.get(0)) else {
            return;
        };
        // Choosing the same file again (after fixing it) must fire `change` again.
        input.set_value("");
        stage.set(Stage::Reading);
        spawn_local(async move {
            let t = lang.get_untracked();
            let bytes = match browser::read_file(&file).await {
                Ok(bytes) => bytes,
                Err(e) => return stage.set(refused(e.message(t))),
            };
            if looks_like_csv(&file.name(), &bytes) {
                stage.set(csv_stage(bytes, None, t));
            } else {
                let text = String::from_utf8_lossy(&bytes).into_owned();
                stage.set(match BackupEnvelope::detect(&text) {
                    Some(Ok(envelope)) => Stage::Encrypted(Box::new(envelope)),
                    Some(Err(e)) => refused(t.envelope_error(&e)),
                    None => backup_stage(&text, ws, t),
                });
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
            Stage::Encrypted(envelope) => passphrase_stage(*envelope, stage),
            Stage::Backup { backup, preview } => view! { <BackupPreview backup=*backup preview=preview stage=stage/> }.into_any(),
            Stage::Csv { bytes, encoding, table } => view! { <CsvPreview bytes=bytes encoding=encoding table=table stage=stage/> }.into_any(),
        }}
    }
}

/// A plain backup file checked whole, then previewed — or every problem in it.
fn backup_stage(text: &str, ws: crate::ui::workspace::Workspace, t: Lang) -> Stage {
    match backup::parse(text, ws.today.get_untracked()) {
        Ok(backup) => {
            let preview = ws
                .customers
                .with_untracked(|cs| backup::preview(&backup, cs));
            Stage::Backup {
                backup: Box::new(backup),
                preview,
            }
        }
        Err(errors) => Stage::Refused {
            messages: backup_messages(&errors, t),
            total: errors.total(),
        },
    }
}

/// Asks for an encrypted file's passphrase; a wrong one is said and nothing else happens.
fn passphrase_stage(envelope: BackupEnvelope, stage: RwSignal<Stage>) -> AnyView {
    use crate::ui::lock::{note_view, passphrase_field, Note};
    let ws = use_workspace();
    let lang = use_lang();
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
                Ok(text) => stage.set(backup_stage(&text, ws, lang.get_untracked())),
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

/// Decodes and reads a CSV file into the mapping stage, or says why it cannot be read.
fn csv_stage(bytes: Vec<u8>, encoding: Option<Encoding>, t: Lang) -> Stage {
    let (text, encoding) = match browser::decode_text(&bytes, encoding) {
        Ok(decoded) => decoded,
        Err(e) => return refused(e.message(t)),
    };
    match read_table(&text) {
        Ok(table) => Stage::Csv {
            bytes,
            encoding,
            table,
        },
        Err(e) => refused(t.csv_table_error(&e)),
    }
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

/// Writes customers in one transaction, then reloads what every page shows.
fn write(
    writer: Writer,
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
}

#[component]
fn BackupPreview(backup: Backup, preview: Preview, stage: RwSignal<Stage>) -> impl IntoView {
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
        write(writer, plan.clear_first, plan.put, records, plan.settings);
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

#[component]
fn CsvPreview(
    bytes: Vec<u8>,
    encoding: Encoding,
    table: Table,
    stage: RwSignal<Stage>,
) -> impl IntoView {
    let lang = use_lang();
    let ws = use_workspace();
    let writer = Writer::new(stage);
    let bytes = StoredValue::new(bytes);
    let mapping = RwSignal::new(guess_mapping(&table.headers));
    let table = StoredValue::new(table);
    // Which duplicates (by line) get their orders added to the existing customer.
    let add_orders = RwSignal::new(Vec::<usize>::new());
    let built = Memo::new(move |_| {
        let unit = ws.settings.get().money_unit;
        let today = ws.today.get();
        let mut id = new_id;
        ws.customers.with(|existing| {
            table.with_value(|t| {
                mapping.with(|m| build_import(t, m, unit, existing, today, &mut id))
            })
        })
    });
    let switch_encoding = move |ev: leptos::ev::Event| {
        let picked = if event_target_value(&ev) == "gb18030" {
            Encoding::Gb18030
        } else {
            Encoding::Utf8
        };
        stage.set(csv_stage(
            bytes.get_value(),
            Some(picked),
            lang.get_untracked(),
        ));
    };
    let confirm = move |_| {
        let CsvImport {
            mut customers,
            duplicates,
            errors,
            ..
        } = built.get_untracked();
        if !errors.is_empty() {
            return;
        }
        let chosen = add_orders.get_untracked();
        let now = js_sys::Date::now() as i64;
        for d in duplicates.iter().filter(|d| chosen.contains(&d.line)) {
            let Some(existing) = d.existing_id.as_deref().and_then(|id| ws.customer(id)) else {
                continue;
            };
            let mut updated = existing;
            if merge_duplicate_orders(&mut updated, &d.orders) > 0 {
                // A tab still editing the old version must not save over the new orders.
                updated.revision += 1;
                updated.updated_at = now;
                customers.push(updated);
            }
        }
        write(
            writer,
            false,
            customers,
            (Vec::new(), Vec::new(), Vec::new()),
            None,
        );
    };
    let headers = table.with_value(|t| t.headers.clone());
    let samples: Vec<String> = table.with_value(|t| {
        (0..headers.len())
            .map(|i| {
                t.rows
                    .first()
                    .map(|r| r.cell(i).to_string())
                    .unwrap_or_default()
            })
            .collect()
    });

    view! {
        <section class="import-preview" aria-labelledby="csv-preview-title">
            <h3 id="csv-preview-title">{tr(Lang::csv_mapping)}</h3>
            <p class="hint">{tr(Lang::csv_mapping_hint)}</p>
            <label class="inline-field">
                <span>{tr(Lang::csv_encoding)}</span>
                <select on:change=switch_encoding>
                    <option value="utf-8" selected=encoding == Encoding::Utf8>"UTF-8"</option>
                    <option value="gb18030" selected=encoding == Encoding::Gb18030>"GBK / GB18030"</option>
                </select>
            </label>
            <p class="hint">{tr(Lang::csv_encoding_hint)}</p>
            <div class="table-wrap">
                <table class="mapping">
                    <thead><tr>
                        <th scope="col">{tr(Lang::csv_file_column)}</th>
                        <th scope="col">{tr(Lang::csv_sample)}</th>
                        <th scope="col">{tr(Lang::csv_field)}</th>
                    </tr></thead>
                    <tbody>
                        {headers.into_iter().zip(samples).enumerate().map(|(i, (header, sample))| {
                            let label = header.clone();
                            view! {
                                <tr>
                                    <th scope="row">{header}</th>
                                    <td>{sample}</td>
                                    <td>
                                        <select aria-label=label on:change=move |ev| {
                                            if let Some(c) = event_target_value(&ev).parse::<usize>().ok().and_then(|k| Column::ALL.get(k)) {
                                                mapping.update(|m| if let Some(slot) = m.get_mut(i) { *slot = *c });
                                            }
                                        }>
                                            {Column::ALL.into_iter().enumerate().map(|(k, c)| view! {
                                                <option value=k.to_string() selected=move || mapping.with(|m| m.get(i) == Some(&c))>
                                                    {move || lang.get().csv_column(c)}
                                                </option>
                                            }).collect_view()}
                                        </select>
                                    </td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
            {move || {
                let b = built.get();
                let t = lang.get();
                let orders: usize = b.customers.iter().map(|c| c.orders.len()).sum();
                view! {
                    <p class="import-counts">{t.csv_summary(b.rows_read, b.customers.len(), orders, b.duplicates.len())}</p>
                    {(!b.errors.is_empty()).then(|| view! {
                        <div class="notice notice-error import-errors" role="alert">
                            <p>{t.csv_errors_block()}</p>
                            <ul>{b.errors.iter().take(200).map(|e| view! { <li>{t.csv_error(e)}</li> }).collect_view()}</ul>
                        </div>
                    })}
                    {(!b.duplicates.is_empty()).then(|| view! {
                        <h4>{t.csv_duplicates()}</h4>
                        <ul class="duplicates">
                            {b.duplicates.iter().map(|d| {
                                let line = d.line;
                                let can_add = d.existing_id.is_some() && !d.orders.is_empty();
                                view! {
                                    <li>
                                        {t.csv_duplicate_line(d.line, &d.name, d.earlier_line)}
                                        {can_add.then(|| view! {
                                            " "
                                            <label class="inline-check">
                                                <input type="checkbox" prop:checked=move || add_orders.with(|a| a.contains(&line))
                                                    on:change=move |ev| {
                                                        let on = event_target_checked(&ev);
                                                        add_orders.update(|a| { a.retain(|l| *l != line); if on { a.push(line) } });
                                                    }/>
                                                <span>{t.csv_duplicate_add_orders()}</span>
                                            </label>
                                        })}
                                        {(!can_add).then(|| format!(" · {}", t.csv_duplicate_skip()))}
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    })}
                }
            }}
            <div class="form-actions">
                <button type="button" class="primary" disabled=move || built.with(|b| !b.errors.is_empty()) on:click=confirm>
                    {tr(Lang::import_confirm)}
                </button>
                <button type="button" on:click=move |_| stage.set(Stage::Idle)>{tr(Lang::import_cancel)}</button>
            </div>
        </section>
    }
}
