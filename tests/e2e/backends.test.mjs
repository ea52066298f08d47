// End-to-end: every way WebGPU can be missing or fail ends on the CPU with a
// message, no error, and the run (and its charted epochs) kept.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  epochOf, open, readout, screenshot, start, stepOf, stop, waitFor,
} from './browser.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await stop(env ?? {}); });

// The page runs on `backend`, takes one step without an error, and closes.
async function stepsOnceOn(page, errors, backend) {
  assert.equal(await readout(page, 'backend'), backend);
  await page.click('#step');
  await waitFor(async () => (await stepOf(page)) === 1);
  assert.deepEqual(errors, []);
  await page.close();
}

test('with no WebGPU adapter the page trains on the CPU', async () => {
  const noAdapter = (page) => page.addInitScript(() => {
    if (navigator.gpu) navigator.gpu.requestAdapter = async () => null;
  });
  const { page, errors } = await open(env.context, env.base, '', noAdapter);
  assert.match(await page.textContent('#messages'),
    /no WebGPU adapter was found, so the CPU runs it/);
  await stepsOnceOn(page, errors, 'cpu');
});

test('a software adapter makes auto choose the CPU and say why',
  async () => {
    // Headless Chromium's WebGPU adapter here is SwiftShader, an emulator.
    const { page, errors } = await open(env.context, env.base, '');
    const text = await page.textContent('#messages');
    const software = /software emulator/.test(text);
    const missing = /not available|no WebGPU adapter/.test(text);
    assert.ok(software || missing, text);
    assert.equal(await readout(page, 'backend'), 'cpu');
    assert.deepEqual(errors, []);
    await page.close();
  });

test('on a hardware adapter auto times both backends and keeps the faster',
  async () => {
    // The only adapter here is SwiftShader. Presented as hardware, it sends
    // the page down the timed path a real GPU takes; the emulator then loses.
    const page = await env.context.newPage();
    const errors = [];
    page.on('pageerror', (error) => errors.push(String(error)));
    await page.addInitScript(() => {
      if (!navigator.gpu) return;
      const request = navigator.gpu.requestAdapter.bind(navigator.gpu);
      navigator.gpu.requestAdapter = async (options) => {
        const adapter = await request(options);
        if (adapter) {
          // Every field of the real info, with the names that give it away
          // replaced: wgpu reads them too.
          const real = adapter.info;
          const info = {};
          for (const key in real) info[key] = real[key];
          Object.assign(info, { vendor: 'test', architecture: 'hardware',
            device: 'test', description: 'presented as hardware',
            isFallbackAdapter: false });
          Object.defineProperty(adapter, 'isFallbackAdapter', { value: false });
          Object.defineProperty(adapter, 'info', { value: info });
        }
        return adapter;
      };
    });
    // A tiny model: each WebGPU step on the emulator takes seconds.
    await page.goto(`${env.base}?model=rnn&hidden=4&window=4&batch=64`
      + '&series_length=120&epochs=2');
    await page.waitForSelector('body[data-ready="true"]', { timeout: 300000 });
    const text = await page.textContent('#messages');
    if (/not available|no WebGPU adapter/.test(text)) return; // no WebGPU at all
    const measured = text.match(
      /measured ([\d.]+) ms\/step on WebGPU against ([\d.]+) ms\/step on the CPU/);
    assert.ok(measured, text);
    const [gpu, cpu] = [Number(measured[1]), Number(measured[2])];
    assert.ok(gpu > 0 && cpu > 0, text);
    await stepsOnceOn(page, errors, gpu < cpu ? 'wgpu' : 'cpu');
  });

test('a WebGPU test run that never finishes ends on the CPU, not a hang',
  async () => {
    // The page's own probe gets an adapter presented as hardware; burn's
    // set-up, asking next, waits for ever, as a stuck driver would.
    const stuck = (page) => page.addInitScript(() => {
      window.lossgapProbeLimitMs = 3000;
      if (!navigator.gpu) return;
      const request = navigator.gpu.requestAdapter.bind(navigator.gpu);
      let calls = 0;
      navigator.gpu.requestAdapter = async (options) => {
        calls += 1;
        if (calls > 1) return new Promise(() => {});
        const adapter = await request(options);
        if (adapter) {
          Object.defineProperty(adapter, 'isFallbackAdapter', { value: false });
          Object.defineProperty(adapter, 'info',
            { value: { vendor: 'test', description: 'presented as hardware' } });
        }
        return adapter;
      };
    });
    const { page, errors } = await open(env.context, env.base,
      '?model=rnn&hidden=4&window=4&batch=64&series_length=120', stuck);
    const text = await page.textContent('#messages');
    if (/not available|no WebGPU adapter/.test(text)) return; // no WebGPU at all
    assert.match(text, /WebGPU failed a test run .*did not finish within 3 s/);
    await stepsOnceOn(page, errors, 'cpu');
  });

test('a WebGPU device lost mid-run continues on the CPU, epochs kept',
  async () => {
    // A tiny model: WebGPU here is a CPU emulator.
    const query = '?backend=wgpu&model=rnn&hidden=4&window=4&batch=64'
      + '&series_length=120&epochs=6&speed=1';
    const { page, errors } = await open(env.context, env.base, query);
    assert.equal(await readout(page, 'backend'), 'wgpu');
    await page.click('#play');
    await waitFor(async () => (await epochOf(page)) >= 1);
    await page.click('#play');
    await waitFor(async () =>
      (await page.getAttribute('#play', 'aria-pressed')) === 'false');
    const before = await page.textContent('dd[data-readout="validation MAE"]');
    const step = await stepOf(page);

    await page.evaluate(() => window.lossgap.simulateDeviceLoss());
    await page.click('#step');
    await waitFor(async () => (await readout(page, 'backend')) === 'cpu');
    assert.match(await page.textContent('#messages'),
      /WebGPU device was lost; continuing this run on the CPU from step/);
    assert.equal(await stepOf(page), step, 'the replay reaches the same step');
    assert.equal(await page.inputValue('#setting-backend'), 'cpu');
    assert.match(page.url(), /backend=cpu/);
    assert.equal(
      await page.textContent('dd[data-readout="validation MAE"]'), before);

    await page.click('#play');
    await waitFor(async () => (await epochOf(page)) >= 3);
    await screenshot(page, 'device-lost');
    assert.deepEqual(errors, []);
    await page.close();
  });

test('the CPU needs only the small module; WebGPU loads the full one',
  async () => {
    const wasmOf = (requests) => requests
      .map((url) => new URL(url).pathname)
      .filter((path) => path.endsWith('.wasm'));
    const record = (requests) => (page) => {
      page.on('request', (request) => requests.push(request.url()));
    };

    const onCpu = [];
    const cpu = await open(env.context, env.base, '?backend=cpu',
      record(onCpu));
    await stepsOnceOn(cpu.page, cpu.errors, 'cpu');
    assert.deepEqual(wasmOf(onCpu), ['/www/pkg/lossgap_cpu_bg.wasm']);

    const onGpu = [];
    const gpu = await open(env.context, env.base,
      '?backend=wgpu&model=rnn&hidden=4&window=4&batch=64&series_length=120',
      record(onGpu));
    const text = await gpu.page.textContent('#messages');
    if (/not available|no WebGPU adapter/.test(text)) { // no WebGPU at all
      await gpu.page.close();
      return;
    }
    await stepsOnceOn(gpu.page, gpu.errors, 'wgpu');
    assert.deepEqual(wasmOf(onGpu).sort(),
      ['/www/pkg/lossgap_bg.wasm', '/www/pkg/lossgap_cpu_bg.wasm']);
  });
