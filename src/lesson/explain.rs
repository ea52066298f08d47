//! The explanation beside the charts, written from the current run's figures. Every number and
//! every claim in it is read from the history, so it changes as the run does.

use super::worked::number;
use crate::settings::{EarlyStop, Settings};
use crate::train::{EpochRecord, History, NOTABLE_PARTING, StopReason};

/// The sentences that read `history` of a run with `settings`, in the order a reader wants
/// them: what parted, where each figure was best, what the errors look like, how it ended.
pub fn explain(settings: &Settings, history: &History) -> Vec<String> {
    let Some(latest) = history.latest() else {
        return vec![
            "No epoch has finished yet; the explanation starts after the first \
                     validation pass."
                .to_string(),
        ];
    };

    let mut out = divergence(history);
    out.extend(best_epochs(history));
    out.push(concentration(latest));
    out.push(mean_and_median(settings, latest));
    out.extend(stopping(settings, history));
    out
}

/// The strongest parting of MSE and MAE, the epoch-to-epoch spans the chart shades, or a
/// sentence saying there is neither.
fn divergence(history: &History) -> Vec<String> {
    let record = |epoch: usize| &history.records[epoch - 1];
    let mut out = Vec::new();

    if let Some(p) = history.strongest_parting().filter(|p| p.mse_change >= NOTABLE_PARTING) {
        let (first, last) = (record(p.start_epoch), record(p.end_epoch));
        let (share_before, share_after) =
            (first.decomposition.top1_share, last.decomposition.top1_share);
        // Only say that a few errors grew when their share of the MSE did.
        let reading = if share_after > share_before {
            "the typical error shrank while a few errors grew"
        } else {
            "the typical error shrank while the squared errors, summed, grew"
        };
        out.push(format!(
            "From epoch {} to {}, validation MSE rose {} ({} → {}) while validation MAE fell {} \
             ({} → {}) and never climbed back above its epoch-{} value: {reading} (the largest \
             1 % of errors held {} of the MSE, then {}).",
            p.start_epoch,
            p.end_epoch,
            percent(p.mse_change),
            number(first.val_mse),
            number(last.val_mse),
            percent(p.mae_change.abs()),
            number(first.val_mae),
            number(last.val_mae),
            p.start_epoch,
            percent(share_before),
            percent(share_after)
        ));
    }

    let spans = history.divergence_spans();
    if let Some(span) = spans.iter().max_by(|a, b| a.loss_change.total_cmp(&b.loss_change)) {
        out.push(format!(
            "Epoch after epoch, validation loss rose while validation MAE fell in {} stretch{} \
             (shaded in the chart); the largest, epochs {} to {}, moved the loss up {} and the \
             MAE down {}.",
            spans.len(),
            if spans.len() == 1 { "" } else { "es" },
            span.start_epoch,
            span.end_epoch,
            percent(span.loss_change),
            percent(span.mae_change.abs())
        ));
    }

    if out.is_empty() {
        out.push(
            "Validation loss and validation MAE have not parted: in no stretch of epochs did the \
             MSE rise while the MAE fell."
                .to_string(),
        );
    }
    out
}

/// Where validation loss and validation MAE were lowest, and what that gap means.
fn best_epochs(history: &History) -> Option<String> {
    let by_loss = history.best_by_val_loss()?;
    let by_mae = history.best_by_val_mae()?;
    if by_loss.epoch == by_mae.epoch {
        return Some(format!(
            "Validation loss and validation MAE were both lowest at epoch {}.",
            by_loss.epoch
        ));
    }
    Some(format!(
        "Validation loss was lowest at epoch {} and validation MAE at epoch {}; at the loss's \
         best epoch the MAE was {}, {} above its own best of {}.",
        by_loss.epoch,
        by_mae.epoch,
        number(by_loss.val_mae),
        percent(by_loss.val_mae / by_mae.val_mae - 1.0),
        number(by_mae.val_mae)
    ))
}

/// How much of the validation MSE the largest errors hold.
fn concentration(latest: &EpochRecord) -> String {
    let d = &latest.decomposition;
    format!(
        "In the latest validation pass the largest 1 % of errors hold {} of the validation MSE, \
         and the largest 5 % hold {} (equal errors would hold 1 % and 5 %): {}.",
        percent(d.top1_share),
        percent(d.top5_share),
        if d.top1_share > 0.05 {
            "a few errors rule the MSE, while the MAE weighs every error by its size alone"
        } else {
            "no small group of errors dominates the MSE"
        }
    )
}

/// Residual mean against median, and which of the two this run's loss aims at.
fn mean_and_median(settings: &Settings, latest: &EpochRecord) -> String {
    let d = &latest.decomposition;
    let closer = if d.residual_mean.abs() < d.residual_median.abs() { "mean" } else { "median" };
    format!(
        "The residual mean is {} and the median {}, {} apart; here the {} is closer to zero. \
         Training on MSE pulls the mean residual to zero, training on MAE the median; this run \
         trains on {}.",
        signed(d.residual_mean),
        signed(d.residual_median),
        number((d.residual_mean - d.residual_median).abs()),
        closer,
        settings.loss_fn().label()
    )
}

