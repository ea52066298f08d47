//! Named settings that each show one thing.

use super::Settings;
use crate::error::LossgapError;

/// A named set of settings and the sentence that says what it shows.
#[derive(Debug, Clone, Copy)]
pub struct Preset {
    /// The name used with `--preset` and in the page's picker.
    pub name: &'static str,
    /// What it shows, in one sentence.
    pub summary: &'static str,
    /// Builds the settings.
    pub settings: fn() -> Settings,
}

/// Every preset, in the order they are listed.
pub const PRESETS: &[Preset] = &[Preset {
    name: "default",
    summary: "A GRU forecaster trained on MSE over a series with skewed (log-normal) noise.",
    settings: Settings::default,
}];

/// The names of all presets.
pub fn preset_names() -> Vec<&'static str> {
    PRESETS.iter().map(|p| p.name).collect()
}

/// The settings of the preset called `name`.
pub fn preset(name: &str) -> Result<Settings, LossgapError> {
    PRESETS.iter().find(|p| p.name == name).map(|p| (p.settings)()).ok_or_else(|| {
        LossgapError::UnknownPreset { name: name.to_string(), known: preset_names().join(", ") }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_preset_is_valid() {
        for p in PRESETS {
            assert_eq!((p.settings)().validate(), Ok(()), "preset {}", p.name);
        }
    }

    #[test]
    fn an_unknown_preset_lists_the_known_ones() {
        let message = preset("nope").unwrap_err().to_string();
        assert!(message.contains("default"), "{message}");
    }
}
