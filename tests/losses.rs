//! The tensor losses agree with their references, and MSE and MAE aim at mean and median.

#![cfg(not(target_family = "wasm"))]

use burn::module::{Module, Param};
use burn::optim::{AdamConfig, GradientsParams};
use burn::tensor::{Tensor, TensorData};
use lossgap::device::cpu_device;
use lossgap::loss::Loss;
use lossgap::rng::Rng;

fn all_losses() -> Vec<Loss> {
    vec![
        Loss::Mse,
        Loss::Mae,
        Loss::Huber { delta: 0.7 },
        Loss::Mixed { alpha: 0.3 },
        Loss::Pinball { tau: 0.5 },
        Loss::Pinball { tau: 0.9 },
    ]
}

fn column(values: &[f32]) -> Tensor<2> {
    Tensor::from_data(TensorData::new(values.to_vec(), [values.len(), 1]), &cpu_device())
}

#[test]
fn every_tensor_loss_matches_its_reference() {
    let mut rng = Rng::new(11);
    let pred: Vec<f32> = (0..257).map(|_| (2.0 * rng.normal()) as f32).collect();
    let truth: Vec<f32> = (0..257).map(|_| rng.normal() as f32).collect();
    for loss in all_losses() {
        let expected = loss.reference(&pred, &truth);
        let got: f32 = loss.tensor(column(&pred), column(&truth)).into_scalar();
        let tolerance = 1e-5 * expected.abs().max(1.0);
        assert!((got as f64 - expected).abs() < tolerance, "{loss:?}: {got} vs {expected}");
    }
}

/// A model that predicts one constant for every sample.
#[derive(Module, Debug)]
struct Constant {
    value: Param<Tensor<1>>,
}

/// Trains a single constant on `sample` with `loss` and returns it.
fn fitted_constant(loss: Loss, sample: &[f32]) -> f32 {
    let device = cpu_device().autodiff();
    let mut model =
        Constant { value: Param::from_data(TensorData::new(vec![0.0f32], [1]), &device) };
    let mut optimizer = AdamConfig::new().init();
    let truth =
        Tensor::<2>::from_data(TensorData::new(sample.to_vec(), [sample.len(), 1]), &device);
    for step in 0..1500 {
        let prediction = model.value.val().reshape([1, 1]).expand([sample.len(), 1]);
        let grads =
            GradientsParams::from_grads(loss.tensor(prediction, truth.clone()).backward(), &model);
        let lr = if step < 1000 { 0.05 } else { 0.005 };
        model = optimizer.step(lr, model, grads);
    }
    model.value.val().into_scalar()
}

#[test]
fn mse_is_minimised_by_the_mean_and_mae_by_the_median() {
    // A skewed sample: log-normal values, whose mean lies well above their median.
    let mut rng = Rng::new(5);
    let sample: Vec<f32> = (0..401).map(|_| (0.8 * rng.normal()).exp() as f32).collect();
    let mean = sample.iter().map(|&v| v as f64).sum::<f64>() / sample.len() as f64;
    let median = lossgap::train::median(&sample.iter().map(|&v| v as f64).collect::<Vec<_>>());
    assert!(mean - median > 0.2, "the sample should be skewed: mean {mean}, median {median}");

    let by_mse = fitted_constant(Loss::Mse, &sample) as f64;
    let by_mae = fitted_constant(Loss::Mae, &sample) as f64;
    assert!((by_mse - mean).abs() < 0.01, "MSE constant {by_mse} vs mean {mean}");
    assert!((by_mae - median).abs() < 0.02, "MAE constant {by_mae} vs median {median}");
}
