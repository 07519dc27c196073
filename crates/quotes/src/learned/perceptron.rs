//! An averaged structured perceptron (Collins 2002) over hashed sparse features, with
//! first-order Viterbi decoding under label-transition constraints (BIO: an inside
//! label only after its own begin or inside label).
//!
//! Hand-written rather than taken from a crate: what PolNeAR needs is training inside
//! `detente eval quotes` (CI, debug build, under a minute) on about 0.6 M tokens.
//! crates.io has linear-chain CRFs in pure Rust (`crfs`, a CRFsuite port; `rucrf`),
//! but they train by L-BFGS over the whole corpus per iteration (tens to hundreds of
//! passes) on string attributes; a perceptron needs a handful of passes over
//! precomputed feature indices, and is about 150 lines.

/// One training or tagging sequence: the hashed feature indices of each position
/// (flat, `offsets[i]..offsets[i + 1]`) and, for training, the gold labels.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Sequence {
    pub offsets: Vec<u32>,
    pub features: Vec<u32>,
    pub gold: Vec<u8>,
}

impl Sequence {
    pub fn len(&self) -> usize {
        self.offsets.len().saturating_sub(1)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The features of position `i`.
    pub fn at(&self, i: usize) -> &[u32] {
        let (a, b) = (self.offsets[i] as usize, self.offsets[i + 1] as usize);
        &self.features[a..b]
    }

    /// Start a position; push its features with [`Sequence::feature`].
    pub fn open_position(&mut self) {
        if self.offsets.is_empty() {
            self.offsets.push(0);
        }
        self.offsets.push(self.features.len() as u32);
    }

    /// Add a feature to the last opened position.
    pub fn feature(&mut self, index: u32) {
        self.features.push(index);
        if let Some(last) = self.offsets.last_mut() {
            *last = self.features.len() as u32;
        }
    }
}

/// The weights: `emit[feature * labels + label]`, `trans[(prev + 1) * labels + label]`
/// (row 0 is the sequence start).
#[derive(Clone, Debug, PartialEq)]
pub struct Weights {
    pub labels: usize,
    pub emit: Vec<f32>,
    pub trans: Vec<f32>,
}

impl Weights {
    pub fn new(labels: usize, buckets: usize) -> Self {
        Weights {
            labels,
            emit: vec![0.0; buckets * labels],
            trans: vec![0.0; (labels + 1) * labels],
        }
    }

    pub fn buckets(&self) -> usize {
        self.emit.len() / self.labels.max(1)
    }

    /// The emission scores of every position and label (`n * labels`).
    pub fn emissions(&self, seq: &Sequence) -> Vec<f32> {
        let l = self.labels;
        let mut out = vec![0.0f32; seq.len() * l];
        for i in 0..seq.len() {
            let row = &mut out[i * l..(i + 1) * l];
            for &f in seq.at(i) {
                let w = &self.emit[f as usize * l..(f as usize + 1) * l];
                for (r, x) in row.iter_mut().zip(w) {
                    *r += x;
                }
            }
        }
        out
    }

    /// The best label sequence allowed by `allowed(prev, label)` (`prev` None at the start).
    pub fn viterbi(&self, seq: &Sequence, allowed: &dyn Fn(Option<usize>, usize) -> bool) -> Vec<u8> {
        viterbi(&self.emissions(seq), &self.trans, self.labels, allowed)
    }
}

/// First-order Viterbi over emission scores (`n * labels`) and transition scores
/// (`(labels + 1) * labels`, row 0 the start). Positions where no label is allowed
/// cannot happen with a constraint that allows some label after any label.
pub fn viterbi(emit: &[f32], trans: &[f32], labels: usize, allowed: &dyn Fn(Option<usize>, usize) -> bool) -> Vec<u8> {
    let n = emit.len() / labels.max(1);
    if n == 0 {
        return Vec::new();
    }
    let mut score = vec![f32::NEG_INFINITY; n * labels];
    let mut back = vec![0u8; n * labels];
    for y in 0..labels {
        if allowed(None, y) {
            score[y] = trans[y] + emit[y];
        }
    }
    for i in 1..n {
        for y in 0..labels {
            let mut best = f32::NEG_INFINITY;
            let mut arg = 0;
            for p in 0..labels {
                let s = score[(i - 1) * labels + p];
                if s == f32::NEG_INFINITY || !allowed(Some(p), y) {
                    continue;
                }
                let t = s + trans[(p + 1) * labels + y];
                if t > best {
                    best = t;
                    arg = p;
                }
            }
            if best > f32::NEG_INFINITY {
                score[i * labels + y] = best + emit[i * labels + y];
                back[i * labels + y] = arg as u8;
            }
        }
    }
    let last = &score[(n - 1) * labels..];
    let mut y = (0..labels).fold(0, |b, k| if last[k] > last[b] { k } else { b });
    let mut out = vec![0u8; n];
    for i in (0..n).rev() {
        out[i] = y as u8;
        y = back[i * labels + y] as usize;
    }
    out
}

/// Averaged perceptron training: current weights plus the sums of the updates each
/// weighted by the number of steps before it, so that the mean of the weights after
/// every step is `w - sums / steps` (no copy of the weights per step).
pub struct Trainer {
    current: Weights,
    emit_sums: Vec<f64>,
    trans_sums: Vec<f64>,
    step: f64,
}

impl Trainer {
    pub fn new(labels: usize, buckets: usize) -> Self {
        let current = Weights::new(labels, buckets);
        Trainer {
            emit_sums: vec![0.0; current.emit.len()],
            trans_sums: vec![0.0; current.trans.len()],
            current,
            step: 0.0,
        }
    }

