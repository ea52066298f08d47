//! `lossgap compare`: two to four runs that differ only in the loss, trained in lockstep on the
//! CPU, with a CSV row per epoch and a table of best figures at the end.

use std::io::Write;

use lossgap::LossgapError;
use lossgap::device::{BackendChoice, native_device};
use lossgap::executor::block_on;
use lossgap::lesson::{explain_comparison, number};
use lossgap::loss::LossKind;
use lossgap::train::{CompareRow, Comparison, check_losses};

use super::CliError;
use super::args::CompareArgs;
use super::train::{open_csv, settings_from};

/// Builds the runs, trains them to the end and prints the table.
pub fn run(args: CompareArgs) -> Result<(), CliError> {
    let settings = settings_from(&args.settings)?;
    let losses = parse_losses(&args.losses)?;
    check_losses(&losses).map_err(LossgapError::from)?;
    settings.validate().map_err(LossgapError::from)?;

    let device = native_device(BackendChoice::Cpu)?;
    let mut comparison = Comparison::new(&settings, &losses, &device)?;
    let mut csv = open_csv(args.csv.as_deref(), &comparison.csv_header())?;

    // One epoch of every run at a time, so CSV rows appear as soon as they are complete.
    let mut written = 0;
    while !comparison.is_finished() {
        let outcome = block_on(comparison.step(1));
        while let Some(row) = comparison.csv_row(written + 1) {
            if let Some(out) = csv.as_mut() {
                writeln!(out, "{row}")
                    .and_then(|()| out.flush())
                    .map_err(|source| LossgapError::Io { context: "writing CSV".into(), source })?;
            }
            written += 1;
        }
        outcome?;
    }

    if args.csv.as_deref() != Some("-") {
        let rows = comparison.rows();
        print_table(&rows);
        println!();
        for sentence in explain_comparison(&rows) {
            println!("{sentence}");
        }
    }
    Ok(())
}

/// clap has checked each name; this turns them into loss kinds.
fn parse_losses(names: &[String]) -> Result<Vec<LossKind>, CliError> {
    names
        .iter()
        .map(|name| {
            LossKind::from_name(name)
                .ok_or_else(|| CliError::Usage(format!("--losses: unknown loss '{name}'")))
        })
        .collect()
}

/// The comparison table: best validation MAE and MSE with their epochs, the final decomposition.
fn print_table(rows: &[CompareRow]) {
    println!(
        "{:<18} {:>12} {:>6} {:>12} {:>6} {:>7} {:>7} {:>10} {:>10}",
        "loss",
        "best val MAE",
        "epoch",
        "best val MSE",
        "epoch",
        "top1%",
        "top5%",
        "res. mean",
        "res. median"
    );
    for row in rows {
        let (mae, mae_epoch) = split(row.best_val_mae);
        let (mse, mse_epoch) = split(row.best_val_mse);
        let d = row.decomposition.unwrap_or_default();
        println!(
            "{:<18} {:>12} {:>6} {:>12} {:>6} {:>6.1}% {:>6.1}% {:>10} {:>10}",
            row.label,
            mae,
            mae_epoch,
            mse,
            mse_epoch,
            100.0 * d.top1_share,
            100.0 * d.top5_share,
            number(d.residual_mean),
            number(d.residual_median)
        );
    }
}

fn split(best: Option<(f64, usize)>) -> (String, String) {
    match best {
        Some((value, epoch)) => (number(value), epoch.to_string()),
        None => ("–".to_string(), "–".to_string()),
    }
}
