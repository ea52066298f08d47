//! A training run that advances in increments the caller chooses, so a page can train a few
//! steps per animation frame and a CLI can run to the end, over the same code.

use burn::module::Module;
use burn::optim::{
    AdamConfig, GradientsParams, ModuleOptimizer, SgdConfig, grad_clipping::GradientClippingConfig,
    momentum::MomentumConfig,
};
use burn::tensor::{Device, Tensor, TensorData};
use serde::Serialize;

use super::{EpochRecord, History, StopReason, decompose};
use crate::data::{
    Dataset, SeriesSpec, four_point_dataset, generate_series, seven_point_dataset, windowed_dataset,
};
use crate::error::{LossgapError, Result};
use crate::loss::Loss;
use crate::model::{Architecture, Forecaster};
use crate::rng::Rng;
use crate::settings::{DatasetKind, EarlyStop, OptimizerKind, Settings};

/// Stream id for the batch order (see [`Rng::derive`]).
const ORDER_STREAM: u64 = 4;

/// A small summary of where a run stands, cheap to send across the wasm boundary.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Progress {
    /// Completed epochs.
    pub epoch: usize,
    /// Steps run so far.
    pub step: usize,
    /// Steps in one epoch.
    pub steps_per_epoch: usize,
    /// Training loss of the latest step.
    pub last_train_loss: Option<f64>,
    /// Figures of the latest completed epoch.
    pub latest: Option<EpochRecord>,
    /// Why the run ended, once it has.
    pub stop: Option<StopReason>,
}

/// Validation targets and predictions, in the series' units, for the forecast and residual
/// charts. `predictions` is empty until the first validation pass.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Forecast {
    /// Time index of each target.
    pub positions: Vec<usize>,
    /// The true values.
    pub truth: Vec<f32>,
    /// The model's predictions.
    pub predictions: Vec<f32>,
}

impl Forecast {
    /// prediction − truth for every validation target.
    pub fn residuals(&self) -> Vec<f64> {
        self.predictions.iter().zip(&self.truth).map(|(&p, &t)| p as f64 - t as f64).collect()
    }
}

/// The best weights so far by the early-stopping metric, with their validation predictions.
struct Best {
    epoch: usize,
    value: f64,
    model: Forecaster,
    predictions: Vec<f32>,
}

/// One training run: data, model, optimizer and history.
pub struct Session {
    settings: Settings,
    device: Device,
    data: Dataset,
    loss: Loss,
    model: Forecaster,
    optimizer: ModuleOptimizer,
    history: History,
    order: Vec<usize>,
    cursor: usize,
    order_rng: Rng,
    shuffle: bool,
    steps: usize,
    epoch_loss_sum: f64,
    epoch_steps: usize,
    last_train_loss: Option<f64>,
    predictions: Vec<f32>,
    best: Option<Best>,
    /// Validation windows predicted per call of [`Session::step`]; `None`: all at once.
    validation_chunk: Option<usize>,
    /// The normalised predictions of a validation pass under way.
    validating: Option<Vec<f32>>,
}

impl Session {
    /// Validates `settings`, builds the data, the model (on `device`, with autodiff switched on)
    /// and the optimizer.
    pub fn new(settings: Settings, device: &Device) -> Result<Session> {
        settings.validate()?;
        let data = dataset_for(&settings);
        Ok(Session::build(settings, data, device))
    }

    /// Like [`Session::new`] over a given dataset (the benchmark's fixed series, for example).
    pub fn with_dataset(settings: Settings, data: Dataset, device: &Device) -> Result<Session> {
        settings.validate()?;
        Ok(Session::build(settings, data, device))
    }

    /// Builds the run from settings already validated.
    pub(super) fn build(settings: Settings, data: Dataset, device: &Device) -> Session {
        let device = device.clone().autodiff();
        let arch = Architecture {
            kind: settings.model,
            window: data.window(),
            outputs: data.outputs(),
            hidden: settings.hidden,
            layers: settings.layers,
        };
        let model = Forecaster::new(arch, settings.seed, &device);
        let mut session = Session {
            loss: settings.loss_fn(),
            optimizer: optimizer_for(&settings),
            order: (0..data.train.len()).collect(),
            order_rng: Rng::derive(settings.seed, ORDER_STREAM),
            shuffle: true,
            settings,
            device,
            data,
            model,
            history: History::default(),
            cursor: 0,
            steps: 0,
            epoch_loss_sum: 0.0,
            epoch_steps: 0,
            last_train_loss: None,
            predictions: Vec::new(),
            best: None,
            validation_chunk: None,
            validating: None,
        };
        session.start_epoch();
        session
    }

