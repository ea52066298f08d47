//! Whatever a user or a link feeds in, settings parsing and validation answer with settings or a
//! message, never a panic; and every setting that validates trains.

#![cfg(not(target_family = "wasm"))]

use lossgap::Session;
use lossgap::device::cpu_device;
use lossgap::executor::block_on;
use lossgap::settings::{PAGE_KEYS, Settings, settings_from_query, settings_to_query};
use proptest::prelude::*;

/// Every settings key, in the order the struct has them.
fn setting_keys() -> Vec<String> {
    settings_to_query(&Settings::default())
        .split('&')
        .map(|pair| pair.split('=').next().unwrap_or_default().to_string())
        .collect()
}

/// Values a link might carry: numbers in and out of range, non-numbers, payloads, non-ASCII,
/// very long text, and malformed escapes.
fn hostile_value() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<i64>().prop_map(|n| n.to_string()),
        any::<f64>().prop_map(|x| x.to_string()),
        (-1e3..1e3f64).prop_map(|x| x.to_string()),
        Just("1e309".to_string()),
        Just("-1e309".to_string()),
        Just("NaN".to_string()),
        Just("inf".to_string()),
        Just(String::new()),
        Just("%".to_string()),
        Just("%zz%4".to_string()),
        Just("%3Cscript%3Ealert(1)%3C%2Fscript%3E".to_string()),
        Just("<img src=x onerror=alert(1)>".to_string()),
        prop::sample::select(vec!["mse", "mae", "huber", "gru", "lstm", "student-t", "val_mae"])
            .prop_map(str::to_string),
        "\\PC{0,12}",
        "[a-z0-9.+-]{0,8}",
        (1usize..20_000).prop_map(|n| "9".repeat(n)),
    ]
}

/// A query of up to 12 pairs with settings keys, page keys, unknown keys and repeats.
fn hostile_query(keys: Vec<String>) -> impl Strategy<Value = String> {
    let mut all: Vec<String> = keys;
    all.extend(PAGE_KEYS.iter().map(|k| k.to_string()));
    all.push("unknown".to_string());
    let key = prop_oneof![4 => prop::sample::select(all), 1 => "\\PC{0,10}"];
    let pair = (key, hostile_value()).prop_map(|(k, v)| format!("{k}={v}"));
    (prop::collection::vec(pair, 0..12), any::<bool>())
        .prop_map(|(pairs, mark)| format!("{}{}", if mark { "?" } else { "" }, pairs.join("&")))
}

/// A float that is usually in a plausible range and sometimes anything at all.
fn wild(low: f64, high: f64) -> impl Strategy<Value = f64> {
    prop_oneof![
        40 => low..=high,
        1 => any::<f64>(),
        1 => prop::sample::select(vec![0.0, -1.0, f64::NAN, f64::INFINITY, f64::MIN_POSITIVE]),
    ]
}

/// A whole number, usually small (so that valid settings train quickly), sometimes huge.
fn count(low: usize, high: usize) -> impl Strategy<Value = usize> {
    prop_oneof![40 => low..=high, 1 => Just(0usize), 1 => any::<usize>()]
}

/// Settings with every field generated; the small sizes keep a training step quick.
fn any_settings() -> impl Strategy<Value = Settings> {
    let choose = |names: &'static [&'static str]| prop::sample::select(names.to_vec());
    (
        (
            choose(&["rnn", "gru", "lstm", "linear"]),
            count(1, 12),
            count(1, 2),
            choose(&["mse", "mae", "huber", "mixed", "pinball"]),
            wild(0.01, 10.0),
            wild(0.0, 1.0),
            wild(0.01, 0.99),
            choose(&["series", "four-point", "seven-point"]),
        ),
        (
            choose(&["gaussian", "laplace", "lognormal", "student-t", "outliers"]),
            wild(0.0, 5.0),
            wild(0.0, 0.5),
            wild(0.0, 50.0),
            count(50, 300),
            count(1, 24),
            wild(0.5, 0.95),
            any::<bool>(),
        ),
        (
            count(1, 64),
            choose(&["adam", "sgd"]),
            wild(1e-6, 10.0),
            wild(0.0, 0.99),
            wild(0.0, 100.0),
            count(1, 2),
            choose(&["off", "val_loss", "val_mae"]),
            count(1, 100),
            any::<bool>(),
            prop_oneof![20 => 0u64..(1 << 53), 1 => any::<u64>()],
        ),
    )
        .prop_filter_map("enum names are fixed", |(a, b, c)| {
            let json = serde_json::json!({
                "model": a.0, "hidden": a.1, "layers": a.2, "loss": a.3, "huber_delta": a.4,
                "mix_alpha": a.5, "quantile": a.6, "dataset": a.7,
                "noise": b.0, "noise_level": b.1, "outlier_rate": b.2, "outlier_scale": b.3,
                "series_length": b.4, "window": b.5, "train_fraction": b.6, "normalise": b.7,
                "batch": c.0, "optimizer": c.1, "lr": c.2, "momentum": c.3, "grad_clip": c.4,
                "epochs": c.5, "early_stop": c.6, "patience": c.7, "restore_best": c.8,
                "seed": c.9,
            });
            // NaN and infinities do not survive JSON; those cases come through queries instead.
            serde_json::from_value::<Settings>(json).ok()
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 5_000, failure_persistence: None,
        ..ProptestConfig::default() })]

    #[test]
    fn any_query_gives_valid_settings_and_names_what_it_replaced(
        query in hostile_query(setting_keys())
    ) {
        let read = settings_from_query(&query, &Settings::default());
        prop_assert_eq!(read.settings.validate(), Ok(()));
        for notice in &read.notices {
            // Notices echo at most a short piece of what was given.
            prop_assert!(notice.chars().count() < 300, "{}", notice);
        }
    }
}

#[test]
fn any_settings_either_validate_and_train_or_name_a_field() {
    use proptest::test_runner::{Config, TestRunner};

    let keys = setting_keys();
    let config = Config { cases: 5_000, failure_persistence: None, ..Config::default() };
    let mut runner = TestRunner::new(config);
    let trained = std::cell::Cell::new(0usize);
    let outcome = runner.run(&any_settings(), |settings| {
        match settings.validate() {
            Err(error) => {
                prop_assert!(keys.iter().any(|k| k == error.field), "{}", error);
            }
            Ok(()) => {
                let mut session = Session::new(settings, &cpu_device()).unwrap();
                // A diverging learning rate may end the run: an error, never a panic.
                let _ = block_on(session.step(2));
                prop_assert!(session.progress().step >= 1);
                trained.set(trained.get() + 1);
            }
        }
        Ok(())
    });
    outcome.unwrap();
    // The generator must reach training often, or the property says little about it.
    assert!(trained.get() >= 1_000, "only {} of 5,000 settings were valid", trained.get());
    eprintln!("{} of 5,000 generated settings were valid and trained", trained.get());
}
