//! The crate's typed errors. They become a readable message once, at the boundary: a line on
//! stderr for the CLI, a `JsError` for the page.

use thiserror::Error;

/// A setting outside what lossgap accepts, naming the field, the value given and what is allowed.
#[derive(Debug, Clone, PartialEq, Error)]
#[error("{field} = {value} is not allowed: {allowed}")]
pub struct SettingsError {
    /// The setting's name, as in the settings struct, the URL and (with dashes) the CLI.
    pub field: &'static str,
    /// The value that was given, as text.
    pub value: String,
    /// The allowed range or choices, in words.
    pub allowed: String,
}

impl SettingsError {
    /// A new error for `field`.
    pub fn new(field: &'static str, value: impl ToString, allowed: impl Into<String>) -> Self {
        Self { field, value: value.to_string(), allowed: allowed.into() }
    }
}

/// Everything that can go wrong in lossgap.
#[derive(Debug, Error)]
pub enum LossgapError {
    /// A setting was out of range or malformed.
    #[error(transparent)]
    Settings(#[from] SettingsError),

    /// Training produced a NaN or an infinite value; the history up to that step is kept.
    #[error("training diverged at step {step} (epoch {epoch}): the {what} became {value}; {hint}")]
    Diverged {
        /// The global step (1-based) whose update produced the value.
        step: usize,
        /// The epoch (1-based) that step belonged to.
        epoch: usize,
        /// What was found non-finite (the training loss, the validation predictions).
        what: &'static str,
        /// The offending value, as text (`NaN`, `inf`).
        value: String,
        /// The setting most likely at fault and what to try.
        hint: String,
    },

    /// The compute device could not be set up or failed while running.
    #[error("device error: {0}")]
    Device(String),

    /// A chart could not be drawn.
    #[error("chart error: {0}")]
    Chart(String),

    /// The benchmark workload could not be read or run.
    #[error("benchmark: {0}")]
    Bench(String),

    /// A preset name that does not exist.
    #[error("unknown preset '{name}'; known presets: {known}")]
    UnknownPreset {
        /// The name asked for.
        name: String,
        /// The names that exist, comma-separated.
        known: String,
    },

    /// Input or output failed (the CLI's files).
    #[error("{context}: {source}")]
    Io {
        /// What was being done, naming the path.
        context: String,
        /// The underlying error.
        source: std::io::Error,
    },
}

/// Shorthand for results in this crate.
pub type Result<T, E = LossgapError> = std::result::Result<T, E>;
