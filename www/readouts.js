// The live figures beside the charts. Every number shown comes from Rust.

function format(value, digits = 4) {
  if (value === null || value === undefined) return '–';
  if (typeof value !== 'number') return String(value);
  return Number.isInteger(value) ? String(value) : value.toPrecision(digits);
}

function percent(share) {
  return share === undefined ? '–' : `${(100 * share).toFixed(1)} %`;
}

export function showReadouts(list, progress, summary, state) {
  const latest = progress.latest ?? {};
  const d = summary.decomposition ?? {};
  const rows = [
    ['epoch', `${progress.epoch} / ${state.settings.epochs}`],
    ['step', format(progress.step)],
    ['steps per second', format(state.rate.perSecond, 3)],
    ['backend', state.backend.name],
    ['train loss (last step)', format(progress.last_train_loss)],
    ['validation loss', format(latest.val_loss)],
    ['validation MSE', format(latest.val_mse)],
    ['validation MAE', format(latest.val_mae)],
    ['best val loss epoch', format(summary.best_val_loss_epoch)],
    ['best val MAE epoch', format(summary.best_val_mae_epoch)],
    ['MSE share, largest 1 %', percent(d.top1_share)],
    ['MSE share, largest 5 %', percent(d.top5_share)],
    ['residual mean', format(d.residual_mean)],
    ['residual median', format(d.residual_median)],
    ['ended', progress.stop ? progress.stop.reason.replace('_', ' ') : 'no'],
  ];
  const items = rows.map(([name, value]) => {
    const item = document.createElement('div');
    const term = document.createElement('dt');
    term.textContent = name;
    const detail = document.createElement('dd');
    detail.textContent = value;
    detail.dataset.readout = name;
    item.append(term, detail);
    return item;
  });
  list.replaceChildren(...items);
}
