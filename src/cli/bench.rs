//! `lossgap bench`: the standard workload on the native CPU (or wgpu) backend, printed as the
//! workload's JSON lines: milliseconds per step, seconds per epoch, and optionally how resident
//! memory grows over a long run.

use std::time::Instant;

use lossgap::bench::{
    TIMED_STEPS, WARM_UP_STEPS, WorkloadSeries, median_min_max, time_steps, workload_session,
};
use lossgap::device::{BackendChoice, CPU_BACKEND, cpu_device_named, native_device};
use lossgap::executor::block_on;
use serde_json::json;

use super::CliError;
use super::args::BenchArgs;

/// The workload series shipped with the project, used unless `--series` names another file.
const SERIES: &str = include_str!("../../bench/series.json");

/// Runs the workload `--repeats` times and prints one JSON line per figure.
pub fn run(args: BenchArgs) -> Result<(), CliError> {
    let text = match &args.series {
        Some(path) => std::fs::read_to_string(path).map_err(|e| {
            CliError::Usage(format!("--series: cannot read '{}': {e}", path.display()))
        })?,
        None => SERIES.to_string(),
    };
    let series = WorkloadSeries::from_json(&text)?;
    let (device, backend_name) = match args.backend.as_str() {
        "wgpu" => (native_device(BackendChoice::Wgpu)?, "wgpu"),
        "cpu" => (native_device(BackendChoice::Cpu)?, CPU_BACKEND),
        name => (cpu_device_named(name)?, name),
    };
    let started = Instant::now();
    let now = move || started.elapsed().as_secs_f64() * 1000.0;

    let (mut steps, mut epochs, mut last) = (Vec::new(), Vec::new(), None);
    for _ in 0..args.repeats.max(1) {
        let mut session = workload_session(&series, &device)?;
        let timing = block_on(time_steps(&mut session, WARM_UP_STEPS, TIMED_STEPS, now))?;
        steps.push(timing.ms_per_step);

        // One in-order pass and its validation, from fresh weights.
        let mut session = workload_session(&series, &device)?;
        let start = now();
        block_on(session.run_epochs(1))?;
        epochs.push((now() - start) / 1000.0);
        last = session.history().latest().copied();
    }

    let (ms, ms_min, ms_max) = median_min_max(&steps);
    let (epoch_s, epoch_min, epoch_max) = median_min_max(&epochs);
    let line = json!({
        "peer": "lossgap-native",
        "backend": backend_name,
        "ms_per_step": ms, "ms_min": ms_min, "ms_max": ms_max,
        "epoch_s": epoch_s, "epoch_s_min": epoch_min, "epoch_s_max": epoch_max,
        "final_val_mse": last.map(|r| r.val_mse), "final_val_mae": last.map(|r| r.val_mae),
        "repeats": steps.len(),
    });
    println!("{line}");

    if let Some(total) = args.soak {
        println!("{}", soak(&series, &device, total)?);
    }
    Ok(())
}

/// Resident memory at step 100 and at step `total`, and the step time early and late.
fn soak(
    series: &WorkloadSeries,
    device: &burn::tensor::Device,
    total: usize,
) -> Result<serde_json::Value, CliError> {
    let mut session = workload_session(series, device)?;
    let started = Instant::now();
    let mut early = None;
    let mut rss_early = None;
    let mut window_start = (0usize, 0.0f64);
    let mut late = 0.0;
    while session.progress().step < total {
        block_on(session.step(1))?;
        let step = session.progress().step;
        let elapsed = started.elapsed().as_secs_f64() * 1000.0;
        if step == 100 {
            rss_early = resident_mib();
            early = Some(elapsed / 100.0);
            window_start = (step, elapsed);
        }
        if step + 100 == total {
            window_start = (step, elapsed);
        }
        if step == total {
            late = (elapsed - window_start.1) / (step - window_start.0).max(1) as f64;
        }
    }
    let rss_late = resident_mib();
    let growth = match (rss_early, rss_late) {
        (Some(a), Some(b)) if a > 0.0 => Some((b - a) / a),
        _ => None,
    };
    Ok(json!({
        "figure": "soak", "where": "native", "steps": total,
        "rss_mib_at_100": rss_early, "rss_mib_at_end": rss_late, "memory_growth": growth,
        "ms_per_step_first_100": early, "ms_per_step_last_100": late,
    }))
}

/// Resident set size in MiB, where the system says (Linux's `/proc/self/statm`).
fn resident_mib() -> Option<f64> {
    let statm = std::fs::read_to_string("/proc/self/statm").ok()?;
    let pages: f64 = statm.split_whitespace().nth(1)?.parse().ok()?;
    Some(pages * 4096.0 / (1024.0 * 1024.0))
}
