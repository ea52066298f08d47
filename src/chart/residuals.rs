//! The residual histogram with the mean and the median marked: where they sit apart, MSE and MAE
//! pull the model towards different targets.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::{
    INK, PREDICTION_COLOUR, Style, VAL_LOSS_COLOUR, VAL_MAE_COLOUR, chart_error, draw_legend,
    padded_range,
};
use crate::error::LossgapError;
use crate::train::{Forecast, mean, median};

/// Number of histogram bins.
const BINS: usize = 30;

/// Draws the histogram of `forecast`'s residuals onto `area`.
pub fn draw_residuals<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    forecast: &Forecast,
    style: Style,
) -> Result<(), LossgapError> {
    let legend_w = style.px(18.0) as i32;
    area.fill(&WHITE).map_err(chart_error)?;
    let residuals = forecast.residuals();
    let span = padded_range(residuals.iter().copied());
    let width = (span.end - span.start) / BINS as f64;
    let mut counts = [0usize; BINS];
    for r in &residuals {
        let bin = (((r - span.start) / width) as usize).min(BINS - 1);
        counts[bin] += 1;
    }
    let highest = counts.iter().copied().max().unwrap_or(0).max(1) as f64 * 1.1;

    let mut chart = ChartBuilder::on(area)
        .caption(
            "residuals (prediction − truth)",
            ("sans-serif", style.font(16.0)).into_font().color(&INK),
        )
        .margin(style.px(10.0))
        .x_label_area_size(style.px(35.0))
        .y_label_area_size(style.px(45.0))
        .build_cartesian_2d(span.clone(), 0.0..highest)
        .map_err(chart_error)?;
    chart
        .configure_mesh()
        .label_style(("sans-serif", style.font(12.0)))
        .axis_desc_style(("sans-serif", style.font(13.0)))
        .x_desc("residual")
        .y_desc("count")
        .light_line_style(WHITE.mix(0.0))
        .draw()
        .map_err(chart_error)?;

    let bars = counts.iter().enumerate().map(|(i, &count)| {
        let left = span.start + i as f64 * width;
        Rectangle::new(
            [(left, 0.0), (left + width, count as f64)],
            PREDICTION_COLOUR.mix(0.5).filled(),
        )
    });
    chart.draw_series(bars).map_err(chart_error)?;

    if !residuals.is_empty() {
        let marks = [
            ("mean", mean(&residuals), VAL_LOSS_COLOUR),
            ("median", median(&residuals), VAL_MAE_COLOUR),
        ];
        for (name, value, colour) in marks {
            let line = vec![(value, 0.0), (value, highest)];
            chart
                .draw_series(std::iter::once(PathElement::new(
                    line,
                    colour.stroke_width(style.px(2.0)),
                )))
                .map_err(chart_error)?
                .label(format!("{name} {value:.3}"))
                .legend(move |(x, y)| {
                    PathElement::new(
                        vec![(x, y), (x + legend_w, y)],
                        colour.stroke_width(style.px(2.0)),
                    )
                });
        }
        draw_legend(&mut chart, SeriesLabelPosition::UpperRight, style)?;
    }
    Ok(())
}
