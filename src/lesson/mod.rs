//! What lossgap teaches in words: the four-point worked example, and the explanations written
//! from a run's figures and from a comparison's.

mod compare;
mod explain;
mod worked;

pub use compare::explain_comparison;
pub use explain::explain;
pub use worked::{WORKED_DELTA, WorkedExample, WorkedRow, number, worked_example};
