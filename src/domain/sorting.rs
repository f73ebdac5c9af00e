//! Stable sorting that compiles to one sort routine for the whole app.
//!
//! `slice::sort_by` is generic over the element and the comparison, so every call site with
//! its own closure gets its own copy of the standard library's sort (about 3 KB of wasm
//! each). These functions sort a list of positions instead, through one non-generic routine,
//! and then move the elements into place; the result is exactly that of the `slice` method
//! of the same name (stable: equal elements keep their order). Use them instead of `sort*`.

use std::cmp::Ordering;

/// Like `slice::sort_by`.
pub fn sort_by<T>(items: &mut Vec<T>, compare: impl Fn(&T, &T) -> Ordering) {
    let order = sorted_positions(items.len(), &|a, b| compare(&items[a], &items[b]));
    let mut slots: Vec<Option<T>> = items.drain(..).map(Some).collect();
    items.extend(order.into_iter().filter_map(|i| slots[i].take()));
}

/// Like `slice::sort_by_key`.
pub fn sort_by_key<T, K: Ord>(items: &mut Vec<T>, key: impl Fn(&T) -> K) {
    sort_by(items, |a, b| key(a).cmp(&key(b)));
}

/// Like `slice::sort` (and `sort_unstable`, which gives the same order for values that are
/// equal only when identical).
pub fn sort<T: Ord>(items: &mut Vec<T>) {
    sort_by(items, T::cmp);
}

/// The positions `0..len` in the order `compare` puts them, equal ones in their first order.
fn sorted_positions(len: usize, compare: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut positions: Vec<usize> = (0..len).collect();
    #[allow(
        clippy::disallowed_methods,
        reason = "the one sort of the app, for one element type"
    )]
    positions.sort_by(|&a, &b| compare(a, b));
    positions
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_as_the_slice_methods_do() {
        let words = [
            "pear", "fig", "apple", "kiwi", "date", "fig", "plum", "", "banana",
        ];
        let mut ours: Vec<(usize, &str)> = words.iter().copied().enumerate().collect();
        let mut std = ours.clone();
        // By length only, so the stable order of equal lengths is tested too.
        sort_by_key(&mut ours, |(_, w)| w.len());
        std.sort_by_key(|(_, w)| w.len());
        assert_eq!(ours, std);

        sort_by(&mut ours, |a, b| b.1.cmp(a.1));
        std.sort_by(|a, b| b.1.cmp(a.1));
        assert_eq!(ours, std);

        let mut plain: Vec<String> = words.iter().map(|w| w.to_string()).collect();
        let mut expected = plain.clone();
        sort(&mut plain);
        expected.sort();
        assert_eq!(plain, expected);

        let mut empty: Vec<u32> = Vec::new();
        sort(&mut empty);
        assert!(empty.is_empty());
    }
}
