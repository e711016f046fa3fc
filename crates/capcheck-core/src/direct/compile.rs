//! Translating a rule's rhai AST into the subset's tree, or saying it is not in the subset.

use super::*;

pub(super) struct Compiler {
    pub(super) paths: Vec<&'static str>,
    pub(super) scope: Vec<(ImmutableString, usize)>,
    pub(super) locals: usize,
    /// Slots declared with `const`: rhai refuses `push` on them.
    pub(super) constants: Vec<usize>,
}

impl Compiler {
    pub(super) fn block(&mut self, stmts: &[Stmt]) -> Option<Vec<Step>> {
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
