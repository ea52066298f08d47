//! Charts render a real run to SVG.

#![cfg(not(target_family = "wasm"))]

use lossgap::Session;
use lossgap::device::cpu_device;
use lossgap::executor::block_on;
use lossgap::settings::{ModelKind, Settings};

#[test]
fn an_svg_chart_is_written_and_shows_the_curves() {
    let settings = Settings {
        model: ModelKind::Rnn,
        hidden: 8,
        window: 8,
        series_length: 300,
        epochs: 3,
        ..Settings::default()
    };
    let mut session = Session::new(settings, &cpu_device()).unwrap();
    block_on(session.run_to_end()).unwrap();

    let dir = std::env::temp_dir().join(format!("lossgap-chart-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("run.svg");
    lossgap::chart::write_svg(&path, session.settings(), session.history(), &session.forecast())
        .unwrap();

    let svg = std::fs::read_to_string(&path).unwrap();
    assert!(svg.starts_with("<svg"), "not an SVG");
    assert!(svg.contains("validation MAE"), "the MAE axis is labelled");
    assert!(svg.contains("validation forecast") && svg.contains("residuals"));
    // Three epochs of three curves and a 60-point forecast give many drawn segments.
    assert!(svg.matches("<polyline").count() >= 5, "too few lines drawn");
    assert!(svg.len() > 10_000, "suspiciously small: {} bytes", svg.len());
    std::fs::remove_dir_all(&dir).ok();
}
