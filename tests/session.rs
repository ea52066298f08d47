//! The training session: it learns, it is deterministic, it stops early, and it survives a
//! diverging run with its history intact.

#![cfg(not(target_family = "wasm"))]

use lossgap::device::cpu_device;
use lossgap::executor::block_on;
use lossgap::settings::{EarlyStop, ModelKind, OptimizerKind, Settings, preset};
use lossgap::train::StopReason;
use lossgap::{LossgapError, Session};

/// A small, quick configuration for tests that do not need the full preset.
fn small() -> Settings {
    Settings {
        model: ModelKind::Rnn,
        hidden: 8,
        window: 8,
        series_length: 400,
        batch: 32,
        epochs: 3,
        ..Settings::default()
    }
}

fn run(settings: Settings) -> (Session, Result<(), LossgapError>) {
    let mut session = Session::new(settings, &cpu_device()).expect("valid settings");
    let outcome = block_on(session.run_to_end()).map(|_| ());
    (session, outcome)
}

#[test]
fn training_the_default_preset_beats_the_last_value_forecast() {
    let settings = Settings { epochs: 8, ..preset("default").unwrap() };
    let (session, outcome) = run(settings);
    outcome.unwrap();

    // The naive forecast: the next value equals the last value of the window.
    let data = session.dataset();
    let naive_mae: f64 = (0..data.valid.len())
        .map(|i| {
            let last = *data.valid.input(i).last().unwrap();
            let target = data.valid.target(i)[0];
            (data.scaler.restore(last) - data.scaler.restore(target)).abs() as f64
        })
        .sum::<f64>()
        / data.valid.len() as f64;
    let best = session.history().best_by_val_mae().unwrap().val_mae;
    assert!(best < 0.9 * naive_mae, "model MAE {best} vs naive {naive_mae}");
}

#[test]
fn the_same_settings_and_seed_give_identical_curves() {
    let (first, a) = run(small());
    let (second, b) = run(small());
    a.unwrap();
    b.unwrap();
    assert_eq!(first.history().records, second.history().records);
    assert_eq!(first.predictions(), second.predictions());

    let (other, c) = run(Settings { seed: 43, ..small() });
    c.unwrap();
    assert_ne!(first.history().records, other.history().records);
}

/// A small GRU run trained to the end in one go, and the same run not yet started, validating
/// 7 windows per part.
fn whole_and_in_parts() -> (Session, Session) {
    let settings = Settings { model: ModelKind::Gru, ..small() };
    let (whole, outcome) = run(settings.clone());
    outcome.unwrap();
    let parts = Session::new(settings, &cpu_device()).unwrap().validate_in_chunks(7);
    (whole, parts)
}

#[test]
fn validation_in_parts_records_the_same_epochs_after_its_last_part() {
    let (whole, mut parts) = whole_and_in_parts();

    // 7 windows per part does not divide the validation windows evenly.
    let windows = parts.dataset().valid.len();
    assert!(!windows.is_multiple_of(7), "{windows} validation windows");
    let steps = parts.steps_per_epoch();

    // The epoch's last step starts the pass; the epoch is recorded with its last part.
    block_on(parts.step(steps)).unwrap();
    assert_eq!(parts.progress().epoch, 0);
    block_on(parts.step(windows.div_ceil(7) - 1)).unwrap();
    assert_eq!(parts.progress().epoch, 0);
    let progress = block_on(parts.step(1)).unwrap();
    assert_eq!((progress.epoch, progress.step), (1, steps));

    block_on(parts.run_to_end()).unwrap();
    assert_same_curves(whole.history().records.as_slice(), parts.history().records.as_slice());
}

/// Same epochs and training losses; validation figures within float tolerance.
fn assert_same_curves(a: &[lossgap::train::EpochRecord], b: &[lossgap::train::EpochRecord]) {
    assert_eq!(a.len(), b.len());
    for (x, y) in a.iter().zip(b) {
        assert_eq!((x.epoch, x.step, x.train_loss), (y.epoch, y.step, y.train_loss));
        for (p, q) in [(x.val_loss, y.val_loss), (x.val_mse, y.val_mse), (x.val_mae, y.val_mae)] {
            assert!((p - q).abs() <= 1e-6 * p.abs().max(1e-6), "{p} vs {q}");
        }
    }
}

