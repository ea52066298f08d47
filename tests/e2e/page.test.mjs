// End-to-end: the page in real Chromium trains, charts, keeps its state in
// the URL, embeds, falls back to the CPU, and answers the keyboard.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  chartsDrawn, epochOf, open, readout, screenshot, start, stepOf, stop, waitFor,
} from './browser.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await stop(env ?? {}); });

test('play trains, the readouts advance and the charts are drawn',
  async () => {
    const { page, errors } = await open(env.context, env.base,
      '?hidden=16&epochs=3');
    await page.click('#play');
    await waitFor(async () => (await epochOf(page)) >= 2);
    assert.ok(await chartsDrawn(page), 'a chart canvas is blank');
    assert.notEqual(await readout(page, 'validation MAE'), '–');
    await screenshot(page, 'playing');
    assert.deepEqual(errors, []);
    await page.close();
  });

test('changing the loss updates the URL, and the URL restores it',
  async () => {
    const { page } = await open(env.context, env.base, '?seed=7');
    await page.selectOption('#setting-loss', 'huber');
    await waitFor(async () => page.url().includes('loss=huber'));
    assert.ok(await page.isVisible('#setting-huber_delta'));
    assert.ok(!(await page.isVisible('#setting-mix_alpha')));
    const url = page.url();
    await page.reload();
    await page.waitForSelector('body[data-ready="true"]');
    assert.equal(await page.inputValue('#setting-loss'), 'huber');
    assert.equal(await page.inputValue('#setting-seed'), '7');
    assert.equal(page.url(), url);
    await screenshot(page, 'huber-restored');
    await page.close();
  });

test('embed with autoplay trains without a click', async () => {
  const { page } = await open(env.context, env.base,
    '?embed=1&autoplay=1&epochs=2&hidden=8');
  await waitFor(async () => (await stepOf(page)) > 0);
  assert.ok(!(await page.isVisible('.intro')));
  assert.ok(!(await page.isVisible('#setting-model')));
  assert.ok(await page.isVisible('#setting-loss'));
  await screenshot(page, 'embed-autoplay');
  await page.close();
});

test('hide= hides the named controls', async () => {
  const { page } = await open(env.context, env.base, '?hide=model,lr');
  assert.ok(!(await page.isVisible('#setting-model')));
  assert.ok(!(await page.isVisible('#setting-lr')));
  assert.ok(await page.isVisible('#setting-loss'));
  await page.close();
});

test('backend=cpu trains on the CPU and says so', async () => {
  const { page } = await open(env.context, env.base, '?backend=cpu');
  assert.match(await page.textContent('#messages'),
    /Training on cpu: chosen by you/);
  await page.click('#step');
  await waitFor(async () => (await stepOf(page)) === 1);
  await page.close();
});

test('without WebGPU the page trains on the CPU with a message',
  async () => {
    const hideGpu = (page) => page.addInitScript(() => {
      Object.defineProperty(Navigator.prototype, 'gpu',
        { get: () => undefined });
    });
    const { page } = await open(env.context, env.base, '', hideGpu);
    assert.match(await page.textContent('#messages'),
      /WebGPU is not available.*CPU/);
    assert.equal(await readout(page, 'backend'), 'cpu');
    await page.click('#step');
    await waitFor(async () => (await stepOf(page)) === 1);
    await screenshot(page, 'no-webgpu');
    await page.close();
  });

test('Space plays and pauses, s steps, r resets', async () => {
  const { page } = await open(env.context, env.base, '?hidden=8');
  await page.keyboard.press('s');
  await waitFor(async () => (await stepOf(page)) === 1);
  await page.keyboard.press(' ');
  await waitFor(async () => (await stepOf(page)) > 4);
  await page.keyboard.press(' ');
  assert.equal(await page.getAttribute('#play', 'aria-pressed'), 'false');
  await page.keyboard.press('r');
  await waitFor(async () => (await stepOf(page)) === 0);
  await page.close();
});

test('the page fits a 360 px wide phone screen', async () => {
  const { page } = await open(env.context, env.base, '?hidden=8');
  await page.setViewportSize({ width: 360, height: 800 });
  await page.click('#play');
  await waitFor(async () => (await epochOf(page)) >= 1);
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth > window.innerWidth);
  assert.equal(overflow, false, 'the page scrolls sideways');
  await screenshot(page, 'phone');
  await page.close();
});

test('the history downloads as CSV and each chart as PNG', async () => {
  const { page } = await open(env.context, env.base, '?hidden=8&epochs=2');
  await page.click('#play');
  await waitFor(async () => (await epochOf(page)) >= 2);
  const [csv] = await Promise.all([
    page.waitForEvent('download'), page.click('#export-csv'),
  ]);
  const { readFile } = await import('node:fs/promises');
  const rows = (await readFile(await csv.path(), 'utf8')).trim().split('\n');
  assert.equal(rows[0], 'epoch,step,train_loss,val_loss,val_mse,val_mae');
  assert.equal(rows.length, 3);
  const pngs = [];
  page.on('download', (download) => pngs.push(download));
  await page.click('#export-png');
  await waitFor(async () => pngs.length === 3, 10000);
  const names = pngs.map((d) => d.suggestedFilename()).sort();
  assert.deepEqual(names, ['lossgap-curves.png', 'lossgap-forecast.png',
    'lossgap-residuals.png']);
  await page.close();
});

test('pausing as an epoch ends still shows that epoch\'s charts',
  async () => {
    const { page, errors } = await open(env.context, env.base, '?hidden=8');
    // Pauses the moment the epoch readout reaches 1, before the frames that
    // draw that epoch's charts one by one have run.
    await page.evaluate(() => {
      // The readouts are written anew at each refresh.
      const list = document.getElementById('readouts');
      new MutationObserver((_, observer) => {
        const epoch = list.querySelector('dd[data-readout="epoch"]');
        if (!epoch?.textContent.startsWith('1 ')) return;
        observer.disconnect();
        document.getElementById('play').click();
      }).observe(list, { childList: true, subtree: true });
    });
    await page.click('#play');
    await waitFor(async () => (await epochOf(page)) >= 1
      && (await page.getAttribute('body', 'data-loops')) === '0');
    await page.waitForTimeout(200);

    // Drawing again from the run's state changes nothing: what is shown is
    // the latest epoch, not the one before it.
    const images = () => page.evaluate(() => ['curves', 'forecast',
      'residuals'].map((id) => document.getElementById(id).toDataURL()));
    const shown = await images();
    await page.evaluate(() => window.dispatchEvent(new Event('resize')));
    assert.deepEqual(await images(), shown);
    assert.deepEqual(errors, []);
    await page.close();
  });
