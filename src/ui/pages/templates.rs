//! The seeds' templates (002 §8), filled from the data and editable before use: the
//! registration form (blank or pre-filled), the thank-you letter after the first deal, the
//! A-customer follow-up report and the care newsletter for a group of customers.

use crate::domain::sorting;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use wasm_bindgen::JsCast;

use crate::domain::records::FollowUp;
use crate::domain::records::{Customer, Tag};
use crate::domain::templates::{fill, CustomWording, TemplateId};
use crate::i18n::Lang;
use crate::ui::browser;
use crate::ui::components::PageHeading;
use crate::ui::toast::use_toaster;
use crate::ui::workspace::{use_workspace, Workspace};
use crate::ui::{format, tr, use_lang};

fn lang_code(t: Lang) -> &'static str {
    match t {
        Lang::Zh => "zh",
        Lang::En => "en",
    }
}

/// The wording in force: the user's kept wording, or the catalogue's.
fn wording(ws: Workspace, id: TemplateId, t: Lang) -> String {
    ws.settings.with(|s| {
        s.templates
            .iter()
            .find(|w| w.template == id && w.lang == lang_code(t))
            .map(|w| w.text.clone())
            .unwrap_or_else(|| t.template_default(id).to_string())
    })
}

/// The placeholder values for a customer (blank lines when `blank`).
fn customer_values(
    c: &Customer,
    t: Lang,
    today: chrono::NaiveDate,
    blank: bool,
) -> Vec<(&'static str, String)> {
    let k = c.contacts.first();
    let or_blank = |s: String| {
        if blank || s.is_empty() {
            "__________".to_string()
        } else {
            s
        }
    };
    let needs: Vec<String> = c
        .tags
        .iter()
        .filter(|x| matches!(x, Tag::NeedCost | Tag::NeedEfficiency | Tag::NeedQuality))
        .map(|x| t.tag(x))
        .collect();
    let pains: Vec<String> = c
        .tags
        .iter()
        .filter_map(|x| match x {
            Tag::PainPoint(p) => Some(p.clone()),
            _ => None,
        })
        .collect();
    vec![
        ("customer", or_blank(c.name.clone())),
        ("industry", or_blank(c.industry.clone())),
        (
            "size",
            or_blank(
                c.size
                    .map(|s| t.company_size(s).to_string())
                    .unwrap_or_default(),
            ),
        ),
        ("lead_source", or_blank(c.lead_source.clone())),
        ("owner", or_blank(c.owner.clone())),
        (
            "contact",
            if blank {
                "__________".into()
            } else {
                k.map(|k| k.name.clone())
                    .filter(|n| !n.is_empty())
                    .unwrap_or_else(|| c.name.clone())
            },
        ),
        (
            "title",
            or_blank(k.map(|k| k.title.clone()).unwrap_or_default()),
        ),
        (
            "role",
            or_blank(
                k.and_then(|k| k.role)
                    .map(|r| t.decision_role(r).to_string())
                    .unwrap_or_default(),
            ),
        ),
        (
            "phone",
            or_blank(k.map(|k| k.phone.clone()).unwrap_or_default()),
        ),
        (
            "email",
            or_blank(k.map(|k| k.email.clone()).unwrap_or_default()),
        ),
        (
            "wechat",
            or_blank(k.map(|k| k.wechat.clone()).unwrap_or_default()),
        ),
        (
            "channel",
            or_blank(
                k.and_then(|k| k.channel)
                    .map(|x| t.channel(x).to_string())
                    .unwrap_or_default(),
            ),
        ),
        (
            "time",
            or_blank(
                k.and_then(|k| k.preferred_time)
                    .map(|x| t.preferred_time(x).to_string())
                    .unwrap_or_default(),
            ),
        ),
        ("needs", or_blank(needs.join(t.list_separator()))),
        ("pain_points", or_blank(pains.join(t.list_separator()))),
        (
            "peak",
            or_blank(
                c.peak_months
                    .iter()
                    .map(|m| t.month_name(*m))
                    .collect::<Vec<_>>()
                    .join(t.list_separator()),
            ),
        ),
        (
            "first_deal",
            c.first_deal()
                .map(format::date)
                .unwrap_or_else(|| "__________".into()),
        ),
        ("today", format::date(today)),
        (
            "month",
            t.month_title(
                chrono::Datelike::year(&today),
                chrono::Datelike::month(&today),
            ),
        ),
    ]
}

