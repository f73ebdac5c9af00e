//! Which settings an import writes. Into an app with no customers the file's settings are
//! taken as they are (a restore on a new computer); into one with data the app's stay, except
//! the parts the user chose to take from the file, each listed in the preview when it differs
//! (never silently). "Replace all" takes the file's whole. The same rule serves a first sync.

use crate::domain::settings::DataSettings;

/// A part of the settings a person decides on as a whole.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SettingsPart {
    MoneyUnit,
    Tiering,
    Cadence,
    Targets,
    Templates,
    StageNames,
}

impl SettingsPart {
    pub const ALL: [SettingsPart; 6] = [
        SettingsPart::MoneyUnit,
        SettingsPart::Tiering,
        SettingsPart::Cadence,
        SettingsPart::Targets,
        SettingsPart::Templates,
        SettingsPart::StageNames,
    ];

    fn same(self, a: &DataSettings, b: &DataSettings) -> bool {
        match self {
            SettingsPart::MoneyUnit => a.money_unit == b.money_unit,
            SettingsPart::Tiering => a.tiering == b.tiering,
            SettingsPart::Cadence => a.cadence == b.cadence,
            SettingsPart::Targets => a.targets == b.targets,
            SettingsPart::Templates => a.templates == b.templates,
            SettingsPart::StageNames => a.stage_names == b.stage_names,
        }
    }

    /// `into` with this part taken from `from`.
    fn take(self, into: &mut DataSettings, from: &DataSettings) {
        match self {
            SettingsPart::MoneyUnit => into.money_unit = from.money_unit,
            SettingsPart::Tiering => into.tiering = from.tiering.clone(),
            SettingsPart::Cadence => into.cadence = from.cadence.clone(),
            SettingsPart::Targets => into.targets = from.targets,
            SettingsPart::Templates => into.templates = from.templates.clone(),
            SettingsPart::StageNames => into.stage_names = from.stage_names.clone(),
        }
    }
}

/// The parts in which the file's settings differ from the app's, in [`SettingsPart::ALL`]'s
/// order.
pub fn differing(file: &DataSettings, mine: &DataSettings) -> Vec<SettingsPart> {
    SettingsPart::ALL
        .into_iter()
        .filter(|p| !p.same(file, mine))
        .collect()
}

/// What a merge does with the settings.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SettingsChoice<'a> {
    /// The app's settings now.
    pub mine: &'a DataSettings,
    /// The parts to take from the file (into an app with data).
    pub take: &'a [SettingsPart],
}

/// The settings a merge writes (`None` keeps the app's as they are): the file's into an app
/// with no customers, else the app's with the chosen parts taken from the file.
pub fn merged(
    file: &DataSettings,
    choice: SettingsChoice,
    app_has_customers: bool,
) -> Option<DataSettings> {
    if !app_has_customers {
        return (file != choice.mine).then(|| file.clone());
    }
    let mut out = choice.mine.clone();
    for part in choice.take {
        part.take(&mut out, file);
    }
    (out != *choice.mine).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::money::MoneyUnit;
    use crate::domain::tiering::PresetId;

    fn file() -> DataSettings {
        let mut s = DataSettings::default();
        s.tiering.preset = PresetId::Abcd002;
        s.tiering.observation_months = 2;
        s.money_unit = MoneyUnit::Yuan;
        s
    }

    /// Issue 24, finding 1: a restore into a new browser kept the default settings and
    /// tiered every customer by the wrong preset.
    #[test]
    fn into_an_empty_app_the_file_s_settings_are_taken_as_they_are() {
        let mine = DataSettings::default();
        let choice = SettingsChoice {
            mine: &mine,
            take: &[],
        };
        assert_eq!(merged(&file(), choice, false), Some(file()));
        // Nothing to write when they are the same already.
        assert_eq!(merged(&mine, choice, false), None);
    }

    #[test]
    fn into_an_app_with_data_only_the_parts_chosen_are_taken() {
        let mine = DataSettings::default();
        assert_eq!(
            differing(&file(), &mine),
            [SettingsPart::MoneyUnit, SettingsPart::Tiering]
        );
        let keep_all = SettingsChoice {
            mine: &mine,
            take: &[],
        };
        assert_eq!(merged(&file(), keep_all, true), None);
        let tiering_only = SettingsChoice {
            mine: &mine,
            take: &[SettingsPart::Tiering],
        };
        let got = merged(&file(), tiering_only, true).unwrap();
        assert_eq!(got.tiering, file().tiering);
        assert_eq!(got.money_unit, mine.money_unit);
        assert_eq!(differing(&got, &mine), [SettingsPart::Tiering]);
        // Taking every part is taking the file's.
        let all = SettingsChoice {
            mine: &mine,
            take: &SettingsPart::ALL,
        };
        assert_eq!(merged(&file(), all, true), Some(file()));
    }
}
