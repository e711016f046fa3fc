//! The one place that builds the rhai [`rhai::Engine`] rules run in.
//!
//! It registers the helper functions rules may call and sets every limit, so that a rule that
//! loops forever or allocates without bound is stopped with an error instead of hanging the CLI
//! or the browser tab. The limits are documented in `docs/rules.md`.

use rhai::packages::{
    BasicArrayPackage, BasicMapPackage, BasicMathPackage, CorePackage, LogicPackage,
    MoreStringPackage, Package,
};
use rhai::{Array, Dynamic, Engine, EvalAltResult, ImmutableString, Position};

use crate::date::{days_between, parse_date};

/// Operations one rule may run on one app before it is stopped.
pub const MAX_OPERATIONS: u64 = 100_000;
/// Nested function calls a rule may make.
pub const MAX_CALL_LEVELS: usize = 32;
/// Nesting depth of expressions (at top level, in functions).
pub const MAX_EXPR_DEPTHS: (usize, usize) = (64, 32);
/// Largest string a rule may build, in bytes.
pub const MAX_STRING_SIZE: usize = 1 << 20;
/// Largest array a rule may build.
pub const MAX_ARRAY_SIZE: usize = 10_000;
/// Largest object map a rule may build.
pub const MAX_MAP_SIZE: usize = 10_000;
/// Variables a rule may declare.
pub const MAX_VARIABLES: usize = 256;

/// Builds the engine every rule is compiled and run with.
///
/// The engine starts from [`Engine::new_raw`], so rules cannot import files or print to the
/// terminal; it adds rhai's standard library (less bit fields and blobs) and capcheck's helpers:
/// `documented(value)`, `days_between(from, to)`, `join(array, separator)`.
pub fn build() -> Engine {
    let mut engine = Engine::new_raw();
    // rhai's standard library less bit fields and byte blobs, which rules have no use for and
    // which cost download size in the browser.
    engine.register_global_module(CorePackage::new().as_shared_module());
    engine.register_global_module(LogicPackage::new().as_shared_module());
    engine.register_global_module(BasicMathPackage::new().as_shared_module());
    engine.register_global_module(BasicArrayPackage::new().as_shared_module());
    engine.register_global_module(BasicMapPackage::new().as_shared_module());
    engine.register_global_module(MoreStringPackage::new().as_shared_module());
    engine
        .set_strict_variables(true)
        .set_fail_on_invalid_map_property(true)
        .set_max_operations(MAX_OPERATIONS)
        .set_max_call_levels(MAX_CALL_LEVELS)
        .set_max_expr_depths(MAX_EXPR_DEPTHS.0, MAX_EXPR_DEPTHS.1)
        .set_max_string_size(MAX_STRING_SIZE)
        .set_max_array_size(MAX_ARRAY_SIZE)
        .set_max_map_size(MAX_MAP_SIZE)
        .set_max_variables(MAX_VARIABLES)
        .set_max_functions(64);
    engine.disable_symbol("eval");
    engine.on_print(|_| {});
    engine.on_debug(|_, _, _| {});

    engine.register_fn("documented", documented);
    engine.register_fn("days_between", days_between_fn);
    engine.register_fn("join", join);
    engine
}

/// True unless `value` is `()` or the string `not-documented`.
fn documented(value: Dynamic) -> bool {
    if value.is_unit() {
        return false;
    }
    match value.clone().try_cast::<ImmutableString>() {
        Some(s) => s != "not-documented",
        None => true,
    }
}

fn days_between_fn(from: &str, to: &str) -> Result<i64, Box<EvalAltResult>> {
    let parse = |s: &str| {
        parse_date(s).ok_or_else(|| {
            Box::new(EvalAltResult::ErrorRuntime(
                format!("`{s}` is not a date (YYYY-MM-DD or YYYY-MM)").into(),
                Position::NONE,
            ))
        })
    };
    Ok(days_between(parse(from)?, parse(to)?))
}

fn join(items: Array, separator: &str) -> String {
    let mut out = String::new();
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(separator);
        }
        out.push_str(&item.to_string());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn helpers_are_callable_from_scripts() {
        let engine = build();
        let cases: &[(&str, Dynamic)] = &[
            (r#"documented("not-documented")"#, false.into()),
            (r#"documented(())"#, false.into()),
            (r#"documented("no")"#, true.into()),
            (
                r#"days_between("2026-03-09", "2026-11-23")"#,
                259_i64.into(),
            ),
            (r#"days_between("2026-02", "2026-03-01")"#, 28_i64.into()),
            (r#"join(["a", "b"], ", ")"#, "a, b".into()),
        ];
        for (script, want) in cases {
            let got: Dynamic = engine.eval(script).unwrap();
            assert_eq!(got.to_string(), want.to_string(), "{script}");
        }
    }

    #[test]
    fn limits_stop_runaway_scripts() {
        let engine = build();
        let err = engine.eval::<Dynamic>("loop {}").unwrap_err();
        assert!(matches!(*err, EvalAltResult::ErrorTooManyOperations(..)));
        let err = engine
            .eval::<Dynamic>(r#"let s = "x"; loop { s += s; }"#)
            .unwrap_err();
        assert!(
            matches!(*err, EvalAltResult::ErrorDataTooLarge(..)),
            "{err}"
        );
        let err = engine
            .eval::<Dynamic>("fn f(n) { f(n + 1) } f(0)")
            .unwrap_err();
        assert!(err.to_string().contains("Stack overflow"), "{err}");
    }

    #[test]
    fn scripts_cannot_eval_or_use_undeclared_variables() {
        let engine = build();
        assert!(engine.compile(r#"eval("1")"#).is_err());
        assert!(engine.compile("x + 1").is_err());
    }

    #[test]
    fn bad_dates_are_runtime_errors() {
        let engine = build();
        let err = engine
            .eval::<i64>(r#"days_between("soon", "2026-01-01")"#)
            .unwrap_err();
        assert!(err.to_string().contains("`soon` is not a date"), "{err}");
    }
}
