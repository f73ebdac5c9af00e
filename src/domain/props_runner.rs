//! The one way the property tests (`backup/props.rs`, `csv_import/props.rs`) run proptest: a
//! fixed seed per file, so every `cargo test` tries the same cases, and `PROPTEST_CASES` /
//! `PROPTEST_RNG_SEED` to run more or other ones.

use proptest::prelude::Strategy;
use proptest::test_runner::{
    contextualize_config, Config, RngAlgorithm, RngSeed, TestCaseResult, TestRunner,
};

/// Runs `test` on `cases` values of `strategy` (unless `PROPTEST_CASES` says otherwise), from
/// `seed`, and panics with the smallest failing value proptest finds.
pub fn check<S: Strategy>(
    seed: u64,
    cases: u32,
    strategy: S,
    test: impl Fn(S::Value) -> TestCaseResult,
) {
    let config = contextualize_config(Config {
        cases,
        rng_algorithm: RngAlgorithm::ChaCha,
        rng_seed: RngSeed::Fixed(seed),
        failure_persistence: None,
        ..Config::default()
    });
    let seed = config.rng_seed;
    if let Err(failure) = TestRunner::new(config).run(&strategy, test) {
        panic!("{failure}\n(seed {seed})");
    }
}
