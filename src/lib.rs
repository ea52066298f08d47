//! lossgap: train small recurrent forecasters and watch validation loss and validation MAE part
//! ways.
//!
//! The crate root only declares modules; each holds one idea. Nothing here knows about the DOM:
//! the browser layer (`web`, wasm32 only) and the native CLI (`src/main.rs`) both drive the same
//! [`train::Session`] and draw the same [`chart`]s.

pub mod bench;
pub mod chart;
pub mod data;
pub mod device;
pub mod error;
#[cfg(not(target_family = "wasm"))]
pub mod executor;
pub mod lesson;
pub mod loss;
pub mod model;
pub mod report;
pub mod rng;
pub mod settings;
pub mod train;
#[cfg(target_family = "wasm")]
pub mod web;

// Every tensor operation allocates its result, so allocation is a visible share of a training
// step; talc measured faster than Rust's default wasm allocator (dlmalloc) on the workload.
#[cfg(all(target_family = "wasm", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

pub use error::LossgapError;
pub use settings::Settings;
pub use train::Session;
