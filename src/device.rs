//! Choosing the compute device. One code path runs on whichever device is chosen at run time.

use burn::tensor::Device;
use serde::{Deserialize, Serialize};

#[cfg(not(target_family = "wasm"))]
use crate::error::{LossgapError, Result};

/// Where training runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum BackendChoice {
    /// The CPU (burn-flex).
    Cpu,
    /// WebGPU in the browser; Vulkan, Metal or DX12 natively (burn-wgpu).
    Wgpu,
}

impl BackendChoice {
    /// The name used in the CLI and the page.
    pub fn name(self) -> &'static str {
        match self {
            BackendChoice::Cpu => "cpu",
            BackendChoice::Wgpu => "wgpu",
        }
    }
}

/// The name of the backend [`cpu_device`] returns, as benchmarks print it.
pub const CPU_BACKEND: &str = "flex";

/// The CPU device: burn-flex, which ran the standard workload about twice as fast as
/// burn-ndarray natively (`lossgap bench --backend ndarray|flex`; see BENCHMARKS.md).
#[cfg(feature = "flex")]
pub fn cpu_device() -> Device {
    Device::flex()
}

/// A CPU backend by name (`ndarray` or `flex`), for benchmarks that compare them.
pub fn cpu_device_named(name: &str) -> std::result::Result<Device, crate::error::LossgapError> {
    match name {
        #[cfg(feature = "ndarray")]
        #[allow(deprecated)]
        "ndarray" => Ok(Device::ndarray()),
        #[cfg(feature = "flex")]
        "flex" => Ok(Device::flex()),
        other => Err(crate::error::LossgapError::Device(format!(
            "this build has no CPU backend named '{other}'"
        ))),
    }
}

/// The wgpu device, initialised natively (the browser uses its own asynchronous set-up).
#[cfg(all(feature = "wgpu", not(target_family = "wasm")))]
pub fn native_wgpu_device() -> Result<Device> {
    Device::wgpu_options()
        .init()
        .map_err(|e| LossgapError::Device(format!("no usable wgpu adapter: {e}")))
}

/// The device for `choice`, natively.
#[cfg(not(target_family = "wasm"))]
pub fn native_device(choice: BackendChoice) -> Result<Device> {
    match choice {
        #[cfg(feature = "flex")]
        BackendChoice::Cpu => Ok(cpu_device()),
        #[cfg(feature = "wgpu")]
        BackendChoice::Wgpu => native_wgpu_device(),
        #[allow(unreachable_patterns)]
        other => Err(LossgapError::Device(format!(
            "this build has no {} backend (cargo feature missing)",
            other.name()
        ))),
    }
}
