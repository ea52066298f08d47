//! Side by side: two to four runs that differ only in the training loss, stepped in lockstep.
//! They share the series, the split, the initial weights and the batch order (all come from the
//! one seed), so any difference in their curves is the loss's doing.

use serde::Serialize;

use super::{Decomposition, EpochRecord, Progress, Session, StopReason, dataset_for};
use crate::error::{LossgapError, Result, SettingsError};
use crate::loss::LossKind;
use crate::settings::Settings;

/// The fewest and most runs a comparison holds.
pub const COMPARE_RUNS: std::ops::RangeInclusive<usize> = 2..=4;

/// Runs that differ only in the loss.
pub struct Comparison {
    runs: Vec<Session>,
}

/// One run's line in the comparison table.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CompareRow {
    /// The loss trained on.
    pub loss: LossKind,
    /// The loss with its parameter, for labels ("Huber δ=1").
    pub label: String,
    /// Lowest validation MAE and its epoch.
    pub best_val_mae: Option<(f64, usize)>,
    /// Lowest validation MSE and its epoch.
    pub best_val_mse: Option<(f64, usize)>,
    /// The last validation pass's decomposition.
    pub decomposition: Option<Decomposition>,
    /// How the run ended, once it has.
    pub stop: Option<StopReason>,
}

impl Comparison {
    /// Builds one run per loss in `losses` from `settings` (whose own `loss` is ignored).
    pub fn new(
        settings: &Settings,
        losses: &[LossKind],
        device: &burn::tensor::Device,
    ) -> Result<Self> {
        check_losses(losses)?;
        settings.validate()?;

        let data = dataset_for(settings);
        let mut runs = Vec::with_capacity(losses.len());
        for &loss in losses {
            let run_settings = Settings { loss, ..settings.clone() };
            // Only the loss differs from the settings validated above.
            runs.push(Session::build(run_settings, data.clone(), device));
        }
        Ok(Comparison { runs })
    }

    /// The runs, in the order their losses were given.
    pub fn runs(&self) -> &[Session] {
        &self.runs
    }

    /// Whether every run has ended.
    pub fn is_finished(&self) -> bool {
        self.runs.iter().all(Session::is_finished)
    }

    /// Runs up to `n` steps of every run still going, one step of each in turn. A run that
    /// diverges ends on its own (its history says why) and the others go on; a device error
    /// ends the comparison.
    pub async fn step(&mut self, n: usize) -> Result<Vec<Progress>> {
        for _ in 0..n {
            if self.is_finished() {
                break;
            }
            for run in self.runs.iter_mut().filter(|r| !r.is_finished()) {
                match run.step(1).await {
                    Ok(_) | Err(LossgapError::Diverged { .. }) => {}
                    Err(other) => return Err(other),
                }
            }
        }
        Ok(self.runs.iter().map(Session::progress).collect())
    }

    /// Runs every run to its end.
    pub async fn run_to_end(&mut self) -> Result<Vec<Progress>> {
        while !self.is_finished() {
            self.step(1).await?;
        }
        Ok(self.runs.iter().map(Session::progress).collect())
    }

    /// The comparison table: best figures and the final decomposition of each run.
    pub fn rows(&self) -> Vec<CompareRow> {
        self.runs
            .iter()
            .map(|run| {
                let history = run.history();
                let best_mse =
                    history.records.iter().min_by(|a, b| a.val_mse.total_cmp(&b.val_mse));
                CompareRow {
                    loss: run.settings().loss,
                    label: run.settings().loss_fn().label(),
                    best_val_mae: history.best_by_val_mae().map(|r| (r.val_mae, r.epoch)),
                    best_val_mse: best_mse.map(|r| (r.val_mse, r.epoch)),
                    decomposition: history.latest().map(|r| r.decomposition),
                    stop: history.stop.clone(),
                }
            })
            .collect()
    }

    /// The CSV header: `epoch`, then one column group per loss.
    pub fn csv_header(&self) -> String {
        let mut header = String::from("epoch");
        for run in &self.runs {
            let name = run.settings().loss.name();
            for column in ["train_loss", "val_loss", "val_mse", "val_mae"] {
                header.push_str(&format!(",{name}_{column}"));
            }
        }
        header
    }

    /// The CSV row of `epoch`, once every run still going has finished it (`None` before).
    /// A run that ended earlier leaves its cells empty.
    pub fn csv_row(&self, epoch: usize) -> Option<String> {
        let ready = self.runs.iter().all(|r| r.is_finished() || r.history().records.len() >= epoch);
        let any = self.runs.iter().any(|r| r.history().records.len() >= epoch);
        if !ready || !any {
            return None;
        }

        let mut row = epoch.to_string();
        for run in &self.runs {
            match run.history().records.get(epoch - 1) {
                Some(r) => row.push_str(&cells(r)),
                None => row.push_str(",,,,"),
            }
        }
        Some(row)
    }
}

fn cells(r: &EpochRecord) -> String {
    format!(",{},{},{},{}", r.train_loss, r.val_loss, r.val_mse, r.val_mae)
}

/// Two to four losses, none repeated.
pub fn check_losses(losses: &[LossKind]) -> Result<(), SettingsError> {
    let names: Vec<&str> = losses.iter().map(|l| l.name()).collect();
    let allowed = format!(
        "{} to {} different losses from mse, mae, huber, mixed, pinball",
        COMPARE_RUNS.start(),
        COMPARE_RUNS.end()
    );
    let repeated = names.iter().enumerate().any(|(i, n)| names[..i].contains(n));
    if !COMPARE_RUNS.contains(&losses.len()) || repeated {
        return Err(SettingsError::new("losses", names.join(","), allowed));
    }
    Ok(())
}
