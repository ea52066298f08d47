//! Losses: what training minimises. Each has a plain reference on slices (used for reporting and
//! to test the tensor version) and a tensor version (used for training).
//!
//! Why they differ: MSE is minimised by the mean of the target, MAE by its median, and the
//! pinball loss with τ by its τ-quantile (τ = 0.5 is half the MAE). Huber is quadratic for small
//! residuals and linear for large ones, so a few large errors weigh less than under MSE.

mod reference;
mod tensor;

pub use reference::{ErrorFigures, figures};

use serde::{Deserialize, Serialize};

/// The loss family, as chosen in the settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum LossKind {
    /// Mean squared error.
    Mse,
    /// Mean absolute error.
    Mae,
    /// Huber (smooth L1) with threshold δ.
    Huber,
    /// α·MSE + (1 − α)·MAE.
    Mixed,
    /// Pinball (quantile) loss with τ.
    Pinball,
}

impl LossKind {
    /// Every kind, in the order the CLI and page list them.
    pub const ALL: [LossKind; 5] =
        [LossKind::Mse, LossKind::Mae, LossKind::Huber, LossKind::Mixed, LossKind::Pinball];

    /// The kind called `name` (as [`LossKind::name`] writes it), if any.
    pub fn from_name(name: &str) -> Option<LossKind> {
        LossKind::ALL.into_iter().find(|kind| kind.name() == name)
    }

    /// The name used in settings, URLs and the CLI.
    pub fn name(self) -> &'static str {
        match self {
            LossKind::Mse => "mse",
            LossKind::Mae => "mae",
            LossKind::Huber => "huber",
            LossKind::Mixed => "mixed",
            LossKind::Pinball => "pinball",
        }
    }
}

/// A loss with its parameter, ready to evaluate.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Loss {
    /// Mean squared error.
    Mse,
    /// Mean absolute error.
    Mae,
    /// Huber loss: ½r² for |r| ≤ δ, δ(|r| − ½δ) beyond.
    Huber {
        /// Where the quadratic part turns linear.
        delta: f32,
    },
    /// α·MSE + (1 − α)·MAE.
    Mixed {
        /// Weight of the MSE part, in [0, 1].
        alpha: f32,
    },
    /// Pinball loss: τ·r for r = truth − prediction ≥ 0, (τ − 1)·r below.
    Pinball {
        /// The quantile aimed at, in (0, 1).
        tau: f32,
    },
}

impl Loss {
    /// A short label with the parameter, for tables and legends (`huber δ=1`).
    pub fn label(&self) -> String {
        match self {
            Loss::Mse => "MSE".to_string(),
            Loss::Mae => "MAE".to_string(),
            Loss::Huber { delta } => format!("Huber δ={delta}"),
            Loss::Mixed { alpha } => format!("{alpha}·MSE+{}·MAE", 1.0 - alpha),
            Loss::Pinball { tau } => format!("pinball τ={tau}"),
        }
    }
}
