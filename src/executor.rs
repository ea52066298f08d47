//! Drives the session's `async` API where no event loop exists (the native CLI and tests).
//!
//! Reads from the device are asynchronous because WebGPU in the browser cannot block; natively
//! the same futures complete when polled, so blocking on them is enough.

use std::future::Future;

/// Runs a future to completion on the current thread.
#[cfg(not(target_family = "wasm"))]
pub fn block_on<F: Future>(future: F) -> F::Output {
    pollster::block_on(future)
}
