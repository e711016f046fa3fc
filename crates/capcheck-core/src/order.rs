//! Sorting through one shared routine.
//!
//! The standard library's sort is generic: every element type and comparison gets its own copy
//! of the whole algorithm, several kilobytes each in the browser app's download. These helpers
//! sort a list of positions with one non-generic routine and then move the items into place, so
//! every caller shares one copy. Both sorts are stable, like `slice::sort_by`.

use std::cmp::Ordering;
use std::collections::BTreeMap;

/// The positions `0..len` in the order `cmp` gives them (stable).
fn sorted_positions(len: usize, cmp: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut positions: Vec<usize> = (0..len).collect();
    positions.sort_by(|&a, &b| cmp(a, b));
    positions
}

/// Sorts `items` by `cmp`, keeping equal items in their order.
pub fn sort_by<T>(items: &mut Vec<T>, cmp: impl Fn(&T, &T) -> Ordering) {
    if items.len() < 2 {
        return;
    }
    let positions = sorted_positions(items.len(), &|a, b| cmp(&items[a], &items[b]));
    let mut slots: Vec<Option<T>> = items.drain(..).map(Some).collect();
    items.extend(
        positions
            .into_iter()
            .filter_map(|p| slots.get_mut(p).and_then(Option::take)),
    );
}

/// Sorts `items` by the key `key` gives, keeping items with equal keys in their order.
pub fn sort_by_key<T, K: Ord>(items: &mut Vec<T>, key: impl Fn(&T) -> K) {
    sort_by(items, |a, b| key(a).cmp(&key(b)));
}

/// A map from `(key, value)` pairs, later pairs replacing earlier ones with the same key (as
/// `collect` does), built by inserting rather than by `collect`'s sort.
pub fn map_from<K: Ord, V>(pairs: impl IntoIterator<Item = (K, V)>) -> BTreeMap<K, V> {
    let mut map = BTreeMap::new();
    for (k, v) in pairs {
        map.insert(k, v);
    }
    map
}

/// A JSON object from `(key, value)` pairs, built like [`map_from`].
pub fn json_object(
    pairs: impl IntoIterator<Item = (String, serde_json::Value)>,
) -> serde_json::Map<String, serde_json::Value> {
    let mut map = serde_json::Map::new();
    for (k, v) in pairs {
        map.insert(k, v);
    }
    map
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn sorts_like_the_standard_library(items in proptest::collection::vec((0u8..8, any::<u16>()), 0..200)) {
            let mut ours = items.clone();
            sort_by_key(&mut ours, |x| x.0);
            let mut std_sorted = items.clone();
            std_sorted.sort_by_key(|x| x.0);
            prop_assert_eq!(ours, std_sorted);
            let map = map_from(items.iter().copied());
            let collected: BTreeMap<u8, u16> = items.into_iter().collect();
            prop_assert_eq!(map, collected);
        }
    }
}
