//! Models: a recurrent body (Elman RNN, GRU or LSTM, one or two layers) with a linear head on the
//! last hidden state, or a plain linear map from the window to the output.

mod elman;
mod init;

pub use elman::{ElmanLayer, elman_reference_forward};

use burn::module::Module;
use burn::nn::gru::GruConfig;
use burn::nn::lstm::LstmConfig;
use burn::nn::{Gru, Linear, LinearConfig, Lstm};
use burn::tensor::{Device, Tensor};

use crate::rng::Rng;
use crate::settings::ModelKind;

/// Stream id for the initial weights (see [`Rng::derive`]).
const WEIGHT_STREAM: u64 = 2;

/// One recurrent layer.
// A model holds one or two layers, built once, so the size of the larger variant costs nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Module, Debug)]
pub enum Recurrent {
    /// Elman RNN with tanh.
    Rnn(ElmanLayer),
    /// burn's GRU.
    Gru(Gru),
    /// burn's LSTM.
    Lstm(Lstm),
}

impl Recurrent {
    /// `[batch, time, features]` in, `[batch, time, hidden]` out.
    fn forward(&self, sequence: Tensor<3>) -> Tensor<3> {
        match self {
            Recurrent::Rnn(layer) => layer.forward(sequence),
            Recurrent::Gru(layer) => layer.forward(sequence, None),
            Recurrent::Lstm(layer) => layer.forward(sequence, None).0,
        }
    }
}

/// The shape of a forecaster.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Architecture {
    /// Model family.
    pub kind: ModelKind,
    /// Values per input window.
    pub window: usize,
    /// Values per prediction.
    pub outputs: usize,
    /// Hidden units per recurrent layer.
    pub hidden: usize,
    /// Recurrent layers (ignored by the linear model).
    pub layers: usize,
}

/// A forecaster: recurrent layers (none for the linear model) and a linear head.
#[derive(Module, Debug)]
pub struct Forecaster {
    layers: Vec<Recurrent>,
    head: Linear,
}

impl Forecaster {
    /// Builds the model with initial weights fixed by `seed`, the same on every backend.
    pub fn new(arch: Architecture, seed: u64, device: &Device) -> Forecaster {
        let mut layers = Vec::new();
        let mut features = 1;
        if arch.kind != ModelKind::Linear {
            for _ in 0..arch.layers {
                layers.push(recurrent_layer(arch.kind, features, arch.hidden, device));
                features = arch.hidden;
            }
        }
        let head_inputs = if layers.is_empty() { arch.window } else { arch.hidden };
        let head = LinearConfig::new(head_inputs, arch.outputs).init(device);

        let model = Forecaster { layers, head };
        model.map(&mut init::Reseed::new(Rng::derive(seed, WEIGHT_STREAM)))
    }

    /// `[batch, window]` in, `[batch, outputs]` out.
    pub fn forward(&self, windows: Tensor<2>) -> Tensor<2> {
        if self.layers.is_empty() {
            return self.head.forward(windows);
        }
        let [batch, time] = windows.dims();
        let mut sequence = windows.reshape([batch, time, 1]);
        for layer in &self.layers {
            sequence = layer.forward(sequence);
        }
        let hidden = sequence.dims()[2];
        let last = sequence.narrow(1, time - 1, 1).reshape([batch, hidden]);
        self.head.forward(last)
    }
}

/// One recurrent layer of `kind` (not `Linear`).
fn recurrent_layer(kind: ModelKind, inputs: usize, hidden: usize, device: &Device) -> Recurrent {
    match kind {
        ModelKind::Gru => Recurrent::Gru(GruConfig::new(inputs, hidden, true).init(device)),
        ModelKind::Lstm => Recurrent::Lstm(LstmConfig::new(inputs, hidden, true).init(device)),
        ModelKind::Rnn | ModelKind::Linear => {
            Recurrent::Rnn(ElmanLayer::new(inputs, hidden, device))
        }
    }
}
