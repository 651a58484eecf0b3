//! The fuzzer's random source: SplitMix64, seeded, so that a run and every input in it can be
//! reproduced from a number.
//!
//! A hand-written generator keeps the sequence fixed forever: a crate's generator may change
//! its output between versions, which would silently change what a seed means.

/// A SplitMix64 generator (Steele, Lea and Flood, 2014): tiny, fast and statistically good
/// enough to pick mutations.
#[derive(Debug, Clone)]
pub struct Rng {
    state: u64,
}

impl Rng {
    /// A generator starting from `seed`; the same seed always gives the same sequence.
    pub fn new(seed: u64) -> Self {
        Rng { state: seed }
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        mix(self.state)
    }

    /// A number in `0..bound`, or 0 when `bound` is 0. The modulo bias is negligible for
    /// the small bounds used here.
    pub fn below(&mut self, bound: usize) -> usize {
        if bound == 0 {
            return 0;
        }
        (self.next_u64() % bound as u64) as usize
    }

    /// A number in `low..=high`.
    pub fn between(&mut self, low: usize, high: usize) -> usize {
        low + self.below(high.saturating_sub(low) + 1)
    }

    /// True with probability `numerator / denominator`.
    pub fn chance(&mut self, numerator: u64, denominator: u64) -> bool {
        self.next_u64() % denominator.max(1) < numerator
    }

    /// One element of a non-empty slice, chosen uniformly.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// SplitMix64's finaliser: scrambles the bits of `value`. It also derives the seed of each
/// input from the run's seed and the input's number, so that inputs are independent of each
/// other and any one of them can be rebuilt alone.
pub fn mix(value: u64) -> u64 {
    let mut z = value;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// The seed of the `iteration`-th input of the run seeded with `run_seed`.
pub fn input_seed(run_seed: u64, iteration: u64) -> u64 {
    mix(run_seed ^ mix(iteration.wrapping_add(0x5EED)))
}

/// The 64-bit FNV-1a hash of `bytes`: names saved failures and remembers which rendered files
/// already parsed. It is stable across runs and platforms, unlike `DefaultHasher`.
pub fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xCBF2_9CE4_8422_2325, |hash, byte| {
        (hash ^ u64::from(*byte)).wrapping_mul(0x0000_0100_0000_01B3)
    })
}