    /// Visit the training windows in their stored order instead of shuffling them each epoch
    /// (the benchmark workload asks for it).
    pub fn without_shuffling(mut self) -> Session {
        self.shuffle = false;
        self.order = (0..self.data.train.len()).collect();
        self
    }

    /// Splits each validation pass into parts of `rows` windows, one part per unit of
    /// [`Session::step`], so that no single call holds a page's main thread for the whole pass.
    /// The figures are the same: each window is predicted on its own.
    pub fn validate_in_chunks(mut self, rows: usize) -> Session {
        self.validation_chunk = Some(rows.max(1));
        self
    }

    /// The settings this run was built from.
    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// The data it trains and validates on.
    pub fn dataset(&self) -> &Dataset {
        &self.data
    }

    /// Every completed epoch's figures.
    pub fn history(&self) -> &History {
        &self.history
    }

    /// The latest validation predictions, in the series' units, aligned with
    /// `dataset().valid.positions`.
    pub fn predictions(&self) -> &[f32] {
        &self.predictions
    }

    /// The validation targets beside the latest predictions, in the series' units.
    pub fn forecast(&self) -> Forecast {
        let valid = &self.data.valid;
        let scaler = self.data.scaler;
        Forecast {
            positions: valid.positions.clone(),
            truth: valid.targets.iter().map(|&t| scaler.restore(t)).collect(),
            predictions: self.predictions.clone(),
        }
    }

    /// The model as it stands (for inspection and tests).
    pub fn model(&self) -> &Forecaster {
        &self.model
    }

    /// Whether the run has ended.
    pub fn is_finished(&self) -> bool {
        self.history.stop.is_some()
    }

    /// Steps in one epoch (the last batch may be smaller).
    pub fn steps_per_epoch(&self) -> usize {
        self.data.train.len().div_ceil(self.settings.batch)
    }

    /// Where the run stands.
    pub fn progress(&self) -> Progress {
        Progress {
            epoch: self.history.records.len(),
            step: self.steps,
            steps_per_epoch: self.steps_per_epoch(),
            last_train_loss: self.last_train_loss,
            latest: self.history.latest().copied(),
            stop: self.history.stop.clone(),
        }
    }

    /// Runs up to `n` steps; an epoch that completes on the way ends with a validation pass.
    /// When validation is split ([`Session::validate_in_chunks`]), each part of the pass takes
    /// the place of a step, and the epoch is recorded with the last part.
    ///
    /// A step whose loss is NaN or infinite ends the run with [`LossgapError::Diverged`]; the
    /// history up to it is kept and later calls do nothing.
    pub async fn step(&mut self, n: usize) -> Result<Progress> {
        for _ in 0..n {
            if self.is_finished() {
                break;
            }
            if self.validating.is_some() {
                self.validate_part().await?;
                continue;
            }
            self.train_step().await?;
            if self.cursor >= self.order.len() {
                self.validating = Some(Vec::with_capacity(self.data.valid.targets.len()));
                if self.validation_chunk.is_none() {
                    self.validate_part().await?;
                }
            }
        }
        Ok(self.progress())
    }

    /// Runs until `epochs` more epochs have completed or the run ends.
    pub async fn run_epochs(&mut self, epochs: usize) -> Result<Progress> {
        let target = self.history.records.len() + epochs;
        while !self.is_finished() && self.history.records.len() < target {
            self.step(1).await?;
        }
        Ok(self.progress())
    }

    /// Runs to the end: all epochs, early stopping or divergence.
    pub async fn run_to_end(&mut self) -> Result<Progress> {
        self.run_epochs(usize::MAX / 2).await
    }

    /// The same run, rebuilt on `device` and brought to the same step by training again: the
    /// way to carry on when this run's device is lost, since its weights cannot be read back
    /// from a lost device. Every run is determined by its settings and seed, so the replay
    /// takes the same batches from the same initial weights; the epochs already recorded (and
    /// charted) are kept as they were, and later epochs come from the new device.
    pub async fn replay_on(&self, device: &Device) -> Result<Session> {
        let mut replay = Session::build(self.settings.clone(), self.data.clone(), device);
        if !self.shuffle {
            replay = replay.without_shuffling();
        }
        let target = self.steps;
        while replay.steps < target && !replay.is_finished() {
            replay.step(1).await?;
        }
        // A replay that ended on its own (float differences can move an early stop) keeps its own
        // history, which then tells the whole story; otherwise the charted epochs stay, followed
        // by any the replay completed beyond them (a validation pass this run had not finished).
        if !replay.is_finished() {
            let charted = self.history.records.len();
            let mut history = self.history.clone();
            history.records.extend(replay.history.records.iter().skip(charted).copied());
            replay.history = history;
        }
        replay.validation_chunk = self.validation_chunk;
        Ok(replay)
    }

