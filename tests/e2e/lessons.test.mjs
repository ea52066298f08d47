// End-to-end: every preset in the page shows its explanation and charts, the
// worked example shows its table, and compare mode trains runs side by side.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  chartsDrawn, epochOf, open, screenshot, start, stop, waitFor,
} from './browser.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await stop(env ?? {}); });

const explanation = (page) => page.$$eval('#explanation li',
  (items) => items.map((li) => li.textContent));

test('each preset trains and explains itself from its figures', async () => {
  const { page, errors } = await open(env.context, env.base,
    '?backend=cpu&speed=20');
  const names = await page.$$eval('#setting-preset option',
    (options) => options.map((o) => o.value).filter(Boolean));
  assert.ok(names.includes('divergence') && names.includes('seed-rnn-mae'));

  for (const name of names) {
    const run = await page.getAttribute('body', 'data-run');
    await page.selectOption('#setting-preset', name);
    await waitFor(async () => page.url().includes(`preset=${name}`)
      && (await page.getAttribute('body', 'data-run')) !== run);
    await page.click('#play');
    await waitFor(async () => (await epochOf(page)) >= 2);
    await page.click('#play');
    const text = await explanation(page);
    assert.ok(text.length >= 3, `${name}: ${text}`);
    assert.ok(!text[0].includes('No epoch'), `${name}: ${text[0]}`);
    assert.match(text.join(' '), /epoch \d+/, name);
    assert.ok(await chartsDrawn(page), `${name}: a chart is blank`);
    assert.equal(await page.isVisible('#worked'), name === 'worked-example');
    await screenshot(page, `preset-${name}`);
  }
  assert.deepEqual(errors, []);
  await page.close();
});

test('a link naming only a preset loads its settings; named settings win',
  async () => {
    const value = (page, key) => page.inputValue(`#setting-${key}`);
    const alone = await open(env.context, env.base, '?preset=divergence');
    // The divergence preset's own settings, not the defaults (32 and 32).
    assert.equal(await value(alone.page, 'hidden'), '64');
    assert.equal(await value(alone.page, 'window'), '8');
    assert.match(alone.page.url(), /hidden=64/);
    await alone.page.close();

    const over = await open(env.context, env.base,
      '?preset=divergence&hidden=16');
    assert.equal(await value(over.page, 'hidden'), '16');
    assert.equal(await value(over.page, 'window'), '8');
    assert.deepEqual([...alone.errors, ...over.errors], []);
    await over.page.close();
  });

test('the worked example table is computed and read in words', async () => {
  const { page } = await open(env.context, env.base,
    '?preset=worked-example');
  const rows = await page.$$eval('#worked-table tr',
    (trs) => trs.map((tr) => [...tr.cells].map((c) => c.textContent)));
  const c = rows.find((r) => r[0] === 'C');
  assert.deepEqual(rows.find((r) => r[0] === 'A').slice(2),
    ['4', '2', '2', '1.5']);
  assert.ok(Number(c[2]) > 1 && Number(c[3]) < 1, `C: ${c}`);
  const words = await page.textContent('#worked-text');
  assert.match(words, /From B to C, MSE rises from 1 to 2\.25 while MAE falls/);
  await page.close();
});

test('compare mode trains losses side by side and tabulates them',
  async () => {
    const { page, errors } = await open(env.context, env.base,
      '?backend=cpu&hidden=8&epochs=3&series_length=400&window=8&speed=10');
    await page.uncheck('#compare-losses input[value="huber"]');
    await page.click('#compare-toggle');
    await waitFor(async () => page.url().includes('compare=mse%2Cmae')
      || page.url().includes('compare=mse,mae'));
    await page.click('#play');
    await waitFor(async () => (await page.$$('#compare-table tr')).length
      === 3 && !(await page.textContent('#compare-table')).includes('–'));
    assert.ok(await page.isVisible('#compare'));
    assert.match(await page.textContent('#compare-table caption'),
      /^epoch \d \/ 3, step \d+ of each run$/);
    assert.ok(!(await page.isVisible('#curves')));
    const drawn = await page.evaluate(() => {
      const canvas = document.getElementById('compare');
      const blank = document.createElement('canvas');
      blank.width = canvas.width;
      blank.height = canvas.height;
      return canvas.width > 0 && canvas.toDataURL() !== blank.toDataURL();
    });
    assert.ok(drawn, 'the comparison chart is blank');
    assert.match((await explanation(page)).join(' '),
      /Lowest validation MAE: trained on (MSE|MAE)/);
    await screenshot(page, 'compare');

    const url = page.url();
    await page.goto(url);
    await page.waitForSelector('body[data-ready="true"]');
    assert.ok(await page.isVisible('#compare'), 'the link restores compare');
    assert.deepEqual(errors, []);
    await page.close();
  });
