//! Merging what several sources say about one app into one record, without losing a word.
//!
//! For each fact both sources document, the shown value is chosen by precedence (see
//! `docs/sources.md`):
//! 1. a fact curated by hand wins over everything;
//! 2. a stated value wins over "not documented";
//! 3. with equal standing, the source verified or updated more recently wins;
//! 4. a tie keeps the record's own (guide page) value.
//!
//! The losing value is kept on the fact as a [`Claim`] with its source and line, and the fact's
//! `reason` says why the shown value won. A claim that states a different value marks the fact
//! disputed ([`disputes`]); so does a claim on a related field that contradicts it (a page that
//! calls the app "Manual Only" against a catalogue's "SCIM available").

use crate::model::{
    AppRecord, Claim, Connector, Fact, Idp, LifecycleMethod, PlanTier, Source, Tri,
};

/// A fact's value as the merge compares and spells it.
pub trait Spell: PartialEq + Default {
    /// False for "not documented".
    fn documented(&self) -> bool;
    /// The value as rules spell it.
    fn spell(&self) -> String;
}

impl Spell for Tri {
    fn documented(&self) -> bool {
        *self != Tri::NotDocumented
    }
    fn spell(&self) -> String {
        self.as_str().to_owned()
    }
}

impl Spell for Option<String> {
    fn documented(&self) -> bool {
        self.is_some()
    }
    fn spell(&self) -> String {
        self.clone().unwrap_or_else(|| "not-documented".to_owned())
    }
}

macro_rules! spell_enum {
    ($($t:ty),*) => {$(
        impl Spell for Option<$t> {
            fn documented(&self) -> bool {
                self.is_some()
            }
            fn spell(&self) -> String {
                self.map_or("not-documented", <$t>::as_str).to_owned()
            }
        }
    )*};
}
spell_enum!(Connector, PlanTier);

/// Where a fact's source stands: its id and when it was verified or updated.
fn source_of<'a, T>(sources: &'a [Source], fact: &'a Fact<T>) -> (&'a str, Option<&'a str>) {
    let source = match &fact.source {
        Some(id) => sources.iter().find(|s| &s.id == id),
        None => sources.first(),
    };
    let id = fact
        .source
        .as_deref()
        .or(source.map(|s| s.id.as_str()))
        .unwrap_or("record");
    (id, source.and_then(|s| s.updated.as_deref()))
}

fn present<T: Spell>(f: &Fact<T>) -> bool {
    f.value.documented() || f.line.is_some() || f.raw.is_some() || f.curated
}

fn standing<T: Spell>(f: &Fact<T>) -> u8 {
    if f.curated {
        2
    } else if f.value.documented() {
        1
    } else {
        0
    }
}

/// Merges `other`'s claim on one fact into `base`, keeping the losing value as a claim.
pub fn fact<T: Spell>(base: &mut Fact<T>, other: Fact<T>, ours: &[Source], theirs: &[Source]) {
    if !present(&other) {
        return;
    }
    if !present(base) {
        let kept = std::mem::take(&mut base.others);
        *base = other;
        base.others.extend(kept);
        return;
    }
    let (bid, bdate) = source_of(ours, base);
    let (oid, odate) = source_of(theirs, &other);
    let (bid, oid) = (bid.to_owned(), oid.to_owned());
    let (bs, os) = (standing(base), standing(&other));
    let (other_wins, reason) = if bs != os {
        let (winner, loser) = if os > bs { (&oid, &bid) } else { (&bid, &oid) };
        let why = if bs.max(os) == 2 {
            format!("curated by hand in {winner}; curated facts win over every source")
        } else {
            format!("{winner} states it; {loser} does not document it")
        };
        (os > bs, why)
    } else if base.value == other.value {
        (false, format!("{bid} and {oid} agree"))
    } else {
        match (bdate, odate) {
            (Some(b), Some(o)) if o > b => (
                true,
                format!("{oid} was verified more recently ({o}) than {bid} ({b})"),
            ),
            (Some(b), Some(o)) if b > o => (
                false,
                format!("{bid} was updated more recently ({b}) than {oid} ({o})"),
            ),
            _ => (
                false,
                format!("{bid} and {oid} have equal standing and no newer date: {bid} is kept"),
            ),
        }
    };
    let (mut winner, loser, loser_id) = if other_wins {
        (other, std::mem::take(base), bid)
    } else {
        (std::mem::take(base), other, oid)
    };
    let disagrees =
        winner.value.documented() && loser.value.documented() && winner.value != loser.value;
    winner.others.extend(loser.others);
    winner.others.push(Claim {
        value: loser.value.spell(),
        source: loser_id,
        field: None,
        line: loser.line,
        quote: loser.quote.or(loser.raw),
        disagrees,
    });
    winner.reason = Some(reason);
    *base = winner;
}

/// Merges `other` (a catalogue's record of the same app) into `base`, fact by fact, and records
/// where a related field of one source contradicts the other.
pub fn merge(base: &mut AppRecord, other: AppRecord) {
    let ours = base.sources.clone();
    let mut o = other;
    let theirs = std::mem::take(&mut o.sources);
    let b = &mut *base;
    macro_rules! each {
        ($($($f:ident).+),* $(,)?) => {$( fact(&mut b.$($f).+, o.$($f).+, &ours, &theirs); )*};
    }
    each!(
        scim.available,
        scim.plan,
        scim.plan_tier,
        scim.gated,
        scim.price,
        scim.requires_sso,
        scim.generic_endpoint,
        scim.operations.create,
        scim.operations.update,
        scim.operations.deactivate,
        scim.operations.delete,
        scim.operations.groups,
        scim.connectors.okta,
        scim.connectors.entra,
        scim.connectors.google_workspace,
        scim.connectors.onelogin,
        scim.connectors.jumpcloud,
        sso.available,
        sso.plan,
        sso.plan_tier,
        links.docs,
        links.pricing,
        catalogue.category,
        catalogue.confidence,
    );
    for d in o.domains {
        if !b.domains.contains(&d) {
            b.domains.push(d);
        }
    }
    if o.name != b.name && !b.aliases.contains(&o.name) {
        b.aliases.push(o.name);
    }
    for s in theirs {
        if !b.sources.iter().any(|x| x.id == s.id) {
            b.sources.push(s);
        }
    }
    contradictions(base);
}

