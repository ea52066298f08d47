//! The comparison chart: validation MSE (solid, left axis) and validation MAE (dashed, right
//! axis) of runs that differ only in the loss, one colour per run.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::{EpochAxes, Style, chart_error, draw_legend, epoch_chart, padded_range};
use crate::error::LossgapError;
use crate::train::History;

/// One colour per run, in the order the runs are given.
const RUN_COLOURS: [RGBColor; 4] =
    [RGBColor(31, 119, 180), RGBColor(214, 39, 40), RGBColor(44, 160, 44), RGBColor(148, 103, 189)];

/// One run of a comparison: its label and its history.
pub struct CompareSeries<'a> {
    /// The loss it trains on, as a label ("MSE", "Huber δ=1").
    pub label: String,
    /// Its epochs so far.
    pub history: &'a History,
}

/// Draws the comparison of `runs` onto `area` (the caller presents the drawing).
pub fn draw_compare<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    runs: &[CompareSeries],
    style: Style,
) -> Result<(), LossgapError> {
    area.fill(&WHITE).map_err(chart_error)?;
    let records = || runs.iter().flat_map(|run| run.history.records.iter());
    let last_epoch = records().map(|r| r.epoch).max().unwrap_or(1).max(1);
    let mses = padded_range(records().map(|r| r.val_mse));
    let maes = padded_range(records().map(|r| r.val_mae));

    let axes = EpochAxes {
        caption: "same data, different losses: validation MSE and MAE",
        left: "validation MSE (solid)",
        right: "validation MAE (dashed)",
    };
    let mut chart = epoch_chart(area, axes, last_epoch, mses, maes, style)?;

    let legend_w = style.px(18.0) as i32;
    for (run, colour) in runs.iter().zip(RUN_COLOURS) {
        let stroke = colour.stroke_width(style.px(2.0));
        let mse = run.history.records.iter().map(|r| (r.epoch as f64, r.val_mse));
        chart
            .draw_series(LineSeries::new(mse, stroke))
            .map_err(chart_error)?
            .label(format!("trained on {}", run.label))
            .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + legend_w, y)], stroke));
        let mae = run.history.records.iter().map(|r| (r.epoch as f64, r.val_mae));
        chart
            .draw_secondary_series(DashedLineSeries::new(mae, style.px(6.0), style.px(4.0), stroke))
            .map_err(chart_error)?;
    }

    draw_legend(&mut chart, SeriesLabelPosition::UpperRight, style)?;
    Ok(())
}
