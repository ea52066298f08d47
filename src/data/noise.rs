//! Noise models. Their shapes are what make validation loss and MAE disagree: skewed noise moves
//! the mean away from the median, heavy tails and spikes let a few errors dominate the MSE.

use serde::{Deserialize, Serialize};

use crate::rng::Rng;

/// The σ of the underlying normal for the log-normal noise (as in the standard workload).
const LOGNORMAL_SIGMA: f64 = 0.75;

/// Degrees of freedom of the Student-t noise: 3 is heavy-tailed yet has a finite variance.
const STUDENT_DOF: usize = 3;

/// The shape of the noise added to the clean signal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum NoiseKind {
    /// Symmetric, light-tailed: mean, median and mode coincide.
    Gaussian,
    /// Symmetric with heavier tails than the Gaussian.
    Laplace,
    /// Log-normal shifted to mean zero: skewed, so its median lies below its mean.
    Lognormal,
    /// Student-t with 3 degrees of freedom: rare, very large errors.
    StudentT,
    /// Gaussian noise plus spikes (set their rate and size with the outlier settings).
    Outliers,
}

impl NoiseKind {
    /// Every kind, in the order the CLI and page list them.
    pub const ALL: [NoiseKind; 5] = [
        NoiseKind::Gaussian,
        NoiseKind::Laplace,
        NoiseKind::Lognormal,
        NoiseKind::StudentT,
        NoiseKind::Outliers,
    ];

    /// The name used in settings, URLs and the CLI.
    pub fn name(self) -> &'static str {
        match self {
            NoiseKind::Gaussian => "gaussian",
            NoiseKind::Laplace => "laplace",
            NoiseKind::Lognormal => "lognormal",
            NoiseKind::StudentT => "student-t",
            NoiseKind::Outliers => "outliers",
        }
    }
}

/// A noise kind with its scale and optional spikes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct NoiseModel {
    /// The distribution's shape.
    pub kind: NoiseKind,
    /// Scale in the series' units (the standard deviation for Gaussian, Laplace and Student-t).
    pub level: f64,
    /// Probability that a point carries a spike (any kind; the `outliers` kind is meant for it).
    pub outlier_rate: f64,
    /// Size of a spike in the series' units; its sign is random.
    pub outlier_scale: f64,
}

impl NoiseModel {
    /// Draws one noise value.
    pub fn sample(&self, rng: &mut Rng) -> f64 {
        let base = match self.kind {
            NoiseKind::Gaussian | NoiseKind::Outliers => rng.normal(),
            NoiseKind::Laplace => laplace_unit(rng),
            NoiseKind::Lognormal => centred_lognormal(rng),
            NoiseKind::StudentT => student_t_unit(rng),
        };
        let spike = if self.outlier_rate > 0.0 && rng.uniform() < self.outlier_rate {
            let sign = if rng.uniform() < 0.5 { -1.0 } else { 1.0 };
            sign * self.outlier_scale
        } else {
            0.0
        };
        self.level * base + spike
    }
}

/// Laplace noise with unit standard deviation (scale b = 1/√2), by inverting its CDF.
fn laplace_unit(rng: &mut Rng) -> f64 {
    let u = rng.uniform() - 0.5;
    let b = std::f64::consts::FRAC_1_SQRT_2;
    -b * u.signum() * (1.0 - 2.0 * u.abs()).ln()
}

/// exp(σZ) minus its mean exp(σ²/2): mean zero, median exp(0) − exp(σ²/2) < 0, long right tail.
fn centred_lognormal(rng: &mut Rng) -> f64 {
    let mean = (LOGNORMAL_SIGMA * LOGNORMAL_SIGMA / 2.0).exp();
    (LOGNORMAL_SIGMA * rng.normal()).exp() - mean
}

/// Student-t scaled to unit variance: Z / √(χ²ᵥ/ν), then divided by √(ν/(ν−2)).
fn student_t_unit(rng: &mut Rng) -> f64 {
    let z = rng.normal();
    let chi2: f64 = (0..STUDENT_DOF).map(|_| rng.normal().powi(2)).sum();
    let dof = STUDENT_DOF as f64;
    let t = z / (chi2 / dof).sqrt();
    t / (dof / (dof - 2.0)).sqrt()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draw(kind: NoiseKind, n: usize) -> Vec<f64> {
        let model = NoiseModel { kind, level: 1.0, outlier_rate: 0.0, outlier_scale: 0.0 };
        let mut rng = Rng::new(3);
        (0..n).map(|_| model.sample(&mut rng)).collect()
    }

    fn mean_and_median(mut xs: Vec<f64>) -> (f64, f64) {
        let mean = xs.iter().sum::<f64>() / xs.len() as f64;
        xs.sort_by(f64::total_cmp);
        (mean, xs[xs.len() / 2])
    }

    #[test]
    fn lognormal_noise_is_centred_and_skewed() {
        let (mean, median) = mean_and_median(draw(NoiseKind::Lognormal, 100_000));
        assert!(mean.abs() < 0.02, "mean {mean}");
        assert!(median < -0.2, "median {median} should sit well below the mean");
    }

    #[test]
    fn symmetric_noises_have_mean_near_median() {
        for kind in [NoiseKind::Gaussian, NoiseKind::Laplace, NoiseKind::StudentT] {
            let (mean, median) = mean_and_median(draw(kind, 100_000));
            assert!((mean - median).abs() < 0.03, "{kind:?}: mean {mean} median {median}");
        }
    }

    #[test]
    fn student_t_has_heavier_tails_than_gaussian() {
        let beyond = |xs: Vec<f64>| xs.iter().filter(|x| x.abs() > 4.0).count();
        let t = beyond(draw(NoiseKind::StudentT, 100_000));
        let g = beyond(draw(NoiseKind::Gaussian, 100_000));
        assert!(t > 10 * (g + 1), "student-t {t} vs gaussian {g} beyond 4");
    }

    #[test]
    fn spikes_appear_at_the_given_rate() {
        let model = NoiseModel {
            kind: NoiseKind::Outliers,
            level: 0.0,
            outlier_rate: 0.05,
            outlier_scale: 10.0,
        };
        let mut rng = Rng::new(9);
        let spikes = (0..20_000).filter(|_| model.sample(&mut rng).abs() > 5.0).count();
        assert!((800..1200).contains(&spikes), "{spikes} spikes in 20,000");
    }
}
