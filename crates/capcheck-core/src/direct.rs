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

struct Compiler {
    paths: Vec<&'static str>,
    scope: Vec<(ImmutableString, usize)>,
    locals: usize,
    /// Slots declared with `const`: rhai refuses `push` on them.
    constants: Vec<usize>,
}

impl Compiler {
    fn block(&mut self, stmts: &[Stmt]) -> Option<Vec<Step>> {
        let depth = self.scope.len();
        let steps = stmts.iter().map(|s| self.stmt(s)).collect();
        self.scope.truncate(depth);
        steps
    }

    fn stmt(&mut self, stmt: &Stmt) -> Option<Step> {
        Some(match stmt {
            Stmt::Noop(_) => Step::Expr(Node::Const(Data::Unit)),
            Stmt::Expr(e) => Step::Expr(self.expr(e)?),
            Stmt::FnCall(call, _) => Step::Expr(self.call(call)?),
            Stmt::Block(b) => Step::Expr(Node::Block(self.block(b.statements())?)),
            Stmt::If(flow, _) => {
                let cond = self.expr(&flow.expr)?;
                let then = self.block(flow.body.statements())?;
                let other = self.block(flow.branch.statements())?;
                Step::Expr(Node::If(Box::new(cond), then, other))
            }
            Stmt::For(x, _) => {
                let (var, counter, flow) = &**x;
                if counter.is_some() {
                    return None;
                }
                let list = self.expr(&flow.expr)?;
                let depth = self.scope.len();
                let slot = self.declare()?;
                self.scope.push((var.name.clone(), slot));
                let body = self.block(flow.body.statements());
                self.scope.truncate(depth);
                Step::Expr(Node::For(slot, Box::new(list), body?))
            }
            Stmt::Var(x, flags, _) => {
                let value = self.expr(&x.1)?;
                let slot = self.declare()?;
                if flags.intersects(rhai::ASTFlags::CONSTANT) {
                    self.constants.push(slot);
                }
                self.scope.push((x.0.name.clone(), slot));
                Step::Let(slot, value)
            }
            _ => return None,
        })
    }

    /// A new local's slot, unless the variables in scope would reach rhai's limit (`app`,
    /// `today` and `settings` count too): rhai then reports it.
    fn declare(&mut self) -> Option<usize> {
        if self.scope.len() + SCOPE_NAMES.len() + 1 >= MAX_VARIABLES {
            return None;
        }
        let slot = self.locals;
        self.locals += 1;
        Some(slot)
    }

    fn local(&self, name: &str) -> Option<usize> {
        self.scope
            .iter()
            .rev()
            .find(|(n, _)| n.as_str() == name)
            .map(|(_, slot)| *slot)
    }

    fn boxed(&mut self, e: &Expr) -> Option<Box<Node>> {
        self.expr(e).map(Box::new)
    }

    fn list(&mut self, items: &[Expr]) -> Option<Vec<Node>> {
        items.iter().map(|e| self.expr(e)).collect()
    }

    fn expr(&mut self, expr: &Expr) -> Option<Node> {
        Some(match expr {
            Expr::Unit(_) => Node::Const(Data::Unit),
            Expr::BoolConstant(b, _) => Node::Const(Data::Bool(*b)),
            Expr::IntegerConstant(i, _) => Node::Const(Data::Int(*i)),
            Expr::StringConstant(s, _) => Node::Const(Data::Str(s.to_string())),
            Expr::DynamicConstant(d, _) => match Data::from_dynamic(d) {
                Data::Opaque => return None,
                data => Node::Const(data),
            },
            Expr::InterpolatedString(parts, _) => Node::Interpolate(self.list(parts)?),
            Expr::Array(items, _) => Node::Array(self.list(items)?),
            Expr::Variable(v, _, _) => {
                let name = v.1.as_str();
                match self.local(name) {
                    Some(slot) => Node::Local(slot),
                    None if name == "today" => Node::Today,
                    None => return None,
                }
            }
            Expr::Stmt(block) => Node::Block(self.block(block.statements())?),
            Expr::And(items, _) => Node::And(self.list(items)?),
            Expr::Or(items, _) => Node::Or(self.list(items)?),
            Expr::Coalesce(items, _) => Node::Coalesce(self.list(items)?),
            Expr::FnCall(call, _) => self.call(call)?,
            Expr::Dot(x, flags, _) => {
                if flags.intersects(rhai::ASTFlags::NEGATED) {
                    return None;
                }
                self.dot(&x.lhs, &x.rhs)?
            }
            _ => return None,
        })
    }

