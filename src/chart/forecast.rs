//! The forecast chart: the validation series and the model's one-step predictions.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::{INK, PREDICTION_COLOUR, Style, chart_error, draw_legend, padded_range, x_label_count};
use crate::error::LossgapError;
use crate::train::Forecast;

/// Draws truth and predictions of `forecast` onto `area`.
pub fn draw_forecast<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    forecast: &Forecast,
    style: Style,
) -> Result<(), LossgapError> {
    let legend_w = style.px(18.0) as i32;
    area.fill(&WHITE).map_err(chart_error)?;
    let first = forecast.positions.first().copied().unwrap_or(0) as f64;
    let last = forecast.positions.last().copied().unwrap_or(1) as f64;
    let times = first..last.max(first + 1.0);
    let values =
        padded_range(forecast.truth.iter().chain(&forecast.predictions).map(|&v| v as f64));

    let mut chart = ChartBuilder::on(area)
        .caption("validation forecast", ("sans-serif", style.font(16.0)).into_font().color(&INK))
        .margin(style.px(10.0))
        .x_label_area_size(style.px(35.0))
        .y_label_area_size(style.px(55.0))
        .build_cartesian_2d(times, values)
        .map_err(chart_error)?;
    chart
        .configure_mesh()
        .label_style(("sans-serif", style.font(12.0)))
        .axis_desc_style(("sans-serif", style.font(13.0)))
        .x_desc("time")
        .x_labels(x_label_count(area, style))
        .x_label_formatter(&|x| format!("{x:.0}"))
        .y_desc("value")
        .light_line_style(WHITE.mix(0.0))
        .draw()
        .map_err(chart_error)?;

    let truth = forecast.positions.iter().zip(&forecast.truth).map(|(&t, &v)| (t as f64, v as f64));
    chart
        .draw_series(LineSeries::new(truth, INK.mix(0.6).stroke_width(style.px(1.0))))
        .map_err(chart_error)?
        .label("validation series")
        .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + legend_w, y)], INK));
    let predicted =
        forecast.positions.iter().zip(&forecast.predictions).map(|(&t, &v)| (t as f64, v as f64));
    chart
        .draw_series(LineSeries::new(predicted, PREDICTION_COLOUR.stroke_width(style.px(2.0))))
        .map_err(chart_error)?
        .label("prediction")
        .legend(move |(x, y)| {
            PathElement::new(
                vec![(x, y), (x + legend_w, y)],
                PREDICTION_COLOUR.stroke_width(style.px(2.0)),
            )
        });

    draw_legend(&mut chart, SeriesLabelPosition::UpperLeft, style)?;
    Ok(())
}
