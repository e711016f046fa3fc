// Every view of the app, checked with axe-core's WCAG 2.1 A and AA rules at the laptop size and
// at a narrow phone size: 0 violations each. A failure names the view, the rule and the element.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join, dirname } from "node:path";
import { tmpdir } from "node:os";
import { fileURLToPath } from "node:url";
import { serve, open, shots, axe } from "./harness.mjs";

const fixtures = join(dirname(fileURLToPath(import.meta.url)), "..", "fixtures");
const INVENTORY = join(fixtures, "inventory", "browser.csv");
const CLARI = readFileSync(join(fixtures, "seeds", "001_134eba3fcba4906b.txt"), "utf8");
const BOLT = readFileSync(join(fixtures, "import", "bolt-plain-crlf-cut.txt"), "utf8");
const WREN = readFileSync(join(fixtures, "import", "wren-untitled-markdown.md"), "utf8");
const JIT_RULE = "jit-only-manual-deprovisioning";
const META = `fn meta() { #{ title: "T", severity: "high", rationale: "r", actions: ["a"], controls: ["c"] } }`;

let server;
before(async () => { server = await serve(); });
after(() => server?.stop());

/** Opens `hash` once the catalogue is merged in, so no re-render happens while axe runs. */
async function view(hash = "") {
  const opened = await open(server.url + hash);
  await opened.page.waitForFunction(() => document.querySelector(".dataset-label")?.textContent.includes("SCIM Tax Index"));
  return opened;
}

/**
 * Runs axe on what the page shows now at the laptop size and at 414x896, keeps screenshots of
 * what was checked, and adds what it found to `found`: a test checks all its views, then fails
 * with every violation at once.
 */
async function check(page, name, found) {
  const laptop = await axe(page, `${name} (laptop)`);
  await page.setViewportSize({ width: 414, height: 896 });
  const narrow = await axe(page, `${name} (narrow)`);
  await page.setViewportSize({ width: 1366, height: 900 });
  await shots(page, `a11y-${name}`);
  // Beyond WCAG's letter (axe's best practice): each view has one top heading to jump to.
  const h1 = await page.locator("h1").count();
  if (h1 !== 1) laptop.push({ view: name, id: "page-has-heading-one", impact: "moderate", help: `${h1} h1 headings, not 1`, nodes: [] });
  for (const v of [...laptop, ...narrow]) {
    console.log(`A11Y ${v.view}: ${v.id} (${v.impact}) x${v.nodes.length}`);
    found.push(v);
  }
}

function none(found) {
  assert.deepEqual(found, [], `axe found WCAG 2.1 A/AA violations:\n${JSON.stringify(found, null, 1)}`);
}

test("the explorer with its data panel, first page of the catalogue", async () => {
  const found = [];
  const { page, errors } = await view();
  await page.waitForFunction(() => document.querySelector("[data-testid=app-count]")?.textContent.includes("of 850 apps"));
  await check(page, "explorer", found);
  // A search that matches nothing.
  await page.fill("input[type=search]", "no app is called this");
  await page.waitForFunction(() => document.querySelector("[data-testid=app-count]")?.textContent.startsWith("Showing 0 of"));
  await check(page, "explorer-no-match", found);
  none(found);
  assert.deepEqual(errors, []);
});

test("the import panel: a page with warnings, a page that needs a name, a page that clashes", async () => {
  const found = [];
  const { page, errors } = await view();
  await page.click("[data-testid=import-open]");
  await page.waitForSelector("[data-testid=import-panel]");
  await check(page, "import-empty", found);
  await page.fill("[data-testid=import-text]", BOLT);
  await page.waitForSelector("[data-testid=import-warnings]");
  await check(page, "import-warnings", found);
  await page.fill("[data-testid=import-text]", WREN);
  await page.waitForSelector("[data-testid=import-name]");
  await check(page, "import-untitled", found);
  await page.fill("[data-testid=import-text]", CLARI);
  await page.waitForSelector("[data-testid=import-clash]");
  await check(page, "import-clash", found);
  none(found);
  assert.deepEqual(errors, []);
});

test("a dataset file with errors", async () => {
  const found = [];
  const { page, errors } = await view();
  const bad = join(tmpdir(), `a11y-bad-${process.pid}.toml`);
  writeFileSync(bad, 'id = "bad"\nname = "Bad"\nuser_api = { value = "maybe" }\n[[sources]]\nid = "g"\n');
  await page.setInputFiles("[data-testid=dataset-file]", bad);
  await page.waitForSelector(".data-errors");
  await check(page, "dataset-errors", found);
  none(found);
  assert.deepEqual(errors, []);
});

test("the matrix", async () => {
  const found = [];
  const { page, errors } = await view("#/matrix");
  await page.waitForSelector("table.matrix");
  await check(page, "matrix", found);
  none(found);
  assert.deepEqual(errors, []);
});

test("app pages: findings, disputed facts, one finding, and an app that is not there", async () => {
  const found = [];
  const { page, errors } = await view("#/apps/clari");
  await page.waitForSelector("article.finding");
  await check(page, "app-page", found);
  await page.goto(`${server.url}#/apps/stonly`);
  await page.waitForSelector("[data-testid=disputes]");
  await check(page, "app-page-disputes", found);
  await page.goto(`${server.url}#/apps/clari/findings/${JIT_RULE}`);
  await page.waitForSelector(`article.finding.focused[data-rule=${JIT_RULE}]`);
  await check(page, "finding", found);
  await page.goto(`${server.url}#/apps/no-such-app`);
  await page.waitForFunction(() => /There is no app/.test(document.querySelector("main").textContent));
  await check(page, "app-missing", found);
  none(found);
  assert.deepEqual(errors, []);
});

