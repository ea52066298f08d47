//! Every knob of a run in one serde struct, validated in one place. The same struct is what the
//! CLI's flags fill in and what the page's URL query carries.

mod presets;
mod query;
mod validate;

pub use presets::{PRESETS, Preset, WORKED_EXAMPLE, preset, preset_names};
pub use query::{PAGE_KEYS, QuerySettings, settings_from_query, settings_to_query};
pub use validate::{Range, ranges};

use serde::{Deserialize, Serialize};

use crate::data::{NoiseKind, NoiseModel};
use crate::loss::{Loss, LossKind};

/// Which model reads the window.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ModelKind {
    /// Elman RNN with tanh (written here; burn's cell is not used so that it can be checked).
    Rnn,
    /// Gated recurrent unit (burn's).
    Gru,
    /// Long short-term memory (burn's).
    Lstm,
    /// A plain linear map from the window to the output.
    Linear,
}

impl ModelKind {
    /// Every kind, in the order the CLI and page list them.
    pub const ALL: [ModelKind; 4] =
        [ModelKind::Rnn, ModelKind::Gru, ModelKind::Lstm, ModelKind::Linear];

    /// The name used in settings, URLs and the CLI.
    pub fn name(self) -> &'static str {
        match self {
            ModelKind::Rnn => "rnn",
            ModelKind::Gru => "gru",
            ModelKind::Lstm => "lstm",
            ModelKind::Linear => "linear",
        }
    }
}

/// The optimizer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum OptimizerKind {
    /// Adam.
    Adam,
    /// Stochastic gradient descent with momentum.
    Sgd,
}

/// Which validation figure early stopping watches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EarlyStop {
    /// Train for all epochs.
    Off,
    /// Stop when validation loss has not improved for `patience` epochs.
    ValLoss,
    /// Stop when validation MAE has not improved for `patience` epochs.
    ValMae,
}

impl EarlyStop {
    /// The name used in settings, URLs and the CLI.
    pub fn name(self) -> &'static str {
        match self {
            EarlyStop::Off => "off",
            EarlyStop::ValLoss => "val_loss",
            EarlyStop::ValMae => "val_mae",
        }
    }
}

/// Where the data comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DatasetKind {
    /// The synthetic series (signal plus the chosen noise), cut into windows.
    Series,
    /// The seed's `[10, 20, 30, 40]` as one 4 → 4 sample.
    FourPoint,
    /// The seed's `[10, 20, …, 70]` target with a random seven-value input.
    SevenPoint,
}

/// Every setting of a run. Missing fields take the default preset's values.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Settings {
    /// Model family.
    pub model: ModelKind,
    /// Hidden units per recurrent layer.
    pub hidden: usize,
    /// Recurrent layers (1 or 2).
    pub layers: usize,
    /// Training loss.
    pub loss: LossKind,
    /// Huber's δ, in normalised units (standard deviations of the training series).
    pub huber_delta: f64,
    /// Weight α of the MSE part of the mixed loss.
    pub mix_alpha: f64,
    /// The pinball loss's quantile τ.
    pub quantile: f64,
    /// Where the data comes from.
    pub dataset: DatasetKind,
    /// Noise shape.
    pub noise: NoiseKind,
    /// Noise scale, in the series' units.
    pub noise_level: f64,
    /// Probability of a spike at each point.
    pub outlier_rate: f64,
    /// Size of a spike, in the series' units.
    pub outlier_scale: f64,
    /// Points in the series.
    pub series_length: usize,
    /// Values per input window.
    pub window: usize,
    /// Share of the series (by time) whose targets train; the rest validates.
    pub train_fraction: f64,
    /// Whether to normalise with training statistics.
    pub normalise: bool,
    /// Windows per mini-batch.
    pub batch: usize,
    /// Optimizer.
    pub optimizer: OptimizerKind,
    /// Learning rate.
    pub lr: f64,
    /// SGD momentum (ignored by Adam).
    pub momentum: f64,
    /// Gradient-norm clipping threshold; 0 turns it off.
    pub grad_clip: f64,
    /// Epochs to train at most.
    pub epochs: usize,
    /// Early stopping metric.
    pub early_stop: EarlyStop,
    /// Epochs without improvement before early stopping ends the run.
    pub patience: usize,
    /// Whether early stopping puts back the best weights.
    pub restore_best: bool,
    /// Seed of the series, the initial weights and the batch order.
    pub seed: u64,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            model: ModelKind::Gru,
            hidden: 32,
            layers: 1,
            loss: LossKind::Mse,
            huber_delta: 1.0,
            mix_alpha: 0.5,
            quantile: 0.5,
            dataset: DatasetKind::Series,
            noise: NoiseKind::Lognormal,
            noise_level: 0.1,
            outlier_rate: 0.0,
            outlier_scale: 3.0,
            series_length: 2000,
            window: 32,
            train_fraction: 0.8,
            normalise: true,
            batch: 64,
            optimizer: OptimizerKind::Adam,
            lr: 0.01,
            momentum: 0.9,
            grad_clip: 0.0,
            epochs: 30,
            early_stop: EarlyStop::Off,
            patience: 5,
            restore_best: true,
            seed: 42,
        }
    }
}

impl Settings {
    /// The training loss with its parameter.
    pub fn loss_fn(&self) -> Loss {
        self.loss_fn_of(self.loss)
    }

    /// `kind` with this run's parameter for it (used by compare mode too).
    pub fn loss_fn_of(&self, kind: LossKind) -> Loss {
        match kind {
            LossKind::Mse => Loss::Mse,
            LossKind::Mae => Loss::Mae,
            LossKind::Huber => Loss::Huber { delta: self.huber_delta as f32 },
            LossKind::Mixed => Loss::Mixed { alpha: self.mix_alpha as f32 },
            LossKind::Pinball => Loss::Pinball { tau: self.quantile as f32 },
        }
    }

    /// The noise model described by the noise settings.
    pub fn noise_model(&self) -> NoiseModel {
        NoiseModel {
            kind: self.noise,
            level: self.noise_level,
            outlier_rate: self.outlier_rate,
            outlier_scale: self.outlier_scale,
        }
    }

    /// Time index where validation starts.
    pub fn split_t(&self) -> usize {
        (self.series_length as f64 * self.train_fraction).round() as usize
    }
}
