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
    fn curves_moving_together_have_no_span() {
        let history = [(1, 1.0, 0.5), (2, 0.9, 0.4), (3, 1.0, 0.45), (4, 1.0, 0.40)];
        assert!(divergence_spans(&history).is_empty());
        assert!(divergence_spans(&[]).is_empty());
    }
}
