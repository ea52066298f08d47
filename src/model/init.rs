//! Seeded initial weights. burn draws its own initial values from the device's generator, which
//! differs between backends; overwriting them from our generator gives the same starting weights
//! on the CPU and on WebGPU, and lets compare mode start several runs from identical weights.

use burn::module::{ModuleMapper, Param};
use burn::tensor::{Tensor, TensorData};

use crate::rng::Rng;

/// Replaces every float parameter: Xavier-uniform for matrices, zeros for biases.
pub struct Reseed {
    rng: Rng,
}

impl Reseed {
    /// A mapper drawing from `rng`.
    pub fn new(rng: Rng) -> Self {
        Self { rng }
    }
}

impl ModuleMapper for Reseed {
    fn map_float<const D: usize>(&mut self, param: Param<Tensor<D>>) -> Param<Tensor<D>> {
        let rng = &mut self.rng;
        param.map(|tensor| {
            let dims: [usize; D] = tensor.dims();
            let count: usize = dims.iter().product();
            let values: Vec<f32> = if D >= 2 {
                // Weight matrices are [inputs, outputs].
                let bound = (6.0 / (dims[0] + dims[D - 1]) as f64).sqrt();
                (0..count).map(|_| rng.uniform_in(-bound, bound) as f32).collect()
            } else {
                vec![0.0; count]
            };
            let fresh = Tensor::<D>::from_data(TensorData::new(values, dims), &tensor.device());
            if tensor.is_require_grad() { fresh.require_grad() } else { fresh }
        })
    }
}
