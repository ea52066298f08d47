//! Finds the epochs where validation loss rises while validation MAE falls: the puzzle lossgap
//! exists to explain.

use serde::{Deserialize, Serialize};

/// A run of consecutive epochs over which, epoch after epoch, validation loss went up and
/// validation MAE went down.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct DivergenceSpan {
    /// First epoch of the span (1-based; the curves part from here).
    pub start_epoch: usize,
    /// Last epoch of the span.
    pub end_epoch: usize,
    /// Relative change of validation loss over the span ((end − start) / start; > 0).
    pub loss_change: f64,
    /// Relative change of validation MAE over the span (< 0).
    pub mae_change: f64,
}

/// The maximal spans in a sequence of `(epoch, val_loss, val_mae)` figures, in order.
pub fn divergence_spans(points: &[(usize, f64, f64)]) -> Vec<DivergenceSpan> {
    let mut spans = Vec::new();
    let mut start: Option<usize> = None;
    for i in 1..=points.len() {
        let parting = i < points.len() && {
            let (_, loss_before, mae_before) = points[i - 1];
            let (_, loss_after, mae_after) = points[i];
            loss_after > loss_before && mae_after < mae_before
        };
        match (parting, start) {
            (true, None) => start = Some(i - 1),
            (false, Some(s)) => {
                spans.push(span(points[s], points[i - 1]));
                start = None;
            }
            _ => {}
        }
    }
    spans
}

fn span(first: (usize, f64, f64), last: (usize, f64, f64)) -> DivergenceSpan {
    let relative = |before: f64, after: f64| {
        if before != 0.0 { (after - before) / before.abs() } else { 0.0 }
    };
    DivergenceSpan {
        start_epoch: first.0,
        end_epoch: last.0,
        loss_change: relative(first.1, last.1),
        mae_change: relative(first.2, last.2),
    }
}

/// A parting whose validation MSE rose less than this (relative) is too small to show or tell.
pub const NOTABLE_PARTING: f64 = 0.01;

/// A stretch of epochs over which validation MSE ended higher than it started while validation
/// MAE ended lower and never climbed back above its starting value: the claim the `divergence`
/// preset makes, in numbers. Unlike [`DivergenceSpan`] it tolerates the epoch-to-epoch wobble
/// of the MAE, so a slow, real parting is not cut into pieces by noise.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Parting {
    /// First epoch of the stretch.
    pub start_epoch: usize,
    /// Last epoch of the stretch.
    pub end_epoch: usize,
    /// Relative change of validation MSE from the first to the last epoch (> 0).
    pub mse_change: f64,
    /// Relative change of validation MAE over the same epochs (< 0).
    pub mae_change: f64,
}

/// Of all stretches in `points` (`(epoch, val_mse, val_mae)`) that part as [`Parting`] says,
/// the one whose MSE rose the most; `None` when MSE rose over none of them.
pub fn strongest_parting(points: &[(usize, f64, f64)]) -> Option<Parting> {
    let relative = |before: f64, after: f64| (after - before) / before.abs().max(f64::MIN_POSITIVE);
    let mut best: Option<Parting> = None;
    for a in 0..points.len() {
        for b in a + 1..points.len() {
            let (first, last) = (points[a], points[b]);
            // Once the MAE climbs above where the stretch began, no longer stretch from `a` counts.
            if last.2 > first.2 {
                break;
            }
            let mse_change = relative(first.1, last.1);
            if last.2 < first.2
                && mse_change > 0.0
                && best.is_none_or(|p| mse_change > p.mse_change)
            {
                best = Some(Parting {
                    start_epoch: first.0,
                    end_epoch: last.0,
                    mse_change,
                    mae_change: relative(first.2, last.2),
                });
            }
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_span_where_loss_rises_and_mae_falls() {
        let history = [
            (1, 1.00, 0.50),
            (2, 0.80, 0.45), // both fall
            (3, 0.84, 0.44), // loss up, MAE down: the span starts at epoch 2
            (4, 0.90, 0.43),
            (5, 0.95, 0.44), // MAE up again: the span ends at epoch 4
            (6, 0.99, 0.40),
            (7, 1.10, 0.39), // a second span, 5 to 7, reaching the end of the history
        ];
        let spans = divergence_spans(&history);
        assert_eq!(spans.len(), 2);
        assert_eq!((spans[0].start_epoch, spans[0].end_epoch), (2, 4));
        assert!((spans[0].loss_change - 0.125).abs() < 1e-12);
        assert!((spans[0].mae_change - (0.43 - 0.45) / 0.45).abs() < 1e-12);
        assert_eq!((spans[1].start_epoch, spans[1].end_epoch), (5, 7));
    }

    #[test]
    fn a_parting_ends_where_the_mae_climbs_above_its_start() {
        let history = [
            (1, 1.00, 0.50),
            (2, 0.90, 0.45),
            (3, 1.20, 0.44), // MSE up 33 % from epoch 2 while MAE is below its epoch-2 value
            (4, 1.10, 0.445), // a wobble up, still below 0.45: the stretch goes on
            (5, 1.30, 0.43), // MSE up 44 % from epoch 2
            (6, 2.00, 0.55), // MAE above every start: no stretch reaches here
        ];
        let parting = strongest_parting(&history).unwrap();
        assert_eq!((parting.start_epoch, parting.end_epoch), (2, 5));
        assert!((parting.mse_change - (1.3 / 0.9 - 1.0)).abs() < 1e-12);
        assert!((parting.mae_change - (0.43 / 0.45 - 1.0)).abs() < 1e-12);
        assert!(strongest_parting(&[(1, 1.0, 0.5), (2, 0.9, 0.4)]).is_none());
    }

    #[test]
    fn curves_moving_together_have_no_span() {
        let history = [(1, 1.0, 0.5), (2, 0.9, 0.4), (3, 1.0, 0.45), (4, 1.0, 0.40)];
        assert!(divergence_spans(&history).is_empty());
        assert!(divergence_spans(&[]).is_empty());
    }
}
