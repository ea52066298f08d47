//! The standard benchmark workload (`bench/series.json`, described in `BENCHMARKS.md`): a GRU of
//! 32 hidden units over windows of 32 values, batches of 64, Adam 0.01, MSE, the fixed series
//! read from the file, no normalisation and no shuffling. The native `lossgap bench` and the
//! page's `npm run bench` both time it through [`time_steps`], so their figures compare.

use serde::{Deserialize, Serialize};

use crate::Session;
use crate::data::windowed_dataset;
use crate::error::{LossgapError, Result};
use crate::loss::LossKind;
use crate::settings::{ModelKind, OptimizerKind, Settings};

/// Warm-up steps before timing.
pub const WARM_UP_STEPS: usize = 10;
/// Timed steps.
pub const TIMED_STEPS: usize = 100;

/// The series file: the values and where windows and the split fall.
#[derive(Debug, Clone, Deserialize)]
pub struct WorkloadSeries {
    /// The 2,000 values.
    pub x: Vec<f32>,
    /// Values per input window.
    pub window: usize,
    /// Time index where validation starts.
    pub split_t: usize,
}

impl WorkloadSeries {
    /// Reads the series from its JSON text.
    pub fn from_json(text: &str) -> Result<Self> {
        let series: WorkloadSeries = serde_json::from_str(text)
            .map_err(|e| LossgapError::Bench(format!("the workload series is malformed: {e}")))?;
        if series.x.len() <= series.window || series.split_t > series.x.len() {
            return Err(LossgapError::Bench("the workload series is too short".into()));
        }
        Ok(series)
    }
}

/// The workload's settings (the series itself comes from the file).
pub fn workload_settings(series: &WorkloadSeries) -> Settings {
    Settings {
        model: ModelKind::Gru,
        hidden: 32,
        layers: 1,
        loss: LossKind::Mse,
        window: series.window,
        batch: 64,
        optimizer: OptimizerKind::Adam,
        lr: 0.01,
        normalise: false,
        series_length: series.x.len(),
        train_fraction: series.split_t as f64 / series.x.len() as f64,
        epochs: 1000,
        ..Settings::default()
    }
}

/// A session on the workload, on `device`.
pub fn workload_session(series: &WorkloadSeries, device: &burn::tensor::Device) -> Result<Session> {
    let settings = workload_settings(series);
    let data = windowed_dataset(series.x.clone(), series.window, series.split_t, false);
    Ok(Session::with_dataset(settings, data, device)?.without_shuffling())
}

/// What one timing run measured.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct StepTiming {
    /// Mean milliseconds per timed step.
    pub ms_per_step: f64,
    /// Steps timed.
    pub steps: usize,
}

/// Times `timed` training steps after `warm_up` untimed ones, with `now` giving milliseconds.
/// The step that closes an epoch (a partial batch plus the validation pass) is run but not
/// timed, so the figure covers full batches only, as the workload asks.
pub async fn time_steps(
    session: &mut Session,
    warm_up: usize,
    timed: usize,
    now: impl Fn() -> f64,
) -> Result<StepTiming> {
    session.step(warm_up).await?;
    let (mut total, mut steps) = (0.0, 0);
    while steps < timed {
        let epochs = session.history().records.len();
        let start = now();
        session.step(1).await?;
        let elapsed = now() - start;
        if session.history().records.len() == epochs {
            total += elapsed;
            steps += 1;
        }
    }
    Ok(StepTiming { ms_per_step: total / steps.max(1) as f64, steps })
}

/// The median of `values` (0 when empty) and their minimum and maximum.
pub fn median_min_max(values: &[f64]) -> (f64, f64, f64) {
    if values.is_empty() {
        return (0.0, 0.0, 0.0);
    }
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let n = sorted.len();
    let median = if n % 2 == 1 { sorted[n / 2] } else { (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0 };
    (median, sorted[0], sorted[n - 1])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_workload_file_gives_the_documented_split() {
        let series = WorkloadSeries::from_json(include_str!("../bench/series.json")).unwrap();
        let data = windowed_dataset(series.x.clone(), series.window, series.split_t, false);
        assert_eq!((series.x.len(), data.train.len(), data.valid.len()), (2000, 1568, 400));
    }

    #[test]
    fn medians_of_odd_and_even_counts() {
        assert_eq!(median_min_max(&[3.0, 1.0, 2.0]), (2.0, 1.0, 3.0));
        assert_eq!(median_min_max(&[4.0, 1.0, 2.0, 3.0]), (2.5, 1.0, 4.0));
        assert_eq!(median_min_max(&[]), (0.0, 0.0, 0.0));
    }
}
