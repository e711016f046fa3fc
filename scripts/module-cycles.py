#!/usr/bin/env python3
"""Fails when modules of a crate import each other in a cycle.

Reads `crate::NAME` (or, for the submodules of one module, `super::NAME`) references in each
module's non-test code and reports every strongly connected group of more than one module.
Usage: module-cycles.py SRC_DIR [PARENT_MODULE] ...  (pairs given as SRC_DIR:PARENT).
"""
import os
import re
import sys


def strip_tests(text):
    keep, skip = [], False
    for line in text.split("\n"):
        if line.startswith("#[cfg(test)]"):
            skip = True
            continue
        if skip:
            if line == "}" or (line.endswith(";") and not line.startswith(" ")):
                skip = False
            continue
        keep.append(line)
    return re.sub(r"//.*", "", "\n".join(keep))


def graph(root, parent):
    deps = {}
    for dirpath, _, files in os.walk(root):
        for f in files:
            if not f.endswith(".rs"):
                continue
            rel = os.path.relpath(os.path.join(dirpath, f), root)[:-3].split(os.sep)
            if rel[-1] == "mod":
                rel = rel[:-1]
            if rel in (["lib"], ["main"]) or not rel:
                continue
            if parent:
                if rel[0] != parent or len(rel) < 2:
                    continue
                name, pattern = rel[1], r"(?:crate::" + parent + r"::|super::)([a-z_0-9]+)"
                group = r"use super::\{([^}]*)\}"
            else:
                name, pattern, group = rel[0], r"crate::([a-z_0-9]+)", r"use crate::\{([^}]*)\}"
            text = strip_tests(open(os.path.join(dirpath, f), encoding="utf-8").read())
            found = deps.setdefault(name, set())
            found.update(re.findall(pattern, text))
            for items in re.findall(group, text):
                found.update(x.strip().split("::")[0] for x in items.split(",") if x.strip())
    return {k: {d for d in v if d in deps and d != k} for k, v in deps.items()}


def cycles(g):
    index, low, stack, on, out, counter = {}, {}, [], set(), [], [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in sorted(g[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in sorted(g):
        if v not in index:
            visit(v)
    return out


failed = False
for arg in sys.argv[1:]:
    root, _, parent = arg.partition(":")
    g = graph(root, parent)
    for comp in cycles(g):
        failed = True
        edges = "; ".join(f"{m} -> {', '.join(sorted(g[m] & set(comp)))}" for m in comp)
        print(f"module cycle in {arg}: {edges}")
print("module cycles: none" if not failed else "module cycles found")
sys.exit(1 if failed else 0)
