//! `lossgap score`: a calculator for course notes.

use super::CliError;
use super::args::ScoreArgs;

/// Prints the error figures of `--pred` against `--truth`.
pub fn run(args: ScoreArgs) -> Result<(), CliError> {
    let truth = parse_list("--truth", &args.truth)?;
    let pred = parse_list("--pred", &args.pred)?;
    if truth.len() != pred.len() {
        return Err(CliError::Usage(format!(
            "--pred has {} values but --truth has {}; they must match",
            pred.len(),
            truth.len()
        )));
    }
    if !(args.huber_delta > 0.0 && args.huber_delta.is_finite()) {
        return Err(CliError::Usage(format!(
            "--huber-delta = {} is not allowed: must be a positive number",
            args.huber_delta
        )));
    }

    let f = lossgap::loss::figures(&pred, &truth, args.huber_delta as f32);
    println!("MSE              {}", f.mse);
    println!("MAE              {}", f.mae);
    println!("RMSE             {}", f.rmse);
    println!("Huber (δ = {})    {}", args.huber_delta, f.huber);
    println!("residual mean    {}", f.residual_mean);
    println!("residual median  {}", f.residual_median);
    Ok(())
}

/// Parses `1,2,3` into numbers, naming the flag and the bad item on failure.
fn parse_list(flag: &str, text: &str) -> Result<Vec<f32>, CliError> {
    let values: Vec<f32> = text
        .split(',')
        .map(|item| {
            let item = item.trim();
            match item.parse::<f32>() {
                Ok(v) if v.is_finite() => Ok(v),
                _ => Err(CliError::Usage(format!(
                    "{flag}: '{item}' is not a finite number (expected a comma-separated list)"
                ))),
            }
        })
        .collect::<Result<_, _>>()?;
    Ok(values)
}