    /// `lhs.rhs`: a field or setting read, a method call, or both.
    fn dot(&mut self, lhs: &Expr, rhs: &Expr) -> Option<Node> {
        let root = match lhs {
            Expr::Variable(v, _, _) if self.local(v.1.as_str()).is_none() => Some(v.1.as_str()),
            _ => None,
        };
        let mut props = Vec::new();
        let mut method = None;
        let mut cursor = rhs;
        loop {
            match cursor {
                Expr::Property(p, _) => {
                    props.push(p.2.as_str());
                    break;
                }
                Expr::MethodCall(call, _) => {
                    method = Some(call);
                    break;
                }
                Expr::Dot(x, flags, _) if !flags.intersects(rhai::ASTFlags::NEGATED) => {
                    match &x.lhs {
                        Expr::Property(p, _) => props.push(p.2.as_str()),
                        _ => return None,
                    }
                    cursor = &x.rhs;
                }
                _ => return None,
            }
        }
        let target = match (root, props.as_slice()) {
            (_, []) => self.expr(lhs)?,
            (Some("app"), path) => {
                let path = path.join(".");
                Node::Field(self.paths.iter().position(|p| *p == path)?)
            }
            (Some("settings"), [key]) => Node::Setting((*key).to_owned()),
            _ => return None,
        };
        let Some(call) = method else {
            return Some(target);
        };
        match (call.name.as_str(), call.args.as_slice()) {
            ("len", []) => Some(Node::Len(Box::new(target))),
            ("push", [item]) => match (lhs, props.is_empty()) {
                (Expr::Variable(v, _, _), true) => {
                    let slot = self.local(v.1.as_str())?;
                    if self.constants.contains(&slot) {
                        return None;
                    }
                    Some(Node::Push(slot, self.boxed(item)?))
                }
                _ => None,
            },
            _ => None,
        }
    }

    fn call(&mut self, call: &rhai::FnCallExpr) -> Option<Node> {
        if call.capture_parent_scope {
            return None;
        }
        let cmp = |op| {
            Some(match op {
                "==" => Cmp::Eq,
                "!=" => Cmp::Ne,
                "<" => Cmp::Lt,
                "<=" => Cmp::Le,
                ">" => Cmp::Gt,
                ">=" => Cmp::Ge,
                _ => return None,
            })
        };
        Some(match (call.name.as_str(), call.args.as_slice()) {
            (op, [a, b]) if cmp(op).is_some() => {
                Node::Compare(cmp(op)?, self.boxed(a)?, self.boxed(b)?)
            }
            ("!", [a]) => Node::Not(self.boxed(a)?),
            ("+", [a, b]) => Node::Add(self.boxed(a)?, self.boxed(b)?),
            ("contains", [a, b]) => Node::Contains(self.boxed(a)?, self.boxed(b)?),
            ("len", [a]) => Node::Len(self.boxed(a)?),
            ("documented", [a]) => Node::Documented(self.boxed(a)?),
            ("join", [a, b]) => Node::Join(self.boxed(a)?, self.boxed(b)?),
            ("days_between", [a, b]) => Node::DaysBetween(self.boxed(a)?, self.boxed(b)?),
            _ => return None,
        })
    }
}

struct Run<'a> {
    table: &'a [Data],
    env: &'a Env,
    locals: Vec<Val<'a>>,
    /// Steps left before the evaluation is handed to rhai, whose operation limit then decides.
    budget: u32,
}

/// Direct steps allowed per evaluation. rhai counts at least one operation per step, and at
/// most a few, so an evaluation within this budget is well inside the engine's operation limit
/// and one beyond it is left to rhai to stop or finish.
const BUDGET: u32 = (crate::engine::MAX_OPERATIONS / 8) as u32;

