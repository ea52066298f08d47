// Picks where training runs. WebGPU is probed here, before burn touches
// it: burn's WebGPU set-up panics when no adapter exists.

const SOFTWARE = /swiftshader|llvmpipe|lavapipe|software|basic render/i;
const PROBE_STEPS = 3;
// A WebGPU failure thrown outside any promise (inside wgpu's callbacks) would
// leave the timed run waiting for ever; past this limit the CPU runs instead.
// Tests shorten it through `lossgapProbeLimitMs`.
const PROBE_LIMIT_MS = 60000;

// `promise`, or a rejection naming `what` once `ms` have passed.
function within(ms, promise, what) {
  let timer;
  const limit = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(
      `${what} did not finish within ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, limit]).finally(() => clearTimeout(timer));
}

async function adapterInfo() {
  if (!('gpu' in navigator) || !navigator.gpu) {
    return { ok: false, why: 'WebGPU is not available in this browser' };
  }
  let adapter = null;
  try {
    adapter = await navigator.gpu.requestAdapter();
  } catch (error) {
    return { ok: false, why: `WebGPU adapter request failed (${error})` };
  }
  if (!adapter) return { ok: false, why: 'no WebGPU adapter was found' };
  const info = adapter.info ?? {};
  const text = [info.vendor, info.architecture, info.device,
    info.description].filter(Boolean).join(' ');
  const software = adapter.isFallbackAdapter || info.isFallbackAdapter
    || SOFTWARE.test(text);
  return { ok: true, software, name: text || 'unnamed adapter' };
}

// Milliseconds per step of these settings on `backend`, after a warm-up.
async function timeSteps(Trainer, settings, backend) {
  const trainer = await Trainer.create(settings, backend);
  try {
    await trainer.step(1);
    const start = performance.now();
    await trainer.step(PROBE_STEPS);
    return (performance.now() - start) / PROBE_STEPS;
  } finally {
    trainer.free();
  }
}

// Returns `{name, reason}` for the requested backend ('auto', 'cpu', 'wgpu').
// `fullTrainer` loads the module with WebGPU, only when a test run needs it.
export async function chooseBackend(requested, settings, fullTrainer) {
  if (requested === 'cpu') return { name: 'cpu', reason: 'chosen by you' };
  const adapter = await adapterInfo();
  if (!adapter.ok) {
    return { name: 'cpu', reason: `${adapter.why}, so the CPU runs it` };
  }
  if (requested === 'wgpu') {
    return { name: 'wgpu', reason: `chosen by you (${adapter.name})` };
  }
  if (adapter.software) {
    return { name: 'cpu', reason: `the WebGPU adapter (${adapter.name}) `
      + 'is a software emulator, far slower than the CPU path' };
  }
  try {
    // Both timed in the same module, so that only the backend differs.
    const Trainer = await fullTrainer();
    const cpu = await timeSteps(Trainer, settings, 'cpu');
    const limit = globalThis.lossgapProbeLimitMs ?? PROBE_LIMIT_MS;
    const gpu = await within(limit, timeSteps(Trainer, settings, 'wgpu'),
      'the WebGPU test run');
    const name = gpu < cpu ? 'wgpu' : 'cpu';
    return { name, reason: `measured ${gpu.toFixed(1)} ms/step on WebGPU `
      + `against ${cpu.toFixed(1)} ms/step on the CPU` };
  } catch (error) {
    return { name: 'cpu', reason: `WebGPU failed a test run (${error})` };
  }
}
