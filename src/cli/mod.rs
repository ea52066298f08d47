//! Argument parsing and the exit-status convention: 0 success, 1 a run that failed (diverged,
//! device error), 2 bad arguments. Errors become one line on stderr here, and nowhere else.

mod args;
mod bench;
mod compare;
mod score;
mod train;

use std::process::ExitCode;

use clap::Parser;

use args::{Cli, Command};
use lossgap::LossgapError;

/// Exit status for bad arguments.
const BAD_ARGUMENTS: u8 = 2;
/// Exit status for a run that failed.
const RUN_FAILED: u8 = 1;

/// Parses the arguments, runs the command and turns any error into one line and a status.
pub fn main() -> ExitCode {
    init_logging();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => return clap_error(error),
    };
    let outcome = match cli.command {
        Command::Train(args) => train::run(*args),
        Command::Compare(args) => compare::run(*args),
        Command::Bench(args) => bench::run(args),
        Command::Presets => {
            print_presets();
            Ok(())
        }
        Command::Score(args) => score::run(args),
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(CliError::Usage(message)) => {
            eprintln!("error: {message}");
            ExitCode::from(BAD_ARGUMENTS)
        }
        Err(CliError::Run(error)) => {
            eprintln!("error: {error}");
            ExitCode::from(RUN_FAILED)
        }
    }
}

/// How a command failed.
pub enum CliError {
    /// The arguments were wrong: exit status 2.
    Usage(String),
    /// The run itself failed: exit status 1.
    Run(LossgapError),
}

impl From<LossgapError> for CliError {
    fn from(error: LossgapError) -> Self {
        match error {
            LossgapError::Settings(e) => CliError::Usage(format!(
                "--{} = {} is not allowed: {}",
                e.field.replace('_', "-"),
                e.value,
                e.allowed
            )),
            LossgapError::UnknownPreset { .. } => CliError::Usage(error.to_string()),
            other => CliError::Run(other),
        }
    }
}

/// Help and version go to stdout as usual; real errors are folded into one line.
fn clap_error(error: clap::Error) -> ExitCode {
    use clap::error::ErrorKind;
    if matches!(error.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) {
        print!("{error}");
        return ExitCode::SUCCESS;
    }
    if error.kind() == ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand {
        eprint!("{error}");
        return ExitCode::from(BAD_ARGUMENTS);
    }
    let text = error.render().to_string();
    let line: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with("For more information") && *l != "Usage:")
        .filter(|l| !l.starts_with("Usage: "))
        .collect();
    eprintln!("{}", line.join(" "));
    ExitCode::from(BAD_ARGUMENTS)
}

fn print_presets() {
    let width = lossgap::settings::PRESETS.iter().map(|p| p.name.len()).max().unwrap_or(0);
    for preset in lossgap::settings::PRESETS {
        println!("{:width$}  {}", preset.name, preset.summary);
    }
}

fn init_logging() {
    let env = env_logger::Env::default().default_filter_or("warn");
    env_logger::Builder::from_env(env).format_timestamp(None).init();
}
