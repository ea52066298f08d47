//! The synthetic series: the standard workload's signal (two sines and a trend) plus noise.

use super::NoiseModel;
use crate::rng::Rng;

/// What to generate.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SeriesSpec {
    /// Number of points.
    pub length: usize,
    /// The noise added to every point.
    pub noise: NoiseModel,
    /// Seed of the noise.
    pub seed: u64,
}

/// Stream id for the series noise (see [`Rng::derive`]).
const NOISE_STREAM: u64 = 1;

/// The clean signal at time `t`: sin(t/10) + 0.5·sin(t/37) + 0.001·t.
pub fn signal(t: usize) -> f64 {
    let t = t as f64;
    (t / 10.0).sin() + 0.5 * (t / 37.0).sin() + 0.001 * t
}

/// Generates the series: the signal plus one noise draw per point.
pub fn generate_series(spec: &SeriesSpec) -> Vec<f32> {
    let mut rng = Rng::derive(spec.seed, NOISE_STREAM);
    (0..spec.length).map(|t| (signal(t) + spec.noise.sample(&mut rng)) as f32).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::NoiseKind;

    fn spec(seed: u64) -> SeriesSpec {
        let noise = NoiseModel {
            kind: NoiseKind::Gaussian,
            level: 0.1,
            outlier_rate: 0.0,
            outlier_scale: 0.0,
        };
        SeriesSpec { length: 500, noise, seed }
    }

    #[test]
    fn a_seed_fixes_the_series() {
        assert_eq!(generate_series(&spec(5)), generate_series(&spec(5)));
        assert_ne!(generate_series(&spec(5)), generate_series(&spec(6)));
    }

    #[test]
    fn the_series_follows_the_signal() {
        let xs = generate_series(&spec(1));
        let mean_abs_noise: f64 =
            xs.iter().enumerate().map(|(t, x)| (*x as f64 - signal(t)).abs()).sum::<f64>()
                / xs.len() as f64;
        assert!((0.05..0.12).contains(&mean_abs_noise), "{mean_abs_noise}");
    }
}
