// Prints the app's download size: raw, gzip -9 and brotli (quality 11), per file and in total.
import { readFileSync, readdirSync } from "node:fs";
import { gzipSync, brotliCompressSync, constants } from "node:zlib";
import { join } from "node:path";

const dir = process.argv[2] ?? "dist";
let raw = 0, gz = 0, br = 0;
for (const name of readdirSync(dir).sort()) {
  const bytes = readFileSync(join(dir, name));
  const g = gzipSync(bytes, { level: 9 }).length;
  const b = brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  raw += bytes.length; gz += g; br += b;
  console.log(`${name.padEnd(20)} raw ${String(bytes.length).padStart(9)}  gzip ${String(g).padStart(8)}  brotli ${String(b).padStart(8)}`);
}
console.log(`${"total".padEnd(20)} raw ${String(raw).padStart(9)}  gzip ${String(gz).padStart(8)}  brotli ${String(br).padStart(8)}`);