impl<'a> Run<'a> {
    fn block(&mut self, steps: &'a [Step]) -> Eval<Val<'a>> {
        let mut last = Val::Unit;
        for step in steps {
            last = match step {
                Step::Let(slot, node) => {
                    let value = self.eval(node)?;
                    self.set(*slot, value)?;
                    Val::Unit
                }
                Step::Expr(node) => self.eval(node)?,
            };
        }
        Ok(last)
    }

    fn set(&mut self, slot: usize, value: Val<'a>) -> Eval<()> {
        *self.locals.get_mut(slot).ok_or(Fallback)? = value;
        Ok(())
    }

    fn truth(&mut self, node: &'a Node) -> Eval<bool> {
        match self.eval(node)? {
            Val::Bool(b) => Ok(b),
            _ => Err(Fallback),
        }
    }

    fn spend(&mut self) -> Eval<()> {
        self.budget = self.budget.checked_sub(1).ok_or(Fallback)?;
        Ok(())
    }

    fn eval(&mut self, node: &'a Node) -> Eval<Val<'a>> {
        self.spend()?;
        Ok(match node {
            Node::Const(d) => d.view()?,
            Node::Field(i) => self.table.get(*i).ok_or(Fallback)?.view()?,
            Node::Setting(key) => self.env.settings.get(key).ok_or(Fallback)?.view()?,
            Node::Today => Val::Str(Cow::Borrowed(&self.env.today)),
            Node::Local(slot) => self.locals.get(*slot).ok_or(Fallback)?.clone(),
            Node::And(items) => {
                for item in items {
                    if !self.truth(item)? {
                        return Ok(Val::Bool(false));
                    }
                }
                Val::Bool(true)
            }
            Node::Or(items) => {
                for item in items {
                    if self.truth(item)? {
                        return Ok(Val::Bool(true));
                    }
                }
                Val::Bool(false)
            }
            Node::Coalesce(items) => {
                let mut value = Val::Unit;
                for item in items {
                    value = self.eval(item)?;
                    if !matches!(value, Val::Unit) {
                        break;
                    }
                }
                value
            }
            Node::Not(a) => Val::Bool(!self.truth(a)?),
            Node::Compare(op, a, b) => {
                let (a, b) = (self.eval(a)?, self.eval(b)?);
                Val::Bool(compare(*op, &a, &b)?)
            }
            Node::Add(a, b) => match (self.eval(a)?, self.eval(b)?) {
                (Val::Str(a), Val::Str(b)) => text(a.into_owned() + b.as_ref())?,
                (Val::Str(s), Val::Unit) | (Val::Unit, Val::Str(s)) => Val::Str(s),
                (Val::Int(a), Val::Int(b)) => Val::Int(a.checked_add(b).ok_or(Fallback)?),
                _ => return Err(Fallback),
            },
            Node::Contains(collection, item) => match (self.eval(collection)?, self.eval(item)?) {
                (Val::List(items), Val::Str(s)) => Val::Bool(items.iter().any(|i| *i == *s)),
                (Val::Str(hay), Val::Str(needle)) => Val::Bool(hay.contains(&*needle)),
                _ => return Err(Fallback),
            },
            Node::Len(a) => match self.eval(a)? {
                Val::List(items) => Val::Int(i64::try_from(items.len()).map_err(|_| Fallback)?),
                Val::Str(s) => Val::Int(i64::try_from(s.chars().count()).map_err(|_| Fallback)?),
                _ => return Err(Fallback),
            },
            Node::Push(slot, item) => {
                let item = match self.eval(item)? {
                    Val::Str(s) => s.into_owned(),
                    _ => return Err(Fallback),
                };
                match self.locals.get_mut(*slot) {
                    Some(Val::List(items))
                        if items.len() < MAX_ARRAY_SIZE
                            && text_bytes(items) + item.len() <= MAX_STRING_SIZE =>
                    {
                        items.to_mut().push(item);
                    }
                    _ => return Err(Fallback),
                }
                Val::Unit
            }
            Node::Documented(a) => Val::Bool(match self.eval(a)? {
                Val::Unit => false,
                Val::Str(s) => s != "not-documented",
                _ => true,
            }),
            Node::Join(items, separator) => match (self.eval(items)?, self.eval(separator)?) {
                (Val::List(items), Val::Str(sep)) => text(items.join(&sep))?,
                _ => return Err(Fallback),
            },
            Node::DaysBetween(from, to) => match (self.eval(from)?, self.eval(to)?) {
                (Val::Str(from), Val::Str(to)) => {
                    let from = parse_date(&from).ok_or(Fallback)?;
                    let to = parse_date(&to).ok_or(Fallback)?;
                    Val::Int(days_between(from, to))
                }
                _ => return Err(Fallback),
            },
            Node::Interpolate(parts) => {
                let mut out = String::new();
                for part in parts {
                    match self.eval(part)? {
                        Val::Str(s) => out.push_str(&s),
                        Val::Unit => {}
                        Val::Bool(b) => out.push_str(if b { "true" } else { "false" }),
                        Val::Int(i) => out.push_str(&i.to_string()),
                        Val::List(_) => return Err(Fallback),
                    }
                    if out.len() > MAX_STRING_SIZE {
                        return Err(Fallback);
                    }
                }
                Val::Str(Cow::Owned(out))
            }
            Node::Array(items) => {
                let mut out = Vec::with_capacity(items.len());
                for item in items {
                    match self.eval(item)? {
                        Val::Str(s) => out.push(s.into_owned()),
                        _ => return Err(Fallback),
                    }
                }
                if out.len() > MAX_ARRAY_SIZE || text_bytes(&out) > MAX_STRING_SIZE {
                    return Err(Fallback);
                }
                Val::List(Cow::Owned(out))
            }
            Node::If(cond, then, other) => {
                if self.truth(cond)? {
                    self.block(then)?
                } else {
                    self.block(other)?
                }
            }
            Node::For(slot, list, body) => {
                match self.eval(list)? {
                    Val::List(Cow::Borrowed(items)) => {
                        for item in items {
                            self.spend()?;
                            self.set(*slot, Val::Str(Cow::Borrowed(item)))?;
                            self.block(body)?;
                        }
                    }
                    Val::List(Cow::Owned(items)) => {
                        for item in items {
                            self.spend()?;
                            self.set(*slot, Val::Str(Cow::Owned(item)))?;
                            self.block(body)?;
                        }
                    }
                    _ => return Err(Fallback),
                }
                Val::Unit
            }
            Node::Block(steps) => self.block(steps)?,
        })
    }
}

/// The bytes of an array's strings: rhai holds their sum to the string size limit.
fn text_bytes(items: &[String]) -> usize {
    items.iter().map(String::len).sum()
}

fn text<'a>(s: String) -> Eval<Val<'a>> {
    if s.len() > MAX_STRING_SIZE {
        return Err(Fallback);
    }
    Ok(Val::Str(Cow::Owned(s)))
}

/// rhai's built-in comparisons: values of one type compare as such; values of different,
/// non-numeric types are unequal and unordered.
fn compare(op: Cmp, a: &Val<'_>, b: &Val<'_>) -> Eval<bool> {
    use std::cmp::Ordering;
    let ordering = match (a, b) {
        (Val::Str(a), Val::Str(b)) => a.as_ref().cmp(b.as_ref()),
        (Val::Int(a), Val::Int(b)) => a.cmp(b),
        (Val::Bool(a), Val::Bool(b)) if matches!(op, Cmp::Eq | Cmp::Ne) => a.cmp(b),
        // Arrays of strings are equal when their strings are, in order.
        (Val::List(a), Val::List(b)) if matches!(op, Cmp::Eq | Cmp::Ne) => {
            a.as_ref().cmp(b.as_ref())
        }
        (Val::Unit, Val::Unit) => return Ok(op == Cmp::Eq),
        (Val::List(_), Val::List(_)) | (Val::Bool(_), Val::Bool(_)) => return Err(Fallback),
        _ => return Ok(op == Cmp::Ne),
    };
    Ok(match op {
        Cmp::Eq => ordering == Ordering::Equal,
        Cmp::Ne => ordering != Ordering::Equal,
        Cmp::Lt => ordering == Ordering::Less,
        Cmp::Le => ordering != Ordering::Greater,
        Cmp::Gt => ordering == Ordering::Greater,
        Cmp::Ge => ordering != Ordering::Less,
    })
}
