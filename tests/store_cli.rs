//! The store through the command line: kill-and-resume, idempotence, exports.

use assert_cmd::Command;
use std::io::Write;
use std::process::Stdio;

fn bin() -> std::path::PathBuf {
    assert_cmd::cargo::cargo_bin("detente")
}

/// A JSON Lines corpus of `n` distinct articles with a few events each.
fn corpus(n: usize) -> tempfile::NamedTempFile {
    let mut f = tempfile::Builder::new().suffix(".jsonl").tempfile().unwrap();
    let pairs = [
        ("Russia", "Ukraine"),
        ("France", "Germany"),
        ("India", "Japan"),
        ("Brazil", "China"),
    ];
    for i in 0..n {
        let (a, b) = pairs[i % pairs.len()];
        let day = 1 + i % 28;
        let line = serde_json::json!({
            "id": format!("art-{i}"),
            "url": format!("https://news.example/{i}"),
            "source": format!("Outlet {}", i % 7),
            "published": format!("2024-03-{day:02}"),
            "text": format!("{a} criticized {b} in statement number {i}. {b} praised {a} later. Officials in {a} said talks number {i} went well."),
        });
        writeln!(f, "{line}").unwrap();
    }
    f
}

fn counts(db: &std::path::Path) -> String {
    let out = Command::new(bin()).args(["check", "--db"]).arg(db).output().unwrap();
    assert!(out.status.success(), "check failed: {}", String::from_utf8_lossy(&out.stdout));
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    text.split(": ok ").nth(1).unwrap_or("").trim().to_string()
}

#[test]
fn killed_ingest_resumes_without_duplicates_or_corruption() {
    let input = corpus(600);
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("news.db");
    let mut child = std::process::Command::new(bin())
        .args(["ingest", "--batch", "10", "--db"])
        .arg(&db)
        .arg(input.path())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Kill it (SIGKILL) as soon as the first batches are committed, mid-ingest.
    let started = std::time::Instant::now();
    while !(db.exists()
        && std::fs::metadata(dir.path().join("news.db-wal"))
            .map(|m| m.len() > 64 * 1024)
            .unwrap_or(false))
    {
        if started.elapsed() > std::time::Duration::from_secs(60) || child.try_wait().unwrap().is_some() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    let finished_early = child.try_wait().unwrap().is_some();
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(
        !finished_early,
        "the ingest finished before it could be killed; make the corpus larger"
    );
    // The store is sound after the kill, whatever was committed.
    let partial = counts(&db);
    // Rerunning completes the job.
    Command::new(bin())
        .args(["ingest", "--db"])
        .arg(&db)
        .arg(input.path())
        .assert()
        .success();
    let resumed = counts(&db);
    // A clean ingest of the same corpus gives the same store.
    let clean_db = dir.path().join("clean.db");
    Command::new(bin())
        .args(["ingest", "--db"])
        .arg(&clean_db)
        .arg(input.path())
        .assert()
        .success();
    assert_eq!(resumed, counts(&clean_db), "partial store before resume: {partial}");
    assert!(resumed.starts_with("(600 articles"), "{resumed}");
}

#[test]
fn gdelt_export_has_61_columns_and_mentions_16() {
    let input = corpus(40);
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("news.db");
    Command::new(bin())
        .args(["ingest", "--db"])
        .arg(&db)
        .arg(input.path())
        .assert()
        .success();
    let mentions = dir.path().join("mentions.tsv");
    let out = Command::new(bin())
        .args(["export", "--format", "gdelt", "--db"])
        .arg(&db)
        .arg("--mentions")
        .arg(&mentions)
        .output()
        .unwrap();
    assert!(out.status.success());
    let events = String::from_utf8(out.stdout).unwrap();
    assert!(events.lines().count() > 40);
    assert!(events.lines().all(|l| l.split('\t').count() == 61));
    let m = std::fs::read_to_string(&mentions).unwrap();
    assert!(m.lines().all(|l| l.split('\t').count() == 16));
    Command::new(bin())
        .args(["trend", "--by", "month", "--dyad", "RUS:UKR", "--csv", "--db"])
        .arg(&db)
        .assert()
        .success()
        .stdout(predicates::str::contains("2024-03,"));
    Command::new(bin())
        .args(["events", "--dyad", "FRA:DEU", "--root", "05", "--db"])
        .arg(&db)
        .assert()
        .success()
        .stdout(predicates::str::contains("051"));
}

#[test]
fn missing_store_is_a_clear_error() {
    Command::new(bin())
        .args(["events", "--db", "/no/such/dir/x.db"])
        .assert()
        .failure()
        .stderr(predicates::str::contains("/no/such/dir/x.db"));
}