    /// The batch order of a new epoch.
    fn start_epoch(&mut self) {
        if self.shuffle {
            self.order_rng.shuffle(&mut self.order);
        }
        self.cursor = 0;
        self.epoch_loss_sum = 0.0;
        self.epoch_steps = 0;
    }

    /// One mini-batch: forward, loss, backward, optimizer step, and the loss read back.
    async fn train_step(&mut self) -> Result<()> {
        let end = (self.cursor + self.settings.batch).min(self.order.len());
        let indices = &self.order[self.cursor..end];
        let (inputs, targets) = self.data.train.gather(indices);
        let rows = indices.len();
        self.cursor = end;

        let x = Tensor::<2>::from_data(
            TensorData::new(inputs, [rows, self.data.window()]),
            &self.device,
        );
        let y = Tensor::<2>::from_data(
            TensorData::new(targets, [rows, self.data.outputs()]),
            &self.device,
        );
        let loss = self.loss.tensor(self.model.forward(x), y);
        let grads = GradientsParams::from_grads(loss.backward(), &self.model);
        self.model = self.optimizer.step(self.settings.lr, self.model.clone(), grads);
        self.steps += 1;

        // Read after the update is queued, so that a GPU can work while the value travels back.
        let value = loss.into_scalar_async::<f32>().await.map_err(device_error)? as f64;
        self.last_train_loss = Some(value);
        if !value.is_finite() {
            return Err(self.diverged("training loss", value));
        }
        self.epoch_loss_sum += value;
        self.epoch_steps += 1;
        Ok(())
    }

    /// The next part of the validation pass under way; the last part ends the epoch.
    async fn validate_part(&mut self) -> Result<()> {
        let total = self.data.valid.len();
        // Each window predicts `outputs` values.
        let outputs = self.data.valid.outputs.max(1);
        let done = self.validating.as_ref().map_or(0, Vec::len) / outputs;
        let rows = self.validation_chunk.unwrap_or(total).min(total - done);
        let part = self.predict_valid(done, rows).await?;
        let predicted = self.validating.get_or_insert_with(Vec::new);
        predicted.extend(part);
        if predicted.len() / outputs >= total {
            let normalised = self.validating.take().unwrap_or_default();
            self.end_epoch(normalised)?;
        }
        Ok(())
    }

    /// Normalised predictions for `rows` validation windows from `first`.
    async fn predict_valid(&self, first: usize, rows: usize) -> Result<Vec<f32>> {
        let valid = &self.data.valid;
        let window = valid.window;
        let inputs = valid.inputs[first * window..(first + rows) * window].to_vec();
        let inner = self.device.clone().without_autodiff();
        let x = Tensor::<2>::from_data(TensorData::new(inputs, [rows, window]), &inner);
        let output = self.model.valid().forward(x);
        let data = output.into_data_async().await.map_err(device_error)?;
        data.try_to_vec::<f32>().map_err(|e| LossgapError::Device(format!("{e:?}")))
    }

    /// History record, early stopping and the end-of-run check, from the validation pass.
    fn end_epoch(&mut self, normalised: Vec<f32>) -> Result<()> {
        let record = self.validate(normalised)?;
        self.history.records.push(record);
        self.track_best(&record);

        if let Some(reason) = self.early_stop(&record) {
            self.finish(reason);
        } else if self.history.records.len() >= self.settings.epochs {
            self.finish(StopReason::Completed);
        } else {
            self.start_epoch();
        }
        Ok(())
    }

