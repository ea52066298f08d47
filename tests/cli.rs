//! The command line as a user meets it: exit statuses, one-line errors, kept CSV rows.

#![cfg(not(target_family = "wasm"))]

use std::process::{Command, Output};

fn lossgap(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_lossgap")).args(args).output().expect("the binary runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn score_prints_the_worked_example_figures() {
    let out = lossgap(&["score", "--truth", "10,20,30,40", "--pred", "12,22,28,38"]);
    assert!(out.status.success());
    let stdout = text(&out.stdout);
    assert!(stdout.contains("MSE              4\n"), "{stdout}");
    assert!(stdout.contains("MAE              2\n"), "{stdout}");
    assert!(stdout.contains("RMSE             2\n"), "{stdout}");
}

#[test]
fn bad_arguments_exit_2_with_one_line_naming_the_argument() {
    for args in [
        vec!["train", "--lr", "0"],
        vec!["train", "--model", "transformer"],
        vec!["train", "--hidden", "many"],
        vec!["score", "--truth", "1,2", "--pred", "1"],
    ] {
        let out = lossgap(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let stderr = text(&out.stderr);
        assert_eq!(stderr.trim_end().lines().count(), 1, "{args:?}: {stderr}");
        assert!(stderr.contains(args[1]) || stderr.contains("--pred"), "{args:?}: {stderr}");
    }
}

#[test]
fn an_unwritable_csv_path_is_named() {
    let out = lossgap(&["train", "--csv", "/nonexistent-dir/run.csv"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("/nonexistent-dir/run.csv"));
}

#[test]
fn a_diverged_run_exits_1_and_keeps_the_csv_rows_written() {
    let dir = std::env::temp_dir().join(format!("lossgap-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let csv = dir.join("run.csv");
    let out = lossgap(&[
        "train",
        "--model",
        "linear",
        "--optimizer",
        "sgd",
        "--momentum",
        "0",
        "--lr",
        "0.3",
        "--batch",
        "1024",
        "--window",
        "8",
        "--series-length",
        "400",
        "--epochs",
        "1000",
        "--csv",
        csv.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("diverged at step"));
    let rows = std::fs::read_to_string(&csv).unwrap();
    assert!(rows.starts_with("epoch,step,train_loss,val_loss,val_mse,val_mae\n"));
    assert!(rows.lines().count() > 2, "rows before the divergence are kept: {rows}");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn the_worked_example_preset_prints_its_table_and_sentences() {
    let out = lossgap(&["train", "--preset", "worked-example", "--epochs", "2"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(stdout.contains("truth [10, 20, 30, 40]"), "{stdout}");
    assert!(stdout.contains("[12, 22, 28, 38]"), "{stdout}");
    assert!(stdout.contains("From B to C, MSE rises from 1 to 2.25 while MAE falls"), "{stdout}");
}

/// `lossgap compare` on a tiny RNN and series, with `args` added.
fn compare_tiny(args: &[&str]) -> Output {
    let tiny = ["compare", "--model", "rnn", "--hidden", "4", "--window", "4"];
    let all: Vec<&str> =
        tiny.iter().chain(["--series-length", "120"].iter()).chain(args).copied().collect();
    lossgap(&all)
}

#[test]
fn compare_writes_one_column_group_per_loss() {
    let out = compare_tiny(&["--losses", "mse,mae,huber", "--epochs", "3", "--csv", "-"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    let rows: Vec<&str> = stdout.lines().collect();
    assert_eq!(rows[0].split(',').count(), 1 + 3 * 4, "{}", rows[0]);
    assert!(rows[0].starts_with("epoch,mse_train_loss,mse_val_loss,mse_val_mse,mse_val_mae,mae_"));
    assert_eq!(rows.len(), 4, "{stdout}");
    assert!(rows[1..].iter().all(|r| r.split(',').all(|cell| !cell.is_empty())), "{stdout}");
}

#[test]
fn compare_prints_the_table_and_its_explanation() {
    let out = compare_tiny(&["--losses", "mse,mae", "--epochs", "2"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(stdout.contains("best val MAE"), "{stdout}");
    assert!(stdout.contains("Lowest validation MAE: trained on"), "{stdout}");
}

#[test]
fn compare_refuses_a_single_or_repeated_loss() {
    for losses in ["mse", "mse,mse", "mse,mae,huber,mixed,pinball"] {
        let out = lossgap(&["compare", "--losses", losses]);
        assert_eq!(out.status.code(), Some(2), "{losses}");
        let stderr = text(&out.stderr);
        assert_eq!(stderr.trim_end().lines().count(), 1, "{losses}: {stderr}");
        assert!(stderr.contains("losses"), "{losses}: {stderr}");
    }
}

#[test]
fn a_run_interrupted_with_ctrl_c_keeps_the_csv_rows_written() {
    let dir = std::env::temp_dir().join(format!("lossgap-cli-int-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let csv = dir.join("run.csv");
    let mut child = Command::new(env!("CARGO_BIN_EXE_lossgap"))
        .args(["train", "--model", "rnn", "--hidden", "4", "--window", "4"])
        .args(["--series-length", "400", "--epochs", "1000", "--csv"])
        .arg(&csv)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();

    // Wait for a few epochs' rows, then send SIGINT as Ctrl-C in a terminal would.
    let rows = || std::fs::read_to_string(&csv).map(|t| t.lines().count()).unwrap_or(0);
    let until = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while rows() < 4 && std::time::Instant::now() < until {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let status = Command::new("kill").args(["-INT", &child.id().to_string()]).status().unwrap();
    assert!(status.success());
    let exit = child.wait().unwrap();

    assert!(!exit.success(), "the run was interrupted, not finished");
    let text = std::fs::read_to_string(&csv).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines.len() >= 4, "{text}");
    assert_eq!(lines[0], "epoch,step,train_loss,val_loss,val_mse,val_mae");
    for (i, line) in lines[1..].iter().enumerate() {
        assert_eq!(line.split(',').count(), 6, "row {i} is whole: {line}");
        assert!(line.starts_with(&format!("{},", i + 1)), "{line}");
    }
    std::fs::remove_dir_all(&dir).ok();
}
