//! The fused GRU gives burn's GRU outputs and gradients from the same weights, so runs trained
//! with it follow the curves they followed before the GRU was fused.

#![cfg(not(target_family = "wasm"))]

use burn::module::Param;
use burn::nn::gru::{Gru, GruConfig};
use burn::nn::{GateController, Linear};
use burn::tensor::{Gradients, Tensor, TensorData};
use lossgap::device::cpu_device;
use lossgap::model::GruLayer;
use lossgap::rng::Rng;

const BATCH: usize = 4;
const TIME: usize = 6;
const INPUTS: usize = 3;
const HIDDEN: usize = 5;

fn random(rng: &mut Rng, n: usize) -> Vec<f32> {
    (0..n).map(|_| rng.uniform_in(-1.0, 1.0) as f32).collect()
}

fn values<const D: usize>(tensor: Tensor<D>) -> Vec<f32> {
    tensor.into_data().try_to_vec().unwrap()
}

fn assert_close(name: &str, got: &[f32], expected: &[f32]) {
    assert_eq!(got.len(), expected.len(), "{name}: lengths differ");
    for (i, (g, e)) in got.iter().zip(expected).enumerate() {
        assert!((g - e).abs() < 1e-5, "{name}[{i}]: fused {g} vs burn {e}");
    }
}

/// burn's per-gate gradient of one side, laid out as the fused layer lays out its weights.
fn fused_layout(
    gru: &Gru,
    side: fn(&GateController) -> &Linear,
    grad: &dyn Fn(&Linear) -> Tensor<2>,
) -> Vec<f32> {
    let parts = [&gru.reset_gate, &gru.update_gate, &gru.new_gate]
        .iter()
        .map(|gate| grad(side(gate)))
        .collect();
    values(Tensor::cat(parts, 1))
}

#[test]
fn fused_gru_matches_burns_gru_forward_and_backward() {
    let device = cpu_device().autodiff();
    let gru = GruConfig::new(INPUTS, HIDDEN, true).init(&device);
    let fused = GruLayer::from_burn(&gru);

    let mut rng = Rng::new(8);
    let input = Tensor::<3>::from_data(
        TensorData::new(random(&mut rng, BATCH * TIME * INPUTS), [BATCH, TIME, INPUTS]),
        &device,
    );
    let mix = Tensor::<3>::from_data(
        TensorData::new(random(&mut rng, BATCH * TIME * HIDDEN), [BATCH, TIME, HIDDEN]),
        &device,
    );

    let theirs = gru.forward(input.clone(), None);
    let ours = fused.forward(input.clone(), true);
    assert_close("outputs", &values(ours.clone()), &values(theirs.clone()));

    let last = fused.forward(input, false);
    assert_eq!(last.dims(), [BATCH, 1, HIDDEN]);
    assert_close("last state", &values(last), &values(ours.clone().narrow(1, TIME - 1, 1)));

    let their_grads = (theirs * mix.clone()).sum().backward();
    let our_grads = (ours * mix).sum().backward();
    let grad2 = |param: &Param<Tensor<2>>, grads: &Gradients| param.val().grad(grads).unwrap();
    let grad1 = |param: &Param<Tensor<1>>, grads: &Gradients| {
        param.val().grad(grads).unwrap().unsqueeze::<2>()
    };

    let expected = fused_layout(&gru, |g| &g.input_transform, &|l| grad2(&l.weight, &their_grads));
    assert_close("input weight", &values(grad2(&fused.input_weight, &our_grads)), &expected);
    let expected = fused_layout(&gru, |g| &g.hidden_transform, &|l| grad2(&l.weight, &their_grads));
    assert_close("hidden weight", &values(grad2(&fused.hidden_weight, &our_grads)), &expected);
    let bias = |l: &Linear| grad1(l.bias.as_ref().unwrap(), &their_grads);
    let expected = fused_layout(&gru, |g| &g.input_transform, &bias);
    assert_close("input bias", &values(grad1(&fused.input_bias, &our_grads)), &expected);
    let expected = fused_layout(&gru, |g| &g.hidden_transform, &bias);
    assert_close("hidden bias", &values(grad1(&fused.hidden_bias, &our_grads)), &expected);
}
