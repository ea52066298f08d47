// The page shell: wires controls, the URL, the animation loop and the
// readouts. Training, validation, parsing and drawing all live in Rust.

import { engineFor, loadEngine } from './engine.js';
import { LOSSES, buildForm } from './controls.js';
import { showCompareTable, showSentences, showWorked } from './lesson.js';
import { chooseBackend } from './backend.js';
import { showReadouts } from './readouts.js';

const $ = (id) => document.getElementById(id);
const PAGE_DEFAULTS = { backend: 'auto', speed: 4 };
const WORKED_PRESET = 'worked-example';

const state = {
  settings: null,
  page: { ...PAGE_DEFAULTS, embed: false, autoplay: false, hide: [],
    preset: '', compare: [] },
  trainer: null,
  comparer: null,
  backend: { name: 'cpu', reason: '' },
  playing: false,
  loops: 0,
  busy: Promise.resolve(),
  drawnEpoch: -1,
  // What an epoch's end still has to show, a piece per frame (showEpoch).
  queued: [],
  rate: { steps: 0, since: performance.now(), perSecond: 0 },
  // The longest time each kind of main-thread work took, in ms: the
  // benchmark prints it to say which work makes a long task.
  slowest: {},
};

// Keeps `took` ms if it is the longest work of its `kind` so far.
function keepSlowest(kind, took) {
  if (!(state.slowest[kind] >= took)) state.slowest[kind] = took;
}

// Runs `work`, timing it as `kind`.
function timed(kind, work) {
  const start = performance.now();
  const result = work();
  keepSlowest(kind, performance.now() - start);
  return result;
}

// The CPU-only module: settings, presets and the worked example (the same in
// both modules), and every CPU run.
let wasm = null;
let updateForm = () => {};
let presetList = [];

function message(text, kind = 'notice') {
  const p = document.createElement('p');
  p.className = kind;
  p.textContent = text;
  $('messages').append(p);
}

function clearMessages() {
  $('messages').replaceChildren();
}

function fatal(text) {
  state.playing = false;
  state.dead = true;
  $('fatal-text').textContent =
    `lossgap stopped: ${text}. The charts keep what was drawn.`;
  $('fatal').hidden = false;
}

// Runs `task` after every earlier one: one training loop at a time.
function exclusive(task) {
  const next = state.busy.then(task, task);
  state.busy = next.catch(() => {});
  return next;
}

function readPage(query) {
  const params = new URLSearchParams(query);
  const page = state.page;
  const backend = params.get('backend');
  if (backend !== null) {
    if (['auto', 'cpu', 'wgpu'].includes(backend)) page.backend = backend;
    else message(`backend '${backend.slice(0, 40)}' is not auto, cpu or `
      + 'wgpu; using auto');
  }
  page.embed = params.get('embed') === '1';
  page.autoplay = params.get('autoplay') === '1';
  page.hide = (params.get('hide') ?? '').split(',').filter(Boolean);
  page.compare = readCompare(params.get('compare'));
  const preset = params.get('preset');
  if (preset !== null) {
    if (presetList.some((p) => p.name === preset)) page.preset = preset;
    else message(`preset '${preset.slice(0, 40)}' is unknown; ignored`);
  }
  const speed = Number(params.get('speed') ?? PAGE_DEFAULTS.speed);
  page.speed = Number.isInteger(speed) && speed >= 1 && speed <= 50
    ? speed : PAGE_DEFAULTS.speed;
}

// The query with the named preset's settings under it: `?preset=NAME` alone
// loads that preset, and any setting the link also names overrides it (the
// page's own links name every setting, so they restore exactly).
function presetQuery(query) {
  const preset = presetList.find((p) => p.name === state.page.preset);
  if (!preset) return query;
  const merged = new URLSearchParams(wasm.settingsToQuery(preset.settings));
  for (const [key, value] of new URLSearchParams(query)) merged.set(key, value);
  return merged.toString();
}

