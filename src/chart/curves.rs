//! The curves chart: training and validation loss on the left axis, validation MAE on its own
//! axis on the right, best-epoch markers, the early-stop point and shaded divergence spans.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::{
    EpochAxes, INK, PARTING_COLOUR, SPAN_COLOUR, Style, TRAIN_COLOUR, VAL_LOSS_COLOUR,
    VAL_MAE_COLOUR, VAL_MSE_COLOUR, chart_error, draw_legend, epoch_chart, padded_range,
};
use crate::error::LossgapError;
use crate::loss::LossKind;
use crate::settings::{DatasetKind, EarlyStop, Settings};
use crate::train::{History, NOTABLE_PARTING};

/// Draws the curves chart of `history`, a run with `settings`, onto `area` (the caller presents
/// the drawing). The settings say which early stop to mark and whether validation MSE shares the
/// loss axis's units.
pub fn draw_curves<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    history: &History,
    settings: &Settings,
    style: Style,
) -> Result<(), LossgapError> {
    let legend_w = style.px(18.0) as i32;
    area.fill(&WHITE).map_err(chart_error)?;
    let records = &history.records;
    let last_epoch = records.last().map_or(1, |r| r.epoch).max(1);
    // Unnormalised runs report loss and MSE in the same units; there, a run not trained on MSE
    // also draws its validation MSE, so MSE and MAE are charted together.
    let same_units = settings.dataset != DatasetKind::Series || !settings.normalise;
    let show_mse = same_units && settings.loss != LossKind::Mse;
    let losses =
        padded_range(records.iter().flat_map(|r| {
            [r.train_loss, r.val_loss, if show_mse { r.val_mse } else { r.val_loss }]
        }));
    let maes = padded_range(records.iter().map(|r| r.val_mae));

    let axes = EpochAxes {
        caption: "validation loss and validation MAE",
        left: "loss (normalised)",
        right: "validation MAE",
    };
    let mut chart = epoch_chart(area, axes, last_epoch, losses.clone(), maes, style)?;

    // The strongest parting of MSE and MAE (the explanation's first sentence) as a band under
    // everything, then the epoch-to-epoch spans, so the curves are drawn over both.
    if let Some(p) = history.strongest_parting().filter(|p| p.mse_change >= NOTABLE_PARTING) {
        let corners = [(p.start_epoch as f64, losses.start), (p.end_epoch as f64, losses.end)];
        let band = PARTING_COLOUR.mix(0.18).filled();
        chart
            .draw_series(std::iter::once(Rectangle::new(corners, band)))
            .map_err(chart_error)?
            .label(format!(
                "MSE up {:.0} %, MAE down (epochs {}–{})",
                100.0 * p.mse_change,
                p.start_epoch,
                p.end_epoch
            ))
            .legend(move |(x, y)| {
                Rectangle::new([(x, y - legend_w / 3), (x + legend_w, y + legend_w / 3)], band)
            });
    }
    // Epoch-to-epoch spans where the loss rose while the MAE fell.
    for span in history.divergence_spans() {
        let corners =
            [(span.start_epoch as f64, losses.start), (span.end_epoch as f64, losses.end)];
        chart
            .draw_series(std::iter::once(Rectangle::new(corners, SPAN_COLOUR.mix(0.15).filled())))
            .map_err(chart_error)?;
    }

    let line = |colour: RGBColor| colour.stroke_width(style.px(2.0));
    let train = records.iter().map(|r| (r.epoch as f64, r.train_loss));
    chart
        .draw_series(LineSeries::new(train, line(TRAIN_COLOUR)))
        .map_err(chart_error)?
        .label("train loss")
        .legend(move |(x, y)| {
            PathElement::new(
                vec![(x, y), (x + legend_w, y)],
                TRAIN_COLOUR.stroke_width(style.px(2.0)),
            )
        });
    let val = records.iter().map(|r| (r.epoch as f64, r.val_loss));
    chart
        .draw_series(LineSeries::new(val, line(VAL_LOSS_COLOUR)))
        .map_err(chart_error)?
        .label("validation loss")
        .legend(move |(x, y)| {
            PathElement::new(
                vec![(x, y), (x + legend_w, y)],
                VAL_LOSS_COLOUR.stroke_width(style.px(2.0)),
            )
        });
    if show_mse {
        let mse = records.iter().map(|r| (r.epoch as f64, r.val_mse));
        chart
            .draw_series(LineSeries::new(mse, line(VAL_MSE_COLOUR)))
            .map_err(chart_error)?
            .label("validation MSE")
            .legend(move |(x, y)| {
                PathElement::new(
                    vec![(x, y), (x + legend_w, y)],
                    VAL_MSE_COLOUR.stroke_width(style.px(2.0)),
                )
            });
    }
    let mae = records.iter().map(|r| (r.epoch as f64, r.val_mae));
    chart
        .draw_secondary_series(LineSeries::new(mae, line(VAL_MAE_COLOUR)))
        .map_err(chart_error)?
        .label("validation MAE (right axis)")
        .legend(move |(x, y)| {
            PathElement::new(
                vec![(x, y), (x + legend_w, y)],
                VAL_MAE_COLOUR.stroke_width(style.px(2.0)),
            )
        });

    if let Some(best) = history.best_by_val_loss() {
        let mark = Circle::new(
            (best.epoch as f64, best.val_loss),
            style.px(6.0),
            VAL_LOSS_COLOUR.filled(),
        );
        chart
            .draw_series(std::iter::once(mark))
            .map_err(chart_error)?
            .label(format!("best validation loss (epoch {})", best.epoch))
            .legend(move |(x, y)| {
                Circle::new((x + legend_w / 2, y), style.px(5.0), VAL_LOSS_COLOUR.filled())
            });
    }
    if let Some(best) = history.best_by_val_mae() {
        let mark = TriangleMarker::new(
            (best.epoch as f64, best.val_mae),
            style.px(8.0),
            VAL_MAE_COLOUR.filled(),
        );
        chart
            .draw_secondary_series(std::iter::once(mark))
            .map_err(chart_error)?
            .label(format!("best validation MAE (epoch {})", best.epoch))
            .legend(move |(x, y)| {
                TriangleMarker::new((x + legend_w / 2, y), style.px(7.0), VAL_MAE_COLOUR.filled())
            });
    }
    if let Some(epoch) = history.early_stop_epoch() {
        let x = epoch as f64;
        let stop = vec![(x, losses.start), (x, losses.end)];
        chart
            .draw_series(std::iter::once(PathElement::new(stop, INK.stroke_width(style.px(2.0)))))
            .map_err(chart_error)?
            .label(format!("early stop (epoch {epoch})"))
            .legend(move |(x, y)| {
                PathElement::new(
                    vec![
                        (x + legend_w / 2, y - legend_w / 3),
                        (x + legend_w / 2, y + legend_w / 3),
                    ],
                    INK,
                )
            });
    }

    // Where stopping on validation loss would have ended, for runs that watch something else.
    let loss_stop = match settings.early_stop {
        EarlyStop::ValLoss => None,
        EarlyStop::ValMae | EarlyStop::Off => {
            history.would_stop(EarlyStop::ValLoss, settings.patience).map(|(stop, _)| stop)
        }
    };
    if let Some(epoch) = loss_stop {
        let x = epoch as f64;
        let line = vec![(x, losses.start), (x, losses.end)];
        let stroke = VAL_LOSS_COLOUR.stroke_width(style.px(2.0));
        chart
            .draw_series(DashedLineSeries::new(line, style.px(8.0), style.px(8.0), stroke))
            .map_err(chart_error)?
            .label(format!("stopping on val loss would end here (epoch {epoch})"))
            .legend(move |(x, y)| {
                PathElement::new(
                    vec![
                        (x + legend_w / 2, y - legend_w / 3),
                        (x + legend_w / 2, y + legend_w / 3),
                    ],
                    VAL_LOSS_COLOUR,
                )
            });
    }

    draw_legend(&mut chart, SeriesLabelPosition::UpperRight, style)?;
    Ok(())
}
