//! The wasm build under Node, on the CPU backend: it trains, and bad settings reach JavaScript as
//! errors that name the field. Run by `wasm-pack test --node` (see scripts/test-all.sh).
#![cfg(target_family = "wasm")]

use lossgap::settings::{ModelKind, Settings};
use lossgap::web::Trainer;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::wasm_bindgen_test;

fn small() -> Settings {
    Settings {
        model: ModelKind::Gru,
        hidden: 8,
        window: 8,
        series_length: 300,
        batch: 16,
        epochs: 5,
        ..Settings::default()
    }
}

fn js(settings: &Settings) -> JsValue {
    serde_wasm_bindgen::to_value(settings).expect("settings serialise")
}

fn field(value: &JsValue, name: &str) -> JsValue {
    js_sys::Reflect::get(value, &JsValue::from_str(name)).expect("field exists")
}

#[wasm_bindgen_test]
async fn the_cpu_backend_trains_and_the_loss_falls() {
    let mut trainer = Trainer::create(js(&small()), "cpu".into()).await.expect("trainer");
    let first = trainer.step(1).await.expect("first step");
    let first_loss = field(&first, "last_train_loss").as_f64().unwrap();
    let later = trainer.step(40).await.expect("more steps");
    let later_loss = field(&later, "last_train_loss").as_f64().unwrap();
    assert!(later_loss < first_loss, "loss {first_loss} → {later_loss}");
    assert!(field(&later, "epoch").as_f64().unwrap() >= 1.0);
    assert!(trainer.history_csv().starts_with("epoch,step,train_loss"));
}

#[wasm_bindgen_test]
async fn invalid_settings_reject_with_the_field_name() {
    let settings = Settings { lr: -1.0, ..small() };
    let error = Trainer::create(js(&settings), "cpu".into()).await.err().expect("refused");
    let message = js_sys::Error::from(JsValue::from(error)).message();
    assert!(String::from(message).contains("lr"), "message should name lr");
}

#[wasm_bindgen_test]
fn a_query_with_bad_values_is_repaired_and_explained() {
    let read = lossgap::web::settings_from_query_js("?lr=abc&hidden=9999").expect("parsed");
    let notices = js_sys::Array::from(&field(&read, "notices"));
    assert_eq!(notices.length(), 2);
}