    /// The epoch's figures from the normalised predictions of every validation window.
    fn validate(&mut self, normalised: Vec<f32>) -> Result<EpochRecord> {
        let valid = &self.data.valid;
        if let Some(bad) = normalised.iter().find(|v| !v.is_finite()) {
            return Err(self.diverged("validation predictions", *bad as f64));
        }

        let scaler = self.data.scaler;
        let epoch = self.history.records.len() + 1;
        let val_loss = self.loss.reference(&normalised, &valid.targets);
        self.predictions = normalised.iter().map(|&v| scaler.restore(v)).collect();
        let residuals: Vec<f64> = self
            .predictions
            .iter()
            .zip(&valid.targets)
            .map(|(&p, &t)| p as f64 - scaler.restore(t) as f64)
            .collect();

        let train_loss = self.epoch_loss_sum / self.epoch_steps.max(1) as f64;
        Ok(EpochRecord {
            epoch,
            step: self.steps,
            train_loss,
            val_loss,
            val_mse: super::mean(&residuals.iter().map(|r| r * r).collect::<Vec<_>>()),
            val_mae: super::mean(&residuals.iter().map(|r| r.abs()).collect::<Vec<_>>()),
            decomposition: decompose(&residuals),
        })
    }

    /// Keeps the weights of the best epoch by the watched metric.
    fn track_best(&mut self, record: &EpochRecord) {
        if self.settings.early_stop == EarlyStop::Off {
            return;
        }
        let value = record.watched(self.settings.early_stop);
        if self.best.as_ref().is_none_or(|best| value < best.value) {
            self.best = Some(Best {
                epoch: record.epoch,
                value,
                model: self.model.clone(),
                predictions: self.predictions.clone(),
            });
        }
    }

    /// Stops when the watched metric has not improved for `patience` epochs.
    fn early_stop(&mut self, record: &EpochRecord) -> Option<StopReason> {
        let best = self.best.as_ref()?;
        if record.epoch - best.epoch < self.settings.patience {
            return None;
        }
        let best_epoch = best.epoch;
        let restored = self.settings.restore_best;
        if restored {
            let best = self.best.take()?;
            self.model = best.model;
            self.predictions = best.predictions;
        }
        Some(StopReason::EarlyStopped {
            metric: self.settings.early_stop,
            best_epoch,
            stopped_epoch: record.epoch,
            restored,
        })
    }

    fn finish(&mut self, reason: StopReason) {
        log::info!("run ended after {} epochs: {:?}", self.history.records.len(), reason);
        self.history.stop = Some(reason);
    }

    /// Ends the run on a non-finite value, naming the step and the likely cause.
    fn diverged(&mut self, what: &'static str, value: f64) -> LossgapError {
        let error = LossgapError::Diverged {
            step: self.steps,
            epoch: self.history.records.len() + 1,
            what,
            value: format!("{value}"),
            hint: divergence_hint(&self.settings),
        };
        log::info!("{error}");
        self.finish(StopReason::Diverged { step: self.steps, message: error.to_string() });
        error
    }
}

/// The setting most likely at fault when training produced a NaN or infinity.
fn divergence_hint(settings: &Settings) -> String {
    let lr = settings.lr;
    let mut hint =
        format!("the learning rate (lr = {lr}) is most likely too high; try lr = {}", lr / 10.0);
    if settings.grad_clip == 0.0 {
        hint.push_str(", or set grad_clip (for example 1.0)");
    }
    hint
}

fn device_error(error: impl std::fmt::Debug) -> LossgapError {
    LossgapError::Device(format!("reading a value back failed: {error:?}"))
}

/// The data a run's settings describe.
pub fn dataset_for(settings: &Settings) -> Dataset {
    match settings.dataset {
        DatasetKind::Series => {
            let spec = SeriesSpec {
                length: settings.series_length,
                noise: settings.noise_model(),
                seed: settings.seed,
            };
            let series = generate_series(&spec);
            windowed_dataset(series, settings.window, settings.split_t(), settings.normalise)
        }
        DatasetKind::FourPoint => four_point_dataset(settings.seed),
        DatasetKind::SevenPoint => seven_point_dataset(settings.seed),
    }
}

/// Adam or SGD with momentum, with optional gradient-norm clipping.
fn optimizer_for(settings: &Settings) -> ModuleOptimizer {
    let clipping = (settings.grad_clip > 0.0)
        .then_some(GradientClippingConfig::Norm(settings.grad_clip as f32));
    match settings.optimizer {
        OptimizerKind::Adam => AdamConfig::new().with_grad_clipping(clipping).init(),
        OptimizerKind::Sgd => {
            let momentum =
                MomentumConfig::new().with_momentum(settings.momentum).with_dampening(0.0);
            SgdConfig::new().with_momentum(Some(momentum)).with_gradient_clipping(clipping).init()
        }
    }
}
