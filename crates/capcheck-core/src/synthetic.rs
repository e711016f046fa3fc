//! A deterministic synthetic dataset: any number of plausible app records from a seed, for
//! benchmarks and for trying the tools at scale. The same seed gives the same records.

use crate::model::{AppRecord, BulkPath, Fact, Idp, LifecycleMethod, PlanTier, Source, Tri};

/// SplitMix64: small, fast and good enough to vary test records.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }

    fn tri(&mut self) -> Tri {
        [Tri::Yes, Tri::No, Tri::Partial, Tri::NotDocumented][self.below(4) as usize]
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len() as u64) as usize]
    }

    fn subset<T: Copy>(&mut self, items: &[T]) -> Vec<T> {
        let mut out: Vec<T> = items
            .iter()
            .copied()
            .filter(|_| self.below(2) == 0)
            .collect();
        if out.is_empty() {
            out.push(self.pick(items));
        }
        out
    }
}

fn fact<T: Default>(value: T, line: u32) -> Fact<T> {
    Fact {
        value,
        line: Some(line),
        ..Fact::default()
    }
}

/// `count` synthetic records, the same for the same `seed`. Ids are `synthetic-00001`, ...
pub fn generate(count: usize, seed: u64) -> Vec<AppRecord> {
    let mut rng = Rng(seed);
    (1..=count)
        .map(|n| {
            let mut r = AppRecord {
                id: format!("synthetic-{n:05}"),
                name: format!("Synthetic App {n}"),
                sources: vec![Source {
                    id: "guide".into(),
                    title: Some(format!("Synthetic App {n} User Management API Guide")),
                    document: Some(format!("synthetic-{n:05}.txt")),
                    url: None,
                    updated: Some(format!(
                        "{}-{:02}-{:02}",
                        2024 + rng.below(3),
                        1 + rng.below(12),
                        1 + rng.below(28)
                    )),
                }],
                ..AppRecord::default()
            };
            r.summary = fact(
                Some(format!(
                    "Synthetic App {n} manages users through its admin console."
                )),
                12,
            );
            r.user_api = fact(rng.tri(), 20);
            r.scim.available = fact(rng.tri(), 21);
            let tier = rng.pick(&[
                Some(PlanTier::Enterprise),
                Some(PlanTier::Business),
                Some(PlanTier::All),
                None,
            ]);
            r.scim.plan_tier = fact(tier, 22);
            r.scim.plan = fact(tier.map(|t| t.as_str().to_owned()), 22);
            r.sso.saml = fact(rng.tri(), 30);
            r.sso.jit = fact(rng.tri(), 31);
            r.sso.idps = fact(
                (rng.below(3) > 0).then(|| {
                    rng.subset(&[Idp::Okta, Idp::Entra, Idp::GoogleWorkspace, Idp::Onelogin])
                }),
                32,
            );
            r.webhooks.available = fact(rng.tri(), 40);
            r.webhooks.user_events = fact(rng.tri(), 41);
            r.rate_limits.headers = fact(rng.tri(), 42);
            r.rate_limits.retry_after = fact(rng.tri(), 43);
            r.lifecycle.provisioning = fact(
                Some(rng.subset(&[
                    LifecycleMethod::Manual,
                    LifecycleMethod::Idp,
                    LifecycleMethod::Scim,
                    LifecycleMethod::Api,
                ])),
                50,
            );
            r.lifecycle.deprovisioning = fact(
                Some(rng.subset(&[
                    LifecycleMethod::Manual,
                    LifecycleMethod::Scim,
                    LifecycleMethod::Api,
                ])),
                51,
            );
            r.lifecycle.jit_assigns_roles = fact(rng.tri(), 52);
            r.lifecycle.bulk = fact(
                (rng.below(2) == 0).then(|| {
                    vec![rng.pick(&[BulkPath::None, BulkPath::Csv, BulkPath::Api, BulkPath::Ui])]
                }),
                53,
            );
            if rng.below(3) == 0 {
                r.lifecycle.reassign_on_offboarding =
                    fact(Some(vec!["owned records".to_owned()]), 54);
            }
            r.automation.manual_only = fact(
                if rng.below(10) == 0 {
                    Tri::Yes
                } else {
                    Tri::NotDocumented
                },
                60,
            );
            r
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_gives_the_same_records_and_they_validate() {
        let a = generate(50, 7);
        assert_eq!(a, generate(50, 7));
        assert_ne!(a, generate(50, 8));
        let json = serde_json::to_string(&a).unwrap();
        let (apps, diags) = crate::dataset::parse_file("synthetic.json", &json);
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(apps.len(), 50);
    }
}
