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

test('with no WebGPU adapter the page trains on the CPU', async () => {
  const noAdapter = (page) => page.addInitScript(() => {
    if (navigator.gpu) navigator.gpu.requestAdapter = async () => null;
  });
  const { page, errors } = await open(env.context, env.base, '', noAdapter);
  assert.match(await page.textContent('#messages'),
    /no WebGPU adapter was found, so the CPU runs it/);
  assert.equal(await readout(page, 'backend'), 'cpu');
  await page.click('#step');
  await waitFor(async () => (await stepOf(page)) === 1);
  assert.deepEqual(errors, []);
  await page.close();
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
    assert.equal(
      await page.textContent('dd[data-readout="validation MAE"]'), before);

    await page.click('#play');
    await waitFor(async () => (await epochOf(page)) >= 3);
    await screenshot(page, 'device-lost');
    assert.deepEqual(errors, []);
    await page.close();
  });
