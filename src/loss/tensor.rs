//! Tensor implementations, used for training; tested against the reference.

use burn::tensor::Tensor;

use super::Loss;

impl Loss {
    /// The mean loss of `prediction` against `truth` (same shape), as a one-element tensor.
    pub fn tensor(&self, prediction: Tensor<2>, truth: Tensor<2>) -> Tensor<1> {
        let residual = prediction - truth;
        match *self {
            Loss::Mse => residual.powi_scalar(2).mean(),
            Loss::Mae => residual.abs().mean(),
            Loss::Huber { delta } => {
                // With q = min(|r|, δ): ½q² + δ(|r| − q) is ½r² inside δ and δ(|r| − ½δ) beyond,
                // without a branch per element.
                let abs = residual.abs();
                let q = abs.clone().clamp_max(delta);
                (q.clone().powi_scalar(2).mul_scalar(0.5) + (abs - q).mul_scalar(delta)).mean()
            }
            Loss::Mixed { alpha } => {
                let squared = residual.clone().powi_scalar(2).mean().mul_scalar(alpha);
                squared + residual.abs().mean().mul_scalar(1.0 - alpha)
            }
            Loss::Pinball { tau } => {
                // With u = truth − prediction = −r: τ·u + max(−u, 0) equals τu above zero and
                // (τ − 1)u below.
                let u = residual.neg();
                (u.clone().mul_scalar(tau) + u.neg().clamp_min(0.0)).mean()
            }
        }
    }
}
