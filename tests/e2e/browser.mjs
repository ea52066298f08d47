// Shared set-up for the end-to-end tests: the static server, Debian's
// Chromium (never a downloaded one), and screenshots under test-output/.

import { mkdirSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { serve } from '../../scripts/serve.mjs';

export const OUTPUT = join('test-output', 'e2e');

const FLAGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic',
  '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--enable-unsafe-webgpu',
];

export async function start(root = ".") {
  mkdirSync(OUTPUT, { recursive: true });
  const server = await serve(root, 0);
  const base = `http://127.0.0.1:${server.address().port}/`;
  const profile = mkdtempSync(join(tmpdir(), 'lossgap-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: FLAGS,
    viewport: { width: 1280, height: 900 },
  });
  return { server, base, context };
}

export async function stop({ server, context }) {
  await context?.close();
  server?.close();
}

// Opens `query` and waits until the page has its first run ready.
export async function open(context, base, query = '', setup) {
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(msg.text());
  });
  if (setup) await setup(page);
  await page.goto(`${base}${query}`);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 60000 });
  return { page, errors };
}

export async function readout(page, name) {
  return page.textContent(`dd[data-readout="${name}"]`);
}

export async function screenshot(page, name) {
  // caret: 'initial' keeps Playwright from injecting a style the CSP refuses.
  await page.screenshot({
    path: join(OUTPUT, `${name}.png`), fullPage: true, caret: 'initial',
  });
}

// Whether every chart canvas holds something other than blank pixels.
export async function chartsDrawn(page) {
  return page.evaluate(() => {
    return ['curves', 'forecast', 'residuals'].every((id) => {
      const canvas = document.getElementById(id);
      const blank = document.createElement('canvas');
      blank.width = canvas.width;
      blank.height = canvas.height;
      return canvas.width > 0 && canvas.toDataURL() !== blank.toDataURL();
    });
  });
}

// Polls `check` until it holds; throws after `timeout` ms.
export async function waitFor(check, timeout = 120000) {
  const until = Date.now() + timeout;
  while (Date.now() < until) {
    if (await check()) return;
    await new Promise((done) => setTimeout(done, 100));
  }
  throw new Error('timed out waiting');
}

// The completed epochs and the steps, as the readouts show them.
export const epochOf = async (page) =>
  Number((await readout(page, 'epoch')).split('/')[0]);
export const stepOf = async (page) => Number(await readout(page, 'step'));