    /// One pass over `order` (indices into `data`); returns how many sequences were wrong.
    pub fn epoch(&mut self, data: &[Sequence], order: &[usize], allowed: &dyn Fn(Option<usize>, usize) -> bool) -> usize {
        let mut wrong = 0;
        for &k in order {
            let seq = &data[k];
            let guess = self.current.viterbi(seq, allowed);
            if guess != seq.gold {
                wrong += 1;
                self.update(seq, &guess);
            }
            self.step += 1.0;
        }
        wrong
    }

    fn update(&mut self, seq: &Sequence, guess: &[u8]) {
        let l = self.current.labels;
        let step = self.step;
        for i in 0..seq.len() {
            let (g, p) = (seq.gold[i] as usize, guess[i] as usize);
            if g != p {
                for &f in seq.at(i) {
                    let f = f as usize * l;
                    self.current.emit[f + g] += 1.0;
                    self.emit_sums[f + g] += step;
                    self.current.emit[f + p] -= 1.0;
                    self.emit_sums[f + p] -= step;
                }
            }
            let prev_g = if i == 0 { 0 } else { seq.gold[i - 1] as usize + 1 };
            let prev_p = if i == 0 { 0 } else { guess[i - 1] as usize + 1 };
            if (prev_g, g) != (prev_p, p) {
                self.current.trans[prev_g * l + g] += 1.0;
                self.trans_sums[prev_g * l + g] += step;
                self.current.trans[prev_p * l + p] -= 1.0;
                self.trans_sums[prev_p * l + p] -= step;
            }
        }
    }

    /// The averaged weights.
    pub fn averaged(&self) -> Weights {
        let avg = |w: &[f32], sums: &[f64]| -> Vec<f32> {
            w.iter()
                .zip(sums)
                .map(|(&w, &s)| (f64::from(w) - s / self.step.max(1.0)) as f32)
                .collect()
        };
        Weights {
            labels: self.current.labels,
            emit: avg(&self.current.emit, &self.emit_sums),
            trans: avg(&self.current.trans, &self.trans_sums),
        }
    }
}

/// A fixed pseudo-random order of `n` items for epoch `seed` (training is reproducible).
pub fn shuffled(n: usize, seed: u64) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    let mut state = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
    for i in (1..n).rev() {
        state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        let j = ((state >> 33) as usize) % (i + 1);
        order.swap(i, j);
    }
    order
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn seq(features: &[&[u32]], gold: &[u8]) -> Sequence {
        let mut s = Sequence::default();
        for fs in features {
            s.open_position();
            for &f in *fs {
                s.feature(f);
            }
        }
        s.gold = gold.to_vec();
        s
    }

    fn any(_: Option<usize>, _: usize) -> bool {
        true
    }

    #[test]
    fn learns_a_separable_task() {
        // Label 1 on feature 1, label 2 right after a label 1, else 0: needs transitions.
        let data = vec![
            seq(&[&[0], &[1], &[0], &[0]], &[0, 1, 2, 0]),
            seq(&[&[1], &[0]], &[1, 2]),
            seq(&[&[0], &[0], &[1], &[0]], &[0, 0, 1, 2]),
            seq(&[&[0], &[0]], &[0, 0]),
        ];
        let mut trainer = Trainer::new(3, 4);
        let mut wrong = usize::MAX;
        for e in 0..200 {
            wrong = trainer.epoch(&data, &shuffled(data.len(), e), &any);
        }
        assert_eq!(wrong, 0);
        // Label 2 is told from label 0 by the transition alone.
        let fresh = seq(&[&[0], &[0], &[0], &[1], &[0]], &[]);
        assert_eq!(trainer.current.viterbi(&fresh, &any), vec![0, 0, 0, 1, 2]);
    }

