// `npm run bench`: the standard workload in headless Chromium, on the CPU
// and on WebGPU (shortened when the adapter is a software emulator), plus
// the page's figures: time to the first plotted point from a cold cache,
// what the page downloads, the longest main-thread task while it trains,
// and wasm memory over a long run. One JSON line per figure.
//
// Options: --quick (fewer repeats, a short soak), --soak N (steps), --cpu
// (leave out WebGPU, which takes minutes on a software adapter).

import { readdirSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { start, stop } from '../tests/e2e/browser.mjs';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const cpuOnly = args.includes('--cpu');
const soakAt = args.indexOf('--soak');
const SOAK = soakAt >= 0 ? Number(args[soakAt + 1]) : (quick ? 600 : 10000);
const REPEATS = quick ? 2 : 5;
const TRAIN_MS = 10000;

function emit(line) {
  console.log(JSON.stringify(line));
}

async function benchPage(env, query, timeout) {
  const page = await env.context.newPage();
  try {
    await page.goto(`${env.base}www/bench.html?${query}`);
    await page.waitForFunction(() => window.benchResult !== undefined,
      null, { timeout, polling: 500 });
    return await page.evaluate(() => window.benchResult);
  } finally {
    await page.close();
  }
}

// Opens the default settings on the CPU with autoplay, waits for the first
// plotted point, and returns the page's marks on the way there (ms from
// navigation): the wasm module ready, the run built, the first point.
async function loadToFirstPoint(page, base) {
  await page.goto(`${base}?backend=cpu&autoplay=1`);
  await page.waitForFunction(
    () => performance.getEntriesByName('first-point').length > 0,
    null, { timeout: 120000, polling: 50 });
  return page.evaluate(() => Object.fromEntries(
    ['engine-ready', 'run-ready', 'first-point'].map((name) => [name,
      performance.getEntriesByName(name)[0].startTime])));
}

// Loads the page cold, records every response, and watches long tasks.
async function pageFigures(env) {
  const page = await env.context.newPage();
  // Sizes come from the files served (the wasm is streamed, so its
  // response body is not available to Playwright).
  const sizes = new Map();
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (!url.href.startsWith(env.base)) return;
    let path = decodeURIComponent(url.pathname).slice(1);
    if (path === '' || path.endsWith('/')) path += 'index.html';
    try {
      const body = readFileSync(path);
      sizes.set(path, { raw: body.length, gzip: gzipSync(body).length });
    } catch { /* not a file of ours */ }
  });
  await page.addInitScript(() => {
    window.longTasks = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        window.longTasks.push([entry.startTime, entry.duration]);
      }
    }).observe({ type: 'longtask', buffered: true });
  });
  const firstPoint = (await loadToFirstPoint(page, env.base))['first-point'];
  const before = [...sizes.values()];
  await page.waitForTimeout(TRAIN_MS);
  // Only tasks while training: loading and compiling the module come
  // before the first point and count in that figure instead.
  const tasks = (await page.evaluate(() => window.longTasks))
    .filter(([at]) => at > firstPoint).map(([, duration]) => duration);
  const steps = await page.textContent('dd[data-readout="step"]');
  const slowest = await page.evaluate(() => window.lossgap.slowest());
  await page.close();

  const sum = (key) => before.reduce((total, s) => total + s[key], 0);
  emit({ figure: 'bundle_before_first_point', files: before.length,
    raw_bytes: sum('raw'), gzip_bytes: sum('gzip') });
  // Everything the page may ever load: the static site `npm run build`
  // writes, the full module (loaded only for WebGPU) included.
  const site = ['index.html', 'www/style.css',
    ...readdirSync('www').filter((f) => f.endsWith('.js')
      && !f.startsWith('bench')).map((f) => `www/${f}`),
    ...readdirSync('www/pkg').filter((f) => /\.(js|wasm)$/.test(f))
      .map((f) => `www/pkg/${f}`)];
  const all = site.map((path) => readFileSync(path));
  emit({ figure: 'bundle_everything', files: all.length,
    raw_bytes: all.reduce((total, b) => total + b.length, 0),
    gzip_bytes: all.reduce((total, b) => total + gzipSync(b).length, 0) });
  emit({ figure: 'longest_main_thread_task_ms',
    value: tasks.length ? Math.max(...tasks) : 0, long_tasks: tasks.length,
    over_ms: TRAIN_MS, steps_trained: Number(steps),
    note: 'default settings at the default speed (at most 4 steps and 20 ms '
      + 'of stepping per frame)' });
  // Which work the long tasks are made of: the longest of each kind.
  const rounded = Object.fromEntries(Object.entries(slowest)
    .map(([kind, ms]) => [kind, Math.round(ms * 10) / 10]));
  emit({ figure: 'slowest_work_ms', ...rounded });
}

// The middle value and the range of `values`.
function spread(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const round = (ms) => Math.round(ms);
  return { value: round(sorted[Math.floor(sorted.length / 2)]),
    min: round(sorted[0]), max: round(sorted[sorted.length - 1]) };
}

// Time to the first plotted point, each time in a fresh browser (a cold
// cache), with the marks on the way: the wasm module ready, the run built.
async function firstPointFigures(repeats) {
  const loads = [];
  for (let i = 0; i < repeats; i += 1) {
    const env = await start();
    try {
      loads.push(await loadToFirstPoint(await env.context.newPage(), env.base));
    } finally {
      await stop(env);
    }
  }
  const of = (mark) => spread(loads.map((load) => load[mark]));
  emit({ figure: 'time_to_first_point_ms', ...of('first-point'), repeats,
    module_ready_ms: of('engine-ready').value, run_ready_ms: of('run-ready').value,
    note: 'cold cache, CPU backend, default settings; the first epoch (25 steps) '
      + 'trains before its point is plotted' });
}

// WebGPU: a software adapter takes seconds per step, so there the protocol
// shrinks to 1 warm-up and 2 timed steps, and says so.
async function webGpuFigures(env) {
  const gpu = await benchPage(env,
    'backend=wgpu&repeats=1&warm=1&timed=2&epoch=0', 600000);
  const software = /swiftshader|llvmpipe|software/i.test(gpu.adapter ?? '');
  emit({ ...gpu, peer: 'lossgap-wasm', where: 'chromium', backend: 'wgpu',
    protocol: 'shortened: 1 warm-up, 2 timed steps, 1 run, no epoch'
      + (software ? ' (software adapter)' : '') });
}

async function main() {
  await firstPointFigures(quick ? 3 : 5);
  const env = await start();
  try {
    await pageFigures(env);

    // The CPU path as the page runs it: flex, in the CPU-only module.
    const cpu = await benchPage(env, `backend=cpu&repeats=${REPEATS}`, 600000);
    emit({ ...cpu, peer: 'lossgap-wasm', where: 'chromium', backend: 'flex',
      module: 'lossgap_cpu' });

    if (!cpuOnly) await webGpuFigures(env);

    const soak = await benchPage(env, `backend=cpu&repeats=0&soak=${SOAK}`,
      3600000);
    emit({ ...soak.soak, figure: 'soak', where: 'chromium',
      backend: 'cpu (flex)', error: soak.error });
  } finally {
    await stop(env);
  }
}

main().catch((error) => {
  console.error(`bench failed: ${error?.message ?? error}`);
  process.exit(1);
});
