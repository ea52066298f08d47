// The words beside the charts: the explanation, the worked example and the
// comparison table. All text and figures come from Rust; this file only
// puts them into elements (textContent, never HTML).

function cell(tag, text) {
  const element = document.createElement(tag);
  element.textContent = text;
  return element;
}

function row(tag, values) {
  const tr = document.createElement('tr');
  tr.append(...values.map((v) => cell(tag, v)));
  return tr;
}

function figure(value) {
  if (value === null || value === undefined) return '–';
  // Four significant digits, without trailing zeros (1.5, not 1.500).
  return String(Number(value.toPrecision(4)));
}

export function showSentences(list, sentences) {
  list.replaceChildren(...sentences.map((s) => cell('li', s)));
}

export function showWorked(table, list, example) {
  const head = row('th', ['', 'predictions', 'MSE', 'MAE', 'RMSE',
    `Huber δ=${example.huber_delta}`]);
  const truth = row('td', ['truth', `[${example.truth.join(', ')}]`,
    '', '', '', '']);
  const body = example.rows.map((r) => row('td', [r.label,
    `[${r.predictions.join(', ')}]`, figure(r.figures.mse),
    figure(r.figures.mae), figure(r.figures.rmse),
    figure(r.figures.huber)]));
  table.replaceChildren(head, truth, ...body);
  showSentences(list, example.sentences);
}

export function showCompareTable(table, rows, caption) {
  const head = row('th', ['trained on', 'best val MAE', 'epoch',
    'best val MSE', 'epoch', 'MSE share, top 1 %', 'residual mean',
    'residual median']);
  const body = rows.map((r) => {
    const d = r.decomposition ?? {};
    const share = d.top1_share === undefined ? '–'
      : `${(100 * d.top1_share).toFixed(1)} %`;
    return row('td', [r.label, figure(r.best_val_mae?.[0]),
      figure(r.best_val_mae?.[1]), figure(r.best_val_mse?.[0]),
      figure(r.best_val_mse?.[1]), share, figure(d.residual_mean),
      figure(d.residual_median)]);
  });
  table.replaceChildren(cell('caption', caption), head, ...body);
}
