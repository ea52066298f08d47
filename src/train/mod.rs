//! Training: the step-wise [`Session`], its [`History`], and the analyses run at every
//! validation pass (error decomposition, divergence spans, early stopping).

mod decomposition;
mod divergence;
mod history;
mod session;
mod stats;

pub use decomposition::{Decomposition, decompose};
pub use divergence::{DivergenceSpan, divergence_spans};
pub use history::{EpochRecord, History, StopReason};
pub use session::{Forecast, Progress, Session, dataset_for};
pub use stats::{mean, median};
