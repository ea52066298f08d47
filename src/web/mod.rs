//! The browser boundary (wasm32 only): a training handle for the page's JavaScript, settings
//! parsing, and drawing onto canvases. The history stays in Rust; only small summaries cross.
//! Errors become a `JsError` here, once.

mod backend;
mod bench;
mod compare;
mod trainer;

pub use bench::{BenchRun, wasm_memory_bytes};
pub use compare::Comparer;
pub use trainer::Trainer;

use wasm_bindgen::prelude::*;

use crate::settings::{self, PRESETS, Settings, settings_from_query, settings_to_query};

/// Installs the panic hook and the console logger when the module loads.
#[wasm_bindgen(start)]
pub fn start() {
    console_error_panic_hook::set_once();
    // A second initialisation (tests load the module more than once) is harmless.
    let _ = console_log::init_with_level(log::Level::Info);
}

/// The default settings, as a plain object.
#[wasm_bindgen(js_name = defaultSettings)]
pub fn default_settings() -> Result<JsValue, JsError> {
    to_js(&Settings::default())
}

/// Every preset: `[{name, summary, settings}]`.
#[wasm_bindgen]
pub fn presets() -> Result<JsValue, JsError> {
    #[derive(serde::Serialize)]
    struct Entry {
        name: &'static str,
        summary: &'static str,
        settings: Settings,
    }
    let entries: Vec<Entry> = PRESETS
        .iter()
        .map(|p| Entry { name: p.name, summary: p.summary, settings: (p.settings)() })
        .collect();
    to_js(&entries)
}

/// The four-point worked example: `{truth, huber_delta, rows: [{label, predictions, figures}],
/// sentences}`, every figure computed.
#[wasm_bindgen(js_name = workedExample)]
pub fn worked_example() -> Result<JsValue, JsError> {
    to_js(&crate::lesson::worked_example())
}

/// The allowed range of every numeric setting: `[{field, min, max}]`.
#[wasm_bindgen]
pub fn ranges() -> Result<JsValue, JsError> {
    to_js(&settings::ranges())
}

/// Reads a URL query: `{settings, notices}`; never fails, bad values are replaced and named.
#[wasm_bindgen(js_name = settingsFromQuery)]
pub fn settings_from_query_js(query: &str) -> Result<JsValue, JsError> {
    #[derive(serde::Serialize)]
    struct Read {
        settings: Settings,
        notices: Vec<String>,
    }
    let read = settings_from_query(query, &Settings::default());
    to_js(&Read { settings: read.settings, notices: read.notices })
}

/// Writes settings as a URL query; invalid settings are refused with the field's name.
#[wasm_bindgen(js_name = settingsToQuery)]
pub fn settings_to_query_js(settings: JsValue) -> Result<String, JsError> {
    let settings = settings_from_js(settings)?;
    Ok(settings_to_query(&settings))
}

/// Parses and validates settings from a JS object.
pub(crate) fn settings_from_js(value: JsValue) -> Result<Settings, JsError> {
    let settings: Settings = serde_wasm_bindgen::from_value(value)
        .map_err(|e| JsError::new(&format!("invalid settings: {e}")))?;
    settings.validate().map_err(|e| JsError::new(&e.to_string()))?;
    Ok(settings)
}

/// Serialises to a plain JS object (maps as objects, not `Map`s).
pub(crate) fn to_js<T: serde::Serialize>(value: &T) -> Result<JsValue, JsError> {
    let serializer = serde_wasm_bindgen::Serializer::json_compatible();
    value.serialize(&serializer).map_err(|e| JsError::new(&e.to_string()))
}
