//! Every epoch's figures, and what can be read from them.

use serde::{Deserialize, Serialize};

use super::{Decomposition, DivergenceSpan, Parting, divergence_spans, strongest_parting};
use crate::settings::EarlyStop;

/// The figures recorded at the end of one epoch.
///
/// Losses are in normalised units (what training minimises); MSE and MAE are in the series' own
/// units (what a forecaster is judged by).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct EpochRecord {
    /// Epoch number, from 1.
    pub epoch: usize,
    /// Global step count at the end of the epoch.
    pub step: usize,
    /// Mean training loss over the epoch's steps.
    pub train_loss: f64,
    /// The training loss measured on the validation windows.
    pub val_loss: f64,
    /// Validation mean squared error.
    pub val_mse: f64,
    /// Validation mean absolute error.
    pub val_mae: f64,
    /// Where the validation error comes from.
    pub decomposition: Decomposition,
}

impl EpochRecord {
    /// The figure early stopping on `metric` watches (validation loss when it is off).
    pub fn watched(&self, metric: EarlyStop) -> f64 {
        match metric {
            EarlyStop::ValMae => self.val_mae,
            EarlyStop::ValLoss | EarlyStop::Off => self.val_loss,
        }
    }
}

/// Why a run ended.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "reason", rename_all = "snake_case")]
pub enum StopReason {
    /// All epochs ran.
    Completed,
    /// Early stopping: the watched metric did not improve for `patience` epochs.
    EarlyStopped {
        /// The metric watched.
        metric: EarlyStop,
        /// The epoch with the best value of that metric.
        best_epoch: usize,
        /// The last epoch trained.
        stopped_epoch: usize,
        /// Whether the best weights were put back.
        restored: bool,
    },
    /// A NaN or infinity appeared.
    Diverged {
        /// The step that produced it.
        step: usize,
        /// The full message, with the likely cause.
        message: String,
    },
}

/// All epochs so far, and how the run ended (if it has).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct History {
    /// One record per completed epoch, in order.
    pub records: Vec<EpochRecord>,
    /// Set once the run has ended.
    pub stop: Option<StopReason>,
}

impl History {
    /// The epoch with the lowest validation loss.
    pub fn best_by_val_loss(&self) -> Option<&EpochRecord> {
        self.records.iter().min_by(|a, b| a.val_loss.total_cmp(&b.val_loss))
    }

    /// The epoch with the lowest validation MAE.
    pub fn best_by_val_mae(&self) -> Option<&EpochRecord> {
        self.records.iter().min_by(|a, b| a.val_mae.total_cmp(&b.val_mae))
    }

    /// The best epoch by the metric early stopping watches (validation loss when it is off).
    pub fn best_by(&self, metric: EarlyStop) -> Option<&EpochRecord> {
        match metric {
            EarlyStop::ValMae => self.best_by_val_mae(),
            EarlyStop::ValLoss | EarlyStop::Off => self.best_by_val_loss(),
        }
    }

    /// Spans where validation loss rose while validation MAE fell.
    pub fn divergence_spans(&self) -> Vec<DivergenceSpan> {
        let points: Vec<(usize, f64, f64)> =
            self.records.iter().map(|r| (r.epoch, r.val_loss, r.val_mae)).collect();
        divergence_spans(&points)
    }

    /// The stretch where validation MSE rose most while validation MAE fell at every epoch.
    pub fn strongest_parting(&self) -> Option<Parting> {
        let points: Vec<(usize, f64, f64)> =
            self.records.iter().map(|r| (r.epoch, r.val_mse, r.val_mae)).collect();
        strongest_parting(&points)
    }

    /// The most recent record.
    pub fn latest(&self) -> Option<&EpochRecord> {
        self.records.last()
    }

    /// The epoch at which early stopping on `metric` with `patience` would have ended this
    /// history, and the best epoch it would have kept: what the chart marks when a run watches
    /// a different figure (or none).
    pub fn would_stop(&self, metric: EarlyStop, patience: usize) -> Option<(usize, usize)> {
        let mut best: Option<(usize, f64)> = None;
        for record in &self.records {
            let value = record.watched(metric);
            if best.is_none_or(|(_, b)| value < b) {
                best = Some((record.epoch, value));
            }
            let (best_epoch, _) = best?;
            if record.epoch - best_epoch >= patience.max(1) {
                return Some((record.epoch, best_epoch));
            }
        }
        None
    }

    /// The epoch at which early stopping ended the run, if it did.
    pub fn early_stop_epoch(&self) -> Option<usize> {
        match self.stop {
            Some(StopReason::EarlyStopped { stopped_epoch, .. }) => Some(stopped_epoch),
            _ => None,
        }
    }
}
