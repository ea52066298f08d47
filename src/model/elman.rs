//! The Elman RNN, written here: h_t = tanh(x_t·W_x + h_{t−1}·W_h + b).

use burn::module::{Module, Param};
use burn::tensor::{Device, Tensor, TensorData};

/// One Elman layer with tanh.
#[derive(Module, Debug)]
pub struct ElmanLayer {
    /// Input weights, `[inputs, hidden]`.
    pub input_weight: Param<Tensor<2>>,
    /// Recurrent weights, `[hidden, hidden]`.
    pub hidden_weight: Param<Tensor<2>>,
    /// Bias, `[hidden]`.
    pub bias: Param<Tensor<1>>,
}

impl ElmanLayer {
    /// A layer with zero weights; [`super::Forecaster::new`] fills them from the seed.
    pub fn new(inputs: usize, hidden: usize, device: &Device) -> Self {
        let zeros = |shape: Vec<usize>| {
            let count = shape.iter().product();
            TensorData::new(vec![0.0f32; count], shape)
        };
        ElmanLayer {
            input_weight: Param::from_data(zeros(vec![inputs, hidden]), device),
            hidden_weight: Param::from_data(zeros(vec![hidden, hidden]), device),
            bias: Param::from_data(zeros(vec![hidden]), device),
        }
    }

    /// `[batch, time, inputs]` in, starting from h₀ = 0. Out: `[batch, time, hidden]` with
    /// `every_step`, else only the last state as `[batch, 1, hidden]`.
    pub fn forward(&self, sequence: Tensor<3>, every_step: bool) -> Tensor<3> {
        let [batch, time, inputs] = sequence.dims();
        let [_, hidden] = self.hidden_weight.dims();

        // The input projection of all time steps at once: one matrix product instead of `time`.
        let projected = sequence
            .reshape([batch * time, inputs])
            .matmul(self.input_weight.val())
            .add(self.bias.val().unsqueeze())
            .reshape([batch, time, hidden]);

        let mut state = Tensor::<2>::zeros([batch, hidden], &projected.device());
        let mut outputs = Vec::with_capacity(if every_step { time } else { 0 });
        for t in 0..time {
            let step = projected.clone().narrow(1, t, 1).reshape([batch, hidden]);
            state = (step + state.matmul(self.hidden_weight.val())).tanh();
            if every_step {
                outputs.push(state.clone());
            }
        }
        if every_step { Tensor::stack(outputs, 1) } else { state.unsqueeze_dim(1) }
    }
}

/// The same layer on plain f64 slices (weights row-major), for checking the tensor version and
/// its gradients. Returns the last hidden state of every sequence.
pub fn elman_reference_forward(
    sequences: &[Vec<f64>],
    input_weight: &[f64],
    hidden_weight: &[f64],
    bias: &[f64],
) -> Vec<Vec<f64>> {
    let hidden = bias.len();
    sequences
        .iter()
        .map(|sequence| {
            let mut state = vec![0.0; hidden];
            for &x in sequence {
                let previous = state.clone();
                for (j, h) in state.iter_mut().enumerate() {
                    let recurrent: f64 =
                        (0..hidden).map(|i| previous[i] * hidden_weight[i * hidden + j]).sum();
                    *h = (x * input_weight[j] + recurrent + bias[j]).tanh();
                }
            }
            state
        })
        .collect()
}
