//! Setting up the device in the browser. The page probes `navigator.gpu.requestAdapter()` first
//! (burn's WebGPU set-up panics without an adapter) and asks for WebGPU only when one exists.

use burn::tensor::Device;

use crate::device::BackendChoice;
use crate::error::LossgapError;

#[cfg(feature = "wgpu")]
thread_local! {
    // burn registers the WebGPU runtime once per page; later runs reuse the same device.
    static WGPU_DEVICE: std::cell::RefCell<Option<Device>> =
        const { std::cell::RefCell::new(None) };
}

/// The device for `choice`, initialising WebGPU asynchronously the first time.
pub async fn device_for(choice: BackendChoice) -> Result<Device, LossgapError> {
    match choice {
        BackendChoice::Cpu => Ok(crate::device::cpu_device()),
        #[cfg(feature = "wgpu")]
        BackendChoice::Wgpu => wgpu_device().await,
        // The page's CPU-only module (built without the `wgpu` feature to download less) says so;
        // the page loads the full module before it asks for WebGPU.
        #[cfg(not(feature = "wgpu"))]
        BackendChoice::Wgpu => {
            Err(LossgapError::Device("this module was built without WebGPU".to_string()))
        }
    }
}

// Limitation: a lost device is caught only where burn reports it as an error (a failed read);
// should wgpu panic instead, the module traps and the page can only offer a reload. The page's
// fallback (replay on the CPU) is tested through `Trainer::simulateDeviceLoss`.
#[cfg(feature = "wgpu")]
async fn wgpu_device() -> Result<Device, LossgapError> {
    if let Some(device) = WGPU_DEVICE.with(|cell| cell.borrow().clone()) {
        return Ok(device);
    }
    let device = Device::wgpu_options()
        .init_async()
        .await
        .map_err(|e| LossgapError::Device(format!("WebGPU could not start: {e}")))?;
    log::info!("WebGPU device ready");
    WGPU_DEVICE.with(|cell| *cell.borrow_mut() = Some(device.clone()));
    Ok(device)
}
