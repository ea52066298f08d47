//! The curves chart: training and validation loss on the left axis, validation MAE on its own
//! axis on the right, best-epoch markers, the early-stop point and shaded divergence spans.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::{
    INK, SPAN_COLOUR, TRAIN_COLOUR, VAL_LOSS_COLOUR, VAL_MAE_COLOUR, chart_error, padded_range,
};
use crate::error::LossgapError;
use crate::train::History;

/// Draws the curves chart of `history` onto `area` (the caller presents the drawing).
pub fn draw_curves<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    history: &History,
) -> Result<(), LossgapError> {
    area.fill(&WHITE).map_err(chart_error)?;
    let records = &history.records;
    let last_epoch = records.last().map_or(1, |r| r.epoch).max(1);
    let epochs = 0.5..(last_epoch as f64 + 0.5);
    let losses = padded_range(records.iter().flat_map(|r| [r.train_loss, r.val_loss]));
    let maes = padded_range(records.iter().map(|r| r.val_mae));

    let mut chart = ChartBuilder::on(area)
        .caption("validation loss and validation MAE", ("sans-serif", 18).into_font().color(&INK))
        .margin(10)
        .x_label_area_size(35)
        .y_label_area_size(60)
        .right_y_label_area_size(60)
        .build_cartesian_2d(epochs.clone(), losses.clone())
        .map_err(chart_error)?
        .set_secondary_coord(epochs, maes.clone());
    chart
        .configure_mesh()
        .x_desc("epoch")
        .y_desc("loss (normalised)")
        .light_line_style(WHITE.mix(0.0))
        .draw()
        .map_err(chart_error)?;
    chart.configure_secondary_axes().y_desc("validation MAE").draw().map_err(chart_error)?;

    // Spans first, so the curves are drawn over them.
    for span in history.divergence_spans() {
        let corners =
            [(span.start_epoch as f64, losses.start), (span.end_epoch as f64, losses.end)];
        chart
            .draw_series(std::iter::once(Rectangle::new(corners, SPAN_COLOUR.mix(0.15).filled())))
            .map_err(chart_error)?;
    }

    let line = |colour: RGBColor| colour.stroke_width(2);
    let train = records.iter().map(|r| (r.epoch as f64, r.train_loss));
    chart
        .draw_series(LineSeries::new(train, line(TRAIN_COLOUR)))
        .map_err(chart_error)?
        .label("train loss")
        .legend(|(x, y)| PathElement::new(vec![(x, y), (x + 18, y)], TRAIN_COLOUR.stroke_width(2)));
    let val = records.iter().map(|r| (r.epoch as f64, r.val_loss));
    chart
        .draw_series(LineSeries::new(val, line(VAL_LOSS_COLOUR)))
        .map_err(chart_error)?
        .label("validation loss")
        .legend(|(x, y)| {
            PathElement::new(vec![(x, y), (x + 18, y)], VAL_LOSS_COLOUR.stroke_width(2))
        });
    let mae = records.iter().map(|r| (r.epoch as f64, r.val_mae));
    chart
        .draw_secondary_series(LineSeries::new(mae, line(VAL_MAE_COLOUR)))
        .map_err(chart_error)?
        .label("validation MAE (right axis)")
        .legend(|(x, y)| {
            PathElement::new(vec![(x, y), (x + 18, y)], VAL_MAE_COLOUR.stroke_width(2))
        });

    if let Some(best) = history.best_by_val_loss() {
        let mark = Circle::new((best.epoch as f64, best.val_loss), 6, VAL_LOSS_COLOUR.filled());
        chart
            .draw_series(std::iter::once(mark))
            .map_err(chart_error)?
            .label(format!("best validation loss (epoch {})", best.epoch))
            .legend(|(x, y)| Circle::new((x + 9, y), 5, VAL_LOSS_COLOUR.filled()));
    }
    if let Some(best) = history.best_by_val_mae() {
        let mark =
            TriangleMarker::new((best.epoch as f64, best.val_mae), 8, VAL_MAE_COLOUR.filled());
        chart
            .draw_secondary_series(std::iter::once(mark))
            .map_err(chart_error)?
            .label(format!("best validation MAE (epoch {})", best.epoch))
            .legend(|(x, y)| TriangleMarker::new((x + 9, y), 7, VAL_MAE_COLOUR.filled()));
    }
    if let Some(epoch) = history.early_stop_epoch() {
        let x = epoch as f64;
        let stop = vec![(x, losses.start), (x, losses.end)];
        chart
            .draw_series(std::iter::once(PathElement::new(stop, INK.stroke_width(2))))
            .map_err(chart_error)?
            .label(format!("early stop (epoch {epoch})"))
            .legend(|(x, y)| PathElement::new(vec![(x + 9, y - 7), (x + 9, y + 7)], INK));
    }

    chart
        .configure_series_labels()
        .position(SeriesLabelPosition::UpperRight)
        .background_style(WHITE.mix(0.85))
        .border_style(INK.mix(0.4))
        .draw()
        .map_err(chart_error)?;
    Ok(())
}
