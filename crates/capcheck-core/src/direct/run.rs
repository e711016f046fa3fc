//! Running a translated rule over one app's field table, with rhai's limits and semantics.

use super::*;

pub(super) struct Run<'a> {
    pub(super) table: &'a [Data],
    pub(super) env: &'a Env,
    pub(super) locals: Vec<Val<'a>>,
    /// Steps left before the evaluation is handed to rhai, whose operation limit then decides.
    pub(super) budget: u32,
}

/// Direct steps allowed per evaluation. rhai counts at least one operation per step, and at
/// most a few, so an evaluation within this budget is well inside the engine's operation limit
/// and one beyond it is left to rhai to stop or finish.
pub(super) const BUDGET: u32 = (crate::engine::MAX_OPERATIONS / 8) as u32;

impl<'a> Run<'a> {
    pub(super) fn block(&mut self, steps: &'a [Step]) -> Eval<Val<'a>> {
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
