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
