//! The native command line: `lossgap train`, `lossgap presets`, `lossgap score`.

#[cfg(not(target_family = "wasm"))]
mod cli;

#[cfg(not(target_family = "wasm"))]
fn main() -> std::process::ExitCode {
    cli::main()
}

// The wasm build of the crate is the library; this binary exists only natively.
#[cfg(target_family = "wasm")]
fn main() {}
