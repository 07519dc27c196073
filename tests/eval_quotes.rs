//! `detente eval quotes` on a tiny PolNeAR-shaped folder of our own (the real corpus
//! is scored by the command itself in CI).

use assert_cmd::Command;
use std::fs;

/// Write one article with its attribution into compartment `split` of `root`.
fn write_article(root: &std::path::Path, split: &str) {
    let base = root.join("PolNeAR-data").join(split);
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
}

#[test]
fn scores_a_small_polnear_folder() {
    let dir = tempfile::tempdir().unwrap();
    write_article(dir.path(), "test");
    let out = Command::cargo_bin("detente")
        .unwrap()
        .args(["eval", "quotes", "--split", "test"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("1 articles"), "{stdout}");
    assert!(stdout.contains("no tagger trained"), "no train compartment here: {stdout}");
    assert!(stdout.contains("1 gold, 1 predicted"), "{stdout}");
    let e2e = stdout.lines().find(|l| l.contains("end-to-end")).unwrap();
    assert!(e2e.trim_end().ends_with("1.000"), "{stdout}");
}

#[test]
fn trains_a_tagger_and_loads_it_back() {
    let dir = tempfile::tempdir().unwrap();
    write_article(dir.path(), "test");
    write_article(dir.path(), "train");
    let model = dir.path().join("quotes.model");
    let trained = Command::cargo_bin("detente")
        .unwrap()
        .args(["train", "quotes", "--polnear"])
        .arg(dir.path())
        .arg("--out")
        .arg(&model)
        .output()
        .unwrap();
    assert!(trained.status.success(), "{}", String::from_utf8_lossy(&trained.stderr));
    assert!(String::from_utf8_lossy(&trained.stdout).contains("1 articles"));
    // trained in the run, or loaded from the file: the same figures, both blocks printed
    let mut outputs = Vec::new();
    for extra in [vec![], vec!["--quote-model".to_string(), model.display().to_string()]] {
        let out = Command::cargo_bin("detente")
            .unwrap()
            .args(["eval", "quotes", "--split", "test"])
            .arg(dir.path())
            .args(&extra)
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let stdout = String::from_utf8_lossy(&out.stdout).to_string();
        assert!(stdout.contains("=== rules only"), "{stdout}");
        assert!(stdout.contains("=== rules + tagger"), "{stdout}");
        assert!(stdout.contains("add-new-bounds"), "{stdout}");
        outputs.push(
            stdout
                .lines()
                .filter(|l| l.contains("F1 /") || l.contains("add-new"))
                .map(String::from)
                .collect::<Vec<_>>(),
        );
    }
    assert_eq!(outputs[0], outputs[1]);
    // and `detente code` takes it too
    let coded = Command::cargo_bin("detente")
        .unwrap()
        .args(["code", "--quote-model"])
        .arg(&model)
        .write_stdin("\"We are ready to talk,\" the minister said.\n")
        .output()
        .unwrap();
    assert!(coded.status.success(), "{}", String::from_utf8_lossy(&coded.stderr));
    assert!(String::from_utf8_lossy(&coded.stdout).contains("We are ready to talk"));
    let broken = Command::cargo_bin("detente")
        .unwrap()
        .args(["code", "--quote-model"])
        .arg(dir.path().join("PolNeAR-data/test/text/wire_2016-10-10_talks.txt"))
        .write_stdin("Talks.\n")
        .output()
        .unwrap();
    assert!(!broken.status.success(), "not a model file");
}
