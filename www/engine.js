// Loads the wasm module a run needs. The CPU-only module has no WebGPU code,
// so it is a fraction of the size and the first point comes sooner; the full
// module (WebGPU and the CPU) loads only when WebGPU is asked for.

const PATHS = { cpu: './pkg/lossgap_cpu.js', full: './pkg/lossgap.js' };
const loading = new Map();

// The initialised module `kind` ('cpu' or 'full'); each loads once.
export function loadEngine(kind) {
  if (!loading.has(kind)) {
    const promise = (async () => {
      const module = await import(PATHS[kind]);
      await module.default();
      return module;
    })();
    // A failed load (a missing file, say) may be tried again later.
    promise.catch(() => loading.delete(kind));
    loading.set(kind, promise);
  }
  return loading.get(kind);
}

// The module that runs `backend` ('cpu' or 'wgpu').
export function engineFor(backend) {
  return loadEngine(backend === 'wgpu' ? 'full' : 'cpu');
}
