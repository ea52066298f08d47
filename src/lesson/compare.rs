//! Sentences that compare runs differing only in the loss, written from their table.

use super::worked::number;
use crate::train::{CompareRow, StopReason};

/// Which run was best by validation MAE and by validation MSE, by how much, and how the largest
/// errors' share of the MSE differs between them.
pub fn explain_comparison(rows: &[CompareRow]) -> Vec<String> {
    if rows.iter().all(|r| r.best_val_mae.is_none()) {
        return vec![
            "No epoch has finished yet; the comparison starts after the first \
                     validation pass."
                .to_string(),
        ];
    }

    let mut out = Vec::new();
    let by_mae = best_sentence(rows, "validation MAE", |r| r.best_val_mae);
    let by_mse = best_sentence(rows, "validation MSE", |r| r.best_val_mse);
    out.extend(by_mae.as_ref().map(|(s, _)| s.clone()));
    out.extend(by_mse.as_ref().map(|(s, _)| s.clone()));
    if let (Some((_, mae_winner)), Some((_, mse_winner))) = (&by_mae, &by_mse) {
        out.push(if mae_winner == mse_winner {
            format!("Training on {mae_winner} gave both the lowest MAE and the lowest MSE here.")
        } else {
            format!(
                "The run best by MAE (trained on {mae_winner}) is not the run best by MSE \
                 (trained on {mse_winner}): each figure favours the loss that resembles it."
            )
        });
    }

    let shares: Vec<String> = rows
        .iter()
        .filter_map(|r| {
            let d = r.decomposition?;
            Some(format!("{:.1} % of the MSE when trained on {}", 100.0 * d.top1_share, r.label))
        })
        .collect();
    if !shares.is_empty() {
        out.push(format!(
            "In the latest validation pass the largest 1 % of errors hold {}.",
            shares.join(", ")
        ));
    }

    for row in rows {
        if let Some(StopReason::Diverged { message, .. }) = &row.stop {
            out.push(format!("The run trained on {} ended: {message}.", row.label));
        }
    }
    out
}

/// "Lowest validation MAE: trained on MAE, 0.12 at epoch 9; MSE 0.13 (+8.3 %) …", and the
/// winner's label.
fn best_sentence(
    rows: &[CompareRow],
    what: &str,
    figure: impl Fn(&CompareRow) -> Option<(f64, usize)>,
) -> Option<(String, String)> {
    let (winner, (best, epoch)) = rows
        .iter()
        .filter_map(|r| figure(r).map(|f| (r, f)))
        .min_by(|a, b| a.1.0.total_cmp(&b.1.0))?;

    let others: Vec<String> = rows
        .iter()
        .filter(|r| r.loss != winner.loss)
        .filter_map(|r| {
            let (value, at) = figure(r)?;
            Some(format!(
                "trained on {}: {} at epoch {at}, +{:.1} %",
                r.label,
                number(value),
                100.0 * (value / best - 1.0)
            ))
        })
        .collect();
    let sentence = format!(
        "Lowest {what}: trained on {}, {} at epoch {epoch} ({}).",
        winner.label,
        number(best),
        if others.is_empty() { "no other run yet".to_string() } else { others.join("; ") }
    );
    Some((sentence, winner.label.clone()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::loss::LossKind;
    use crate::train::Decomposition;

    fn row(loss: LossKind, label: &str, mae: (f64, usize), mse: (f64, usize)) -> CompareRow {
        CompareRow {
            loss,
            label: label.to_string(),
            best_val_mae: Some(mae),
            best_val_mse: Some(mse),
            decomposition: Some(Decomposition { top1_share: 0.1, ..Decomposition::default() }),
            stop: None,
        }
    }

    #[test]
    fn names_the_winner_of_each_figure_and_the_gaps() {
        let rows = [
            row(LossKind::Mse, "MSE", (0.2, 5), (0.05, 4)),
            row(LossKind::Mae, "MAE", (0.16, 9), (0.06, 9)),
        ];
        let text = explain_comparison(&rows).join(" ");
        assert!(text.contains("Lowest validation MAE: trained on MAE, 0.16 at epoch 9"), "{text}");
        assert!(text.contains("epoch 9 (trained on MSE: 0.2 at epoch 5, +25.0 %)"), "{text}");
        assert!(text.contains("Lowest validation MSE: trained on MSE, 0.05 at epoch 4"), "{text}");
        assert!(text.contains("is not the run best by MSE"), "{text}");
    }

    #[test]
    fn before_any_epoch_it_says_so() {
        let empty = CompareRow {
            loss: LossKind::Mse,
            label: "MSE".into(),
            best_val_mae: None,
            best_val_mse: None,
            decomposition: None,
            stop: None,
        };
        assert!(explain_comparison(&[empty])[0].contains("No epoch"));
    }
}
