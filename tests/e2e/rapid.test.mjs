// End-to-end: a thousand random control events, fired faster than anyone
// clicks, leave the page working: no errors, one training loop at a time,
// and afterwards it still trains and draws. The events come from a seeded
// generator, so a failure replays with RAPID_SEED=<seed>.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { chartsDrawn, open, start, stepOf, stop, waitFor } from './browser.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await stop(env ?? {}); });

const SEED = Number(process.env.RAPID_SEED ?? 0x5eed1e55);
const EVENTS = 1000;
// Small and fast, so that a thousand events fit in a few minutes.
const QUERY = '?backend=cpu&hidden=8&window=8&series_length=400&epochs=50';
const SELECTS = ['loss', 'model', 'noise', 'early_stop'];
// Upper bounds for the sliders that set the cost of a step: their full
// ranges make one step take seconds in the debug build, and the clamping
// of the ranges is tested in Rust.
const COST_CAP = { hidden: 16, window: 16, batch: 64 };

// mulberry32: small, seeded, the same sequence on every run.
function generator(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Records the most loops ever alive: data-loops changes are observed with
// their old values, so no value it held is missed between two polls.
function watchLoops() {
  window.loopsSeen = 0;
  const observer = new MutationObserver((records) => {
    for (const record of records) {
      const values = [record.oldValue, record.target.dataset.loops];
      for (const value of values) {
        window.loopsSeen = Math.max(window.loopsSeen, Number(value ?? 0));
      }
    }
  });
  observer.observe(document, { subtree: true, attributes: true,
    attributeOldValue: true, attributeFilter: ['data-loops'] });
}

// Runs one event inside the page; `act` says which, with its choices made
// by the generator beforehand so the sequence does not depend on timing.
function fire(act) {
  const $ = (id) => document.getElementById(id);
  const set = (element, value) => {
    element.value = value;
    element.dispatchEvent(new Event('input', { bubbles: true }));
    element.dispatchEvent(new Event('change', { bubbles: true }));
  };
  switch (act.kind) {
    case 'click':
      $(act.id).click();
      return null;
    case 'play-twice':
      $('play').click();
      $('play').click();
      return null;
    case 'reset-in-step':
      // The step waits its turn in the queue; the reset lands behind it.
      $('step').click();
      return Promise.resolve().then(() => $('reset').click());
    case 'select': {
      const select = $(`setting-${act.key}`);
      const options = [...select.options].map((o) => o.value);
      set(select, options[Math.floor(act.pick * options.length)]);
      return null;
    }
    case 'range': {
      const ranges = [...document.querySelectorAll('input[type="range"]')];
      const range = ranges[Math.floor(act.pick * ranges.length)];
      const min = Number(range.min);
      const cap = act.caps[range.name];
      const max = Math.min(Number(range.max), cap ?? Infinity);
      set(range, String(min + act.value * (max - min)));
      return null;
    }
    case 'frame':
      return new Promise((done) => requestAnimationFrame(() => done()));
    default:
      throw new Error(`unknown event ${act.kind}`);
  }
}

// The next event, drawn from `random`. Events that build a new run (reset,
// new data, settings) cost the most, so they are a third of the mix.
function draw(random) {
  const r = random();
  if (r < 0.14) return { kind: 'click', id: 'play' };
  if (r < 0.28) return { kind: 'click', id: 'step' };
  if (r < 0.32) return { kind: 'click', id: 'reset' };
  if (r < 0.35) return { kind: 'click', id: 'new-data' };
  if (r < 0.43) {
    return { kind: 'select', key: SELECTS[Math.floor(random() * 4)],
      pick: random() };
  }
  if (r < 0.53) {
    return { kind: 'range', pick: random(), value: random(),
      caps: COST_CAP };
  }
  if (r < 0.70) return { kind: 'key', key: ['Space', 's', 'r'][
    Math.floor(random() * 3)] };
  if (r < 0.78) return { kind: 'play-twice' };
  if (r < 0.82) return { kind: 'reset-in-step' };
  if (r < 0.96) return { kind: 'frame' };
  return { kind: 'sleep', ms: Math.floor(random() * 30) };
}

test('Play pressed three times within a frame runs one loop', async () => {
  const { page, errors } = await open(env.context, env.base, QUERY,
    (page) => page.addInitScript(watchLoops));
  // Play, pause, play before the first loop sees the pause.
  await page.evaluate(() => {
    for (let i = 0; i < 3; i += 1) document.getElementById('play').click();
  });
  await waitFor(async () => (await stepOf(page)) >= 8);
  assert.equal(await page.evaluate(() => window.loopsSeen), 1);
  await page.click('#play');
  await waitFor(async () =>
    (await page.getAttribute('body', 'data-loops')) === '0', 10000);
  assert.deepEqual(errors, []);
  await page.close();
});

test(`${EVENTS} random control events leave the page working`,
  async () => {
    const { page, errors } = await open(env.context, env.base, QUERY,
      (page) => page.addInitScript(watchLoops));
    const random = generator(SEED);
    const recent = [];
    const started = Date.now();
    for (let i = 0; i < EVENTS; i += 1) {
      const act = draw(random);
      recent.push(`${i}: ${JSON.stringify(act)}`);
      if (recent.length > 12) recent.shift();
      if (act.kind === 'key') await page.keyboard.press(act.key);
      else if (act.kind === 'sleep') await page.waitForTimeout(act.ms);
      else await page.evaluate(fire, act);
      if (errors.length) break;
    }
    const elapsed = Date.now() - started;
    const context = `seed ${SEED}, last events:\n${recent.join('\n')}`;
    assert.deepEqual(errors, [], context);
    assert.ok(await page.isHidden('#fatal'), context);
    const seen = await page.evaluate(() => window.loopsSeen);
    assert.ok(seen <= 1, `${seen} training loops at once; ${context}`);

    // Afterwards: pause, reset, play; it trains and draws again.
    if ((await page.getAttribute('#play', 'aria-pressed')) === 'true') {
      await page.click('#play');
    }
    const run = await page.getAttribute('body', 'data-run');
    await page.click('#reset');
    await waitFor(async () =>
      (await page.getAttribute('body', 'data-run')) !== run);
    assert.equal(await stepOf(page), 0);
    await page.click('#play');
    await waitFor(async () => (await stepOf(page)) >= 2);
    assert.ok(await chartsDrawn(page), 'a chart is blank after the storm');
    if ((await page.getAttribute('#play', 'aria-pressed')) === 'true') {
      await page.click('#play');
    }
    // Every loop ends once paused: none is left running in the background.
    await waitFor(async () =>
      (await page.getAttribute('body', 'data-loops')) === '0', 10000);
    assert.ok((await page.evaluate(() => window.loopsSeen)) <= 1);
    assert.deepEqual(errors, []);
    console.log(`${EVENTS} events in ${elapsed} ms (seed ${SEED})`);
    await page.close();
  });
