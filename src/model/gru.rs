//! A GRU with its three gates fused, written here for speed. burn's `Gru` makes six matrix
//! products per time step and copies its whole output sequence at every step; this layer makes
//! two and keeps only what the next layer needs. The equations are burn's (with `reset_after`,
//! its default), so weights taken from a burn `Gru` give the same outputs:
//!
//! - r = σ(x·W_ir + b_ir + h·W_hr + b_hr)
//! - z = σ(x·W_iz + b_iz + h·W_hz + b_hz)
//! - n = tanh(x·W_in + b_in + r ⊙ (h·W_hn + b_hn))
//! - h' = (1 − z) ⊙ n + z ⊙ h

use burn::module::{Module, Param};
use burn::nn::gru::Gru;
use burn::nn::{GateController, Linear};
use burn::tensor::Tensor;
use burn::tensor::activation::sigmoid;

/// One GRU layer; weight columns are in gate order reset, update, new.
#[derive(Module, Debug)]
pub struct GruLayer {
    /// Input weights, `[inputs, 3·hidden]`.
    pub input_weight: Param<Tensor<2>>,
    /// Input biases, `[3·hidden]`.
    pub input_bias: Param<Tensor<1>>,
    /// Recurrent weights, `[hidden, 3·hidden]`.
    pub hidden_weight: Param<Tensor<2>>,
    /// Recurrent biases, `[3·hidden]`.
    pub hidden_bias: Param<Tensor<1>>,
}

impl GruLayer {
    /// The same layer as `gru`, its weights copied into the fused layout.
    pub fn from_burn(gru: &Gru) -> Self {
        let gates = [&gru.reset_gate, &gru.update_gate, &gru.new_gate];
        let weights = |side: fn(&GateController) -> &Linear| {
            let parts = gates.iter().map(|gate| side(gate).weight.val()).collect();
            Param::from_tensor(Tensor::cat(parts, 1).detach())
        };
        let biases = |side: fn(&GateController) -> &Linear| {
            let parts = gates
                .iter()
                .map(|gate| {
                    let linear = side(gate);
                    match &linear.bias {
                        Some(bias) => bias.val(),
                        None => Tensor::zeros([gru.d_hidden], &linear.weight.val().device()),
                    }
                })
                .collect();
            Param::from_tensor(Tensor::cat(parts, 0).detach())
        };
        GruLayer {
            input_weight: weights(|gate| &gate.input_transform),
            input_bias: biases(|gate| &gate.input_transform),
            hidden_weight: weights(|gate| &gate.hidden_transform),
            hidden_bias: biases(|gate| &gate.hidden_transform),
        }
    }

    /// `[batch, time, inputs]` in, starting from h₀ = 0. Out: `[batch, time, hidden]` with
    /// `every_step`, else only the last state as `[batch, 1, hidden]`.
    pub fn forward(&self, sequence: Tensor<3>, every_step: bool) -> Tensor<3> {
        let [batch, time, inputs] = sequence.dims();
        let [hidden, _] = self.hidden_weight.dims();
        let input_weight = self.input_weight.val();
        let input_bias = self.input_bias.val().unsqueeze::<2>();
        let hidden_weight = self.hidden_weight.val();
        let hidden_bias = self.hidden_bias.val().unsqueeze::<2>();

        let mut state = Tensor::<2>::zeros([batch, hidden], &sequence.device());
        let mut outputs = Vec::with_capacity(if every_step { time } else { 0 });
        for t in 0..time {
            // The input is projected one step at a time: the first layer's input is data with no
            // gradient, so slicing it is free, where slicing a projection of all steps would
            // cost a zero-filled copy of the whole projection per step in the backward pass.
            let input = sequence.clone().narrow(1, t, 1).reshape([batch, inputs]);
            let from_input = input.matmul(input_weight.clone()) + input_bias.clone();
            let from_state = state.clone().matmul(hidden_weight.clone()) + hidden_bias.clone();

            let gates = sigmoid(
                from_input.clone().narrow(1, 0, 2 * hidden)
                    + from_state.clone().narrow(1, 0, 2 * hidden),
            );
            let reset = gates.clone().narrow(1, 0, hidden);
            let update = gates.narrow(1, hidden, hidden);
            let candidate = (from_input.narrow(1, 2 * hidden, hidden)
                + reset * from_state.narrow(1, 2 * hidden, hidden))
            .tanh();

            // (1 − z)·n + z·h written as n + z·(h − n): one tensor operation fewer.
            state = candidate.clone() + update * (state - candidate);
            if every_step {
                outputs.push(state.clone());
            }
        }

        if every_step { Tensor::stack(outputs, 1) } else { state.unsqueeze_dim(1) }
    }
}
