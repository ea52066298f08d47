//! The comparison chart: validation MSE (solid, left axis) and validation MAE (dashed, right
//! axis) of runs that differ only in the loss, one colour per run.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::{INK, Style, chart_error, draw_legend, padded_range, x_label_count};
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
    let epochs = 0.5..(last_epoch as f64 + 0.5);
    let mses = padded_range(records().map(|r| r.val_mse));
    let maes = padded_range(records().map(|r| r.val_mae));

    let mut chart = ChartBuilder::on(area)
        .caption(
            "same data, different losses: validation MSE and MAE",
            ("sans-serif", style.font(16.0)).into_font().color(&INK),
        )
        .margin(style.px(10.0))
        .x_label_area_size(style.px(35.0))
        .y_label_area_size(style.px(60.0))
        .right_y_label_area_size(style.px(60.0))
        .build_cartesian_2d(epochs.clone(), mses)
        .map_err(chart_error)?
        .set_secondary_coord(epochs, maes);
    chart
        .configure_mesh()
        .label_style(("sans-serif", style.font(12.0)))
        .axis_desc_style(("sans-serif", style.font(13.0)))
        .x_desc("epoch")
        .x_labels(x_label_count(area, style).min(last_epoch + 1))
        .x_label_formatter(&|x| format!("{x:.0}"))
        .y_desc("validation MSE (solid)")
        .light_line_style(WHITE.mix(0.0))
        .draw()
        .map_err(chart_error)?;
    chart
        .configure_secondary_axes()
        .label_style(("sans-serif", style.font(12.0)))
        .axis_desc_style(("sans-serif", style.font(13.0)))
        .y_desc("validation MAE (dashed)")
        .draw()
        .map_err(chart_error)?;

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
