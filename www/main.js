// The page shell: wires controls, the URL, the animation loop and the
// readouts. Training, validation, parsing and drawing all live in Rust.

import init, {
  Trainer, presets, ranges, settingsFromQuery, settingsToQuery,
} from './pkg/lossgap.js';
import { buildForm } from './controls.js';
import { chooseBackend } from './backend.js';
import { showReadouts } from './readouts.js';

const $ = (id) => document.getElementById(id);
const PAGE_DEFAULTS = { backend: 'auto', speed: 4 };

const state = {
  settings: null,
  page: { ...PAGE_DEFAULTS, embed: false, autoplay: false, hide: [],
    preset: '' },
  trainer: null,
  backend: { name: 'cpu', reason: '' },
  playing: false,
  busy: Promise.resolve(),
  drawnEpoch: -1,
  rate: { steps: 0, since: performance.now(), perSecond: 0 },
};

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
  const speed = Number(params.get('speed') ?? PAGE_DEFAULTS.speed);
  page.speed = Number.isInteger(speed) && speed >= 1 && speed <= 50
    ? speed : PAGE_DEFAULTS.speed;
}

function pageQuery() {
  const page = state.page;
  const extra = new URLSearchParams();
  if (page.backend !== 'auto') extra.set('backend', page.backend);
  if (page.embed) extra.set('embed', '1');
  if (page.autoplay) extra.set('autoplay', '1');
  if (page.hide.length) extra.set('hide', page.hide.join(','));
  if (page.speed !== PAGE_DEFAULTS.speed) {
    extra.set('speed', String(page.speed));
  }
  const text = extra.toString();
  return text ? `&${text}` : '';
}

function writeUrl() {
  const query = settingsToQuery(state.settings) + pageQuery();
  history.replaceState(null, '', `?${query}`);
}

function draw() {
  const trainer = state.trainer;
  if (!trainer) return;
  const scale = window.devicePixelRatio || 1;
  for (const [id, method] of [['curves', 'drawCurves'],
    ['forecast', 'drawForecast'], ['residuals', 'drawResiduals']]) {
    const canvas = $(id);
    const width = Math.round(canvas.clientWidth * scale);
    const height = Math.round(canvas.clientHeight * scale);
    if (canvas.width !== width || canvas.height !== height) {
      canvas.width = width;
      canvas.height = height;
    }
    trainer[method](canvas, scale);
  }
}

function refresh(progress) {
  const trainer = state.trainer;
  if (!trainer) return;
  const p = progress ?? trainer.progress();
  showReadouts($('readouts'), p, trainer.summary(), state);
  if (p.epoch !== state.drawnEpoch) {
    state.drawnEpoch = p.epoch;
    draw();
  }
  if (p.stop) setPlaying(false);
}

function setPlaying(playing) {
  state.playing = playing;
  const button = $('play');
  button.textContent = playing ? 'Pause' : 'Play';
  button.setAttribute('aria-pressed', String(playing));
  if (playing) requestAnimationFrame(frame);
}

// Runs `steps` steps; a diverged run shows its message and keeps its curves.
async function advance(steps) {
  const trainer = state.trainer;
  if (!trainer) return null;
  try {
    const progress = await trainer.step(steps);
    const rate = state.rate;
    rate.steps += steps;
    const now = performance.now();
    if (now - rate.since > 500) {
      rate.perSecond = (1000 * rate.steps) / (now - rate.since);
      rate.steps = 0;
      rate.since = now;
    }
    return progress;
  } catch (error) {
    setPlaying(false);
    message(String(error?.message ?? error), 'error');
    return trainer.progress();
  }
}

function frame() {
  if (!state.playing) return;
  exclusive(async () => {
    if (!state.playing) return;
    const progress = await advance(state.page.speed);
    refresh(progress);
    if (state.playing) requestAnimationFrame(frame);
  });
}

// Builds a fresh run from the current settings, on the chosen backend.
function reset() {
  return exclusive(async () => {
    setPlaying(false);
    state.trainer?.free();
    state.trainer = null;
    state.drawnEpoch = -1;
    try {
      state.trainer = await Trainer.create(state.settings,
        state.backend.name);
    } catch (error) {
      message(String(error?.message ?? error), 'error');
      return;
    }
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
    state.page.preset = '';
  }
  applySettings();
}

// Validation lives in Rust: the query round trip clamps and names values.
function applySettings() {
  clearMessages();
  const read = settingsFromQuery(settingsToQuerySafe(state.settings));
  for (const notice of read.notices) message(notice);
  state.settings = read.settings;
  updateForm(state.settings, state.page);
  writeUrl();
  return reset();
}

function settingsToQuerySafe(settings) {
  try {
    return settingsToQuery(settings);
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
    Trainer);
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
  $('export-csv').addEventListener('click', () => {
    if (!state.trainer) return;
    const csv = state.trainer.historyCsv();
    download('lossgap-history.csv', new Blob([csv], { type: 'text/csv' }));
  });
  $('export-png').addEventListener('click', () => {
    for (const id of ['curves', 'forecast', 'residuals']) {
      $(id).toBlob((blob) => blob && download(`lossgap-${id}.png`, blob));
    }
  });
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
  window.addEventListener('error', (e) => fatal(e.message));
  window.addEventListener('unhandledrejection',
    (e) => fatal(String(e.reason?.message ?? e.reason)));
  $('reload').addEventListener('click', () => location.reload());

  await init();
  readPage(location.search);
  const read = settingsFromQuery(location.search);
  for (const notice of read.notices) message(notice);
  state.settings = read.settings;
  presetList = presets();

  document.body.classList.toggle('embed', state.page.embed);
  updateForm = buildForm($('settings'), ranges(), presetList, {
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
  document.body.dataset.ready = 'true';
  if (state.page.autoplay) setPlaying(true);
}

boot().catch((error) => fatal(String(error?.message ?? error)));
