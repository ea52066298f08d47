//! Each preset's claim, checked on the CPU backend with real training: the divergence appears
//! for the default seed and for nearly every other, the remedies change what they say they
//! change, mean and median part on skewed noise, and the seed examples learn their targets.

#![cfg(not(target_family = "wasm"))]

use lossgap::Session;
use lossgap::device::cpu_device;
use lossgap::executor::block_on;
use lossgap::loss::LossKind;
use lossgap::settings::{EarlyStop, Settings, preset};
use lossgap::train::{Comparison, History};

/// The rise in validation MSE the divergence preset promises while MAE keeps falling.
const PROMISED_RISE: f64 = 0.05;

fn history_of(settings: Settings) -> History {
    let mut session = Session::new(settings, &cpu_device()).expect("valid preset");
    block_on(session.run_to_end()).expect("the run completes");
    session.history().clone()
}

fn rise_of(history: &History) -> f64 {
    history.strongest_parting().map_or(0.0, |p| p.mse_change)
}

#[test]
fn divergence_shows_mse_rising_while_mae_falls_for_the_default_seed() {
    let history = history_of(preset("divergence").unwrap());
    let parting = history.strongest_parting().expect("a stretch where MSE rose as MAE fell");
    assert!(parting.mse_change >= PROMISED_RISE, "{parting:?}");
    assert!(parting.mae_change < 0.0, "{parting:?}");
}

#[test]
fn divergence_shows_it_for_at_least_nine_of_ten_other_seeds() {
    let base = preset("divergence").unwrap();
    let rises: Vec<(u64, f64)> = (1..=10)
        .map(|seed| (seed, rise_of(&history_of(Settings { seed, ..base.clone() }))))
        .collect();
    let shown = rises.iter().filter(|(_, rise)| *rise >= PROMISED_RISE).count();
    assert!(shown >= 9, "MSE rise while MAE fell, by seed: {rises:?}");
}

#[test]
fn mean_vs_median_mae_training_wins_on_mae_and_loses_on_mse() {
    let settings = preset("mean-vs-median").unwrap();
    let mut comparison =
        Comparison::new(&settings, &[LossKind::Mse, LossKind::Mae], &cpu_device()).unwrap();
    block_on(comparison.run_to_end()).unwrap();
    let rows = comparison.rows();
    let (mse_run, mae_run) = (&rows[0], &rows[1]);

    let best_mae = |r: &lossgap::train::CompareRow| r.best_val_mae.unwrap().0;
    let best_mse = |r: &lossgap::train::CompareRow| r.best_val_mse.unwrap().0;
    assert!(best_mae(mae_run) < best_mae(mse_run), "{rows:?}");
    assert!(best_mse(mae_run) > best_mse(mse_run), "{rows:?}");

    // The MAE-trained model aims at the median: its median residual sits nearer zero.
    let median = |r: &lossgap::train::CompareRow| r.decomposition.unwrap().residual_median.abs();
    assert!(median(mae_run) < median(mse_run), "{rows:?}");
}

#[test]
fn early_stopping_on_mae_ends_with_a_lower_mae_than_stopping_on_loss() {
    let on_mae = preset("remedy-early-stop").unwrap();
    assert_eq!(on_mae.early_stop, EarlyStop::ValMae);
    let on_loss = Settings { early_stop: EarlyStop::ValLoss, ..on_mae.clone() };

    // With the best weights restored, each run ends at its watched metric's best epoch.
    let kept_mae = |history: &History| {
        let epoch = match history.stop {
            Some(lossgap::train::StopReason::EarlyStopped { best_epoch, .. }) => best_epoch,
            _ => history.best_by(EarlyStop::ValLoss).unwrap().epoch,
        };
        history.records[epoch - 1].val_mae
    };
    let (mae_run, loss_run) = (history_of(on_mae), history_of(on_loss));
    assert!(kept_mae(&mae_run) < kept_mae(&loss_run), "{mae_run:?}\n{loss_run:?}");
}

#[test]
fn the_remedies_stop_chasing_the_spikes() {
    let diverging = history_of(preset("divergence").unwrap());
    // How far validation MSE ends above its best: what chasing the training spikes costs.
    let drift = |h: &History| {
        let best = h.records.iter().map(|r| r.val_mse).fold(f64::INFINITY, f64::min);
        h.latest().unwrap().val_mse / best
    };
    let final_mae = |h: &History| h.latest().unwrap().val_mae;

    for name in ["remedy-mae", "remedy-huber", "remedy-mixed"] {
        let remedy = history_of(preset(name).unwrap());
        assert!(rise_of(&remedy) < rise_of(&diverging), "{name}: MSE rise as MAE fell");
        assert!(drift(&remedy) < drift(&diverging), "{name}: final MSE over its best");
        assert!(final_mae(&remedy) < final_mae(&diverging), "{name}: final MAE");
    }
}

#[test]
fn the_seed_examples_learn_their_targets_and_chart_mse_with_mae() {
    for name in ["seed-linear", "seed-rnn-mse", "seed-rnn-mae"] {
        let history = history_of(preset(name).unwrap());
        let (first, last) = (&history.records[0], history.latest().unwrap());
        assert!(last.val_mse < 0.01 * first.val_mse, "{name}: {first:?} → {last:?}");
        assert!(last.val_mae < 0.1 * first.val_mae, "{name}: {first:?} → {last:?}");
    }
}