fn followup_values(ws: Workspace, f: &FollowUp, t: Lang) -> Vec<(&'static str, String)> {
    let todos: Vec<String> = ws.todos.with_untracked(|ts| {
        ts.iter()
            .filter(|x| x.followup_id == f.id && !x.profile_update)
            .map(|x| {
                format!(
                    "- {}（{}，{}）",
                    x.text,
                    x.owner,
                    x.due_on.map(format::date).unwrap_or_default()
                )
            })
            .collect()
    });
    let tier = ws
        .customer(&f.customer_id)
        .and_then(|c| c.tiering.effective(ws.today.get_untracked()));
    let preset = ws.settings.with_untracked(|s| s.tiering.preset);
    vec![
        ("date", f.date.map(format::date).unwrap_or_default()),
        ("channel", t.touch_kind(f.kind).to_string()),
        ("topics", f.topics.join(t.list_separator())),
        ("note", f.note.clone()),
        ("feedback", f.feedback.clone()),
        (
            "score",
            f.score
                .map(|s| format!("{s}/10"))
                .unwrap_or_else(|| "—".into()),
        ),
        (
            "needs",
            f.needs
                .iter()
                .map(|n| format!("- {n}"))
                .collect::<Vec<_>>()
                .join("\n"),
        ),
        ("todos", todos.join("\n")),
        (
            "next_step",
            f.next_step
                .as_ref()
                .map(|n| {
                    format!(
                        "{} {} {}",
                        format::date(n.date),
                        t.touch_kind(n.kind),
                        n.topics.join(t.list_separator())
                    )
                })
                .unwrap_or_else(|| "—".into()),
        ),
        (
            "tier",
            tier.map(|x| t.tier_name(preset, x)).unwrap_or_default(),
        ),
    ]
}

fn copy_to_clipboard(text: &str) {
    if let Some(window) = web_sys::window() {
        let nav = window.navigator();
        if let Ok(clipboard) = js_sys::Reflect::get(&nav, &"clipboard".into()) {
            if let Ok(write) = js_sys::Reflect::get(&clipboard, &"writeText".into()) {
                if let Ok(f) = write.dyn_into::<js_sys::Function>() {
                    let _ = f.call1(&clipboard, &text.into());
                }
            }
        }
    }
}

