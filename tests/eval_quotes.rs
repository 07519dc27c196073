//! `detente eval quotes` on a tiny PolNeAR-shaped folder of our own (the real corpus
//! is scored by the command itself in CI).

use assert_cmd::Command;
use std::fs;

#[test]
fn scores_a_small_polnear_folder() {
    let dir = tempfile::tempdir().unwrap();
    let base = dir.path().join("PolNeAR-data").join("test");
    fs::create_dir_all(base.join("text")).unwrap();
    fs::create_dir_all(base.join("attributions")).unwrap();
    // character offsets: the curly quotes count one character each
    let text = "Talks resume\n\n\u{201C}We are ready to talk,\u{201D} the minister said.\n";
    fs::write(base.join("text").join("wire_2016-10-10_talks.txt"), text).unwrap();
    let content_start = text.chars().position(|c| c == '\u{201C}').unwrap();
    let content_end = content_start + "\u{201C}We are ready to talk,\u{201D}".chars().count();
    let source_start = content_end + 1;
    let source_end = source_start + "the minister".len();
    let ann = format!(
        "T1\tContent {content_start} {content_end}\t...\nT2\tSource {source_start} {source_end}\tthe minister\nT3\tCue {} {}\tsaid\nE1\tAttribution:T3 Content:T1 Cue:T3 Source:T2\n",
        source_end + 1,
        source_end + 5
    );
    fs::write(base.join("attributions").join("wire_2016-10-10_talks_aaaa.ann"), &ann).unwrap();
    // a second annotator's file, ignored by the first-in-sorted-order rule
    fs::write(base.join("attributions").join("wire_2016-10-10_talks_bbbb.ann"), "").unwrap();
    let out = Command::cargo_bin("detente")
        .unwrap()
        .args(["eval", "quotes", "--split", "test"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("1 articles"), "{stdout}");
    assert!(stdout.contains("1 gold, 1 predicted"), "{stdout}");
    let e2e = stdout.lines().find(|l| l.contains("end-to-end")).unwrap();
    assert!(e2e.trim_end().ends_with("1.000"), "{stdout}");
}
