//! The command line's shape. Setting flags are named after the settings' fields, so a range
//! error from `Settings::validate` names the flag a user typed.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

/// Train small recurrent forecasters and watch validation loss and validation MAE part ways.
#[derive(Debug, Parser)]
#[command(name = "lossgap", version)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Train a forecaster and report each epoch.
    Train(Box<TrainArgs>),
    /// Time the standard benchmark workload and print its JSON lines.
    Bench(BenchArgs),
    /// Train two to four runs that differ only in the loss, in lockstep, and compare them.
    Compare(Box<CompareArgs>),
    /// List the presets, one line each.
    Presets,
    /// MSE, MAE, RMSE, Huber and residual mean and median of a prediction.
    Score(ScoreArgs),
}

/// Flags of `lossgap train`.
#[derive(Debug, Args)]
pub struct TrainArgs {
    /// The run's settings.
    #[command(flatten)]
    pub settings: SettingArgs,
    /// Where to train.
    #[arg(long, value_parser = ["cpu", "wgpu"], default_value = "cpu")]
    pub backend: String,
    /// Write CSV rows to this file as epochs complete (`-` for stdout).
    #[arg(long)]
    pub csv: Option<String>,
    /// Write the charts to this SVG file at the end.
    #[arg(long)]
    pub svg: Option<PathBuf>,
    /// Print one JSON document with settings, history, best epochs, spans and decomposition.
    #[arg(long)]
    pub json: bool,
}

/// Flags of `lossgap compare`.
#[derive(Debug, Args)]
pub struct CompareArgs {
    /// The settings the runs share.
    #[command(flatten)]
    pub settings: SettingArgs,
    /// The losses to compare, two to four, comma-separated.
    #[arg(long, value_delimiter = ',', value_parser = ["mse", "mae", "huber", "mixed", "pinball"],
          default_value = "mse,mae,huber")]
    pub losses: Vec<String>,
    /// Write CSV rows (one column group per loss) to this file as epochs complete (`-` for
    /// stdout).
    #[arg(long)]
    pub csv: Option<String>,
}

/// The setting flags shared by `train` and `compare`. Each overrides the preset's value.
#[derive(Debug, Args)]
pub struct SettingArgs {
    /// Start from this preset (see `lossgap presets`).
    #[arg(long)]
    pub preset: Option<String>,
    /// Model family.
    #[arg(long, value_parser = ["rnn", "gru", "lstm", "linear"])]
    pub model: Option<String>,
    /// Training loss.
    #[arg(long, value_parser = ["mse", "mae", "huber", "mixed", "pinball"])]
    pub loss: Option<String>,
    /// Huber's δ, in standard deviations of the training series.
    #[arg(long)]
    pub huber_delta: Option<f64>,
    /// Weight α of MSE in the mixed loss α·MSE + (1−α)·MAE.
    #[arg(long)]
    pub mix_alpha: Option<f64>,
    /// The pinball loss's quantile τ.
    #[arg(long)]
    pub quantile: Option<f64>,
    /// Noise shape.
    #[arg(long, value_parser = ["gaussian", "laplace", "lognormal", "student-t", "outliers"])]
    pub noise: Option<String>,
    /// Noise scale, in the series' units.
    #[arg(long)]
    pub noise_level: Option<f64>,
    /// Probability of a spike at each point.
    #[arg(long)]
    pub outlier_rate: Option<f64>,
    /// Size of a spike, in the series' units.
    #[arg(long)]
    pub outlier_scale: Option<f64>,
    /// Points in the series.
    #[arg(long)]
    pub series_length: Option<usize>,
    /// Hidden units per recurrent layer.
    #[arg(long)]
    pub hidden: Option<usize>,
    /// Recurrent layers (1 or 2).
    #[arg(long)]
    pub layers: Option<usize>,
    /// Values per input window.
    #[arg(long)]
    pub window: Option<usize>,
    /// Share of the series (by time) that trains.
    #[arg(long)]
    pub train_fraction: Option<f64>,
    /// Windows per mini-batch.
    #[arg(long)]
    pub batch: Option<usize>,
    /// Learning rate.
    #[arg(long)]
    pub lr: Option<f64>,
    /// Optimizer.
    #[arg(long, value_parser = ["adam", "sgd"])]
    pub optimizer: Option<String>,
    /// SGD momentum.
    #[arg(long)]
    pub momentum: Option<f64>,
    /// Gradient-norm clipping threshold (0 turns it off).
    #[arg(long)]
    pub grad_clip: Option<f64>,
    /// Epochs to train at most.
    #[arg(long)]
    pub epochs: Option<usize>,
    /// Stop early when this validation figure stops improving.
    #[arg(long, value_parser = ["off", "val_loss", "val_mae"])]
    pub early_stop: Option<String>,
    /// Epochs without improvement before stopping.
    #[arg(long)]
    pub patience: Option<usize>,
    /// Keep the last weights instead of restoring the best ones when stopping early.
    #[arg(long)]
    pub keep_last: bool,
    /// Seed of the series, the initial weights and the batch order.
    #[arg(long)]
    pub seed: Option<u64>,
}

/// Flags of `lossgap bench`.
#[derive(Debug, Args)]
pub struct BenchArgs {
    /// The workload series (JSON with `x`, `window`, `split_t`); the shipped copy by default.
    #[arg(long)]
    pub series: Option<PathBuf>,
    /// How many times to repeat the timing (medians and min–max are printed).
    #[arg(long, default_value_t = 5)]
    pub repeats: usize,
    /// Also run this many steps and report memory and step time early against late.
    #[arg(long)]
    pub soak: Option<usize>,
    /// Where to train: `cpu` (the default CPU backend), `wgpu`, or a CPU backend by name
    /// (`ndarray`, `flex`) to compare them.
    #[arg(long, value_parser = ["cpu", "wgpu", "ndarray", "flex"], default_value = "cpu")]
    pub backend: String,
}

/// Flags of `lossgap score`.
#[derive(Debug, Args)]
pub struct ScoreArgs {
    /// The true values, comma-separated.
    #[arg(long, allow_hyphen_values = true)]
    pub truth: String,
    /// The predictions, comma-separated.
    #[arg(long, allow_hyphen_values = true)]
    pub pred: String,
    /// Huber's δ, in the values' units.
    #[arg(long, default_value_t = 1.0)]
    pub huber_delta: f64,
}
