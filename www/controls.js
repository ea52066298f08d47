// The settings form: one labelled field per setting, built from a
// description list. No arithmetic here: ranges come from Rust.

export const LOSSES = ['mse', 'mae', 'huber', 'mixed', 'pinball'];

const choices = {
  loss: LOSSES,
  model: ['rnn', 'gru', 'lstm', 'linear'],
  optimizer: ['adam', 'sgd'],
  noise: ['gaussian', 'laplace', 'lognormal', 'student-t', 'outliers'],
  early_stop: ['off', 'val_loss', 'val_mae'],
  backend: ['auto', 'cpu', 'wgpu'],
};

// key, label, kind, slider step, and when the field applies.
export const FIELDS = [
  { key: 'preset', label: 'Preset', kind: 'preset' },
  { key: 'loss', label: 'Training loss', kind: 'select' },
  { key: 'huber_delta', label: 'Huber δ (std devs)', kind: 'range',
    step: 0.01, when: (s) => s.loss === 'huber' },
  { key: 'mix_alpha', label: 'Mix α (weight of MSE)', kind: 'range',
    step: 0.01, when: (s) => s.loss === 'mixed' },
  { key: 'quantile', label: 'Pinball quantile τ', kind: 'range',
    step: 0.01, when: (s) => s.loss === 'pinball' },
  { key: 'model', label: 'Model', kind: 'select' },
  { key: 'hidden', label: 'Hidden units', kind: 'range', step: 1,
    when: (s) => s.model !== 'linear' },
  { key: 'window', label: 'Window length', kind: 'range', step: 1 },
  { key: 'batch', label: 'Batch size', kind: 'range', step: 1 },
  { key: 'optimizer', label: 'Optimizer', kind: 'select' },
  { key: 'lr', label: 'Learning rate', kind: 'number', step: 'any' },
  { key: 'noise', label: 'Noise', kind: 'select' },
  { key: 'noise_level', label: 'Noise level', kind: 'range', step: 0.01 },
  { key: 'outlier_rate', label: 'Outlier rate', kind: 'range',
    step: 0.005 },
  { key: 'seed', label: 'Seed', kind: 'seed' },
  { key: 'epochs', label: 'Epochs', kind: 'range', step: 1 },
  { key: 'early_stop', label: 'Early stopping on', kind: 'select' },
  { key: 'patience', label: 'Patience (epochs)', kind: 'range', step: 1,
    when: (s) => s.early_stop !== 'off' },
  { key: 'backend', label: 'Backend', kind: 'select' },
];

// Controls kept in the compact embedded view.
export const EMBED_KEYS = ['loss', 'huber_delta', 'mix_alpha', 'quantile'];

function option(value, text) {
  const element = document.createElement('option');
  element.value = value;
  element.textContent = text;
  return element;
}

function input(field, range) {
  if (field.kind === 'select') {
    const select = document.createElement('select');
    for (const value of choices[field.key]) {
      select.append(option(value, value));
    }
    return select;
  }
  const element = document.createElement('input');
  element.type = field.kind === 'range' ? 'range' : 'number';
  if (range) {
    element.min = String(range.min);
    element.max = String(range.max);
  }
  element.step = String(field.step ?? 1);
  return element;
}

// Builds one field; `onChange(key, value)` gets typed values.
function buildField(field, ranges, presets, onChange, onNewData) {
  const wrapper = document.createElement('div');
  wrapper.className = 'field';
  wrapper.dataset.key = field.key;
  const id = `setting-${field.key}`;
  const label = document.createElement('label');
  label.htmlFor = id;
  label.textContent = field.label;
  const row = document.createElement('div');
  row.className = 'row';

  let control;
  if (field.kind === 'preset') {
    control = document.createElement('select');
    control.append(option('', 'custom'));
    for (const p of presets) control.append(option(p.name, p.name));
  } else if (field.kind === 'seed') {
    control = input({ kind: 'number', step: 1 }, null);
    control.min = '0';
  } else {
    control = input(field, ranges.find((r) => r.field === field.key));
  }
  control.id = id;
  control.name = field.key;
  row.append(control);

  let output = null;
  if (field.kind === 'range') {
    output = document.createElement('output');
    output.htmlFor = id;
    row.append(output);
  }
  if (field.kind === 'seed') {
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = 'New data';
    button.id = 'new-data';
    button.addEventListener('click', onNewData);
    row.append(button);
  }

  const read = () => {
    if (field.kind === 'select' || field.kind === 'preset') {
      return control.value;
    }
    return Number(control.value);
  };
  control.addEventListener('input', () => {
    if (output) output.textContent = control.value;
  });
  control.addEventListener('change', () => onChange(field.key, read()));
  wrapper.append(label, row);
  return { wrapper, control, output };
}

// Builds the form; returns `update(settings, page)` to show values.
export function buildForm(form, ranges, presets, handlers) {
  const built = new Map();
  for (const field of FIELDS) {
    const parts = buildField(field, ranges, presets, handlers.onChange,
      handlers.onNewData);
    built.set(field.key, { field, ...parts });
    form.append(parts.wrapper);
  }
  return (settings, page) => {
    for (const { field, control, output, wrapper } of built.values()) {
      const value = field.key in settings ? settings[field.key]
        : page[field.key];
      control.value = String(value ?? '');
      if (output) output.textContent = control.value;
      const applies = !field.when || field.when(settings);
      const hidden = page.hide.includes(field.key)
        || (page.embed && !EMBED_KEYS.includes(field.key));
      wrapper.hidden = !applies || hidden;
    }
  };
}