fn source_id<T>(record: &AppRecord, fact: &Fact<T>) -> String {
    fact.source
        .clone()
        .or_else(|| record.sources.first().map(|s| s.id.clone()))
        .unwrap_or_default()
}

fn related<T>(record: &AppRecord, fact: &Fact<T>, field: &str, value: String) -> Claim {
    Claim {
        value,
        source: source_id(record, fact),
        field: Some(field.to_owned()),
        line: fact.line,
        quote: fact.quote.clone().or_else(|| fact.raw.clone()),
        disagrees: true,
    }
}

/// Claims on related fields that contradict a fact from another source.
fn contradictions(r: &mut AppRecord) {
    // "Manual Only" against SCIM being available.
    let scim = &r.scim.available;
    let manual = &r.automation.manual_only;
    if matches!(scim.value, Tri::Yes | Tri::Partial)
        && manual.value == Tri::Yes
        && source_id(r, scim) != source_id(r, manual)
    {
        let claim = related(r, manual, "automation.manual_only", "yes".into());
        r.scim.available.others.push(claim);
    }
    // Accounts removed by hand only, against SCIM deactivating them.
    let deactivate = &r.scim.operations.deactivate;
    let deprov = &r.lifecycle.deprovisioning;
    if deactivate.value == Tri::Yes
        && deprov
            .value
            .as_ref()
            .is_some_and(|m| !m.contains(&LifecycleMethod::Scim))
        && source_id(r, deactivate) != source_id(r, deprov)
    {
        let spelt = deprov
            .value
            .iter()
            .flatten()
            .map(|m| m.as_str())
            .collect::<Vec<_>>()
            .join(", ");
        let claim = related(r, deprov, "lifecycle.deprovisioning", spelt);
        r.scim.operations.deactivate.others.push(claim);
    }
    // An IdP named for SSO against "no connector at all" for it.
    let idps: Vec<Idp> = r.sso.idps.value.clone().unwrap_or_default();
    for idp in idps {
        let connector = match idp {
            Idp::Okta => &r.scim.connectors.okta,
            Idp::Entra => &r.scim.connectors.entra,
            Idp::GoogleWorkspace => &r.scim.connectors.google_workspace,
            Idp::Onelogin => &r.scim.connectors.onelogin,
            Idp::Jumpcloud => &r.scim.connectors.jumpcloud,
            Idp::Other => continue,
        };
        if connector.value == Some(Connector::None)
            && source_id(r, connector) != source_id(r, &r.sso.idps)
        {
            let claim = related(r, &r.sso.idps, "sso.idps", idp.as_str().to_owned());
            let target = match idp {
                Idp::Okta => &mut r.scim.connectors.okta,
                Idp::Entra => &mut r.scim.connectors.entra,
                Idp::GoogleWorkspace => &mut r.scim.connectors.google_workspace,
                Idp::Onelogin => &mut r.scim.connectors.onelogin,
                Idp::Jumpcloud | Idp::Other => &mut r.scim.connectors.jumpcloud,
            };
            target.others.push(claim);
        }
    }
}

/// The paths of the facts whose sources disagree, in the order rules list fields.
pub fn disputes(r: &AppRecord) -> Vec<&'static str> {
    let s = &r.scim;
    let c = &s.connectors;
    let o = &s.operations;
    [
        ("user_api", r.user_api.disputed()),
        (
            "automation.manual_only",
            r.automation.manual_only.disputed(),
        ),
        ("scim.available", s.available.disputed()),
        ("scim.plan", s.plan.disputed()),
        ("scim.plan_tier", s.plan_tier.disputed()),
        ("scim.gated", s.gated.disputed()),
        ("scim.price", s.price.disputed()),
        ("scim.requires_sso", s.requires_sso.disputed()),
        ("scim.generic_endpoint", s.generic_endpoint.disputed()),
        ("scim.operations.create", o.create.disputed()),
        ("scim.operations.update", o.update.disputed()),
        ("scim.operations.deactivate", o.deactivate.disputed()),
        ("scim.operations.delete", o.delete.disputed()),
        ("scim.operations.groups", o.groups.disputed()),
        ("scim.connectors.okta", c.okta.disputed()),
        ("scim.connectors.entra", c.entra.disputed()),
        (
            "scim.connectors.google_workspace",
            c.google_workspace.disputed(),
        ),
        ("scim.connectors.onelogin", c.onelogin.disputed()),
        ("scim.connectors.jumpcloud", c.jumpcloud.disputed()),
        ("sso.saml", r.sso.saml.disputed()),
        ("sso.available", r.sso.available.disputed()),
        ("sso.plan", r.sso.plan.disputed()),
        ("sso.plan_tier", r.sso.plan_tier.disputed()),
        ("sso.idps", r.sso.idps.disputed()),
        (
            "lifecycle.deprovisioning",
            r.lifecycle.deprovisioning.disputed(),
        ),
    ]
    .into_iter()
    .filter_map(|(path, disputed)| disputed.then_some(path))
    .collect()
}

#[cfg(test)]
mod tests;
