//! The wasm build in headless Chromium: WebGPU gives the same loss as the CPU on the same weights
//! and batch, and the charts draw onto a real canvas. SwiftShader emulates the GPU on the CPU, so
//! the model is tiny and only one step runs.
#![cfg(target_family = "wasm")]

use lossgap::settings::{ModelKind, Settings};
use lossgap::web::Trainer;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::HtmlCanvasElement;

wasm_bindgen_test_configure!(run_in_browser);

fn tiny() -> Settings {
    Settings {
        model: ModelKind::Rnn,
        hidden: 4,
        window: 4,
        series_length: 60,
        batch: 8,
        epochs: 1,
        ..Settings::default()
    }
}

fn js(settings: &Settings) -> JsValue {
    serde_wasm_bindgen::to_value(settings).expect("settings serialise")
}

async fn first_loss(backend: &str) -> f64 {
    let mut trainer = Trainer::create(js(&tiny()), backend.into()).await.expect("trainer");
    let progress = trainer.step(1).await.expect("one step");
    js_sys::Reflect::get(&progress, &"last_train_loss".into()).unwrap().as_f64().unwrap()
}

async fn webgpu_adapter_exists() -> bool {
    let probe =
        js_sys::eval("(async () => !!(navigator.gpu && await navigator.gpu.requestAdapter()))()")
            .expect("probe");
    let promise = js_sys::Promise::from(probe);
    wasm_bindgen_futures::JsFuture::from(promise).await.map(|v| v.is_truthy()).unwrap_or(false)
}

#[wasm_bindgen_test]
async fn webgpu_and_cpu_give_the_same_first_loss() {
    assert!(webgpu_adapter_exists().await, "this test needs WebGPU (--enable-unsafe-webgpu)");
    let cpu = first_loss("cpu").await;
    let gpu = first_loss("wgpu").await;
    assert!((cpu - gpu).abs() < 1e-4 * cpu.abs().max(1.0), "cpu {cpu} vs wgpu {gpu}");
}

fn canvas() -> HtmlCanvasElement {
    let element = js_sys::eval(
        "(() => { const c = document.createElement('canvas');
                  c.width = 480; c.height = 320; return c; })()",
    )
    .expect("canvas");
    element.unchecked_into()
}

#[wasm_bindgen_test]
async fn charts_draw_onto_a_real_canvas() {
    let mut trainer = Trainer::create(js(&tiny()), "cpu".into()).await.expect("trainer");
    trainer.step(10).await.expect("steps");
    let blank = canvas().to_data_url().expect("data url");
    for draw in [Trainer::draw_curves, Trainer::draw_forecast, Trainer::draw_residuals] {
        let target = canvas();
        draw(&trainer, target.clone(), 1.0).expect("drawn");
        assert_ne!(target.to_data_url().expect("data url"), blank, "the canvas stayed blank");
    }
}
