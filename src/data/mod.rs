//! Data: synthetic series with a chosen noise model, the seed's toy examples, and the sliding
//! windows, split and normalisation that turn a series into training and validation sets.

mod noise;
mod series;
mod toy;
mod windows;

pub use noise::{NoiseKind, NoiseModel};
pub use series::{SeriesSpec, generate_series};
pub use toy::{FOUR_POINT_TRUTH, four_point_dataset, seven_point_dataset};
pub use windows::{Dataset, Scaler, Windows, windowed_dataset};
