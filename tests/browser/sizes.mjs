// Prints the app's download size: raw, gzip -9 and brotli (quality 11), per file and in total.
// The first load is what the page needs before its first render: the page, the JS glue, the
// split loader and the main wasm module. Loaded later: the wasm-split modules (`split_*.wasm`,
// and any `chunk_*.wasm` they share), fetched right after the first render or when a view is
// first opened. Files in subfolders (the catalogue) are data, listed apart and not counted.
//
// `node sizes.mjs DIR --max-kb N` fails (exit 1) when the first load (brotli) is over N KB, and
// `--max-total-kb M` when all of the app's code together is over M KB (1 KB = 1,000 bytes): the
// size guards CI runs.
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { gzipSync, brotliCompressSync, constants } from "node:zlib";
import { join } from "node:path";

const usage = "usage: node sizes.mjs [DIR] [--max-kb N] [--max-total-kb M]";
const fail = (message) => {
  console.error(`${message}\n${usage}`);
  process.exit(2);
};
let dir, maxKb, maxTotalKb;
for (let args = process.argv.slice(2); args.length > 0; ) {
  const arg = args.shift();
  if (arg === "--max-kb" || arg === "--max-total-kb") {
    const n = Number(args.shift());
    if (!(n > 0)) fail(`${arg} needs a number of KB`);
    if (arg === "--max-kb") maxKb = n; else maxTotalKb = n;
  } else if (arg.startsWith("-")) {
    fail(`unknown option ${JSON.stringify(arg)}`);
  } else if (dir === undefined) {
    dir = arg;
  } else {
    fail(`one folder only, not also ${JSON.stringify(arg)}`);
  }
}
dir ??= "dist";
if (!existsSync(join(dir, "capcheck_bg.wasm"))) fail(`${dir} holds no built app (no capcheck_bg.wasm)`);
const sizes = (path) => {
  const bytes = readFileSync(path);
  const g = gzipSync(bytes, { level: 9 }).length;
  const b = brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  return [bytes.length, g, b];
};
const line = (name, [r, g, b]) =>
  console.log(`${name.padEnd(24)} raw ${String(r).padStart(9)}  gzip ${String(g).padStart(8)}  brotli ${String(b).padStart(8)}`);
const add = (a, b) => a.map((x, i) => x + b[i]);
const later = (name) => /^(split|chunk)_.*\.wasm$/.test(name);
let first = [0, 0, 0], deferred = [0, 0, 0];
const rest = [], data = [];
for (const name of readdirSync(dir).sort()) {
  const path = join(dir, name);
  if (statSync(path).isDirectory()) {
    for (const inner of readdirSync(path).sort()) data.push([`${name}/${inner}`, sizes(join(path, inner))]);
    continue;
  }
  const s = sizes(path);
  if (later(name)) {
    deferred = add(deferred, s);
    rest.push([name, s]);
  } else {
    first = add(first, s);
    line(name, s);
  }
}
line("first load", first);
for (const [name, s] of rest) line(name, s);
line("all code", add(first, deferred));
for (const [name, s] of data) line(name, s);
if (maxTotalKb !== undefined && rest.length === 0) {
  fail(`${dir} holds no split_*.wasm: was the app built without wasm-split?`);
}
let failed = false;
const guard = (what, bytes, max) => {
  if (max === undefined) return;
  const kb = bytes / 1000;
  if (kb > max) {
    console.error(`${what} is ${kb.toFixed(1)} KB brotli, over the ${max} KB guard`);
    failed = true;
  } else {
    console.log(`${what} is ${kb.toFixed(1)} KB brotli, within the ${max} KB guard`);
  }
};
guard("the first load", first[2], maxKb);
guard("all of the app's code", first[2] + deferred[2], maxTotalKb);
if (failed) process.exit(1);
