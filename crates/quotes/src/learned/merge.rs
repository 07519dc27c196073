//! Putting the rules' attributions and the tagger's together.

use crate::Attribution;
use detente_doc::Span;

/// How the learned attributions join the rules' (measured on PolNeAR dev, docs/QUOTES.md).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum MergePolicy {
    /// The rules' attributions only (the tagger is ignored).
    Rules,
    /// The tagger's attributions only.
    Model,
    /// The rules', plus the tagger's whose content overlaps none of the rules'.
    AddNew,
    /// As `AddNew`, and the tagger's content bounds replace a reported-speech content
    /// of the rules at the same cue (quotations keep their marks' bounds). The best
    /// on dev for content, end-to-end and quoted F1 alike.
    #[default]
    AddNewAndBounds,
}

impl MergePolicy {
    pub const ALL: [MergePolicy; 4] = [
        MergePolicy::Rules,
        MergePolicy::Model,
        MergePolicy::AddNew,
        MergePolicy::AddNewAndBounds,
    ];

    pub fn name(self) -> &'static str {
        match self {
            MergePolicy::Rules => "rules",
            MergePolicy::Model => "model",
            MergePolicy::AddNew => "add-new",
            MergePolicy::AddNewAndBounds => "add-new-bounds",
        }
    }

    pub fn parse(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.name() == name)
    }
}

fn overlaps_any(a: &[Span], b: &[Span]) -> bool {
    a.iter().any(|x| b.iter().any(|y| x.overlaps(*y)))
}

/// The rules' and the tagger's attributions under `policy`, in text order.
pub fn merge(rules: &[Attribution], learned: &[Attribution], policy: MergePolicy) -> Vec<Attribution> {
    let mut out: Vec<Attribution> = match policy {
        MergePolicy::Model => learned.to_vec(),
        _ => rules.to_vec(),
    };
    if policy == MergePolicy::AddNewAndBounds {
        for a in out.iter_mut().filter(|a| !a.direct) {
            let same = learned
                .iter()
                .find(|l| !l.direct && l.cue.overlaps(a.cue) && overlaps_any(&l.pieces, &a.pieces));
            if let Some(l) = same {
                a.pieces = l.pieces.clone();
            }
        }
    }
    if matches!(policy, MergePolicy::AddNew | MergePolicy::AddNewAndBounds) {
        for l in learned {
            if !rules.iter().any(|r| overlaps_any(&r.pieces, &l.pieces)) {
                out.push(l.clone());
            }
        }
    }
    out.sort_by_key(|a| a.pieces.first().map(|p| p.start));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn att(pieces: &[(usize, usize)], cue: (usize, usize), direct: bool) -> Attribution {
        Attribution {
            pieces: pieces.iter().map(|&(a, b)| Span::new(a, b)).collect(),
            direct,
            cue: Span::new(cue.0, cue.1),
            speaker: None,
            via: None,
        }
    }

    #[test]
    fn policies() {
        let rules = vec![att(&[(10, 30)], (5, 9), false), att(&[(50, 70)], (45, 49), true)];
        let learned = vec![
            att(&[(10, 25)], (5, 9), false),
            att(&[(52, 60)], (45, 49), false),
            att(&[(100, 120)], (90, 95), false),
        ];
        assert_eq!(merge(&rules, &learned, MergePolicy::Rules), rules);
        assert_eq!(merge(&rules, &learned, MergePolicy::Model), learned);
        let added = merge(&rules, &learned, MergePolicy::AddNew);
        assert_eq!(added, vec![rules[0].clone(), rules[1].clone(), learned[2].clone()]);
        let bounded = merge(&rules, &learned, MergePolicy::AddNewAndBounds);
        assert_eq!(
            bounded[0].pieces,
            vec![Span::new(10, 25)],
            "reported speech takes the learned bounds"
        );
        assert_eq!(bounded[1].pieces, vec![Span::new(50, 70)], "a quotation keeps its marks' bounds");
        assert_eq!(bounded.len(), 3);
        for p in MergePolicy::ALL {
            assert_eq!(MergePolicy::parse(p.name()), Some(p));
        }
    }
}