    #[test]
    fn averaged_weights_are_the_mean_over_steps() {
        let data = vec![seq(&[&[0], &[1]], &[1, 0]), seq(&[&[1], &[2]], &[2, 2]), seq(&[&[2]], &[0])];
        let mut trainer = Trainer::new(3, 3);
        let mut sum_emit = vec![0.0f64; 9];
        let mut sum_trans = vec![0.0f64; 12];
        let mut steps = 0.0;
        for e in 0..5 {
            for k in shuffled(data.len(), e) {
                trainer.epoch(&data, &[k], &any);
                for (s, w) in sum_emit.iter_mut().zip(&trainer.current.emit) {
                    *s += f64::from(*w);
                }
                for (s, w) in sum_trans.iter_mut().zip(&trainer.current.trans) {
                    *s += f64::from(*w);
                }
                steps += 1.0;
            }
        }
        let avg = trainer.averaged();
        assert!(avg.emit.iter().any(|w| *w != 0.0));
        for (a, s) in avg.emit.iter().zip(&sum_emit) {
            assert!((f64::from(*a) - s / steps).abs() < 1e-5, "{a} vs {}", s / steps);
        }
        for (a, s) in avg.trans.iter().zip(&sum_trans) {
            assert!((f64::from(*a) - s / steps).abs() < 1e-5, "{a} vs {}", s / steps);
        }
    }

    #[test]
    fn shuffles_every_item_once() {
        let mut o = shuffled(50, 3);
        assert_ne!(o, (0..50).collect::<Vec<_>>());
        o.sort();
        assert_eq!(o, (0..50).collect::<Vec<_>>());
    }

    /// The best allowed sequence by trying every one.
    fn brute_force(emit: &[f32], trans: &[f32], labels: usize, allowed: &dyn Fn(Option<usize>, usize) -> bool) -> f32 {
        let n = emit.len() / labels;
        let mut best = f32::NEG_INFINITY;
        for code in 0..labels.pow(n as u32) {
            let ys: Vec<usize> = (0..n).map(|i| code / labels.pow(i as u32) % labels).collect();
            let mut ok = true;
            let mut s = 0.0;
            for i in 0..n {
                let prev = (i > 0).then(|| ys[i - 1]);
                ok &= allowed(prev, ys[i]);
                s += emit[i * labels + ys[i]] + trans[prev.map_or(0, |p| p + 1) * labels + ys[i]];
            }
            if ok && s > best {
                best = s;
            }
        }
        best
    }

    fn path_score(ys: &[u8], emit: &[f32], trans: &[f32], labels: usize) -> f32 {
        let mut s = 0.0;
        for (i, &y) in ys.iter().enumerate() {
            let prev = if i == 0 { 0 } else { ys[i - 1] as usize + 1 };
            s += emit[i * labels + y as usize] + trans[prev * labels + y as usize];
        }
        s
    }

    /// BIO over one type: 0 = O, 1 = B, 2 = I (I only after B or I).
    fn bio(prev: Option<usize>, y: usize) -> bool {
        y != 2 || matches!(prev, Some(1 | 2))
    }

    proptest! {
        #[test]
        fn viterbi_finds_the_best_allowed_sequence(
            n in 1usize..6,
            emit in proptest::collection::vec(-4i8..4, 18),
            trans in proptest::collection::vec(-4i8..4, 12),
        ) {
            let labels = 3;
            let emit: Vec<f32> = emit[..n * labels].iter().map(|&x| f32::from(x)).collect();
            let trans: Vec<f32> = trans.iter().map(|&x| f32::from(x)).collect();
            let ys = viterbi(&emit, &trans, labels, &bio);
            for (i, &y) in ys.iter().enumerate() {
                prop_assert!(bio((i > 0).then(|| ys[i - 1] as usize), y as usize));
            }
            let best = brute_force(&emit, &trans, labels, &bio);
            prop_assert_eq!(path_score(&ys, &emit, &trans, labels), best);
        }
    }
}
