//! Models: a recurrent body (Elman RNN, GRU or LSTM, one or two layers) with a linear head on the
//! last hidden state, or a plain linear map from the window to the output.

mod elman;
mod gru;
mod init;

pub use elman::{ElmanLayer, elman_reference_forward};
pub use gru::GruLayer;

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
    /// GRU with fused gates.
    Gru(GruLayer),
    /// burn's LSTM.
    Lstm(Lstm),
}

impl Recurrent {
    /// `[batch, time, features]` in; `[batch, time, hidden]` out with `every_step`, else only the
    /// last state as `[batch, 1, hidden]`.
    fn forward(&self, sequence: Tensor<3>, every_step: bool) -> Tensor<3> {
        match self {
            Recurrent::Rnn(layer) => layer.forward(sequence, every_step),
            Recurrent::Gru(layer) => layer.forward(sequence, every_step),
            Recurrent::Lstm(layer) => {
                let all = layer.forward(sequence, None).0;
                if every_step {
                    return all;
                }
                let time = all.dims()[1];
                all.narrow(1, time - 1, 1)
            }
        }
    }
}

/// A layer as first built: burn's GRU stands in for the fused one so that the seeded weights are
/// drawn in the same order and shapes as before the GRU was fused, and runs keep their curves.
#[allow(clippy::large_enum_variant)]
#[derive(Module, Debug)]
enum Draft {
    Rnn(ElmanLayer),
    Gru(Gru),
    Lstm(Lstm),
}

/// The model as first built, before its GRU layers are fused.
#[derive(Module, Debug)]
struct DraftForecaster {
    layers: Vec<Draft>,
    head: Linear,
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
                layers.push(draft_layer(arch.kind, features, arch.hidden, device));
                features = arch.hidden;
            }
        }
        let head_inputs = if layers.is_empty() { arch.window } else { arch.hidden };
        let head = LinearConfig::new(head_inputs, arch.outputs).init(device);

        let draft = DraftForecaster { layers, head };
        let draft = draft.map(&mut init::Reseed::new(Rng::derive(seed, WEIGHT_STREAM)));

        let layers = draft
            .layers
            .into_iter()
            .map(|layer| match layer {
                Draft::Rnn(layer) => Recurrent::Rnn(layer),
                Draft::Gru(layer) => Recurrent::Gru(GruLayer::from_burn(&layer)),
                Draft::Lstm(layer) => Recurrent::Lstm(layer),
            })
            .collect();
        Forecaster { layers, head: draft.head }
    }

    /// `[batch, window]` in, `[batch, outputs]` out.
    pub fn forward(&self, windows: Tensor<2>) -> Tensor<2> {
        if self.layers.is_empty() {
            return self.head.forward(windows);
        }
        let [batch, time] = windows.dims();
        let mut sequence = windows.reshape([batch, time, 1]);
        let depth = self.layers.len();
        for (index, layer) in self.layers.iter().enumerate() {
            // Only the last layer's last state reaches the head; earlier layers pass every step.
            sequence = layer.forward(sequence, index + 1 < depth);
        }
        let hidden = sequence.dims()[2];
        self.head.forward(sequence.reshape([batch, hidden]))
    }
}

/// One recurrent layer of `kind` (not `Linear`), as first built.
fn draft_layer(kind: ModelKind, inputs: usize, hidden: usize, device: &Device) -> Draft {
    match kind {
        ModelKind::Gru => Draft::Gru(GruConfig::new(inputs, hidden, true).init(device)),
        ModelKind::Lstm => Draft::Lstm(LstmConfig::new(inputs, hidden, true).init(device)),
        ModelKind::Rnn | ModelKind::Linear => Draft::Rnn(ElmanLayer::new(inputs, hidden, device)),
    }
}
