//! Charts, generic over plotters' `DrawingBackend`: the page draws them on a canvas, the CLI and
//! the tests write SVG, from the same functions.

mod compare;
mod curves;
mod forecast;
mod residuals;

pub use compare::{CompareSeries, draw_compare};
pub use curves::draw_curves;
pub use forecast::draw_forecast;
pub use residuals::draw_residuals;

use plotters::style::RGBColor;

use crate::error::LossgapError;

/// Training loss.
pub const TRAIN_COLOUR: RGBColor = RGBColor(31, 119, 180);
/// Validation loss.
pub const VAL_LOSS_COLOUR: RGBColor = RGBColor(230, 120, 20);
/// Validation MAE.
pub const VAL_MAE_COLOUR: RGBColor = RGBColor(34, 139, 34);
/// Validation MSE, where it is drawn beside the loss.
pub const VAL_MSE_COLOUR: RGBColor = RGBColor(140, 86, 75);
/// Shaded spans where validation loss rises while MAE falls.
pub const SPAN_COLOUR: RGBColor = RGBColor(214, 39, 40);
/// The band where validation MSE rose while validation MAE stayed below its start.
pub const PARTING_COLOUR: RGBColor = RGBColor(255, 187, 60);
/// Predictions.
pub const PREDICTION_COLOUR: RGBColor = RGBColor(148, 103, 189);
/// Dark grey for truth, text and marks.
pub const INK: RGBColor = RGBColor(60, 60, 60);

/// Sizes for one output: the page draws at the screen's pixel ratio so charts stay sharp on
/// high-density screens, with text and lines scaled to match.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Style {
    /// Device pixels per CSS pixel (1 for SVG).
    pub scale: f64,
}

impl Default for Style {
    fn default() -> Self {
        Style { scale: 1.0 }
    }
}

impl Style {
    /// A length in device pixels.
    pub fn px(&self, css_pixels: f64) -> u32 {
        (css_pixels * self.scale).round().max(1.0) as u32
    }

    /// A font size in device pixels.
    pub fn font(&self, css_pixels: f64) -> f64 {
        css_pixels * self.scale
    }
}

/// Turns a plotters error into the crate's error.
pub(crate) fn chart_error(error: impl std::fmt::Debug) -> LossgapError {
    LossgapError::Chart(format!("{error:?}"))
}

/// Draws the series legend in the style all charts share.
pub(crate) fn draw_legend<'a, DB, CT>(
    chart: &mut plotters::chart::ChartContext<'a, DB, CT>,
    position: plotters::chart::SeriesLabelPosition,
    style: Style,
) -> Result<(), LossgapError>
where
    DB: plotters::prelude::DrawingBackend + 'a,
    CT: plotters::coord::CoordTranslate,
{
    use plotters::style::{Color, WHITE};
    chart
        .configure_series_labels()
        .label_font(("sans-serif", style.font(12.0)))
        .position(position)
        .background_style(WHITE.mix(0.85))
        .border_style(INK.mix(0.4))
        .draw()
        .map_err(chart_error)
}

/// The text of a chart with a left and a right value axis over epochs.
pub(crate) struct EpochAxes<'t> {
    /// The title above the chart.
    pub caption: &'t str,
    /// The left axis's description.
    pub left: &'t str,
    /// The right axis's description.
    pub right: &'t str,
}

/// A chart of epochs `1..=last_epoch` against `left` and `right` value ranges, with its mesh
/// and both axes drawn in the style the curves and comparison charts share.
pub(crate) fn epoch_chart<'a, DB: plotters::prelude::DrawingBackend + 'a>(
    area: &'a plotters::prelude::DrawingArea<DB, plotters::coord::Shift>,
    axes: EpochAxes,
    last_epoch: usize,
    left: std::ops::Range<f64>,
    right: std::ops::Range<f64>,
    style: Style,
) -> Result<EpochChart<'a, DB>, LossgapError> {
    use plotters::prelude::*;

    let epochs = 0.5..(last_epoch as f64 + 0.5);
    let mut chart = ChartBuilder::on(area)
        .caption(axes.caption, ("sans-serif", style.font(16.0)).into_font().color(&INK))
        .margin(style.px(10.0))
        .x_label_area_size(style.px(35.0))
        .y_label_area_size(style.px(60.0))
        .right_y_label_area_size(style.px(60.0))
        .build_cartesian_2d(epochs.clone(), left)
        .map_err(chart_error)?
        .set_secondary_coord(epochs, right);
    chart
        .configure_mesh()
        .label_style(("sans-serif", style.font(12.0)))
        .axis_desc_style(("sans-serif", style.font(13.0)))
        .x_desc("epoch")
        .x_labels(x_label_count(area, style).min(last_epoch + 1))
        .x_label_formatter(&|x| format!("{x:.0}"))
        .y_desc(axes.left)
        .light_line_style(WHITE.mix(0.0))
        .draw()
        .map_err(chart_error)?;
    chart
        .configure_secondary_axes()
        .label_style(("sans-serif", style.font(12.0)))
        .axis_desc_style(("sans-serif", style.font(13.0)))
        .y_desc(axes.right)
        .draw()
        .map_err(chart_error)?;
    Ok(chart)
}

/// What [`epoch_chart`] builds: epochs against two value axes.
pub(crate) type EpochChart<'a, DB> = plotters::chart::DualCoordChartContext<
    'a,
    DB,
    plotters::coord::cartesian::Cartesian2d<
        plotters::coord::types::RangedCoordf64,
        plotters::coord::types::RangedCoordf64,
    >,
    plotters::coord::cartesian::Cartesian2d<
        plotters::coord::types::RangedCoordf64,
        plotters::coord::types::RangedCoordf64,
    >,
>;

/// How many x-axis labels fit: about one per 80 CSS pixels, so narrow screens stay legible.
pub(crate) fn x_label_count<DB: plotters::prelude::DrawingBackend>(
    area: &plotters::prelude::DrawingArea<DB, plotters::coord::Shift>,
    style: Style,
) -> usize {
    let (width, _) = area.dim_in_pixel();
    ((width as f64 / style.scale / 80.0) as usize).clamp(2, 12)
}

/// A range around `values` with a margin, never empty (a flat curve still gets an axis).
pub(crate) fn padded_range(values: impl Iterator<Item = f64>) -> std::ops::Range<f64> {
    let (low, high) = values
        .filter(|v| v.is_finite())
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| (lo.min(v), hi.max(v)));
    if !low.is_finite() {
        return 0.0..1.0;
    }
    let margin = ((high - low) * 0.08).max(high.abs().max(1e-9) * 0.02);
    (low - margin)..(high + margin)
}

/// Writes the three charts as SVG files side by side in one image (native only).
#[cfg(not(target_family = "wasm"))]
pub fn write_svg(
    path: &std::path::Path,
    settings: &crate::settings::Settings,
    history: &crate::train::History,
    forecast: &crate::train::Forecast,
) -> Result<(), LossgapError> {
    use plotters::prelude::*;

    let root = SVGBackend::new(path, (1200, 900)).into_drawing_area();
    let (top, bottom) = root.split_vertically(480);
    let (left, right) = bottom.split_horizontally(700);
    let style = Style::default();
    draw_curves(&top, history, settings, style)?;
    draw_forecast(&left, forecast, style)?;
    draw_residuals(&right, forecast, style)?;
    root.present().map_err(|e| LossgapError::Io {
        context: format!("cannot write {}", path.display()),
        source: std::io::Error::other(format!("{e:?}")),
    })
}