// `compare=mse,mae,…`: two to four different losses, or compare mode is off.
function readCompare(text) {
  if (text === null || text === '') return [];
  const names = text.split(',');
  const valid = names.every((n) => LOSSES.includes(n))
    && new Set(names).size === names.length
    && names.length >= 2 && names.length <= 4;
  if (valid) return names;
  message(`compare '${text.slice(0, 40)}' is not two to four different `
    + `losses from ${LOSSES.join(', ')}; comparison is off`);
  return [];
}

function pageQuery() {
  const page = state.page;
  const extra = new URLSearchParams();
  if (page.backend !== 'auto') extra.set('backend', page.backend);
  if (page.embed) extra.set('embed', '1');
  if (page.autoplay) extra.set('autoplay', '1');
  if (page.hide.length) extra.set('hide', page.hide.join(','));
  if (page.preset) extra.set('preset', page.preset);
  if (page.compare.length) extra.set('compare', page.compare.join(','));
  if (page.speed !== PAGE_DEFAULTS.speed) {
    extra.set('speed', String(page.speed));
  }
  const text = extra.toString();
  return text ? `&${text}` : '';
}

function writeUrl() {
  const query = wasm.settingsToQuery(state.settings) + pageQuery();
  history.replaceState(null, '', `?${query}`);
}

// The handle that trains now: the comparison in compare mode, else the run.
function active() {
  return state.comparer ?? state.trainer;
}

// The charts of the current mode, each with the Rust method that draws it.
function charts() {
  return state.comparer ? [['compare', 'drawCompare']]
    : [['curves', 'drawCurves'], ['forecast', 'drawForecast'],
      ['residuals', 'drawResiduals']];
}

// Draws `which` (every chart of the mode unless given).
function draw(which = charts()) {
  const handle = active();
  if (!handle || state.dead) return;
  if (state.inFlight) {
    state.redraw = true;
    return;
  }
  state.redraw = false;
  const scale = window.devicePixelRatio || 1;
  for (const [id, method] of which) {
    const canvas = $(id);
    const width = Math.round(canvas.clientWidth * scale);
    const height = Math.round(canvas.clientHeight * scale);
    if (canvas.width !== width || canvas.height !== height) {
      canvas.width = width;
      canvas.height = height;
    }
    handle[method](canvas, scale);
  }
}

// What an epoch's end shows: while playing, each piece gets a frame of its
// own instead of stepping, so that no task holds the page for the whole of
// it; otherwise everything is shown at once.
function showEpoch(jobs) {
  const all = [...jobs, ...charts().map((chart) => () => {
    timed(`draw ${chart[0]}`, () => draw([chart]));
    // The benchmark reads the time to the first plotted point from this.
    const marked = performance.getEntriesByName('first-point').length > 0;
    if (chart[0] === 'curves' && state.drawnEpoch >= 1 && !marked) {
      performance.mark('first-point');
      // Loading and compiling come before it and count there, as for long
      // tasks: the slowest work is timed from here on.
      state.slowest = {};
    }
  })];
  state.queued = state.playing ? all : [];
  if (!state.playing) for (const job of all) job();
}

// Shows whatever an epoch's end left queued (when play stops).
function flushQueued() {
  while (state.queued.length && !state.dead) state.queued.shift()();
}

// Shows the charts and tables of the current mode.
function showMode() {
  const comparing = state.page.compare.length > 0;
  for (const id of ['curves', 'pair', 'readouts']) $(id).hidden = comparing;
  for (const id of ['compare', 'compare-table']) $(id).hidden = !comparing;
  $('compare-toggle').textContent = comparing ? 'Stop comparing'
    : 'Compare these losses';
  $('compare-toggle').setAttribute('aria-pressed', String(comparing));
  for (const box of document.querySelectorAll('#compare-losses input')) {
    box.checked = comparing ? state.page.compare.includes(box.value)
      : box.checked;
  }
  const worked = state.page.preset === WORKED_PRESET;
  $('worked').hidden = !worked;
  if (worked) {
    showWorked($('worked-table'), $('worked-text'), wasm.workedExample());
  }
  const preset = presetList.find((p) => p.name === state.page.preset);
  $('preset-summary').textContent = preset ? preset.summary : '';
}

