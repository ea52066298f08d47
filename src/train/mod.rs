//! Training: the step-wise [`Session`], its [`History`], and the analyses run at every
//! validation pass (error decomposition, divergence spans, early stopping).

mod compare;
mod decomposition;
mod divergence;
mod history;
mod session;
mod stats;

pub use compare::{COMPARE_RUNS, CompareRow, Comparison, check_losses};
pub use decomposition::{Decomposition, decompose};
pub use divergence::{
    DivergenceSpan, NOTABLE_PARTING, Parting, divergence_spans, strongest_parting,
};
pub use history::{EpochRecord, History, StopReason};
pub use session::{Forecast, Progress, Session, dataset_for};
pub use stats::{mean, median};
