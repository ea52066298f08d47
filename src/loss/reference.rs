//! Plain reference implementations on slices, accumulated in f64.

use serde::Serialize;

use super::Loss;

impl Loss {
    /// The loss of one residual r = prediction − truth.
    pub fn pointwise(&self, residual: f64) -> f64 {
        let r = residual;
        match *self {
            Loss::Mse => r * r,
            Loss::Mae => r.abs(),
            Loss::Huber { delta } => {
                let delta = delta as f64;
                if r.abs() <= delta { 0.5 * r * r } else { delta * (r.abs() - 0.5 * delta) }
            }
            Loss::Mixed { alpha } => {
                let alpha = alpha as f64;
                alpha * r * r + (1.0 - alpha) * r.abs()
            }
            Loss::Pinball { tau } => {
                // The pinball loss is written in terms of truth − prediction = −r.
                let u = -r;
                let tau = tau as f64;
                if u >= 0.0 { tau * u } else { (tau - 1.0) * u }
            }
        }
    }

    /// The mean loss of `prediction` against `truth` (equal lengths; 0 when empty).
    pub fn reference(&self, prediction: &[f32], truth: &[f32]) -> f64 {
        debug_assert_eq!(prediction.len(), truth.len());
        if prediction.is_empty() {
            return 0.0;
        }
        let total: f64 =
            prediction.iter().zip(truth).map(|(&p, &t)| self.pointwise(p as f64 - t as f64)).sum();
        total / prediction.len() as f64
    }
}

/// The error figures a course quotes for one prediction vector.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct ErrorFigures {
    /// Mean squared error.
    pub mse: f64,
    /// Mean absolute error.
    pub mae: f64,
    /// Root mean squared error.
    pub rmse: f64,
    /// Huber loss with the δ given.
    pub huber: f64,
    /// Mean of the residuals (prediction − truth).
    pub residual_mean: f64,
    /// Median of the residuals.
    pub residual_median: f64,
}

/// MSE, MAE, RMSE, Huber with `delta` and the residual mean and median of `prediction`.
pub fn figures(prediction: &[f32], truth: &[f32], delta: f32) -> ErrorFigures {
    let mse = Loss::Mse.reference(prediction, truth);
    let residuals: Vec<f64> =
        prediction.iter().zip(truth).map(|(&p, &t)| p as f64 - t as f64).collect();
    ErrorFigures {
        mse,
        mae: Loss::Mae.reference(prediction, truth),
        rmse: mse.sqrt(),
        huber: Loss::Huber { delta }.reference(prediction, truth),
        residual_mean: crate::train::mean(&residuals),
        residual_median: crate::train::median(&residuals),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TRUTH: [f32; 4] = [10.0, 20.0, 30.0, 40.0];

    #[test]
    fn worked_example_gives_mse_4_and_mae_2() {
        let f = figures(&[12.0, 22.0, 28.0, 38.0], &TRUTH, 1.0);
        assert_eq!((f.mse, f.mae, f.rmse, f.huber), (4.0, 2.0, 2.0, 1.5));
        assert_eq!((f.residual_mean, f.residual_median), (0.0, 0.0));
    }

    #[test]
    fn worked_example_closer_prediction_gives_mse_1_and_mae_1() {
        let f = figures(&[11.0, 21.0, 29.0, 39.0], &TRUTH, 1.0);
        assert_eq!((f.mse, f.mae, f.huber), (1.0, 1.0, 0.5));
    }

    #[test]
    fn pinball_at_one_half_is_half_the_mae() {
        let pred = [1.0, -2.0, 3.5, 0.0];
        let truth = [0.0, 1.0, 2.0, 4.0];
        let pinball = Loss::Pinball { tau: 0.5 }.reference(&pred, &truth);
        assert!((pinball - 0.5 * Loss::Mae.reference(&pred, &truth)).abs() < 1e-12);
    }

    #[test]
    fn pinball_punishes_under_prediction_more_for_high_quantiles() {
        let loss = Loss::Pinball { tau: 0.9 };
        assert!(loss.pointwise(-1.0) > loss.pointwise(1.0));
    }

    #[test]
    fn huber_joins_its_two_parts_smoothly() {
        let loss = Loss::Huber { delta: 2.0 };
        let below = loss.pointwise(2.0 - 1e-9);
        let above = loss.pointwise(2.0 + 1e-9);
        assert!((below - above).abs() < 1e-6);
        assert_eq!(loss.pointwise(4.0), 2.0 * (4.0 - 1.0));
    }

    #[test]
    fn mixed_interpolates_between_mse_and_mae() {
        assert_eq!(Loss::Mixed { alpha: 1.0 }.pointwise(3.0), 9.0);
        assert_eq!(Loss::Mixed { alpha: 0.0 }.pointwise(3.0), 3.0);
        assert_eq!(Loss::Mixed { alpha: 0.5 }.pointwise(3.0), 6.0);
    }
}