function refresh(progress) {
  if (state.dead) return;
  if (state.redraw) draw();
  if (state.comparer) return refreshCompare(progress);
  const trainer = state.trainer;
  if (!trainer) return;
  const p = progress ?? trainer.progress();
  showReadouts($('readouts'), p, trainer.summary(), state);
  if (p.epoch !== state.drawnEpoch) {
    state.drawnEpoch = p.epoch;
    showEpoch([() => timed('explanation', () => showSentences(
      $('explanation'), active().explanation()))]);
  }
  if (p.stop) setPlaying(false);
}

function refreshCompare(progress) {
  const comparer = state.comparer;
  const all = progress ?? comparer.progress();
  const epochs = all.reduce((sum, p) => sum + p.epoch, 0);
  if (epochs !== state.drawnEpoch) {
    state.drawnEpoch = epochs;
    const done = Math.min(...all.map((p) => p.epoch));
    showEpoch([() => {
      showCompareTable($('compare-table'), active().rows(),
        `epoch ${done} / ${state.settings.epochs}, step ${all[0].step} of `
        + 'each run');
      showSentences($('explanation'), active().explanation());
    }]);
  }
  if (comparer.isFinished()) setPlaying(false);
}

function setPlaying(wanted) {
  const playing = wanted && !state.dead;
  state.playing = playing;
  const button = $('play');
  button.textContent = playing ? 'Pause' : 'Play';
  button.setAttribute('aria-pressed', String(playing));
  // One loop at a time: a loop still alive sees `playing` again itself.
  if (playing && state.loops === 0) {
    countLoops(1);
    requestAnimationFrame(frame);
  }
  if (!playing) exclusive(flushQueued);
}

// Animation loops alive now. Tests read data-loops: two loops would train
// at twice the chosen speed.
function countLoops(change) {
  state.loops += change;
  document.body.dataset.loops = String(state.loops);
}

// Runs `steps` steps from `before` (the run's progress, which a caller
// stepping in a loop already holds); a diverged run shows its message and
// keeps its curves.
async function advance(steps, before = active()?.progress?.()) {
  const trainer = active();
  if (!trainer) return null;
  try {
    // While a step awaits (WebGPU reads are asynchronous) the handle is
    // borrowed by Rust: drawing it then would fail, so draws wait for it.
    state.inFlight = true;
    const start = performance.now();
    const progress = await trainer.step(steps).finally(() => {
      state.inFlight = false;
    });
    // A step that ends an epoch also runs the validation pass.
    const kind = !Array.isArray(progress) && progress.epoch !== before?.epoch
      ? 'step ending an epoch' : 'step';
    keepSlowest(kind, performance.now() - start);
    // Parts of a validation pass take the place of steps, so the rate counts
    // the steps the run made.
    const rate = state.rate;
    rate.steps += Array.isArray(progress) ? steps
      : progress.step - (before?.step ?? 0);
    const now = performance.now();
    if (now - rate.since > 500) {
      rate.perSecond = (1000 * rate.steps) / (now - rate.since);
      rate.steps = 0;
      rate.since = now;
    }
    return progress;
  } catch (error) {
    setPlaying(false);
    // A Rust panic traps and leaves the module unusable: stop and offer a
    // reload instead of calling into it again.
    if (error instanceof WebAssembly.RuntimeError) {
      fatal(`the WebAssembly module failed (${error.message})`);
      return null;
    }
    const text = String(error?.message ?? error);
    if (state.trainer && state.backend.name === 'wgpu'
      && text.startsWith('device error')) {
      return continueOnCpu(text);
    }
    message(text, 'error');
    return trainer.progress();
  }
}

// The WebGPU device failed: replay the run on the CPU up to the same step,
// keeping every epoch already charted, and carry on there.
async function continueOnCpu(why) {
  const lost = state.trainer;
  message(`${why}; continuing this run on the CPU from step `
    + `${lost.progress().step} (the epochs already charted are kept).`,
  'error');
  try {
    state.trainer = await lost.continueOnCpu();
    lost.free();
  } catch (error) {
    message(String(error?.message ?? error), 'error');
    return lost.progress();
  }
  state.backend = { name: 'cpu', reason: 'the WebGPU device was lost' };
  // The control and the link follow: a new run would not get WebGPU back.
  state.page.backend = 'cpu';
  updateForm(state.settings, state.page);
  writeUrl();
  return state.trainer.progress();
}

