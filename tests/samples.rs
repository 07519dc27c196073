//! Snapshot tests: the full JSON output for each bundled sample article. A change in
//! any stage shows up here as a reviewable diff (`cargo insta review`).

use detente_doc::output::Article;
use detente_ingest::parse_text_article;
use detente_pipeline::Pipeline;

fn code_sample(name: &str) -> Article {
    let path = format!("{}/examples/news/{name}.txt", env!("CARGO_MANIFEST_DIR"));
    let bytes = std::fs::read(&path).expect("sample article is readable");
    let raw = parse_text_article(&bytes, name, Some(name.to_string())).expect("sample article parses");
    let pipeline = Pipeline::with_defaults().expect("default dictionaries load");
    Article::from_document(&pipeline.code(raw))
}

macro_rules! sample_snapshot {
    ($test:ident, $name:literal) => {
        #[test]
        fn $test() {
            let article = code_sample($name);
            // every span's text must be what its offsets select
            let chars: Vec<char> = article.text.chars().collect();
            let sel = |s: usize, e: usize| chars[s..e].iter().collect::<String>();
            for a in &article.actors {
                for m in &a.mentions {
                    assert_eq!(sel(m.start, m.end), m.text);
                }
            }
            for e in &article.events {
                assert_eq!(sel(e.trigger.start, e.trigger.end), e.trigger.text);
                assert_eq!(sel(e.sentence.start, e.sentence.end), e.sentence.text);
            }
            for q in &article.quotes {
                assert_eq!(sel(q.start, q.end), q.text);
            }
            for t in &article.times {
                assert_eq!(sel(t.start, t.end), t.text);
            }
            insta::assert_json_snapshot!($name, article);
        }
    };
}

sample_snapshot!(berlin_paris_visit, "berlin-paris-visit");
sample_snapshot!(border_clashes, "border-clashes");
sample_snapshot!(trade_talks, "trade-talks");
sample_snapshot!(sanctions_warning, "sanctions-warning");
sample_snapshot!(summit_plans, "summit-plans");