/// How early stopping ended the run, and where stopping on validation loss would have.
fn stopping(settings: &Settings, history: &History) -> Vec<String> {
    let mut out = Vec::new();
    let record = |epoch: usize| &history.records[epoch - 1];

    match &history.stop {
        Some(StopReason::EarlyStopped { metric, best_epoch, stopped_epoch, restored }) => {
            out.push(format!(
                "Early stopping on {} ended the run at epoch {} and {} epoch {} (validation MAE \
                 {}).",
                metric_words(*metric),
                stopped_epoch,
                if *restored {
                    "restored the weights of"
                } else {
                    "kept the last weights; its best was"
                },
                best_epoch,
                number(record(*best_epoch).val_mae)
            ));
        }
        Some(StopReason::Diverged { message, .. }) => {
            out.push(format!("The run ended: {message}."))
        }
        Some(StopReason::Completed) | None => {}
    }

    if settings.early_stop != EarlyStop::ValLoss {
        match history.would_stop(EarlyStop::ValLoss, settings.patience) {
            Some((stop, best)) => out.push(format!(
                "Stopping on validation loss with patience {} would have ended at epoch {} and \
                 kept epoch {}, whose validation MAE was {}.",
                settings.patience,
                stop,
                best,
                number(record(best).val_mae)
            )),
            None => out.push(format!(
                "Stopping on validation loss with patience {} would not have stopped by epoch {}.",
                settings.patience,
                history.records.len()
            )),
        }
    }
    out
}

fn metric_words(metric: EarlyStop) -> &'static str {
    match metric {
        EarlyStop::ValMae => "validation MAE",
        EarlyStop::ValLoss | EarlyStop::Off => "validation loss",
    }
}

/// A share as a percentage with one decimal ("12.5 %").
fn percent(share: f64) -> String {
    format!("{:.1} %", 100.0 * share)
}

/// A figure with its sign (+0.03, −0.12).
fn signed(x: f64) -> String {
    let text = number(x.abs());
    if text == "0" {
        text
    } else if x < 0.0 {
        format!("−{text}")
    } else {
        format!("+{text}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::train::Decomposition;

    fn record(epoch: usize, val_loss: f64, val_mae: f64) -> EpochRecord {
        EpochRecord {
            epoch,
            step: epoch * 10,
            train_loss: val_loss,
            val_loss,
            val_mse: val_loss * 2.0,
            val_mae,
            decomposition: Decomposition {
                residual_mean: 0.05,
                residual_median: -0.1,
                top1_share: 0.2,
                top5_share: 0.4,
            },
        }
    }

    fn history(points: &[(f64, f64)]) -> History {
        let records = points.iter().enumerate().map(|(i, &(l, m))| record(i + 1, l, m)).collect();
        History { records, stop: None }
    }

    #[test]
    fn a_history_that_parts_names_the_span_and_its_changes() {
        let h = history(&[(1.0, 0.5), (0.8, 0.4), (0.88, 0.38), (1.0, 0.36)]);
        let text = explain(&Settings::default(), &h).join(" ");
        assert!(text.contains("From epoch 2 to 4, validation MSE rose 25.0 % (1.6 → 2)"), "{text}");
        assert!(text.contains("validation MAE fell 10.0 % (0.4 → 0.36)"), "{text}");
        assert!(text.contains("in 1 stretch (shaded in the chart)"), "{text}");
        // The largest errors' share did not grow here, so the text does not claim it did.
        assert!(text.contains("the squared errors, summed, grew"), "{text}");
        assert!(text.contains("lowest at epoch 2 and validation MAE at epoch 4"), "{text}");
        assert!(text.contains("largest 1 % of errors hold 20.0 %"), "{text}");
        assert!(text.contains("mean is +0.05 and the median −0.1, 0.15 apart"), "{text}");
    }

    #[test]
    fn a_history_that_does_not_part_says_so() {
        let h = history(&[(1.0, 0.5), (0.8, 0.4), (0.7, 0.35)]);
        let text = explain(&Settings::default(), &h).join(" ");
        assert!(text.contains("have not parted"), "{text}");
        assert!(text.contains("both lowest at epoch 3"), "{text}");
    }

    #[test]
    fn the_explanation_changes_with_the_run() {
        let short = history(&[(1.0, 0.5), (0.8, 0.4)]);
        let long = history(&[(1.0, 0.5), (0.8, 0.4), (0.9, 0.3)]);
        let settings = Settings::default();
        assert_ne!(explain(&settings, &short), explain(&settings, &long));
        assert!(explain(&settings, &History::default())[0].contains("No epoch"));
    }

    #[test]
    fn it_says_where_stopping_on_the_loss_would_have_ended() {
        let h = history(&[(1.0, 0.5), (0.8, 0.4), (0.9, 0.38), (0.95, 0.37), (1.0, 0.36)]);
        let settings = Settings { patience: 2, ..Settings::default() };
        let text = explain(&settings, &h).join(" ");
        assert!(text.contains("patience 2 would have ended at epoch 4 and kept epoch 2"), "{text}");
    }
}
