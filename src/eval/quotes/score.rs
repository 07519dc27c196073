//! PARC-style scoring of attributions with one-to-one matching: contents match
//! when the Jaccard index of their word tokens is at least 0.5 (or, for the exact
//! figure, when they cover the same words: quotation marks and punctuation at the
//! edges do not count); sources and cues are then judged on the matched pairs.

use super::polnear::Ranges;

/// An attribution in character ranges, gold or predicted.
#[derive(Clone, Debug, Default)]
pub struct Item {
    pub content: Ranges,
    /// Empty when the attribution has no source.
    pub source: Ranges,
    pub cue: Ranges,
}

/// Counts summed over articles.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub gold: usize,
    pub predicted: usize,
    pub matched: usize,
    pub matched_exact: usize,
    pub source_ok: usize,
    pub cue_ok: usize,
    /// Matched pairs whose source is right too (the end-to-end figure).
    pub both_ok: usize,
}

impl Counts {
    pub fn add(&mut self, o: Counts) {
        self.gold += o.gold;
        self.predicted += o.predicted;
        self.matched += o.matched;
        self.matched_exact += o.matched_exact;
        self.source_ok += o.source_ok;
        self.cue_ok += o.cue_ok;
        self.both_ok += o.both_ok;
    }
}

/// Precision, recall and F1 of `hits` among `predicted` and `gold`.
pub fn prf(hits: usize, predicted: usize, gold: usize) -> (f64, f64, f64) {
    let p = if predicted == 0 { 0.0 } else { hits as f64 / predicted as f64 };
    let r = if gold == 0 { 0.0 } else { hits as f64 / gold as f64 };
    let f = if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) };
    (p, r, f)
}

/// Word tokens of a text (runs of letters and digits) as character ranges.
pub fn word_tokens(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    let mut n = 0;
    for (i, c) in text.chars().enumerate() {
        n = i + 1;
        match (c.is_alphanumeric(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push((s, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, n));
    }
    out
}

/// Indices of the word tokens that start inside `ranges`.
fn token_set(words: &[(usize, usize)], ranges: &Ranges) -> Vec<usize> {
    let mut set: Vec<usize> = words
        .iter()
        .enumerate()
        .filter(|(_, &(s, _))| ranges.iter().any(|&(a, b)| a <= s && s < b))
        .map(|(i, _)| i)
        .collect();
    set.dedup();
    set
}

fn jaccard(a: &[usize], b: &[usize]) -> f64 {
    if a.is_empty() && b.is_empty() {
        return 0.0;
    }
    let inter = a.iter().filter(|x| b.binary_search(x).is_ok()).count();
    inter as f64 / (a.len() + b.len() - inter) as f64
}

pub fn overlaps(a: &Ranges, b: &Ranges) -> bool {
    a.iter().any(|&(s, e)| b.iter().any(|&(t, u)| s < u && t < e))
}

/// One-to-one greedy matching, best score first: pairs (gold, predicted) scoring
/// at least `threshold`.
fn match_pairs(gold: &[Vec<usize>], pred: &[Vec<usize>], threshold: f64) -> Vec<(usize, usize)> {
    let mut candidates: Vec<(f64, usize, usize)> = Vec::new();
    for (g, gs) in gold.iter().enumerate() {
        for (p, ps) in pred.iter().enumerate() {
            let j = jaccard(gs, ps);
            if j >= threshold {
                candidates.push((j, g, p));
            }
        }
    }
    candidates.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let (mut gold_used, mut pred_used) = (vec![false; gold.len()], vec![false; pred.len()]);
    let mut pairs = Vec::new();
    for (_, g, p) in candidates {
        if !gold_used[g] && !pred_used[p] {
            gold_used[g] = true;
            pred_used[p] = true;
            pairs.push((g, p));
        }
    }
    pairs
}

/// Whether a matched prediction's source is right: it overlaps the gold source, or both have none.
pub fn source_ok(gold: &Item, pred: &Item) -> bool {
    if gold.source.is_empty() || pred.source.is_empty() {
        gold.source.is_empty() && pred.source.is_empty()
    } else {
        overlaps(&gold.source, &pred.source)
    }
}

/// Score one article; also returns the matched pairs (gold, predicted) for error listings.
pub fn score(text: &str, gold: &[Item], pred: &[Item]) -> (Counts, Vec<(usize, usize)>) {
    let words = word_tokens(text);
    let gsets: Vec<Vec<usize>> = gold.iter().map(|g| token_set(&words, &g.content)).collect();
    let psets: Vec<Vec<usize>> = pred.iter().map(|p| token_set(&words, &p.content)).collect();
    let pairs = match_pairs(&gsets, &psets, 0.5);
    let exact = match_pairs(&gsets, &psets, 1.0);
    let mut c = Counts {
        gold: gold.len(),
        predicted: pred.len(),
        matched: pairs.len(),
        matched_exact: exact.len(),
        ..Default::default()
    };
    for &(g, p) in &pairs {
        let s = source_ok(&gold[g], &pred[p]);
        c.source_ok += usize::from(s);
        c.both_ok += usize::from(s);
        c.cue_ok += usize::from(overlaps(&gold[g].cue, &pred[p].cue) || gold[g].cue.is_empty() && pred[p].cue.is_empty());
    }
    (c, pairs)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(content: Ranges, source: Ranges, cue: Ranges) -> Item {
        Item { content, source, cue }
    }

    #[test]
    fn overlap_exact_and_sources() {
        //          0         1         2         3
        //          0123456789012345678901234567890123456
        let text = "\"We will win,\" he said. Polls agree.";
        let gold = vec![
            item(vec![(0, 14)], vec![(15, 17)], vec![(18, 22)]),
            item(vec![(24, 35)], vec![], vec![(30, 35)]),
        ];
        // content without marks (exact up to punctuation), right source; then a half match with a wrong source
        let pred = vec![
            item(vec![(1, 12)], vec![(15, 17)], vec![(18, 22)]),
            item(vec![(30, 35)], vec![(24, 29)], vec![(18, 22)]),
        ];
        let (c, pairs) = score(text, &gold, &pred);
        assert_eq!(c.matched, 2);
        assert_eq!(c.matched_exact, 1);
        assert_eq!(c.source_ok, 1);
        assert_eq!(c.cue_ok, 1);
        assert_eq!(pairs.len(), 2);
        let (p, r, f) = prf(c.both_ok, c.predicted, c.gold);
        assert!((p - 0.5).abs() < 1e-9 && (r - 0.5).abs() < 1e-9 && (f - 0.5).abs() < 1e-9);
    }

    #[test]
    fn matching_is_one_to_one() {
        let text = "alpha beta gamma delta";
        let gold = vec![item(vec![(0, 22)], vec![], vec![])];
        let pred = vec![item(vec![(0, 22)], vec![], vec![]), item(vec![(0, 22)], vec![], vec![])];
        let (c, _) = score(text, &gold, &pred);
        assert_eq!((c.matched, c.predicted), (1, 2));
    }

    #[test]
    fn word_tokens_count_characters() {
        assert_eq!(word_tokens("“Ab” c"), vec![(1, 3), (5, 6)]);
    }
}
