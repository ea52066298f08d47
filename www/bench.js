// The standard workload in the browser, driven by scripts/bench.mjs through
// query parameters. All timing of steps happens in Rust (BenchRun.time), so
// the figures match `lossgap bench`.

import { engineFor } from './engine.js';

let BenchRun = null;
let wasmMemoryBytes = null;

const params = new URLSearchParams(location.search);
const number = (key, fallback) => Number(params.get(key) ?? fallback);

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const n = sorted.length;
  if (n === 0) return null;
  return n % 2 ? sorted[(n - 1) / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
}

async function adapterName() {
  if (!navigator.gpu) return null;
  const adapter = await navigator.gpu.requestAdapter();
  if (!adapter) return null;
  const info = adapter.info ?? {};
  return [info.vendor, info.architecture, info.description]
    .filter(Boolean).join(' ') || 'unnamed adapter';
}

// ms per step over `repeats` fresh runs, and one timed epoch.
async function timing(series, backend) {
  const repeats = number('repeats', 5);
  const steps = [];
  for (let r = 0; r < repeats; r += 1) {
    const run = await BenchRun.create(series, backend);
    steps.push(await run.time(number('warm', 10), number('timed', 100)));
    run.free();
  }
  const result = {
    ms_per_step: median(steps), ms_min: Math.min(...steps),
    ms_max: Math.max(...steps), repeats,
  };
  if (number('epoch', 1) === 0) return result;

  const run = await BenchRun.create(series, backend);
  const start = performance.now();
  while (!run.latest()) await run.step(1);
  result.epoch_s = (performance.now() - start) / 1000;
  const last = run.latest();
  run.free();
  return { ...result, final_val_mse: last.val_mse,
    final_val_mae: last.val_mae };
}

// Memory and step time over a long run: at step 100, 5,000 and the end.
async function soak(series, backend, total) {
  const run = await BenchRun.create(series, backend);
  const marks = {};
  let windowStart = performance.now();
  let firstMs = null;
  for (let step = 0; step < total;) {
    step = await run.step(1);
    if (step === 100) {
      firstMs = (performance.now() - windowStart) / 100;
      marks.at_100 = wasmMemoryBytes();
    }
    if (step === 5000) marks.at_5000 = wasmMemoryBytes();
    if (step === total - 100) windowStart = performance.now();
  }
  const lastMs = (performance.now() - windowStart) / 100;
  marks.at_end = wasmMemoryBytes();
  run.free();
  const growth = (a, b) => (a && b ? (b - a) / a : null);
  return {
    steps: total, wasm_bytes: marks,
    growth_100_to_5000: growth(marks.at_100, marks.at_5000),
    growth_100_to_end: growth(marks.at_100, marks.at_end),
    ms_per_step_first_100: firstMs, ms_per_step_last_100: lastMs,
  };
}

async function main() {
  const backend = params.get('backend') ?? 'cpu';
  // The module the page would load for this backend: the CPU-only one for
  // the CPU, the full one for WebGPU.
  ({ BenchRun, wasmMemoryBytes } = await engineFor(backend));
  const series = await (await fetch('../bench/series.json')).text();
  const result = { backend, adapter: await adapterName() };
  if (number('repeats', 5) > 0) {
    Object.assign(result, await timing(series, backend));
  }
  const total = number('soak', 0);
  if (total > 0) result.soak = await soak(series, backend, total);
  window.benchResult = result;
  document.getElementById('result').textContent =
    JSON.stringify(result, null, 2);
}

main().catch((error) => {
  window.benchResult = { error: String(error?.message ?? error) };
});
