// Prints the app's download size: raw, gzip -9 and brotli (quality 11), per file and in total.
// Files in subfolders (the catalogue) are data fetched after the first render: listed apart, not
// counted in the app's total.
//
// `node sizes.mjs DIR --max-kb N` also fails (exit 1) when the app's code (the page, the JS glue
// and the wasm module, brotli) is over N KB (1 KB = 1,000 bytes): the size guard CI runs.
import { readFileSync, readdirSync, statSync } from "node:fs";
import { gzipSync, brotliCompressSync, constants } from "node:zlib";
import { join } from "node:path";

const args = process.argv.slice(2);
const at = args.indexOf("--max-kb");
const maxKb = at >= 0 ? Number(args[at + 1]) : undefined;
if (at >= 0 && !(maxKb > 0)) {
  console.error(`--max-kb needs a number of KB, not ${JSON.stringify(args[at + 1])}`);
  process.exit(2);
}
const dir = args.find((a, i) => !a.startsWith("--") && (at < 0 || i !== at + 1)) ?? "dist";
const sizes = (path) => {
  const bytes = readFileSync(path);
  const g = gzipSync(bytes, { level: 9 }).length;
  const b = brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  return [bytes.length, g, b];
};
const line = (name, [r, g, b]) =>
  console.log(`${name.padEnd(20)} raw ${String(r).padStart(9)}  gzip ${String(g).padStart(8)}  brotli ${String(b).padStart(8)}`);
let raw = 0, gz = 0, br = 0;
const data = [];
for (const name of readdirSync(dir).sort()) {
  const path = join(dir, name);
  if (statSync(path).isDirectory()) {
    for (const inner of readdirSync(path).sort()) data.push([`${name}/${inner}`, sizes(join(path, inner))]);
    continue;
  }
  const s = sizes(path);
  raw += s[0]; gz += s[1]; br += s[2];
  line(name, s);
}
line("total", [raw, gz, br]);
for (const [name, s] of data) line(name, s);
if (maxKb !== undefined) {
  const kb = br / 1000;
  if (kb > maxKb) {
    console.error(`the app's code is ${kb.toFixed(1)} KB brotli, over the ${maxKb} KB guard`);
    process.exit(1);
  }
  console.log(`the app's code is ${kb.toFixed(1)} KB brotli, within the ${maxKb} KB guard`);
}
