//! Sliding windows, the chronological split and normalisation fitted on training data only.

/// Maps the series to zero mean and unit variance using training statistics only, so that no
/// information from the validation period leaks into training.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Scaler {
    /// Mean of the training part.
    pub mean: f32,
    /// Standard deviation of the training part (1 when it is zero).
    pub std: f32,
}

impl Scaler {
    /// The identity: values pass unchanged.
    pub const IDENTITY: Scaler = Scaler { mean: 0.0, std: 1.0 };

    /// Fits mean and standard deviation to `values`.
    pub fn fit(values: &[f32]) -> Scaler {
        if values.is_empty() {
            return Scaler::IDENTITY;
        }
        let n = values.len() as f64;
        let mean = values.iter().map(|&v| v as f64).sum::<f64>() / n;
        let var = values.iter().map(|&v| (v as f64 - mean).powi(2)).sum::<f64>() / n;
        let std = if var > 1e-12 { var.sqrt() } else { 1.0 };
        Scaler { mean: mean as f32, std: std as f32 }
    }

    /// Into normalised units.
    pub fn normalise(&self, value: f32) -> f32 {
        (value - self.mean) / self.std
    }

    /// Back into the series' own units.
    pub fn restore(&self, value: f32) -> f32 {
        value * self.std + self.mean
    }
}

/// A set of (input window, target) pairs, stored flat and normalised.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Windows {
    /// Inputs, `len() × window` values, row after row.
    pub inputs: Vec<f32>,
    /// Targets, `len() × outputs` values, row after row.
    pub targets: Vec<f32>,
    /// The position (time index) of every target value, aligned with `targets`.
    pub positions: Vec<usize>,
    /// Values per input window.
    pub window: usize,
    /// Values per target.
    pub outputs: usize,
}

impl Windows {
    /// Number of windows.
    pub fn len(&self) -> usize {
        self.inputs.len().checked_div(self.window).unwrap_or(0)
    }

    /// Whether there are no windows.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The input of window `i`.
    pub fn input(&self, i: usize) -> &[f32] {
        &self.inputs[i * self.window..(i + 1) * self.window]
    }

    /// The target of window `i`.
    pub fn target(&self, i: usize) -> &[f32] {
        &self.targets[i * self.outputs..(i + 1) * self.outputs]
    }

    /// Gathers the windows at `indices` into flat input and target buffers (one mini-batch).
    pub fn gather(&self, indices: &[usize]) -> (Vec<f32>, Vec<f32>) {
        let mut inputs = Vec::with_capacity(indices.len() * self.window);
        let mut targets = Vec::with_capacity(indices.len() * self.outputs);
        for &i in indices {
            inputs.extend_from_slice(self.input(i));
            targets.extend_from_slice(self.target(i));
        }
        (inputs, targets)
    }
}

/// Training and validation windows with the scaler that produced them.
#[derive(Debug, Clone, PartialEq)]
pub struct Dataset {
    /// The raw series (or the toy target), in its own units, for charts.
    pub series: Vec<f32>,
    /// Time index where validation starts: targets before it train, the rest validate.
    pub split_t: usize,
    /// Normalisation fitted on the training part.
    pub scaler: Scaler,
    /// Training windows.
    pub train: Windows,
    /// Validation windows.
    pub valid: Windows,
}

impl Dataset {
    /// Values per input window.
    pub fn window(&self) -> usize {
        self.train.window
    }

    /// Values per target.
    pub fn outputs(&self) -> usize {
        self.train.outputs
    }
}

/// Cuts `series` into windows of `window` values whose target is the next value (horizon 1).
///
/// A window belongs to training when its target lies before `split_t`; normalisation (when
/// asked for) is fitted on `series[..split_t]` only.
pub fn windowed_dataset(
    series: Vec<f32>,
    window: usize,
    split_t: usize,
    normalise: bool,
) -> Dataset {
    let split_t = split_t.min(series.len());
    let scaler = if normalise { Scaler::fit(&series[..split_t]) } else { Scaler::IDENTITY };
    let scaled: Vec<f32> = series.iter().map(|&v| scaler.normalise(v)).collect();

    let empty = || Windows { window, outputs: 1, ..Windows::default() };
    let (mut train, mut valid) = (empty(), empty());
    for t in window..series.len() {
        let part = if t < split_t { &mut train } else { &mut valid };
        part.inputs.extend_from_slice(&scaled[t - window..t]);
        part.targets.push(scaled[t]);
        part.positions.push(t);
    }

    Dataset { series, split_t, scaler, train, valid }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_split_by_target_time() {
        let series: Vec<f32> = (0..2000).map(|t| t as f32).collect();
        let data = windowed_dataset(series, 32, 1600, false);
        assert_eq!(data.train.len(), 1568);
        assert_eq!(data.valid.len(), 400);
        assert_eq!(data.train.input(0), &(0..32).map(|t| t as f32).collect::<Vec<_>>()[..]);
        assert_eq!(data.train.target(0), &[32.0]);
        assert_eq!(*data.valid.positions.first().unwrap(), 1600);
        assert_eq!(data.valid.target(399), &[1999.0]);
    }

    #[test]
    fn normalisation_uses_training_data_only() {
        let mut series: Vec<f32> = vec![1.0, 3.0, 1.0, 3.0, 1.0, 3.0];
        series.extend([100.0, 200.0]);
        let data = windowed_dataset(series, 2, 6, true);
        assert_eq!(data.scaler, Scaler { mean: 2.0, std: 1.0 });
        let last = *data.valid.targets.last().unwrap();
        assert_eq!(data.scaler.restore(last), 200.0);
    }
}
