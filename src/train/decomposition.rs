//! Where the validation MSE comes from: residual mean against median, and how much of the MSE
//! the largest few errors hold. A large share in a few errors is what lets MSE rise while the
//! typical error (MAE) falls.

use serde::{Deserialize, Serialize};

use super::stats::{mean, median};

/// The decomposition of one validation pass, in the series' units.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct Decomposition {
    /// Mean residual (prediction − truth): the bias an MSE-trained model aims to remove.
    pub residual_mean: f64,
    /// Median residual: the bias an MAE-trained model aims to remove.
    pub residual_median: f64,
    /// Share of the summed squared error held by the largest 1 % of absolute errors.
    pub top1_share: f64,
    /// Share held by the largest 5 %.
    pub top5_share: f64,
}

/// Decomposes `residuals` (prediction − truth).
pub fn decompose(residuals: &[f64]) -> Decomposition {
    if residuals.is_empty() {
        return Decomposition::default();
    }
    let mut squared: Vec<f64> = residuals.iter().map(|r| r * r).collect();
    squared.sort_by(|a, b| b.total_cmp(a));
    let total: f64 = squared.iter().sum();
    let share = |fraction: f64| {
        // At least one error, so that small validation sets still report something.
        let count = ((squared.len() as f64 * fraction).ceil() as usize).max(1);
        if total > 0.0 { squared[..count].iter().sum::<f64>() / total } else { 0.0 }
    };
    Decomposition {
        residual_mean: mean(residuals),
        residual_median: median(residuals),
        top1_share: share(0.01),
        top5_share: share(0.05),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_large_error_holds_most_of_the_mse() {
        // 99 residuals of 0.1 and one of 10: the largest 1 % is that one error.
        let mut residuals = vec![0.1; 99];
        residuals.push(10.0);
        let d = decompose(&residuals);
        let expected_top1 = 100.0 / (100.0 + 99.0 * 0.01);
        assert!((d.top1_share - expected_top1).abs() < 1e-12, "{}", d.top1_share);
        let expected_top5 = (100.0 + 4.0 * 0.01) / (100.0 + 99.0 * 0.01);
        assert!((d.top5_share - expected_top5).abs() < 1e-12, "{}", d.top5_share);
        assert!((d.residual_median - 0.1).abs() < 1e-12);
        assert!((d.residual_mean - (9.9 + 10.0) / 100.0).abs() < 1e-12);
    }

    #[test]
    fn equal_errors_spread_the_mse_evenly() {
        let d = decompose(&[-1.0; 200]);
        assert!((d.top1_share - 0.01).abs() < 1e-12);
        assert!((d.top5_share - 0.05).abs() < 1e-12);
        assert_eq!(d.residual_mean, -1.0);
    }
}
