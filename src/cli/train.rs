//! `lossgap train`: runs a session to the end, reporting each epoch as it completes.

use std::fs::File;
use std::io::{BufWriter, Write};

use indicatif::{ProgressBar, ProgressStyle};
use lossgap::device::{BackendChoice, native_device};
use lossgap::executor::block_on;
use lossgap::lesson::{number, worked_example};
use lossgap::report::{CSV_HEADER, RunReport, csv_row, table_header, table_row};
use lossgap::settings::{EarlyStop, Settings, WORKED_EXAMPLE, preset};
use lossgap::{LossgapError, Session};
use serde::de::DeserializeOwned;

use super::CliError;
use super::args::{SettingArgs, TrainArgs};

/// Where the per-epoch rows go.
struct Outputs {
    csv: Option<Box<dyn Write>>,
    table: bool,
}

/// Builds the settings, trains, and writes the requested outputs.
pub fn run(args: TrainArgs) -> Result<(), CliError> {
    let settings = settings_from(&args.settings)?;
    settings.validate().map_err(LossgapError::from)?;
    let mut outputs = open_outputs(&args)?;
    if outputs.table && args.settings.preset.as_deref() == Some(WORKED_EXAMPLE) {
        print_worked_example();
    }
    if outputs.table {
        println!("{}", table_header());
    }

    let backend = if args.backend == "wgpu" { BackendChoice::Wgpu } else { BackendChoice::Cpu };
    let device = native_device(backend)?;
    log::info!("training on the {} backend", backend.name());
    let mut session = Session::new(settings, &device)?;

    let outcome = train(&mut session, &mut outputs);
    if outputs.table {
        println!();
        for sentence in lossgap::lesson::explain(session.settings(), session.history()) {
            println!("{sentence}");
        }
    }

    // Whatever happened, keep what was computed: the charts and the JSON report.
    if let Some(path) = &args.svg {
        lossgap::chart::write_svg(
            path,
            session.settings(),
            session.history(),
            &session.forecast(),
        )?;
    }
    if args.json {
        let report = RunReport::new(session.settings(), session.history());
        let text = serde_json::to_string_pretty(&report)
            .map_err(|e| CliError::Run(LossgapError::Chart(e.to_string())))?;
        println!("{text}");
    }
    outcome.map_err(CliError::from)
}

/// Steps to the end with a progress bar, writing each epoch's row as soon as it exists.
fn train(session: &mut Session, outputs: &mut Outputs) -> Result<(), LossgapError> {
    let total = (session.settings().epochs * session.steps_per_epoch()) as u64;
    let bar = ProgressBar::new(total);
    let style = ProgressStyle::with_template("{bar:40} {pos}/{len} steps  {msg}")
        .unwrap_or_else(|_| ProgressStyle::default_bar());
    bar.set_style(style);

    let mut written = 0;
    while !session.is_finished() {
        let result = block_on(session.step(1));
        let records = &session.history().records;
        for record in &records[written..] {
            write_row(outputs, record, &bar)?;
            bar.set_message(format!("epoch {} val_mae {:.4}", record.epoch, record.val_mae));
        }
        written = records.len();
        bar.set_position(session.progress().step as u64);
        if let Err(error) = result {
            bar.abandon();
            return Err(error);
        }
    }
    bar.finish_and_clear();
    Ok(())
}

fn write_row(
    outputs: &mut Outputs,
    record: &lossgap::train::EpochRecord,
    bar: &ProgressBar,
) -> Result<(), LossgapError> {
    if let Some(csv) = outputs.csv.as_mut() {
        // Flushed at once, so an interrupted or diverged run keeps every row written so far.
        writeln!(csv, "{}", csv_row(record))
            .and_then(|()| csv.flush())
            .map_err(|source| LossgapError::Io { context: "writing CSV".into(), source })?;
    }
    if outputs.table {
        bar.suspend(|| println!("{}", table_row(record)));
    }
    Ok(())
}

