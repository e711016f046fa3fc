//! Direct evaluation: the common, loop-free subset of rule checks run straight over a flat table
//! of each app's field values, without rhai's interpreter.
//!
//! Most checks are a few comparisons of `app` fields, `let`s, `if`s and a message: reading
//! `app.scim.available` through rhai's nested object maps costs several string comparisons and
//! value clones each time, and that was most of the time of a check. Here a rule's statements
//! are translated once into a small tree whose field reads are indices into the app's
//! [`crate::view::fields`] table.
//!
//! rhai stays the language and the reference. A rule uses direct evaluation only when every
//! statement is in the subset below and it defines no function that could shadow one the subset
//! implements; anything else runs in rhai. At run time, anything the subset does not decide
//! exactly as rhai would (a type error, an array compared with an array, a string over the
//! engine's size limit, a value that is neither `()`, a bool nor a string) is a [`Fallback`]: that
//! app is evaluated again in rhai, which gives the real answer or the real error. Tests run every
//! default rule both ways over thousands of synthetic apps and require identical results.
//!
//! The subset: `let`, `if`/`else` (as statements and as expressions), blocks; `()`, booleans,
//! integers, strings, interpolated strings and arrays of strings; `app.<field>`,
//! `settings.<key>`, `today` and locals; `&&`, `||`, `??`, `!`, `==`, `!=`, `<`, `<=`, `>`,
//! `>=`, `+`, `in`; `for` over an array; `len()`, `push()` on a local array, `documented`,
//! `join`, `days_between`. Closures are not in the subset: rhai does not expose their bodies.
//!
//! When rhai is upgraded, re-check what this module copies from it: the `internals` AST shapes
//! it translates (`Stmt`, `Expr`, `FnCallExpr`), how rhai compares values of different types and
//! `()`, what `+` and interpolation print for each type, `in` on strings and arrays, `len()` on
//! strings (characters), the operation count a loop spends and the limits in
//! [`crate::engine`]. `tests/direct.rs` and the differential property in
//! `tests/differential.rs` (generated rules through the production `Checker`, direct evaluation
//! on against off) are the checks: both must pass unchanged.

use std::borrow::Cow;
use std::collections::BTreeMap;

use rhai::{Dynamic, Expr, ImmutableString, Stmt, AST};

use crate::date::{days_between, parse_date};
use crate::engine::{MAX_ARRAY_SIZE, MAX_STRING_SIZE, MAX_VARIABLES};
use crate::model::AppRecord;
use crate::rule::SCOPE_NAMES;
use crate::view;

mod compile;
mod run;

use compile::Compiler;
use run::{Run, BUDGET};

/// The subset cannot decide this evaluation exactly as rhai would: evaluate it in rhai.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fallback;

type Eval<T> = Result<T, Fallback>;

/// A value in an app's field table, a setting or a constant.
#[derive(Debug, Clone, PartialEq)]
pub enum Data {
    /// `()`: not documented.
    Unit,
    /// A boolean.
    Bool(bool),
    /// An integer.
    Int(i64),
    /// A string.
    Str(String),
    /// An array of strings.
    List(Vec<String>),
    /// Anything else (maps, floats, arrays of maps): reading it falls back to rhai.
    Opaque,
}

impl Data {
    /// The table entry for a value rules see.
    pub fn from_dynamic(value: &Dynamic) -> Data {
        if value.is_unit() {
            return Data::Unit;
        }
        if let Ok(b) = value.as_bool() {
            return Data::Bool(b);
        }
        if let Ok(i) = value.as_int() {
            return Data::Int(i);
        }
        if let Some(s) = value.read_lock::<ImmutableString>() {
            return Data::Str(s.to_string());
        }
        if let Some(items) = value.read_lock::<rhai::Array>() {
            let strings: Option<Vec<String>> = items
                .iter()
                .map(|i| i.read_lock::<ImmutableString>().map(|s| s.to_string()))
                .collect();
            return strings.map_or(Data::Opaque, Data::List);
        }
        Data::Opaque
    }

    /// A setting's value.
    pub fn from_json(value: &serde_json::Value) -> Data {
        use serde_json::Value;
        match value {
            Value::Null => Data::Unit,
            Value::Bool(b) => Data::Bool(*b),
            Value::Number(n) => n.as_i64().map_or(Data::Opaque, Data::Int),
            Value::String(s) => Data::Str(s.clone()),
            Value::Array(items) => items
                .iter()
                .map(|i| i.as_str().map(str::to_owned))
                .collect::<Option<Vec<_>>>()
                .map_or(Data::Opaque, Data::List),
            Value::Object(_) => Data::Opaque,
        }
    }

