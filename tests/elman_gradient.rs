//! The hand-written Elman RNN: its forward pass matches a plain f64 version, and burn's gradients
//! through it match finite differences of that version.

#![cfg(not(target_family = "wasm"))]

use burn::module::Param;
use burn::tensor::{Tensor, TensorData};
use lossgap::device::cpu_device;
use lossgap::model::{ElmanLayer, elman_reference_forward};
use lossgap::rng::Rng;

const BATCH: usize = 3;
const TIME: usize = 5;
const HIDDEN: usize = 4;

struct Weights {
    input: Vec<f64>,
    hidden: Vec<f64>,
    bias: Vec<f64>,
}

fn random(rng: &mut Rng, n: usize, scale: f64) -> Vec<f64> {
    (0..n).map(|_| rng.uniform_in(-scale, scale)).collect()
}

fn to_f32(values: &[f64]) -> Vec<f32> {
    values.iter().map(|&v| v as f32).collect()
}

/// The objective: sum over sequences and units of the last hidden state times fixed weights.
fn objective(sequences: &[Vec<f64>], w: &Weights, mix: &[f64]) -> f64 {
    elman_reference_forward(sequences, &w.input, &w.hidden, &w.bias)
        .iter()
        .flat_map(|h| h.iter().zip(mix).map(|(a, b)| a * b))
        .sum()
}

#[test]
fn elman_gradients_match_finite_differences() {
    let mut rng = Rng::new(21);
    let sequences: Vec<Vec<f64>> = (0..BATCH).map(|_| random(&mut rng, TIME, 1.0)).collect();
    let w = Weights {
        input: random(&mut rng, HIDDEN, 0.8),
        hidden: random(&mut rng, HIDDEN * HIDDEN, 0.6),
        bias: random(&mut rng, HIDDEN, 0.3),
    };
    let mix = random(&mut rng, HIDDEN, 1.0);

    // The same objective through burn, with autodiff.
    let device = cpu_device().autodiff();
    let layer = ElmanLayer {
        input_weight: Param::from_data(TensorData::new(to_f32(&w.input), [1, HIDDEN]), &device),
        hidden_weight: Param::from_data(
            TensorData::new(to_f32(&w.hidden), [HIDDEN, HIDDEN]),
            &device,
        ),
        bias: Param::from_data(TensorData::new(to_f32(&w.bias), [HIDDEN]), &device),
    };
    let flat: Vec<f32> = sequences.iter().flatten().map(|&v| v as f32).collect();
    let input = Tensor::<3>::from_data(TensorData::new(flat, [BATCH, TIME, 1]), &device);
    let last = layer.forward(input, false).reshape([BATCH, HIDDEN]);
    let weights = Tensor::<2>::from_data(TensorData::new(to_f32(&mix), [1, HIDDEN]), &device);
    let value = (last * weights).sum();

    let burn_value: f32 = value.clone().into_scalar();
    let reference_value = objective(&sequences, &w, &mix);
    assert!((burn_value as f64 - reference_value).abs() < 1e-4, "forward differs");

    let grads = value.backward();
    let analytic = [
        ("input weight", layer.input_weight.val().grad(&grads)),
        ("hidden weight", layer.hidden_weight.val().grad(&grads)),
    ];
    let bias_grad: Vec<f32> =
        layer.bias.val().grad(&grads).unwrap().into_data().try_to_vec().unwrap();

    let eps = 1e-6;
    let numeric = |pick: &dyn Fn(&mut Weights) -> &mut Vec<f64>, i: usize| {
        let mut plus =
            Weights { input: w.input.clone(), hidden: w.hidden.clone(), bias: w.bias.clone() };
        let mut minus =
            Weights { input: w.input.clone(), hidden: w.hidden.clone(), bias: w.bias.clone() };
        pick(&mut plus)[i] += eps;
        pick(&mut minus)[i] -= eps;
        (objective(&sequences, &plus, &mix) - objective(&sequences, &minus, &mix)) / (2.0 * eps)
    };
    let check = |name: &str, got: &[f32], pick: &dyn Fn(&mut Weights) -> &mut Vec<f64>| {
        for (i, &g) in got.iter().enumerate() {
            let expected = numeric(pick, i);
            assert!((g as f64 - expected).abs() < 1e-4, "{name}[{i}]: {g} vs {expected}");
        }
    };

    let [(_, input_grad), (_, hidden_grad)] = analytic;
    let input_grad: Vec<f32> = input_grad.unwrap().into_data().try_to_vec().unwrap();
    let hidden_grad: Vec<f32> = hidden_grad.unwrap().into_data().try_to_vec().unwrap();
    check("input weight", &input_grad, &|w| &mut w.input);
    check("hidden weight", &hidden_grad, &|w| &mut w.hidden);
    check("bias", &bias_grad, &|w| &mut w.bias);
}
