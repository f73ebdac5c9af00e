//! A spreadsheet's import: its text read into a table, the columns mapped, every row checked
//! (each in slices, so a sheet of 30,000 rows does not freeze the page), then written.

use std::rc::Rc;

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::slices::{in_slices, progress_bar, Building, TierPreview};
use super::{refused, write, Checker, Stage, Writer};
use crate::domain::csv_import::{
    guess_mapping, merge_duplicate_orders, Column, CsvImport, Table, TableReading,
};
use crate::domain::records::Customer;
use crate::domain::tiering::Tier;
use crate::i18n::Lang;
use crate::ui::browser::{self, Encoding};
use crate::ui::components::tier::TierBadge;
use crate::ui::workspace::use_workspace;
use crate::ui::{tr, use_lang};

impl Checker {
    /// Decodes and reads a CSV file into the mapping stage, or says why it cannot be read;
    /// stops without a word once `going` says the user chose another file or stopped.
    pub(super) async fn read_csv(
        self,
        bytes: Vec<u8>,
        encoding: Option<Encoding>,
        going: impl Fn() -> bool + Copy,
    ) {
        let t = self.lang.get_untracked();
        let (text, encoding) = match browser::decode_text(&bytes, encoding) {
            Ok(decoded) => decoded,
            Err(e) => return self.stage.set(refused(e.message(t))),
        };
        self.stage.set(Stage::Checking);
        let Some(read) = in_slices(TableReading::new(text), self.progress, going).await else {
            return;
        };
        if going() {
            self.stage.set(match read {
                Ok(table) => Stage::Csv {
                    bytes,
                    encoding,
                    table,
                },
                Err(e) => refused(t.csv_table_error(&e)),
            });
        }
    }
}

#[component]
pub(super) fn CsvPreview(
    bytes: Vec<u8>,
    encoding: Encoding,
    table: Table,
    checker: Checker,
) -> impl IntoView {
    let stage = checker.stage;
    let lang = use_lang();
    let ws = use_workspace();
    let writer = Writer::new(stage);
    let bytes = StoredValue::new(bytes);
    let mapping = RwSignal::new(guess_mapping(&table.headers));
    let table = StoredValue::new_local(Rc::new(table));
    // Which duplicates (by line) get their orders added to the existing customer.
    let add_orders = RwSignal::new(Vec::<usize>::new());
    // What the import would write, once every row is checked against the mapping and the
    // customers here: checked again, in slices, whenever either changes.
    let built = RwSignal::new(None::<CsvImport>);
    // The tier each new customer would get (see `TierPreview`), once `built` is there.
    let tiers = RwSignal::new(Vec::<(String, Tier)>::new());
    let building = RwSignal::new((0, 0));
    let run = StoredValue::new(0u32);
    Effect::new(move |_| {
        let (unit, tiering) = ws.settings.with(|s| (s.money_unit, s.tiering.clone()));
        let today = ws.today.get();
        let existing: Rc<[Customer]> = ws.customers.with(|cs| cs.clone().into());
        let mapping = mapping.get();
        run.update_value(|r| *r = r.wrapping_add(1));
        let this_run = run.get_value();
        let going = move || run.try_get_value() == Some(this_run);
        built.set(None);
        tiers.set(Vec::new());
        let work = Building::new(
            table.with_value(Rc::clone),
            mapping,
            unit,
            Rc::clone(&existing),
            today,
        );
        spawn_local(async move {
            let Some(done) = in_slices(work, building, going).await else {
                return;
            };
            if !going() {
                return;
            }
            let new = done.customers.clone();
            built.try_set(Some(done));
            let work = TierPreview::new(existing, new, tiering, today);
            if let Some(done) = in_slices(work, building, going).await {
                if going() {
                    tiers.try_set(done);
                }
            }
        });
    });
    let summary_mapped = move || mapping.with(|m| m.iter().any(|c| c.is_summary()));
    let switch_encoding = move |ev: leptos::ev::Event| {
        let picked = if event_target_value(&ev) == "gb18030" {
            Encoding::Gb18030
        } else {
            Encoding::Utf8
        };
        let going = checker.start();
        spawn_local(checker.read_csv(bytes.get_value(), Some(picked), going));
    };
    let confirm = move |_| {
        let Some(CsvImport {
            mut customers,
            duplicates,
            errors,
            ..
        }) = built.get_untracked()
        else {
            return;
        };
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
            bytes.with_value(Vec::len),
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
            <Show when=summary_mapped>
                <p class="hint csv-summary-hint">{tr(Lang::csv_summary_hint)}</p>
            </Show>
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
                let Some(b) = built.get() else {
                    return progress_bar(tr(Lang::import_checking), building).into_any();
                };
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
                    {tiers.with(|tiers| (!tiers.is_empty()).then(|| view! {
                        <h4>{t.csv_tiers()}</h4>
                        <ul class="csv-tiers">
                            {tiers.iter().take(100).map(|(name, tier)| view! {
                                <li><TierBadge tier=Some(*tier)/>" "{name.clone()}</li>
                            }).collect_view()}
                            {(tiers.len() > 100).then(|| view! { <li class="hint">{t.csv_tiers_more(tiers.len() - 100)}</li> })}
                        </ul>
                    }))}
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
                }.into_any()
            }}
            <div class="form-actions">
                <button type="button" class="primary" disabled=move || built.with(|b| b.as_ref().is_none_or(|b| !b.errors.is_empty())) on:click=confirm>
                    {tr(Lang::import_confirm)}
                </button>
                <button type="button" on:click=move |_| stage.set(Stage::Idle)>{tr(Lang::import_cancel)}</button>
            </div>
        </section>
    }
}