/// Opens the CSV destination (checked before training, so a bad path fails at once).
fn open_outputs(args: &TrainArgs) -> Result<Outputs, CliError> {
    let csv = open_csv(args.csv.as_deref(), CSV_HEADER)?;
    let csv_on_stdout = args.csv.as_deref() == Some("-");
    Ok(Outputs { csv, table: !csv_on_stdout && !args.json })
}

/// Opens `path` (`-` for stdout) and writes `header`, or names the path in a usage error.
pub(super) fn open_csv(
    path: Option<&str>,
    header: &str,
) -> Result<Option<Box<dyn Write>>, CliError> {
    let mut csv: Box<dyn Write> = match path {
        None => return Ok(None),
        Some("-") => Box::new(std::io::stdout()),
        Some(path) => {
            let file = File::create(path)
                .map_err(|e| CliError::Usage(format!("--csv: cannot write to '{path}': {e}")))?;
            Box::new(BufWriter::new(file))
        }
    };
    writeln!(csv, "{header}")
        .and_then(|()| csv.flush())
        .map_err(|e| CliError::Usage(format!("--csv: cannot write: {e}")))?;
    Ok(Some(csv))
}

/// The preset (or the defaults) with every flag given applied on top.
pub(super) fn settings_from(args: &SettingArgs) -> Result<Settings, CliError> {
    let mut s = match &args.preset {
        Some(name) => preset(name)?,
        None => Settings::default(),
    };
    set_enum(&mut s.model, &args.model)?;
    set_enum(&mut s.loss, &args.loss)?;
    set_enum(&mut s.noise, &args.noise)?;
    set_enum(&mut s.optimizer, &args.optimizer)?;
    set_enum::<EarlyStop>(&mut s.early_stop, &args.early_stop)?;
    set(&mut s.huber_delta, args.huber_delta);
    set(&mut s.mix_alpha, args.mix_alpha);
    set(&mut s.quantile, args.quantile);
    set(&mut s.noise_level, args.noise_level);
    set(&mut s.outlier_rate, args.outlier_rate);
    set(&mut s.outlier_scale, args.outlier_scale);
    set(&mut s.series_length, args.series_length);
    set(&mut s.hidden, args.hidden);
    set(&mut s.layers, args.layers);
    set(&mut s.window, args.window);
    set(&mut s.train_fraction, args.train_fraction);
    set(&mut s.batch, args.batch);
    set(&mut s.lr, args.lr);
    set(&mut s.momentum, args.momentum);
    set(&mut s.grad_clip, args.grad_clip);
    set(&mut s.epochs, args.epochs);
    set(&mut s.patience, args.patience);
    set(&mut s.seed, args.seed);
    if args.keep_last {
        s.restore_best = false;
    }
    Ok(s)
}

fn set<T>(field: &mut T, value: Option<T>) {
    if let Some(value) = value {
        *field = value;
    }
}

/// Sets an enum setting from its name (clap has already limited the names to the valid ones).
pub(super) fn set_enum<T: DeserializeOwned>(
    field: &mut T,
    name: &Option<String>,
) -> Result<(), CliError> {
    if let Some(name) = name {
        *field = serde_json::from_value(serde_json::Value::String(name.clone()))
            .map_err(|e| CliError::Usage(format!("'{name}': {e}")))?;
    }
    Ok(())
}

/// The four-point example as a table, with the sentences read from it.
fn print_worked_example() {
    let example = worked_example();
    let truth: Vec<String> = example.truth.iter().map(|&t| number(t as f64)).collect();
    println!("truth [{}]", truth.join(", "));
    println!(
        "{:3} {:<20} {:>6} {:>6} {:>6} {:>8}",
        "",
        "predictions",
        "MSE",
        "MAE",
        "RMSE",
        format!("Huber δ={}", example.huber_delta)
    );
    for row in &example.rows {
        let p: Vec<String> = row.predictions.iter().map(|&v| number(v as f64)).collect();
        let f = &row.figures;
        println!(
            "{:3} {:<20} {:>6} {:>6} {:>6} {:>8}",
            row.label,
            format!("[{}]", p.join(", ")),
            number(f.mse),
            number(f.mae),
            number(f.rmse),
            number(f.huber)
        );
    }
    for sentence in &example.sentences {
        println!("{sentence}");
    }
    println!();
}
