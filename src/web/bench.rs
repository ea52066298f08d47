//! The benchmark workload in the browser, for `npm run bench` (`www/bench.html`): the same
//! session and timing as the native `lossgap bench`, on the page's CPU or WebGPU device.

use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

use super::backend::device_for;
use super::to_js;
use super::trainer::{js_error, parse_backend};
use crate::Session;
use crate::bench::{WorkloadSeries, time_steps, workload_session};
use crate::device::cpu_device_named;

/// A workload session the benchmark page times.
#[wasm_bindgen]
pub struct BenchRun {
    session: Session,
}

#[wasm_bindgen]
impl BenchRun {
    /// A fresh workload session from the series file's JSON text on `backend`: `cpu`, `wgpu`,
    /// or a CPU backend by name (`ndarray`, `flex`) to compare them.
    pub async fn create(series_json: String, backend: String) -> Result<BenchRun, JsError> {
        let series = WorkloadSeries::from_json(&series_json).map_err(js_error)?;
        let device = match backend.as_str() {
            "ndarray" | "flex" => cpu_device_named(&backend).map_err(js_error)?,
            _ => device_for(parse_backend(&backend)?).await.map_err(js_error)?,
        };
        let session = workload_session(&series, &device).map_err(js_error)?;
        Ok(BenchRun { session })
    }

    /// Milliseconds per full-batch step, over `timed` steps after `warm_up` untimed ones.
    pub async fn time(&mut self, warm_up: usize, timed: usize) -> Result<f64, JsError> {
        let timing = time_steps(&mut self.session, warm_up, timed, now).await.map_err(js_error)?;
        Ok(timing.ms_per_step)
    }

    /// Runs `n` steps; returns the step count reached.
    pub async fn step(&mut self, n: usize) -> Result<usize, JsError> {
        Ok(self.session.step(n).await.map_err(js_error)?.step)
    }

    /// The latest epoch's figures, or `null` before the first.
    pub fn latest(&self) -> Result<JsValue, JsError> {
        to_js(&self.session.history().latest())
    }
}

/// Bytes of wasm linear memory now.
#[wasm_bindgen(js_name = wasmMemoryBytes)]
pub fn wasm_memory_bytes() -> f64 {
    wasm_bindgen::memory()
        .dyn_into::<js_sys::WebAssembly::Memory>()
        .map(|memory| memory.buffer().unchecked_into::<js_sys::ArrayBuffer>().byte_length() as f64)
        .unwrap_or(0.0)
}

/// Milliseconds from the page's clock (`Date` where `performance` is missing).
fn now() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map(|p| p.now())
        .unwrap_or_else(js_sys::Date::now)
}