// A frame takes another step only when the last step says it will end
// within this budget, so that the page keeps answering input while it
// trains: the speed control is the most steps a frame may take, not a promise.
const FRAME_BUDGET_MS = 20;

// Up to `most` steps, one at a time, within the frame budget. It also stops
// at the end of an epoch, whose charts then get frames of their own.
async function advanceWithin(most) {
  const start = performance.now();
  let progress = active()?.progress?.();
  const startEpoch = progress?.epoch;
  for (let done = 0; done < most; done += 1) {
    const before = performance.now();
    progress = await advance(1, progress);
    if (!progress || !state.playing) break;
    if (!Array.isArray(progress)
      && (progress.stop || progress.epoch !== startEpoch)) break;
    const now = performance.now();
    if (now - start + (now - before) > FRAME_BUDGET_MS) break;
  }
  return progress;
}

function frame() {
  if (!state.playing) {
    countLoops(-1);
    return;
  }
  exclusive(async () => {
    if (state.queued.length) state.queued.shift()();
    else if (state.playing) {
      const progress = await advanceWithin(state.page.speed);
      timed('readouts', () => refresh(progress));
    }
    if (state.playing) requestAnimationFrame(frame);
    else countLoops(-1);
  });
}

// Builds a fresh run from the current settings, on the chosen backend.
function reset() {
  return exclusive(async () => {
    setPlaying(false);
    state.trainer?.free();
    state.trainer = null;
    state.comparer?.free();
    state.comparer = null;
    state.drawnEpoch = -1;
    state.queued = [];
    showMode();
    try {
      const { Comparer, Trainer } = await engineFor(state.backend.name);
      if (state.page.compare.length) {
        state.comparer = await Comparer.create(state.settings,
          state.page.compare, state.backend.name);
      } else {
        state.trainer = await Trainer.create(state.settings,
          state.backend.name);
      }
    } catch (error) {
      message(String(error?.message ?? error), 'error');
      return;
    }
    // Tests wait on this to know a new run replaced the old one.
    const runs = Number(document.body.dataset.run ?? 0);
    document.body.dataset.run = String(runs + 1);
    refresh();
  });
}

function onSettingChange(key, value) {
  if (key === 'preset') {
    const preset = presetList.find((p) => p.name === value);
    if (preset) state.settings = { ...preset.settings };
    state.page.preset = value;
  } else if (key === 'backend') {
    state.page.backend = value;
    writeUrl();
    return restartWithBackend();
  } else {
    state.settings = { ...state.settings, [key]: value };
    // New data keeps the preset: its claim holds for other seeds too.
    if (key !== 'seed') state.page.preset = '';
  }
  applySettings();
}

// Validation lives in Rust: the query round trip clamps and names values.
function applySettings() {
  clearMessages();
  const read = wasm.settingsFromQuery(settingsToQuerySafe(state.settings));
  for (const notice of read.notices) message(notice);
  state.settings = read.settings;
  updateForm(state.settings, state.page);
  writeUrl();
  return reset();
}

function settingsToQuerySafe(settings) {
  try {
    return wasm.settingsToQuery(settings);
  } catch (error) {
    message(String(error?.message ?? error));
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(settings)) {
      params.set(key, String(value));
    }
    return params.toString();
  }
}

async function restartWithBackend() {
  state.backend = await chooseBackend(state.page.backend, state.settings,
    async () => (await loadEngine('full')).Trainer);
  message(`Training on ${state.backend.name}: ${state.backend.reason}`);
  return reset();
}

function download(name, blob) {
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 1000);
}

