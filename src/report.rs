//! Text forms of a run: CSV rows, the CLI's table and one JSON document.

use serde::Serialize;

use crate::settings::Settings;
use crate::train::{Decomposition, DivergenceSpan, EpochRecord, History, StopReason};

/// The CSV header, one column per recorded figure.
pub const CSV_HEADER: &str = "epoch,step,train_loss,val_loss,val_mse,val_mae";

/// One CSV row for `record`.
pub fn csv_row(record: &EpochRecord) -> String {
    format!(
        "{},{},{},{},{},{}",
        record.epoch,
        record.step,
        record.train_loss,
        record.val_loss,
        record.val_mse,
        record.val_mae
    )
}

/// The table header of the CLI's per-epoch output.
pub fn table_header() -> String {
    format!(
        "{:>5} {:>7} {:>11} {:>11} {:>11} {:>11} {:>7}",
        "epoch", "step", "train_loss", "val_loss", "val_mse", "val_mae", "top1%"
    )
}

/// One table row.
pub fn table_row(record: &EpochRecord) -> String {
    format!(
        "{:>5} {:>7} {:>11.5} {:>11.5} {:>11.5} {:>11.5} {:>6.1}%",
        record.epoch,
        record.step,
        record.train_loss,
        record.val_loss,
        record.val_mse,
        record.val_mae,
        100.0 * record.decomposition.top1_share
    )
}

/// What can be read from a history beyond its records: the page's readouts and part of the CLI's
/// JSON report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RunSummary {
    /// Epoch with the lowest validation loss.
    pub best_val_loss_epoch: Option<usize>,
    /// Epoch with the lowest validation MAE.
    pub best_val_mae_epoch: Option<usize>,
    /// Epoch at which early stopping ended the run, if it did.
    pub early_stop_epoch: Option<usize>,
    /// Spans where validation loss rose while MAE fell.
    pub divergence_spans: Vec<DivergenceSpan>,
    /// The last validation pass's decomposition.
    pub decomposition: Option<Decomposition>,
}

impl RunSummary {
    /// The summary of `history`.
    pub fn of(history: &History) -> Self {
        RunSummary {
            best_val_loss_epoch: history.best_by_val_loss().map(|r| r.epoch),
            best_val_mae_epoch: history.best_by_val_mae().map(|r| r.epoch),
            early_stop_epoch: history.early_stop_epoch(),
            divergence_spans: history.divergence_spans(),
            decomposition: history.latest().map(|r| r.decomposition),
        }
    }
}

/// Everything about a run, for `--json`.
#[derive(Debug, Serialize)]
pub struct RunReport<'a> {
    /// The settings used.
    pub settings: &'a Settings,
    /// Every epoch's figures.
    pub history: &'a [EpochRecord],
    /// How the run ended (absent if it was interrupted).
    pub stop: Option<&'a StopReason>,
    /// Best epochs, divergence spans and the latest decomposition.
    #[serde(flatten)]
    pub summary: RunSummary,
    /// The explanation written from the figures.
    pub explanation: Vec<String>,
}

impl<'a> RunReport<'a> {
    /// The report of `history` under `settings`.
    pub fn new(settings: &'a Settings, history: &'a History) -> Self {
        RunReport {
            settings,
            history: &history.records,
            stop: history.stop.as_ref(),
            summary: RunSummary::of(history),
            explanation: crate::lesson::explain(settings, history),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_rows_have_one_field_per_header_column() {
        let record = EpochRecord {
            epoch: 3,
            step: 75,
            train_loss: 0.5,
            val_loss: 0.25,
            val_mse: 0.125,
            val_mae: 0.3,
            decomposition: Decomposition::default(),
        };
        assert_eq!(CSV_HEADER, "epoch,step,train_loss,val_loss,val_mse,val_mae");
        assert_eq!(csv_row(&record), "3,75,0.5,0.25,0.125,0.3");
    }
}