test("the rules list and the rule editor, with examples, impact, a share link and undo", async () => {
  const found = [];
  const { page, errors } = await view("#/rules");
  await page.waitForSelector(".rule-list li");
  await check(page, "rules", found);
  await page.goto(`${server.url}#/rules/${JIT_RULE}`);
  await page.waitForSelector("[data-testid=examples-summary]");
  await page.waitForSelector("[data-testid=flag-count]");
  await check(page, "rule-editor", found);
  // An edit that changes which apps are flagged shows the impact list.
  const original = await page.inputValue("[data-testid=rule-text]");
  await page.fill("[data-testid=rule-text]", original.replace('app.sso.jit == "yes"', '(app.sso.jit == "yes" || app.sso.idps == ["okta"])'));
  await page.waitForSelector("[data-testid=impact-added], [data-testid=impact-removed]");
  await check(page, "rule-impact", found);
  await page.click("[data-testid=share-rule]");
  await page.waitForSelector("[data-testid=share-link]");
  await check(page, "rule-share", found);
  // The widened rule flags Stitch: its finding shows conditions that were false or not evaluated.
  await page.goto(`${server.url}#/apps/stitch/findings/${JIT_RULE}`);
  await page.waitForSelector(`article.finding.focused[data-rule=${JIT_RULE}] [data-testid=why]`);
  await check(page, "finding-why", found);
  await page.goto(`${server.url}#/rules/${JIT_RULE}`);
  await page.waitForSelector("[data-testid=delete-rule]");
  page.on("dialog", (d) => d.accept());
  await page.click("[data-testid=delete-rule]");
  await page.waitForSelector(".notice.undo");
  await check(page, "rule-deleted-undo", found);
  none(found);
  assert.deepEqual(errors, []);
});

test("a rule whose examples fail, a syntax error, a rule that runs away, and a rule that is not there", async () => {
  const found = [];
  const { page, errors } = await view(`#/rules/${JIT_RULE}`);
  await page.waitForSelector("[data-testid=rule-text]");
  const original = await page.inputValue("[data-testid=rule-text]");
  // An edit that breaks one of the rule's examples, then a misspelt field in an example.
  await page.fill("[data-testid=rule-text]", original.replace('if app.scim.available == "no"', 'if app.scim.available != "yes"'));
  await page.waitForSelector("[data-testid=example][data-passed=false]");
  await check(page, "rule-example-fails", found);
  await page.fill("[data-testid=rule-text]", original.replace('sso: #{ jit: "yes" }, user_api: "no" },\n            flagged: true', 'sso: #{ jitt: "yes" }, user_api: "no" },\n            flagged: true'));
  await page.waitForSelector("[data-testid=example-errors]");
  await check(page, "rule-example-errors", found);
  await page.fill("[data-testid=rule-text]", `${META}\napp.user_api == (\n`);
  await page.waitForSelector("[data-testid=diagnostics] .diagnostic");
  await check(page, "rule-syntax-error", found);
  await page.fill("[data-testid=rule-text]", `${META}\nloop {}\n`);
  await page.waitForFunction(() => /more than 100000 operations/.test(document.querySelector("[data-testid=diagnostics]").textContent));
  await check(page, "rule-runaway", found);
  await page.goto(`${server.url}#/rules/no-such-rule`);
  await page.waitForFunction(() => /There is no rule/.test(document.querySelector("main").textContent));
  await check(page, "rule-missing", found);
  none(found);
  assert.deepEqual(errors, []);
});

test("the offboarding plan: empty, loaded with an app opened, with matches to pin, and a refused file", async () => {
  const found = [];
  const { page, errors } = await view("#/plan");
  await page.waitForSelector("[data-testid=plan-empty]");
  await check(page, "plan-empty", found);
  await page.setInputFiles("[data-testid=inventory-file]", INVENTORY);
  await page.waitForSelector("[data-testid=plan-summary]");
  await page.fill("[data-testid=leaver]", "Dana Reyes");
  await page.click(".plan-app summary");
  await check(page, "plan", found);
  // Apps without a sure match, with their pin controls, and one pinned.
  await page.setInputFiles("[data-testid=inventory-file]", join(fixtures, "inventory", "pins.csv"));
  await page.waitForSelector("[data-testid=pin-select]");
  await page.locator("[data-testid=pin-select]").first().selectOption({ index: 1 });
  await page.waitForSelector("[data-testid=pin-current]");
  await check(page, "plan-pins", found);
  await page.setInputFiles("[data-testid=inventory-file]", {
    name: "latin1.csv", mimeType: "text/csv", buffer: Buffer.from([...Buffer.from("Name\nCaf"), 0xe9, ...Buffer.from("\n")]),
  });
  await page.waitForSelector("[data-testid=plan-problems]");
  await check(page, "plan-problems", found);
  none(found);
  assert.deepEqual(errors, []);
});

test("a notice: saved apps that cannot be read", async () => {
  const found = [];
  const { page, errors } = await view("#/plan");
  await page.evaluate(() => localStorage.setItem("capcheck.inventory.v1", "{not json"));
  await page.reload();
  await page.waitForSelector(".notice");
  await page.waitForFunction(() => document.querySelector(".dataset-label")?.textContent.includes("SCIM Tax Index"));
  await check(page, "notice", found);
  none(found);
  assert.deepEqual(errors, []);
});
