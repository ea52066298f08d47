//! The training handle the page drives: a [`Session`] plus the charts drawn from it.

use plotters::prelude::IntoDrawingArea;
use plotters_canvas::CanvasBackend;
use wasm_bindgen::prelude::*;
use web_sys::HtmlCanvasElement;

use super::backend::device_for;
use super::{settings_from_js, to_js};
use crate::Session;
use crate::chart::{self, Style};
use crate::device::BackendChoice;
use crate::error::LossgapError;
use crate::report::{CSV_HEADER, RunSummary, csv_row};

/// The message of a (simulated) lost device; it starts like every device error.
const LOST_DEVICE: &str = "the WebGPU device was lost";

/// Validation windows per call of `step`: a whole pass (400 windows by default) made one task
/// of several tens of ms in the page; parts of this size keep each call near a training step's.
const VALIDATION_CHUNK: usize = 100;

/// A run the page can advance step by step and draw.
#[wasm_bindgen]
pub struct Trainer {
    session: Session,
    backend: BackendChoice,
    /// Set by the test hook: the next step fails as a lost device would.
    lost: bool,
    /// Set by the test hook: the next step panics.
    panic: bool,
}

#[wasm_bindgen]
impl Trainer {
    /// Builds a run from a settings object on `backend` (`"cpu"` or `"wgpu"`). Invalid settings
    /// reject with a message naming the field.
    pub async fn create(settings: JsValue, backend: String) -> Result<Trainer, JsError> {
        let settings = settings_from_js(settings)?;
        let backend = parse_backend(&backend)?;
        let device = device_for(backend).await.map_err(js_error)?;
        let session =
            Session::new(settings, &device).map_err(js_error)?.validate_in_chunks(VALIDATION_CHUNK);
        log::info!("new run on the {} backend", backend.name());
        Ok(Trainer { session, backend, lost: false, panic: false })
    }

    /// Runs up to `n` steps and returns the progress. A diverged run rejects with the message;
    /// its history is kept and can still be drawn.
    pub async fn step(&mut self, n: usize) -> Result<JsValue, JsError> {
        if self.lost {
            return Err(js_error(LossgapError::Device(LOST_DEVICE.to_string())));
        }
        if self.panic {
            // The page must show a message and a reload link when Rust panics; nothing else
            // makes a panic happen on purpose.
            panic!("a panic requested by the test hook");
        }
        self.session.step(n).await.map_err(js_error)?;
        to_js(&self.session.progress())
    }

    /// The same run on the CPU, brought to the same step by replaying its batches, with the
    /// epochs already charted kept: what the page does when the WebGPU device is lost.
    #[wasm_bindgen(js_name = continueOnCpu)]
    pub async fn continue_on_cpu(&self) -> Result<Trainer, JsError> {
        let device = device_for(BackendChoice::Cpu).await.map_err(js_error)?;
        let session = self.session.replay_on(&device).await.map_err(js_error)?;
        log::info!("run moved to the CPU at step {}", session.progress().step);
        Ok(Trainer { session, backend: BackendChoice::Cpu, lost: false, panic: false })
    }

    /// Test hook: makes the next `step` fail as it does when the WebGPU device is lost, so the
    /// page's fallback can be tested without breaking a real GPU.
    #[wasm_bindgen(js_name = simulateDeviceLoss)]
    pub fn simulate_device_loss(&mut self) {
        self.lost = true;
    }

    /// Test hook: makes the next `step` panic, to test the page's handling of a trapped module.
    #[wasm_bindgen(js_name = simulatePanic)]
    pub fn simulate_panic(&mut self) {
        self.panic = true;
    }

    /// Where the run stands: epoch, step, latest figures, and why it ended if it has.
    pub fn progress(&self) -> Result<JsValue, JsError> {
        to_js(&self.session.progress())
    }

    /// Best epochs, divergence spans and the latest error decomposition.
    pub fn summary(&self) -> Result<JsValue, JsError> {
        to_js(&RunSummary::of(self.session.history()))
    }

    /// The explanation written from this run's figures, one sentence per item.
    pub fn explanation(&self) -> Result<JsValue, JsError> {
        to_js(&crate::lesson::explain(self.session.settings(), self.session.history()))
    }

    /// The backend this run trains on.
    pub fn backend(&self) -> String {
        self.backend.name().to_string()
    }

    /// The history as CSV, header included.
    #[wasm_bindgen(js_name = historyCsv)]
    pub fn history_csv(&self) -> String {
        let mut text = format!("{CSV_HEADER}\n");
        for record in &self.session.history().records {
            text.push_str(&csv_row(record));
            text.push('\n');
        }
        text
    }

    /// Draws the curves chart onto `canvas`, at `scale` device pixels per CSS pixel.
    #[wasm_bindgen(js_name = drawCurves)]
    pub fn draw_curves(&self, canvas: HtmlCanvasElement, scale: f64) -> Result<(), JsError> {
        let area = canvas_area(canvas)?;
        chart::draw_curves(&area, self.session.history(), self.session.settings(), style(scale))
            .map_err(js_error)
    }

    /// Draws the forecast chart onto `canvas`.
    #[wasm_bindgen(js_name = drawForecast)]
    pub fn draw_forecast(&self, canvas: HtmlCanvasElement, scale: f64) -> Result<(), JsError> {
        let area = canvas_area(canvas)?;
        chart::draw_forecast(&area, &self.session.forecast(), style(scale)).map_err(js_error)
    }

    /// Draws the residual histogram onto `canvas`.
    #[wasm_bindgen(js_name = drawResiduals)]
    pub fn draw_residuals(&self, canvas: HtmlCanvasElement, scale: f64) -> Result<(), JsError> {
        let area = canvas_area(canvas)?;
        chart::draw_residuals(&area, &self.session.forecast(), style(scale)).map_err(js_error)
    }
}

/// `"cpu"` or `"wgpu"`.
pub(super) fn parse_backend(name: &str) -> Result<BackendChoice, JsError> {
    match name {
        "cpu" => Ok(BackendChoice::Cpu),
        "wgpu" => Ok(BackendChoice::Wgpu),
        other => Err(JsError::new(&format!("backend '{other}' is not cpu or wgpu"))),
    }
}

pub(super) fn style(scale: f64) -> Style {
    Style { scale: if scale.is_finite() && scale > 0.0 { scale.min(4.0) } else { 1.0 } }
}

pub(super) fn canvas_area(
    canvas: HtmlCanvasElement,
) -> Result<plotters::drawing::DrawingArea<CanvasBackend, plotters::coord::Shift>, JsError> {
    CanvasBackend::with_canvas_object(canvas)
        .map(|backend| backend.into_drawing_area())
        .ok_or_else(|| JsError::new("the canvas has no 2D context"))
}

pub(super) fn js_error(error: LossgapError) -> JsError {
    JsError::new(&error.to_string())
}