    fn view(&self) -> Eval<Val<'_>> {
        Ok(match self {
            Data::Unit => Val::Unit,
            Data::Bool(b) => Val::Bool(*b),
            Data::Int(i) => Val::Int(*i),
            Data::Str(s) => Val::Str(Cow::Borrowed(s)),
            Data::List(l) => Val::List(Cow::Borrowed(l)),
            Data::Opaque => return Err(Fallback),
        })
    }
}

/// One app's field values, in the order of [`view::fields`].
pub fn table(record: &AppRecord) -> Vec<Data> {
    table_from(&view::fields(record))
}

/// [`table`] from the record's [`view::fields`], for callers that also need them.
pub fn table_from(fields: &[view::Field]) -> Vec<Data> {
    fields
        .iter()
        .map(|f| Data::from_dynamic(&f.value))
        .collect()
}

/// What a check sees besides the app: `today` and `settings`.
#[derive(Debug, Clone, Default)]
pub struct Env {
    today: String,
    settings: BTreeMap<String, Data>,
}

impl Env {
    /// The environment of a check run.
    pub fn new(today: &str, settings: &BTreeMap<String, serde_json::Value>) -> Env {
        Env {
            today: today.to_owned(),
            settings: settings
                .iter()
                .map(|(k, v)| (k.clone(), Data::from_json(v)))
                .collect(),
        }
    }
}

#[derive(Debug, Clone)]
enum Val<'a> {
    Unit,
    Bool(bool),
    Int(i64),
    Str(Cow<'a, str>),
    List(Cow<'a, [String]>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cmp {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

#[derive(Debug, Clone)]
enum Node {
    Const(Data),
    Field(usize),
    Setting(String),
    Today,
    Local(usize),
    And(Vec<Node>),
    Or(Vec<Node>),
    Coalesce(Vec<Node>),
    Not(Box<Node>),
    Compare(Cmp, Box<Node>, Box<Node>),
    Add(Box<Node>, Box<Node>),
    Contains(Box<Node>, Box<Node>),
    Len(Box<Node>),
    Push(usize, Box<Node>),
    Documented(Box<Node>),
    Join(Box<Node>, Box<Node>),
    DaysBetween(Box<Node>, Box<Node>),
    Interpolate(Vec<Node>),
    Array(Vec<Node>),
    If(Box<Node>, Vec<Step>, Vec<Step>),
    For(usize, Box<Node>, Vec<Step>),
    Block(Vec<Step>),
}

#[derive(Debug, Clone)]
enum Step {
    Let(usize, Node),
    Expr(Node),
}

/// A rule's check, translated for direct evaluation.
#[derive(Debug, Clone)]
pub struct Program {
    steps: Vec<Step>,
    locals: usize,
}

/// Names the subset implements; a rule defining a function of one of these names keeps rhai's
/// meaning of it by running in rhai.
const IMPLEMENTED: [&str; 6] = [
    "documented",
    "join",
    "days_between",
    "len",
    "push",
    "contains",
];

impl Program {
    /// Translates a compiled rule's check, or `None` when it is outside the subset.
    pub fn compile(ast: &AST) -> Option<Program> {
        if ast.iter_functions().any(|f| IMPLEMENTED.contains(&f.name)) {
            return None;
        }
        let paths: Vec<&'static str> = view::fields(&AppRecord::default())
            .iter()
            .map(|f| f.path)
            .collect();
        let mut c = Compiler {
            paths,
            scope: Vec::new(),
            locals: 0,
            constants: Vec::new(),
        };
        let steps = c.block(ast.statements())?;
        Some(Program {
            steps,
            locals: c.locals,
        })
    }

    /// Evaluates the check on one app's table: `Ok(None)` for no finding, `Ok(Some(message))`
    /// for a finding (`title` when the check returns `true`).
    pub fn run(&self, table: &[Data], env: &Env, title: &str) -> Eval<Option<String>> {
        let mut run = Run {
            table,
            env,
            locals: vec![Val::Unit; self.locals],
            budget: BUDGET,
        };
        match run.block(&self.steps)? {
            Val::Unit => Ok(None),
            Val::Bool(b) => Ok(b.then(|| title.to_owned())),
            Val::Str(s) => Ok(Some(s.into_owned())),
            Val::Int(_) | Val::List(_) => Err(Fallback),
        }
    }
}