function wireButtons() {
  $('play').addEventListener('click', () => setPlaying(!state.playing));
  $('step').addEventListener('click', () => exclusive(async () => {
    setPlaying(false);
    refresh(await advance(1));
  }));
  $('reset').addEventListener('click', () => reset());
  const speed = $('speed');
  speed.value = String(state.page.speed);
  $('speed-value').textContent = speed.value;
  speed.addEventListener('input', () => {
    state.page.speed = Number(speed.value);
    $('speed-value').textContent = speed.value;
    writeUrl();
  });
  $('copy-link').addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(location.href);
      message('Link copied.');
    } catch {
      message(`Copy this link: ${location.href}`);
    }
  });
  $('compare-toggle').addEventListener('click', toggleCompare);
  $('export-csv').addEventListener('click', () => exclusive(() => {
    if (!active()) return;
    const csv = active().historyCsv();
    download('lossgap-history.csv', new Blob([csv], { type: 'text/csv' }));
  }));
  $('export-png').addEventListener('click', () => {
    const ids = state.comparer ? ['compare']
      : ['curves', 'forecast', 'residuals'];
    for (const id of ids) {
      $(id).toBlob((blob) => blob && download(`lossgap-${id}.png`, blob));
    }
  });
}

// Starts comparing the ticked losses, or goes back to a single run.
function toggleCompare() {
  if (state.page.compare.length) {
    state.page.compare = [];
  } else {
    const ticked = [...document.querySelectorAll('#compare-losses input')]
      .filter((box) => box.checked).map((box) => box.value);
    if (ticked.length < 2 || ticked.length > 4) {
      message('Tick two to four losses to compare.', 'error');
      return null;
    }
    state.page.compare = ticked;
  }
  writeUrl();
  return reset();
}

function buildCompareBoxes() {
  const boxes = $('compare-losses');
  for (const loss of LOSSES) {
    const label = document.createElement('label');
    label.className = 'inline';
    const box = document.createElement('input');
    box.type = 'checkbox';
    box.value = loss;
    box.checked = ['mse', 'mae', 'huber'].includes(loss);
    label.append(box, ` ${loss}`);
    boxes.append(label);
  }
}

function wireKeys() {
  document.addEventListener('keydown', (event) => {
    const target = event.target;
    const typing = target instanceof HTMLInputElement
      || target instanceof HTMLSelectElement
      || target instanceof HTMLTextAreaElement;
    if (typing || event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.key === ' ') {
      event.preventDefault();
      setPlaying(!state.playing);
    } else if (event.key === 's') {
      $('step').click();
    } else if (event.key === 'r') {
      reset();
    }
  });
}

async function boot() {
  // A Rust panic traps; the trap may surface here rather than in a promise.
  window.addEventListener('error', (e) => fatal(
    e.error instanceof WebAssembly.RuntimeError
      ? `the WebAssembly module failed (${e.error.message})` : e.message));
  window.addEventListener('unhandledrejection',
    (e) => fatal(String(e.reason?.message ?? e.reason)));
  $('reload').addEventListener('click', () => location.reload());

  wasm = await loadEngine('cpu');
  // The benchmark splits the time to the first point at these marks.
  performance.mark('engine-ready');
  presetList = wasm.presets();
  readPage(location.search);
  const read = wasm.settingsFromQuery(presetQuery(location.search));
  for (const notice of read.notices) message(notice);
  state.settings = read.settings;
  buildCompareBoxes();

  document.body.classList.toggle('embed', state.page.embed);
  updateForm = buildForm($('settings'), wasm.ranges(), presetList, {
    onChange: onSettingChange,
    onNewData: () => onSettingChange('seed',
      (state.settings.seed + 1) % Number.MAX_SAFE_INTEGER),
  });
  updateForm(state.settings, state.page);
  wireButtons();
  wireKeys();
  writeUrl();
  await restartWithBackend();
  window.addEventListener('resize', () => draw());
  // A hook for tests: WebGPU loss cannot be caused on purpose otherwise.
  window.lossgap = {
    simulateDeviceLoss: () => state.trainer?.simulateDeviceLoss(),
    simulatePanic: () => state.trainer?.simulatePanic(),
    slowest: () => ({ ...state.slowest }),
  };
  performance.mark('run-ready');
  document.body.dataset.ready = 'true';
  if (state.page.autoplay) setPlaying(true);
}

boot().catch((error) => fatal(String(error?.message ?? error)));
