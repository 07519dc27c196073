//! `detente eval timex`: on a small TimeML folder made here, and on the
//! TempEval-3 test set when ../shared/data holds it.

use assert_cmd::Command;
use std::path::Path;

fn detente() -> Command {
    Command::cargo_bin("detente").expect("the detente binary is built")
}

const DOC: &str = r#"<?xml version="1.0" ?><TimeML>
<DCT><TIMEX3 functionInDocument="CREATION_TIME" tid="t0" type="DATE" value="2013-03-22">March 22, 2013</TIMEX3></DCT>
<TEXT>
Officials <EVENT eid="e1">said</EVENT> <TIMEX3 tid="t1" type="DATE" value="2013-03-21">Thursday</TIMEX3> that the talks lasted <TIMEX3 tid="t2" type="DURATION" value="PT4H">four hours</TIMEX3>.
</TEXT></TimeML>"#;

#[test]
fn scores_a_folder_of_timeml() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.tml"), DOC).unwrap();
    let out = detente().args(["eval", "timex"]).arg(dir.path()).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("gold timexes 2, system timexes 2"), "{text}");
    assert!(text.contains("value           100.00  100.00  100.00"), "{text}");
}

#[test]
fn missing_data_is_a_clear_error() {
    let out = detente().args(["eval", "timex", "/nonexistent/tempeval"]).output().unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("not found"));
}

#[test]
fn te3_platinum_when_present() {
    let data = Path::new("../shared/data/tempeval3");
    if !data.join("te3-platinum.tar.gz").exists() {
        eprintln!("skipped: ../shared/data/tempeval3 not present");
        return;
    }
    let out = detente().args(["eval", "timex"]).arg(data).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("gold timexes 138"), "{text}");
    // Guard against regressions: relaxed span F1 stays well above 85.
    let relaxed_f1: f64 = text
        .lines()
        .find(|l| l.starts_with("relaxed span"))
        .and_then(|l| l.split_whitespace().last())
        .and_then(|f| f.parse().ok())
        .unwrap_or(0.0);
    assert!(relaxed_f1 > 85.0, "{text}");
}
