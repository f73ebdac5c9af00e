//! Settings that belong to a data set (and so travel in its backup), as opposed to
//! preferences of one browser such as the UI language.

use serde::{Deserialize, Serialize};

use super::cadence::CadenceSettings;
use super::kpi::Targets;
use super::lifecycle::StageName;
use super::money::MoneyUnit;
use super::templates::CustomWording;
use super::tiering::TieringSettings;

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct DataSettings {
    /// The unit amounts are typed and shown in; stored amounts are exact 分 either way.
    pub money_unit: MoneyUnit,
    pub tiering: TieringSettings,
    pub cadence: CadenceSettings,
    /// Template wording the user changed and kept.
    pub templates: Vec<CustomWording>,
    /// Lifecycle stage names adjusted to the business (004).
    pub stage_names: Vec<StageName>,
    /// The dashboard's KPI targets (002, 003); the seeds' numbers by default.
    pub targets: Targets,
}
