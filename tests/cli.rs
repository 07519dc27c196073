//! The command line as a user meets it, including bad input.

use assert_cmd::Command;
use predicates::prelude::*;
use std::io::Write;

fn detente() -> Command {
    Command::cargo_bin("detente").expect("the detente binary is built")
}

fn file_with(bytes: &[u8], suffix: &str) -> tempfile::NamedTempFile {
    let mut f = tempfile::Builder::new().suffix(suffix).tempfile().expect("temp file");
    f.write_all(bytes).expect("write temp file");
    f
}

#[test]
fn codes_a_text_file_with_published_date() {
    let f = file_with(b"Leaders meet\n\nRussia attacked Ukraine on Tuesday.", ".txt");
    let out = detente()
        .args(["code", "--published", "2024-03-07"])
        .arg(f.path())
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["title"], "Leaders meet");
    assert_eq!(v["published"], "2024-03-07");
    assert_eq!(v["events"][0]["cameo"], "180");
    assert_eq!(v["events"][0]["date"], "2024-03-05");
    assert_eq!(v["events"][0]["date_from"], "text");
}

#[test]
fn jsonl_on_stdin_one_article_per_line() {
    let input = "{\"id\":\"a\",\"text\":\"Russia attacked Ukraine.\"}\n{\"id\":\"b\",\"text\":\"France praised Germany.\"}\n";
    let out = detente().args(["code", "-"]).write_stdin(input).output().unwrap();
    assert!(out.status.success());
    let lines: Vec<serde_json::Value> = out
        .stdout
        .split(|b| *b == b'\n')
        .filter(|l| !l.is_empty())
        .map(|l| serde_json::from_slice(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[1]["id"], "b");
}

#[test]
fn bad_jsonl_line_is_named_and_the_rest_still_code() {
    let f = file_with(
        b"{\"text\":\"Russia attacked Ukraine.\"}\n{not json\n{\"text\":\"France praised Germany.\"}\n",
        ".jsonl",
    );
    let out = detente().arg("code").arg(f.path()).output().unwrap();
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains(&format!("{}:2", f.path().display())), "{stderr}");
    assert_eq!(out.stdout.iter().filter(|b| **b == b'\n').count(), 2);
}

#[test]
fn empty_binary_and_missing_files_fail_clearly() {
    let empty = file_with(b"", ".txt");
    detente()
        .arg("code")
        .arg(empty.path())
        .assert()
        .failure()
        .stderr(predicate::str::contains("empty input"));
    let binary = file_with(&[0u8, 1, 2, 3, 0, 255, 254, 0, 7, 8], ".txt");
    detente()
        .arg("code")
        .arg(binary.path())
        .assert()
        .failure()
        .stderr(predicate::str::contains("binary"));
    detente()
        .args(["code", "/no/such/file.txt"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("/no/such/file.txt"));
}

#[test]
fn invalid_utf8_is_decoded_lossily_with_a_warning() {
    let f = file_with(b"Caf\xe9 owners in France praised Germany.", ".txt");
    detente()
        .arg("code")
        .arg(f.path())
        .assert()
        .success()
        .stderr(predicate::str::contains("invalid UTF-8"));
}

#[test]
fn one_bad_input_fails_the_run_but_not_the_others() {
    let good = file_with(b"Russia attacked Ukraine.", ".txt");
    let out = detente().arg("code").arg(good.path()).arg("/no/such/file.txt").output().unwrap();
    assert!(!out.status.success());
    assert_eq!(out.stdout.iter().filter(|b| **b == b'\n').count(), 1);
}

#[test]
fn demo_prints_events_and_quotes() {
    detente()
        .arg("demo")
        .assert()
        .success()
        .stdout(predicate::str::contains("-[042 make a visit]->"))
        .stdout(predicate::str::contains("quote"));
}

#[test]
fn pretty_format_is_indented_json() {
    let f = file_with(b"Russia attacked Ukraine.", ".txt");
    let out = detente().args(["code", "--format", "pretty"]).arg(f.path()).output().unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("\n  \"id\""));
}

#[test]
fn user_actor_dictionary_overrides_and_reports_bad_lines() {
    let dict = file_with(b"[people]\nJane Roe; Roe\tGBRGOV\t2020-01-01\t-\n", ".txt");
    let input = file_with(b"Roe criticised Russia.", ".txt");
    let out = detente()
        .args(["code", "--published", "2024-03-07", "--dictionary"])
        .arg(dict.path())
        .arg(input.path())
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["actors"][0]["code"], "GBRGOV");
    let bad = file_with(b"[roles]\nno sector here\n", ".txt");
    detente()
        .args(["code", "--dictionary"])
        .arg(bad.path())
        .write_stdin("x")
        .assert()
        .failure()
        .stderr(predicate::str::contains(":2:"));
}

#[test]
fn parallel_code_keeps_input_order_and_output() {
    let lines: String = (0..40)
        .map(|i| {
            let text = if i % 2 == 0 {
                "Russia attacked Ukraine."
            } else {
                "France praised Germany on Monday."
            };
            format!("{{\"id\": \"a{i}\", \"text\": \"{text} Story {i}.\"}}\n")
        })
        .collect();
    let f = file_with(lines.as_bytes(), ".jsonl");
    let run = |threads: &str| {
        let out = detente().args(["code", "--threads", threads]).arg(f.path()).output().unwrap();
        assert!(out.status.success());
        out.stdout
    };
    let one = run("1");
    assert_eq!(one, run("3"), "same output, same order, whatever the thread count");
    let ids: Vec<String> = one
        .split(|b| *b == b'\n')
        .filter(|l| !l.is_empty())
        .map(|l| serde_json::from_slice::<serde_json::Value>(l).unwrap()["id"].to_string())
        .collect();
    assert_eq!(ids.len(), 40);
    assert_eq!(ids[7], "\"a7\"");
}

#[test]
fn bench_reports_throughput_and_memory() {
    let out = detente()
        .args(["bench", "examples/news", "--threads", "2", "--repeat", "2", "--json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["articles"], 10);
    assert_eq!(v["threads"], 2);
    assert!(v["sentences"].as_u64().unwrap() > 10);
    assert!(v["articles_per_second"].as_f64().unwrap() > 0.0);
}
