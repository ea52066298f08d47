// The static build in dist/ works on its own, served from any static host.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { open, readout, start, stop } from './browser.mjs';

let env;
before(async () => { env = await start('dist'); });
after(async () => { await stop(env ?? {}); });

test('the page served from dist/ trains', async () => {
  assert.ok(existsSync('dist/index.html'), 'run `npm run build` first');
  const { page, errors } = await open(env.context, env.base, '?hidden=8');
  await page.click('#step');
  const until = Date.now() + 30000;
  while ((await readout(page, 'step')) !== '1' && Date.now() < until) {
    await new Promise((done) => setTimeout(done, 100));
  }
  assert.equal(await readout(page, 'step'), '1');
  assert.deepEqual(errors, []);
  await page.close();
});
