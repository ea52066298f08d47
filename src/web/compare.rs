//! The comparison handle the page drives: two to four runs that differ only in the loss.

use wasm_bindgen::prelude::*;
use web_sys::HtmlCanvasElement;

use super::backend::device_for;
use super::trainer::{canvas_area, js_error, parse_backend, style};
use super::{settings_from_js, to_js};
use crate::chart::{self, CompareSeries};
use crate::device::BackendChoice;
use crate::loss::LossKind;
use crate::train::Comparison;

/// Runs that differ only in the loss, stepped in lockstep.
#[wasm_bindgen]
pub struct Comparer {
    comparison: Comparison,
    backend: BackendChoice,
}

#[wasm_bindgen]
impl Comparer {
    /// Builds one run per loss name in `losses` from `settings` on `backend`. Rejects with a
    /// message naming the field when the settings or the list of losses are not allowed.
    pub async fn create(
        settings: JsValue,
        losses: Vec<String>,
        backend: String,
    ) -> Result<Comparer, JsError> {
        let settings = settings_from_js(settings)?;
        let losses = losses
            .iter()
            .map(|name| {
                LossKind::from_name(name)
                    .ok_or_else(|| JsError::new(&format!("losses: unknown loss '{name}'")))
            })
            .collect::<Result<Vec<_>, _>>()?;
        let backend = parse_backend(&backend)?;
        let device = device_for(backend).await.map_err(js_error)?;
        let comparison = Comparison::new(&settings, &losses, &device).map_err(js_error)?;
        log::info!("new comparison of {} losses on the {} backend", losses.len(), backend.name());
        Ok(Comparer { comparison, backend })
    }

    /// Runs up to `n` steps of every run still going; returns each run's progress.
    pub async fn step(&mut self, n: usize) -> Result<JsValue, JsError> {
        let progress = self.comparison.step(n).await.map_err(js_error)?;
        to_js(&progress)
    }

    /// Each run's progress, in the order of the losses.
    pub fn progress(&self) -> Result<JsValue, JsError> {
        let progress: Vec<_> = self.comparison.runs().iter().map(|r| r.progress()).collect();
        to_js(&progress)
    }

    /// The table: best validation MAE and MSE with their epochs, the final decomposition.
    pub fn rows(&self) -> Result<JsValue, JsError> {
        to_js(&self.comparison.rows())
    }

    /// Sentences comparing the runs, written from their figures.
    pub fn explanation(&self) -> Result<JsValue, JsError> {
        to_js(&crate::lesson::explain_comparison(&self.comparison.rows()))
    }

    /// Whether every run has ended.
    #[wasm_bindgen(js_name = isFinished)]
    pub fn is_finished(&self) -> bool {
        self.comparison.is_finished()
    }

    /// The backend the runs train on.
    pub fn backend(&self) -> String {
        self.backend.name().to_string()
    }

    /// Every epoch as CSV, one column group per loss.
    #[wasm_bindgen(js_name = historyCsv)]
    pub fn history_csv(&self) -> String {
        let mut text = format!("{}\n", self.comparison.csv_header());
        let mut epoch = 1;
        while let Some(row) = self.comparison.csv_row(epoch) {
            text.push_str(&row);
            text.push('\n');
            epoch += 1;
        }
        text
    }

    /// Draws the comparison chart onto `canvas`.
    #[wasm_bindgen(js_name = drawCompare)]
    pub fn draw_compare(&self, canvas: HtmlCanvasElement, scale: f64) -> Result<(), JsError> {
        let area = canvas_area(canvas)?;
        let runs: Vec<CompareSeries> = self
            .comparison
            .runs()
            .iter()
            .map(|r| CompareSeries { label: r.settings().loss_fn().label(), history: r.history() })
            .collect();
        chart::draw_compare(&area, &runs, style(scale)).map_err(js_error)
    }
}
