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

/// Everything about a run, for `--json`.
#[derive(Debug, Serialize)]
pub struct RunReport<'a> {
    /// The settings used.
    pub settings: &'a Settings,
    /// Every epoch's figures.
    pub history: &'a [EpochRecord],
    /// How the run ended (absent if it was interrupted).
    pub stop: Option<&'a StopReason>,
    /// Epoch with the lowest validation loss.
    pub best_val_loss_epoch: Option<usize>,
    /// Epoch with the lowest validation MAE.
    pub best_val_mae_epoch: Option<usize>,
    /// Spans where validation loss rose while MAE fell.
    pub divergence_spans: Vec<DivergenceSpan>,
    /// The last validation pass's decomposition.
    pub decomposition: Option<Decomposition>,
}

impl<'a> RunReport<'a> {
    /// The report of `history` under `settings`.
    pub fn new(settings: &'a Settings, history: &'a History) -> Self {
        RunReport {
            settings,
            history: &history.records,
            stop: history.stop.as_ref(),
            best_val_loss_epoch: history.best_by_val_loss().map(|r| r.epoch),
            best_val_mae_epoch: history.best_by_val_mae().map(|r| r.epoch),
            divergence_spans: history.divergence_spans(),
            decomposition: history.latest().map(|r| r.decomposition),
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
