//! The one place that says what each setting may be.

use serde::Serialize;

use super::{DatasetKind, ModelKind, Settings};
use crate::error::SettingsError;

/// The allowed closed interval of a numeric setting.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Range {
    /// Setting name.
    pub field: &'static str,
    /// Smallest allowed value.
    pub min: f64,
    /// Largest allowed value.
    pub max: f64,
}

/// Upper bound of the hidden size: larger models would freeze a browser tab.
const MAX_HIDDEN: f64 = 256.0;

/// The ranges of every numeric setting (the seed takes any unsigned 64-bit value).
pub fn ranges() -> Vec<Range> {
    let r = |field, min, max| Range { field, min, max };
    vec![
        r("hidden", 1.0, MAX_HIDDEN),
        r("layers", 1.0, 2.0),
        r("huber_delta", 0.01, 10.0),
        r("mix_alpha", 0.0, 1.0),
        r("quantile", 0.01, 0.99),
        r("noise_level", 0.0, 5.0),
        r("outlier_rate", 0.0, 0.5),
        r("outlier_scale", 0.0, 50.0),
        r("series_length", 50.0, 20_000.0),
        r("window", 1.0, 256.0),
        r("train_fraction", 0.5, 0.95),
        r("batch", 1.0, 1024.0),
        r("lr", 1e-6, 10.0),
        r("momentum", 0.0, 0.99),
        r("grad_clip", 0.0, 100.0),
        r("epochs", 1.0, 1000.0),
        r("patience", 1.0, 100.0),
        // The largest integer a JavaScript number holds exactly, so links restore the seed.
        r("seed", 0.0, 9_007_199_254_740_991.0),
    ]
}

impl Settings {
    /// The value of a numeric setting named in [`ranges`].
    pub fn numeric(&self, field: &str) -> Option<f64> {
        let value = match field {
            "hidden" => self.hidden as f64,
            "layers" => self.layers as f64,
            "huber_delta" => self.huber_delta,
            "mix_alpha" => self.mix_alpha,
            "quantile" => self.quantile,
            "noise_level" => self.noise_level,
            "outlier_rate" => self.outlier_rate,
            "outlier_scale" => self.outlier_scale,
            "series_length" => self.series_length as f64,
            "window" => self.window as f64,
            "train_fraction" => self.train_fraction,
            "batch" => self.batch as f64,
            "lr" => self.lr,
            "momentum" => self.momentum,
            "grad_clip" => self.grad_clip,
            "epochs" => self.epochs as f64,
            "patience" => self.patience as f64,
            "seed" => self.seed as f64,
            _ => return None,
        };
        Some(value)
    }

    /// Checks every setting; the first one out of range is named with its allowed range.
    pub fn validate(&self) -> Result<(), SettingsError> {
        for range in ranges() {
            let value = self.numeric(range.field).unwrap_or(f64::NAN);
            // A NaN fails this test too, since every comparison with NaN is false.
            if !(value >= range.min && value <= range.max) {
                return Err(SettingsError::new(
                    range.field,
                    value,
                    format!("allowed {} to {}", range.min, range.max),
                ));
            }
        }
        self.validate_windows()
    }

    /// The window must leave at least one training and one validation window.
    fn validate_windows(&self) -> Result<(), SettingsError> {
        if self.dataset != DatasetKind::Series {
            return Ok(());
        }
        let split_t = self.split_t();
        if self.window >= split_t {
            return Err(SettingsError::new(
                "window",
                self.window,
                format!("must be shorter than the training part of the series ({split_t} points)"),
            ));
        }
        if self.model == ModelKind::Linear && self.layers != 1 {
            return Err(SettingsError::new("layers", self.layers, "the linear model has 1"));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_valid() {
        assert_eq!(Settings::default().validate(), Ok(()));
    }

    #[test]
    fn every_numeric_field_rejects_values_beyond_its_range() {
        for range in ranges() {
            for bad in [range.min - 1.0, range.max + 1.0, f64::NAN] {
                let mut json = serde_json::to_value(Settings::default()).unwrap();
                json[range.field] = serde_json::json!(bad);
                let Ok(settings) = serde_json::from_value::<Settings>(json) else {
                    // Negative or fractional values for unsigned fields fail to parse, which is
                    // also a rejection.
                    continue;
                };
                let err = settings.validate().expect_err(range.field);
                assert_eq!(err.field, range.field);
                assert!(err.allowed.contains(&range.max.to_string()), "{err}");
            }
        }
    }

    #[test]
    fn a_window_longer_than_the_training_part_is_refused() {
        let settings = Settings { series_length: 100, window: 90, ..Settings::default() };
        assert_eq!(settings.validate().unwrap_err().field, "window");
    }

    #[test]
    fn the_error_names_field_value_and_range() {
        let settings = Settings { lr: 0.0, ..Settings::default() };
        let message = settings.validate().unwrap_err().to_string();
        assert_eq!(message, "lr = 0 is not allowed: allowed 0.000001 to 10");
    }
}
