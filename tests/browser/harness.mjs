// Shared set-up for the browser tests: serves dist/ with `capcheck serve` on a free loopback
// port and opens Debian's Chromium through playwright-core (no browser download).
import { spawn } from "node:child_process";
import { mkdtempSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach } from "node:test";
import { chromium } from "playwright-core";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const screenshots = join(root, "tests", "browser", "screenshots");
mkdirSync(screenshots, { recursive: true });

/** The release CLI the browser tests serve the app with and compare it against. */
export const bin = process.env.CAPCHECK_BIN ?? join(process.env.CARGO_TARGET_DIR ?? join(root, "target"), "release", "capcheck");

/** Starts the static server; resolves to { url, stop }. */
export async function serve() {
  const child = spawn(bin, ["serve", "--dir", join(root, "dist"), "--port", "0"], { stdio: ["ignore", "pipe", "inherit"] });
  const url = await new Promise((resolve, reject) => {
    let out = "";
    child.stdout.on("data", (d) => {
      out += d;
      const m = out.match(/http:\/\/127\.0\.0\.1:\d+\//);
      if (m) resolve(m[0]);
    });
    child.on("exit", (code) => reject(new Error(`capcheck serve exited with ${code}`)));
    setTimeout(() => reject(new Error("capcheck serve did not start in 10 s")), 10_000);
  });
  return { url, stop: () => child.kill() };
}

// Every browser this file opened is closed after each test, also when an assertion failed
// before the test's own `context.close()`: a Chromium left open keeps node (and CI) waiting.
const contexts = new Set();
afterEach(async () => {
  const open = [...contexts];
  contexts.clear();
  await Promise.all(open.map((c) => c.close()));
});

/**
 * A fresh browser profile (its own localStorage) with console errors collected. Waits for the
 * first render and, unless `catalogue` is false, for the SCIM Tax Index to be merged in (the app
 * fetches it after the first render). `beforeLoad(page)` runs before the page is loaded (to route
 * its requests, say).
 */
export async function open(url, { width = 1366, height = 900, catalogue = true, beforeLoad } = {}) {
  const profile = mkdtempSync(join(tmpdir(), "capcheck-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    headless: true,
    viewport: { width, height },
    acceptDownloads: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
      "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
  });
  contexts.add(context);
  const page = context.pages()[0] ?? (await context.newPage());
  const errors = [];
  page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
  page.on("pageerror", (e) => errors.push(String(e)));
  if (beforeLoad) await beforeLoad(page);
  await page.goto(url);
  await page.waitForFunction(() => performance.getEntriesByName("capcheck-ready").length > 0);
  if (catalogue) await catalogueMerged(page);
  return { context, page, errors };
}

/** Waits until the SCIM Tax Index is merged in (again, after a reload). */
export async function catalogueMerged(page) {
  await page.waitForFunction(() => performance.getEntriesByName("capcheck-catalogue").length > 0);
}

/** Saves `NAME-laptop.png` and `NAME-narrow.png` of what the page shows now. */
export async function shots(page, name) {
  await page.screenshot({ path: join(screenshots, `${name}-laptop.png`), fullPage: false });
  await page.setViewportSize({ width: 414, height: 896 });
  await page.screenshot({ path: join(screenshots, `${name}-narrow.png`), fullPage: false });
  await page.setViewportSize({ width: 1366, height: 900 });
}

const AXE = join(root, "tests", "browser", "node_modules", "axe-core", "axe.min.js");

/**
 * Runs axe-core's WCAG 2.1 A and AA rules over what the page shows now. Resolves to the
 * violations, each with its rule id, impact, help text and every element it found (CSS target
 * and axe's summary, which names the colours and the ratio for contrast), so a failure says
 * which element broke which rule. `name` labels the view in the result.
 */
export async function axe(page, name) {
  if (!(await page.evaluate(() => typeof window.axe === "object"))) await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async () => {
    const result = await window.axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
      resultTypes: ["violations"],
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target.join(" "), summary: (n.failureSummary ?? "").replace(/\s+/g, " ").trim() })),
    }));
  });
  return violations.map((v) => ({ view: name, ...v }));
}
