// End-to-end: a learning rate that explodes stops the run at the first
// non-finite value, says which step and what to try, keeps the charted
// epochs, and reset trains again.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  chartsDrawn, epochOf, open, readout, screenshot, start, stop, waitFor,
} from './browser.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await stop(env ?? {}); });

test('a diverging run stops, names the step and the fix, keeps its curves',
  async () => {
    // Plain SGD with a large step on a linear model: the loss grows every
    // epoch until it overflows, after several epochs have been charted.
    const query = '?backend=cpu&model=linear&optimizer=sgd&momentum=0'
      + '&lr=0.3&batch=1024&window=8&series_length=400&epochs=1000'
      + '&speed=1';
    const { page, errors } = await open(env.context, env.base, query);
    await page.click('#play');
    await waitFor(async () =>
      /diverged at step/.test(await page.textContent('#messages')));
    const text = await page.textContent('#messages');
    assert.match(text, /diverged at step \d+ \(epoch \d+\)/);
    assert.match(text, /learning rate \(lr = 0\.3\).*try lr = 0\.03/);
    assert.equal(await page.getAttribute('#play', 'aria-pressed'), 'false');
    assert.ok((await epochOf(page)) >= 2, 'epochs before it are kept');
    assert.ok(await chartsDrawn(page), 'the curves stay drawn');
    assert.equal(await readout(page, 'ended'), 'diverged');
    await screenshot(page, 'diverged');

    await page.fill('#setting-lr', '0.01');
    await page.press('#setting-lr', 'Enter');
    await page.click('#reset');
    await waitFor(async () => (await epochOf(page)) === 0);
    await page.click('#play');
    await waitFor(async () => (await epochOf(page)) >= 3);
    assert.equal(await readout(page, 'ended'), 'no');
    // The divergence is reported as a message, not as a console error.
    assert.deepEqual(errors, []);
    await page.close();
  });

test('a Rust panic shows a message and a reload link, not a frozen page',
  async () => {
    const { page } = await open(env.context, env.base,
      '?backend=cpu&hidden=8&epochs=3');
    await page.click('#step');
    await waitFor(async () => Number(await readout(page, 'step')) === 1);
    await page.evaluate(() => window.lossgap.simulatePanic());
    await page.click('#step');
    await page.waitForSelector('#fatal', { state: 'visible' });
    assert.match(await page.textContent('#fatal-text'),
      /lossgap stopped: the WebAssembly module failed/);
    assert.ok(await page.isVisible('#reload'));
    assert.ok(await chartsDrawn(page), 'the charts keep what was drawn');
    // Play does nothing more once the module is gone.
    await page.click('#play');
    assert.equal(await page.getAttribute('#play', 'aria-pressed'), 'false');
    await screenshot(page, 'panic');
    await page.close();
  });