#[test]
fn a_replay_keeps_the_charted_epochs_and_finishes_a_pass_under_way() {
    let (whole, mut moved) = whole_and_in_parts();

    // Moved in the middle of the second epoch's validation pass.
    let steps = moved.steps_per_epoch();
    let parts = moved.dataset().valid.len().div_ceil(7);
    block_on(moved.step(steps + parts + steps + 1)).unwrap();
    assert_eq!((moved.progress().epoch, moved.progress().step), (1, 2 * steps));

    let mut replay = block_on(moved.replay_on(&cpu_device())).unwrap();
    assert_eq!(replay.progress().step, 2 * steps);
    assert_eq!(replay.history().records.len(), 2);
    assert_eq!(replay.history().records[0], moved.history().records[0]);

    // On the same kind of device the replay carries on as if nothing had happened.
    block_on(replay.run_to_end()).unwrap();
    assert_same_curves(whole.history().records.as_slice(), replay.history().records.as_slice());
}

#[test]
fn every_model_kind_trains_and_its_validation_mae_falls() {
    for model in ModelKind::ALL {
        let (session, outcome) = run(Settings { model, epochs: 4, layers: 1, ..small() });
        outcome.unwrap();
        let records = &session.history().records;
        assert_eq!(records.len(), 4, "{model:?}");
        assert!(records[3].val_mae < records[0].val_mae, "{model:?}: {records:?}");
    }
    let (two_layers, outcome) = run(Settings { model: ModelKind::Gru, layers: 2, ..small() });
    outcome.unwrap();
    assert_eq!(two_layers.history().records.len(), 3);
}

#[test]
fn early_stopping_stops_after_patience_and_restores_the_best_weights() {
    // A high learning rate makes validation loss wander, so it stops improving early.
    let settings =
        Settings { epochs: 200, lr: 0.05, early_stop: EarlyStop::ValLoss, patience: 2, ..small() };
    let (session, outcome) = run(settings);
    outcome.unwrap();
    let history = session.history();
    let Some(StopReason::EarlyStopped { best_epoch, stopped_epoch, restored, .. }) = history.stop
    else {
        panic!("expected an early stop, got {:?}", history.stop);
    };
    assert!(restored);
    assert_eq!(stopped_epoch - best_epoch, 2);
    assert_eq!(history.records.len(), stopped_epoch);
    assert_eq!(history.best_by_val_loss().unwrap().epoch, best_epoch);

    // The restored model's predictions are those of the best epoch.
    let forecast = session.forecast();
    let residuals = forecast.residuals();
    let mae = residuals.iter().map(|r| r.abs()).sum::<f64>() / residuals.len() as f64;
    let best_mae = history.records[best_epoch - 1].val_mae;
    assert!((mae - best_mae).abs() < 1e-9, "restored MAE {mae} vs best epoch {best_mae}");
}

#[test]
fn a_huge_learning_rate_ends_the_run_with_an_error_and_keeps_the_history() {
    // One step per epoch, so several epochs complete before SGD blows up.
    let settings = Settings {
        model: ModelKind::Linear,
        optimizer: OptimizerKind::Sgd,
        momentum: 0.0,
        lr: 0.3,
        batch: 1024,
        epochs: 1000,
        ..small()
    };
    let (session, outcome) = run(settings);
    let Err(LossgapError::Diverged { step, epoch, hint, .. }) = outcome else {
        panic!("expected divergence, got {outcome:?}");
    };
    let history = session.history();
    assert!(!history.records.is_empty(), "epochs before the failure are kept");
    assert!(history.records.iter().all(|r| r.val_mse.is_finite()));
    assert_eq!(epoch, history.records.len() + 1);
    assert_eq!(step, session.progress().step);
    assert!(hint.contains("lr = 0.3"), "{hint}");
    assert!(matches!(history.stop, Some(StopReason::Diverged { .. })));

    // Further calls do nothing and report the end.
    let mut session = session;
    let progress = block_on(session.step(5)).unwrap();
    assert_eq!(progress.step, step);
}

#[test]
fn invalid_settings_are_refused_before_training() {
    let error = Session::new(Settings { hidden: 0, ..small() }, &cpu_device()).err().unwrap();
    assert!(error.to_string().contains("hidden = 0"), "{error}");
}

#[test]
fn the_seed_examples_train_on_their_toy_data() {
    use lossgap::settings::DatasetKind;
    let settings = Settings {
        dataset: DatasetKind::SevenPoint,
        model: ModelKind::Rnn,
        hidden: 16,
        batch: 1,
        epochs: 200,
        normalise: false,
        ..Settings::default()
    };
    let (session, outcome) = run(settings);
    outcome.unwrap();
    let records = &session.history().records;
    assert!(records.last().unwrap().val_mse < records[0].val_mse);
    assert_eq!(session.forecast().truth, vec![10.0, 20.0, 30.0, 40.0, 50.0, 60.0, 70.0]);
}
