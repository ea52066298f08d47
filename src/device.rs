//! Choosing the compute device. One code path runs on whichever device is chosen at run time.

use burn::tensor::Device;
use serde::{Deserialize, Serialize};

#[cfg(not(target_family = "wasm"))]
use crate::error::{LossgapError, Result};

/// Where training runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum BackendChoice {
    /// The CPU (burn-ndarray).
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

/// The CPU device.
#[cfg(feature = "ndarray")]
pub fn cpu_device() -> Device {
    // Limitation: burn marks burn-ndarray deprecated in favour of burn-flex; ndarray is the
    // backend the project was specified and measured on, and flex has not been measured yet.
    #[allow(deprecated)]
    Device::ndarray()
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
        #[cfg(feature = "ndarray")]
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
