//! Long work over a file done in slices of about 30 ms, the browser drawing and taking clicks
//! between them: a backup or a sheet can be tens of megabytes (issue 24: a 33 MB backup froze
//! the page for seconds).

use std::rc::Rc;

use leptos::prelude::*;

use crate::domain::backup::{self, Backup, ImportErrors};
use crate::domain::csv_import::{CsvError, CsvImport, ImportBuilding, Table, TableReading};
use crate::domain::figures::Figures;
use crate::domain::records::Customer;
use crate::domain::tiering::{classify_inputs, Inputs, Tier, TieringSettings};
use crate::ui::browser;
use crate::ui::workspace::new_id;
use chrono::NaiveDate;

/// Work the domain does a little at a time.
pub(super) trait Stepper {
    type Done;
    /// A few small units of work; the result once all of it is done.
    fn step(&mut self) -> Option<Self::Done>;
    /// Work done and in all.
    fn progress(&self) -> (u64, u64);
}

impl Stepper for backup::Reading {
    type Done = Result<Backup, ImportErrors>;
    fn step(&mut self) -> Option<Self::Done> {
        backup::Reading::step(self, 8)
    }
    fn progress(&self) -> (u64, u64) {
        backup::Reading::progress(self)
    }
}

impl Stepper for TableReading {
    type Done = Result<Table, CsvError>;
    fn step(&mut self) -> Option<Self::Done> {
        TableReading::step(self, 16)
    }
    fn progress(&self) -> (u64, u64) {
        TableReading::progress(self)
    }
}

/// A sheet's rows checked against the mapping and the customers here.
pub(super) type Building = ImportBuilding<Rc<Table>, Rc<[Customer]>>;

impl Stepper for Building {
    type Done = CsvImport;
    fn step(&mut self) -> Option<Self::Done> {
        let mut id = new_id;
        ImportBuilding::step(self, 16, &mut id)
    }
    fn progress(&self) -> (u64, u64) {
        ImportBuilding::progress(self)
    }
}

/// The tier each of a sheet's new customers would get among the customers here (a relative
/// preset ranks them together): each customer's figures a unit, then the tiering at once.
pub(super) struct TierPreview {
    existing: Rc<[Customer]>,
    new: Vec<Customer>,
    settings: TieringSettings,
    today: NaiveDate,
    inputs: Vec<Inputs>,
}

impl TierPreview {
    pub(super) fn new(
        existing: Rc<[Customer]>,
        new: Vec<Customer>,
        settings: TieringSettings,
        today: NaiveDate,
    ) -> TierPreview {
        let inputs = Vec::with_capacity(existing.len() + new.len());
        TierPreview {
            existing,
            new,
            settings,
            today,
            inputs,
        }
    }
}

impl Stepper for TierPreview {
    /// The new customers' names and tiers, in the sheet's order.
    type Done = Vec<(String, Tier)>;
    fn step(&mut self) -> Option<Self::Done> {
        let all = self.existing.len() + self.new.len();
        for _ in 0..32 {
            let i = self.inputs.len();
            if i == all {
                let tiers = classify_inputs(&self.inputs, &self.settings);
                let new = tiers[self.existing.len()..].iter();
                return Some(
                    self.new
                        .iter()
                        .zip(new)
                        .map(|(c, k)| (c.name.clone(), k.tier))
                        .collect(),
                );
            }
            let customer = self
                .existing
                .get(i)
                .unwrap_or_else(|| &self.new[i - self.existing.len()]);
            self.inputs
                .push(Inputs::of(customer, &Figures::of(customer, self.today)));
        }
        None
    }
    fn progress(&self) -> (u64, u64) {
        let all = self.existing.len() + self.new.len();
        (self.inputs.len() as u64, all as u64 + 1)
    }
}

/// Runs `work` to its end in slices, telling `progress` how far it is between them; `None`
/// as soon as `going` says the result is no longer wanted (another file, Stop, a new mapping).
pub(super) async fn in_slices<S: Stepper>(
    mut work: S,
    progress: RwSignal<(u64, u64)>,
    going: impl Fn() -> bool,
) -> Option<S::Done> {
    progress.try_set(work.progress());
    loop {
        let start = js_sys::Date::now();
        while js_sys::Date::now() - start < 30.0 {
            if let Some(done) = work.step() {
                return Some(done);
            }
        }
        progress.try_set(work.progress());
        browser::next_task().await;
        if !going() {
            return None;
        }
    }
}

/// A bar with how far the work is, in per cent.
pub(super) fn progress_bar(
    label: impl Fn() -> &'static str + Send + Sync + 'static,
    progress: RwSignal<(u64, u64)>,
) -> impl IntoView {
    let percent =
        move || progress.with(|(done, total)| (done * 100).checked_div(*total).unwrap_or(0));
    view! {
        <label class="import-progress">
            <span role="status">{label}" "{percent}" %"</span>
            <progress max=move || progress.get().1.max(1).to_string() value=move || progress.get().0.to_string()></progress>
        </label>
    }
}
