//! The seed's toy data: the tiny examples lossgap was built from, kept so they can be replayed.

use super::{Dataset, Scaler, Windows};
use crate::rng::Rng;

/// The four-value truth of the worked example.
pub const FOUR_POINT_TRUTH: [f32; 4] = [10.0, 20.0, 30.0, 40.0];

/// Stream id for the toy inputs (see [`Rng::derive`]).
const TOY_STREAM: u64 = 3;

/// One sample: a random input of `truth.len()` values whose target is `truth` itself. Training
/// and validation are the same sample, as in the original examples.
fn single_sample(truth: Vec<f32>, seed: u64) -> Dataset {
    let n = truth.len();
    let mut rng = Rng::derive(seed, TOY_STREAM);
    let inputs: Vec<f32> = (0..n).map(|_| rng.uniform() as f32).collect();
    let windows = Windows {
        inputs,
        targets: truth.clone(),
        positions: (0..n).collect(),
        window: n,
        outputs: n,
    };
    Dataset {
        series: truth,
        split_t: 0,
        scaler: Scaler::IDENTITY,
        train: windows.clone(),
        valid: windows,
    }
}

/// The sequence `[10, 20, 30, 40]` as the target of a 4 → 4 model.
pub fn four_point_dataset(seed: u64) -> Dataset {
    single_sample(FOUR_POINT_TRUTH.to_vec(), seed)
}

/// The target `[10, 20, …, 70]` with a random seven-value input.
pub fn seven_point_dataset(seed: u64) -> Dataset {
    single_sample((1..=7).map(|k| 10.0 * k as f32).collect(), seed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn toy_sets_hold_one_sample_with_the_seed_targets() {
        let four = four_point_dataset(1);
        assert_eq!(four.train.len(), 1);
        assert_eq!(four.train.target(0), &FOUR_POINT_TRUTH);
        let seven = seven_point_dataset(1);
        assert_eq!(seven.valid.target(0), &[10.0, 20.0, 30.0, 40.0, 50.0, 60.0, 70.0]);
        assert_eq!(seven.window(), 7);
    }
}