#[component]
pub fn TemplatesPage() -> impl IntoView {
    let lang = use_lang();
    let ws = use_workspace();
    let toaster = use_toaster();
    let query = use_query_map();
    let q = |k: &str| query.with_untracked(|q| q.get(k).unwrap_or_default());
    let template = RwSignal::new(match q("template").as_str() {
        "registration" => TemplateId::Registration,
        "a_report" => TemplateId::AReport,
        "newsletter" => TemplateId::Newsletter,
        _ => TemplateId::ThankYou,
    });
    let customer = RwSignal::new(q("customer"));
    let followup = RwSignal::new(q("followup"));
    let blank = RwSignal::new(false);
    let group = RwSignal::new(Vec::<String>::new());
    let industry_news = RwSignal::new(String::new());
    let company_news = RwSignal::new(String::new());
    let words = RwSignal::new(String::new());
    // The wording follows the template and language until the user edits it.
    Effect::new(move |_| words.set(wording(ws, template.get(), lang.get())));

    let output = RwSignal::new(String::new());
    Effect::new(move |_| {
        let t = lang.get();
        let today = ws.today.get();
        let text = words.get();
        let filled = match template.get() {
            TemplateId::Newsletter => {
                let news = [
                    ("industry_news", industry_news.get()),
                    ("company_news", company_news.get()),
                ];
                group
                    .get()
                    .iter()
                    .filter_map(|id| ws.customer(id))
                    .map(|c| {
                        let mut values = customer_values(&c, t, today, false);
                        values.extend(news.iter().cloned());
                        fill(&text, &values)
                    })
                    .collect::<Vec<_>>()
                    .join("\n――――――――――――――――\n\n")
            }
            TemplateId::AReport => {
                let f = ws
                    .followups
                    .with(|fs| fs.iter().find(|f| f.id == followup.get()).cloned());
                match f {
                    Some(f) => {
                        let mut values = ws
                            .customer(&f.customer_id)
                            .map(|c| customer_values(&c, t, today, false))
                            .unwrap_or_default();
                        // The follow-up's own values win over the customer's (needs, channel …).
                        let own = followup_values(ws, &f, t);
                        values.retain(|(k, _)| !own.iter().any(|(o, _)| o == k));
                        values.extend(own);
                        fill(&text, &values)
                    }
                    None => String::new(),
                }
            }
            _ => match ws.customer(&customer.get()) {
                Some(c) => fill(&text, &customer_values(&c, t, today, blank.get())),
                None if blank.get() => fill(
                    &text,
                    &customer_values(&Customer::default(), t, today, true),
                ),
                None => String::new(),
            },
        };
        output.set(filled);
    });

    let names = Memo::new(move |_| {
        let mut n: Vec<(String, String)> = ws
            .customers
            .with(|cs| cs.iter().map(|c| (c.id.clone(), c.name.clone())).collect());
        sorting::sort_by(&mut n, |a, b| a.1.cmp(&b.1));
        n
    });
    let followup_options = Memo::new(move |_| {
        let c = customer.get();
        let mut fs: Vec<FollowUp> = ws.followups.with(|fs| {
            fs.iter()
                .filter(|f| c.is_empty() || f.customer_id == c)
                .cloned()
                .collect()
        });
        sorting::sort_by_key(&mut fs, |f| std::cmp::Reverse(f.date));
        fs
    });
    let keep = move |reset: bool| {
        let mut settings = ws.settings.get_untracked();
        let (id, code) = (template.get_untracked(), lang_code(lang.get_untracked()));
        settings
            .templates
            .retain(|w| !(w.template == id && w.lang == code));
        if !reset {
            settings.templates.push(CustomWording {
                template: id,
                lang: code.into(),
                text: words.get_untracked(),
            });
        }
        let saved = lang.get_untracked().settings_saved().to_string();
        ws.save_settings(settings, Some(saved));
    };
    let print = move |_| {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    };
    let download = move |_| {
        let name = format!(
            "{}.txt",
            lang.get_untracked().template_name(template.get_untracked())
        );
        if let Err(e) =
            browser::download(&name, "text/plain;charset=utf-8", &output.get_untracked())
        {
            toaster.error(e.message(lang.get_untracked()));
        }
    };

    view! {
        <section class="page page-templates">
            <PageHeading title=Lang::tpl_title/>
            <div class="toolbar no-print">
                <label class="inline-field">
                    <span>{tr(Lang::tpl_choose)}</span>
                    <select on:change=move |ev| {
                        if let Some(t) = event_target_value(&ev).parse::<usize>().ok().and_then(|i| TemplateId::ALL.get(i)) {
                            template.set(*t);
                        }
                    }>
                        {TemplateId::ALL.into_iter().enumerate().map(|(i, id)| view! {
                            <option value=i.to_string() selected=move || template.get() == id>{move || lang.get().template_name(id)}</option>
                        }).collect_view()}
                    </select>
                </label>
                <Show when=move || template.get() != TemplateId::Newsletter>
                    <label class="inline-field">
                        <span>{tr(Lang::tpl_customer)}</span>
                        <select on:change=move |ev| customer.set(event_target_value(&ev))>
                            <option value="" selected=move || customer.get().is_empty()>"—"</option>
                            {move || names.get().into_iter().map(|(id, name)| {
                                let sel = id.clone();
                                view! { <option value=id selected=move || customer.get() == sel>{name}</option> }
                            }).collect_view()}
                        </select>
                    </label>
                </Show>
                <Show when=move || template.get() == TemplateId::Registration>
                    <label class="inline-check">
                        <input type="checkbox" prop:checked=move || blank.get() on:change=move |ev| blank.set(event_target_checked(&ev))/>
                        <span>{tr(Lang::tpl_blank)}</span>
                    </label>
                </Show>
                <Show when=move || template.get() == TemplateId::AReport>
                    <label class="inline-field">
                        <span>{tr(Lang::fu_title)}</span>
                        <select on:change=move |ev| followup.set(event_target_value(&ev))>
                            <option value="">"—"</option>
                            {move || followup_options.get().into_iter().map(|f| {
                                let sel = f.id.clone();
                                let label = format!("{} · {}", f.date.map(format::date).unwrap_or_default(), f.topics.join("、"));
                                view! { <option value=f.id.clone() selected=move || followup.get() == sel>{label}</option> }
                            }).collect_view()}
                        </select>
                    </label>
                </Show>
            </div>
            <Show when=move || template.get() == TemplateId::Newsletter>
                <fieldset class="choices no-print newsletter-group">
                    <legend>{tr(Lang::tpl_customers)}</legend>
                    {move || names.get().into_iter().map(|(id, name)| {
                        let on_id = id.clone();
                        let check_id = id.clone();
                        view! {
                            <label class="chip-check">
                                <input type="checkbox" prop:checked=move || group.with(|g| g.contains(&check_id))
                                    on:change=move |ev| {
                                        let on = event_target_checked(&ev);
                                        let id = on_id.clone();
                                        group.update(|g| { g.retain(|x| *x != id); if on { g.push(id); } });
                                    }/>
                                <span>{name}</span>
                            </label>
                        }
                    }).collect_view()}
                </fieldset>
                <div class="grid no-print">
                    <label class="field"><span class="field-label">{tr(Lang::tpl_industry_news)}</span>
                        <textarea rows="4" prop:value=move || industry_news.get() on:input=move |ev| industry_news.set(event_target_value(&ev))></textarea></label>
                    <label class="field"><span class="field-label">{tr(Lang::tpl_company_news)}</span>
                        <textarea rows="4" prop:value=move || company_news.get() on:input=move |ev| company_news.set(event_target_value(&ev))></textarea></label>
                </div>
            </Show>
            <label class="field no-print">
                <span class="field-label">{tr(Lang::tpl_text)}</span>
                <textarea class="template-output" rows="18" placeholder=tr(Lang::tpl_pick) prop:value=move || output.get() on:input=move |ev| output.set(event_target_value(&ev))></textarea>
            </label>
            <pre class="print-only template-print">{move || output.get()}</pre>
            <div class="actions no-print">
                <button type="button" class="primary" on:click=move |_| {
                    copy_to_clipboard(&output.get_untracked());
                    toaster.info(lang.get_untracked().tpl_copied());
                }>{tr(Lang::tpl_copy)}</button>
                <button type="button" on:click=print>{tr(Lang::plan_print)}</button>
                <button type="button" on:click=download>{tr(Lang::tpl_download)}</button>
            </div>
            <details class="no-print wording">
                <summary>{tr(Lang::tpl_wording)}</summary>
                <textarea rows="12" prop:value=move || words.get() on:input=move |ev| words.set(event_target_value(&ev))></textarea>
                <div class="actions">
                    <button type="button" on:click=move |_| keep(false)>{tr(Lang::tpl_keep_wording)}</button>
                    <button type="button" on:click=move |_| keep(true)>{tr(Lang::tpl_reset_wording)}</button>
                </div>
            </details>
        </section>
    }
}
