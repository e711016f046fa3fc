// The offboarding plan in the browser: load the company's app list, see the plan and its charts,
// find it kept after a reload, and forget it (asked first). Nothing leaves the browser.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { serve, open, shots, catalogueMerged } from "./harness.mjs";

const INVENTORY = join(dirname(fileURLToPath(import.meta.url)), "..", "fixtures", "inventory", "browser.csv");
// An ambiguous app (HashiCorp: two records share its domain) and unmatched ones (a misspelt
// Stonly, an in-house portal).
const PINS_INVENTORY = join(dirname(fileURLToPath(import.meta.url)), "..", "fixtures", "inventory", "pins.csv");
const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const CLI = process.env.CAPCHECK_BIN ?? join(process.env.CARGO_TARGET_DIR ?? join(ROOT, "target"), "release", "capcheck");

let server;
before(async () => { server = await serve(); });
after(() => server?.stop());

test("an inventory becomes a plan with charts, survives a reload, and is forgotten only when confirmed", async () => {
  const { context, page, errors } = await open(`${server.url}#/plan`);
  const requests = [];
  page.on("request", (r) => requests.push(r.url()));
  await page.waitForSelector("[data-testid=plan-empty]");
  await page.setInputFiles("[data-testid=inventory-file]", INVENTORY);
  await page.waitForSelector("[data-testid=plan-summary]");
  const summary = await page.textContent("[data-testid=plan-summary]");
  assert.match(summary, /^5 apps: 1 automatic, 0 user API, 3 manual \(198 users\), 1 unknown$/);

  // Riskiest first; the rules read the inventory: Clari's 150 users make manual removal critical.
  const rows = await page.$$eval("[data-testid=plan-table] tbody tr", (trs) =>
    trs.map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent.trim())));
  // Stonly's SCIM comes from the catalogue and its guide page says no: automatic, last, and
  // flagged for confirmation.
  assert.deepEqual(rows.map((r) => r[1]), ["Clari", "Spendesk Expenses", "Stitch", "HR Portal X", "Stonly"]);
  assert.match(rows[4][2], /^automatic\s+SCIM, though its sources disagree: confirm with the vendor$/);
  assert.equal(rows[0][5], "critical");
  assert.equal(rows[0][3], "sales-ops@acme.example");
  assert.match(rows[3][2], /^unknown\s+no capability record$/);
  assert.match(await page.textContent("[data-testid=plan-unmatched]"), /HR Portal X: no capability record/);

  // Plain-SVG charts with a title and a description, and every count as text.
  const chart = await page.$eval("[data-testid=chart-path] svg", (svg) => ({
    role: svg.getAttribute("role"),
    title: svg.querySelector("title").textContent,
    desc: svg.querySelector("desc").textContent,
    labels: [...svg.querySelectorAll("text")].map((t) => t.textContent),
  }));
  assert.deepEqual(chart, {
    role: "img",
    title: "Apps by deprovisioning path",
    desc: "manual: 3, unknown: 1, user API: 0, automatic: 1",
    labels: ["manual", "3", "unknown", "1", "user API", "0", "automatic", "1"],
  });
  assert.match(await page.$eval("[data-testid=chart-severity] svg desc", (d) => d.textContent), /^critical: 1, high: 1, medium: 2, low: 0, info: 0, no finding: 1$/);

  await page.fill("[data-testid=leaver]", "Dana Reyes");
  await page.click(".plan-app summary");
  assert.match(await page.textContent(".plan-app[open]"), /Dana Reyes's account/);
  await shots(page, "plan");

  // Kept in this browser: a reload shows the same plan.
  await page.reload();
  await catalogueMerged(page);
  await page.waitForSelector("[data-testid=plan-summary]");
  assert.equal(await page.textContent("[data-testid=plan-summary]"), summary);

  // A file in another encoding is refused at its line and the loaded apps stay.
  await page.setInputFiles("[data-testid=inventory-file]", {
    name: "latin1.csv", mimeType: "text/csv", buffer: Buffer.from([...Buffer.from("Name\nCaf"), 0xe9, ...Buffer.from("\n")]),
  });
  await page.waitForSelector("[data-testid=plan-problems]");
  assert.match(await page.textContent("[data-testid=plan-problems]"), /line 2 is not UTF-8 \(byte 0xE9 at column 4\)/);
  assert.equal(await page.textContent("[data-testid=plan-summary]"), summary);

  // Forgetting asks first; dismissing keeps everything.
  let asked = "";
  page.once("dialog", (d) => { asked = d.message(); d.dismiss(); });
  await page.click("[data-testid=forget-apps]");
  assert.match(asked, /Forget your apps\?/);
  assert.equal(await page.textContent("[data-testid=plan-summary]"), summary);
  // A browser that refuses to remove the saved copy: the page says the apps come back on reload,
  // and they do.
  await page.evaluate(() => {
    Storage.prototype.removeItem = () => { throw new DOMException("refused", "SecurityError"); };
  });
  page.once("dialog", (d) => d.accept());
  await page.click("[data-testid=forget-apps]");
  await page.waitForSelector("[data-testid=plan-empty]");
  assert.equal(await page.textContent(".notice[role=alert] span"), "Your apps are cleared from this page, but the browser "
    + "refused to remove the inventory and the pinned matches from its storage: they will be back after a reload");
  await page.reload();
  await page.waitForSelector("[data-testid=plan-summary]");
  assert.equal(await page.textContent("[data-testid=plan-summary]"), summary);

  page.once("dialog", (d) => d.accept());
  await page.click("[data-testid=forget-apps]");
  await page.waitForSelector("[data-testid=plan-empty]");
  assert.equal(await page.textContent(".notice[role=alert] span"), "Your apps were forgotten.");
  await page.reload();
  await page.waitForSelector("[data-testid=plan-empty]");
  assert.equal(await page.evaluate(() => localStorage.getItem("capcheck.inventory.v1")), null);

  const elsewhere = requests.filter((u) => !u.startsWith(server.url) && !u.startsWith("data:"));
  assert.deepEqual(elsewhere, [], "nothing is uploaded or fetched from elsewhere");
  assert.deepEqual(errors, []);
  await context.close();
});

test("saved apps that cannot be read are kept aside and replaced only after asking", async () => {
  const { context, page, errors } = await open(`${server.url}#/plan`);
  await page.evaluate(() => localStorage.setItem("capcheck.inventory.v1", "{not json"));
  await page.reload();
  await page.waitForSelector("[data-testid=plan-empty]");
  assert.match(await page.textContent(".notice"), /could not be read/);
  assert.equal(await page.evaluate(() => localStorage.getItem("capcheck.inventory.v1.unreadable")), "{not json");
  let asked = "";
  page.once("dialog", (d) => { asked = d.message(); d.dismiss(); });
  await page.setInputFiles("[data-testid=inventory-file]", INVENTORY);
  await page.waitForSelector("[data-testid=plan-summary]");
  assert.match(asked, /could not be read/);
  assert.equal(await page.evaluate(() => localStorage.getItem("capcheck.inventory.v1")), "{not json", "not replaced without a yes");
  assert.deepEqual(errors, []);
  await context.close();
});

test("matches are pinned in the plan, kept after a reload, loaded from an overrides file, and exported for the CLI", async () => {
  const { context, page, errors } = await open(`${server.url}#/plan`);
  await page.waitForSelector("[data-testid=plan-empty]");
  assert.equal(await page.isDisabled("[data-testid=export-overrides]"), true, "nothing pinned, nothing to export");
  await page.setInputFiles("[data-testid=inventory-file]", PINS_INVENTORY);
  await page.waitForSelector("[data-testid=plan-summary]");
  const summary = () => page.textContent("[data-testid=plan-summary]");
  assert.equal(await summary(), "4 apps: 0 automatic, 0 user API, 1 manual (150 users), 3 unknown");

  const pinRows = () => page.$$eval("[data-testid=plan-pins] tbody tr", (trs) =>
    trs.map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent.trim())));
  const rows = await pinRows();
  assert.deepEqual(rows.map((r) => r.slice(0, 2)).sort(), [
    ["HR Portal X", "no record found"], ["HashiCorp", "several records fit"], ["Stonlie", "no record found"],
  ]);
  const hashi = "[data-testid=plan-pins] tr[data-app=HashiCorp] select";
  assert.deepEqual(await page.$$eval(`${hashi} option`, (os) => os.map((o) => o.value)),
    ["", "hashicorp-terraform", "hashicorp-vault", ":none"]);
  assert.deepEqual(await page.$$eval("[data-testid=plan-pins] tr[data-app=Stonlie] option", (os) => os.map((o) => o.value)),
    ["", "stonly", ":none"]);

  // Pinning HashiCorp to Vault gives it Vault's path at once.
  await page.selectOption(hashi, "hashicorp-vault");
  await page.waitForSelector("[data-testid=plan-pins] tr[data-app=HashiCorp] [data-testid=pin-current]");
  assert.equal(await summary(), "4 apps: 1 automatic, 0 user API, 1 manual (150 users), 2 unknown");
  const planRow = (name) => page.$$eval("[data-testid=plan-table] tbody tr", (trs, n) =>
    trs.map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent.trim())).find((r) => r[1] === n), name);
  assert.match((await planRow("HashiCorp"))[2], /^automatic/);
  assert.equal(await page.textContent("[data-testid=plan-pins] tr[data-app=HashiCorp] [data-testid=pin-current]"), "pinned to hashicorp-vault");
  assert.equal(await page.evaluate(() => localStorage.getItem("capcheck.overrides.v1")), '{"HashiCorp":"hashicorp-vault"}');
  await shots(page, "plan-pins");

  // Kept in this browser.
  await page.reload();
  await catalogueMerged(page);
  await page.waitForSelector("[data-testid=plan-pins] tr[data-app=HashiCorp] [data-testid=pin-current]");
  assert.equal(await summary(), "4 apps: 1 automatic, 0 user API, 1 manual (150 users), 2 unknown");

  // An overrides file with a bad line: the error names file, line and column; its good pin applies.
  await page.setInputFiles("[data-testid=overrides-file]", {
    name: "bad-overrides.toml", mimeType: "application/toml",
    buffer: Buffer.from('[match]\n"Stonlie" = "stonly"\n"HR Portal X" = "hr-portal-x"\n'),
  });
  await page.waitForSelector("[data-testid=pin-problems]");
  assert.match(await page.textContent("[data-testid=pin-problems]"),
    /bad-overrides\.toml:3:17: there is no record `hr-portal-x` for `HR Portal X`/);
  await page.waitForFunction(() => document.querySelector("[data-testid=plan-summary]")?.textContent.startsWith("4 apps: 2 automatic"));
  assert.equal(await summary(), "4 apps: 2 automatic, 0 user API, 1 manual (150 users), 1 unknown");
  await shots(page, "plan-pins-file");

  // "No record" for the in-house portal: still unknown, now pinned so; then Stonlie is unpinned.
  await page.selectOption("[data-testid=plan-pins] tr[data-app='HR Portal X'] select", ":none");
  await page.waitForSelector("[data-testid=plan-pins] tr[data-app='HR Portal X'] [data-testid=pin-current]");
  assert.equal(await page.textContent("[data-testid=plan-pins] tr[data-app='HR Portal X'] [data-testid=pin-current]"), "pinned: no record");
  assert.match((await planRow("HR Portal X"))[2], /pinned in the overrides file/);
  await page.click("[data-testid=plan-pins] tr[data-app=Stonlie] [data-testid=unpin]");
  await page.waitForSelector("[data-testid=plan-pins] tr[data-app=Stonlie] select");
  assert.equal(await summary(), "4 apps: 1 automatic, 0 user API, 1 manual (150 users), 2 unknown");

  // The export is an overrides file the CLI reads: the same plan in CI.
  const [download] = await Promise.all([page.waitForEvent("download"), page.click("[data-testid=export-overrides]")]);
  assert.equal(download.suggestedFilename(), "overrides.toml");
  const exported = join(mkdtempSync(join(tmpdir(), "capcheck-pins-")), "overrides.toml");
  await download.saveAs(exported);
  const text = readFileSync(exported, "utf8");
  assert.match(text, /\n\[match\]\n"HR Portal X" = false\nHashiCorp = "hashicorp-vault"\n$/);
  const cli = JSON.parse(execFileSync(CLI, ["plan", "--inventory", PINS_INVENTORY, "--overrides", exported, "--format", "json"], { encoding: "utf8" }));
  assert.deepEqual(cli.diagnostics, []);
  const byName = Object.fromEntries(cli.apps.map((a) => [a.name, a]));
  assert.equal(byName.HashiCorp.record, "hashicorp-vault");
  assert.equal(byName.HashiCorp.via, "override");
  assert.equal(byName["HR Portal X"].match, "no-record");
  assert.equal(byName.Stonlie.match, "unmatched");

  // Forgetting the apps forgets the pins too, after asking.
  page.once("dialog", (d) => d.accept());
  await page.click("[data-testid=forget-apps]");
  await page.waitForSelector("[data-testid=plan-empty]");
  assert.equal(await page.evaluate(() => localStorage.getItem("capcheck.overrides.v1")), null);
  assert.equal(await page.isDisabled("[data-testid=export-overrides]"), true);
  assert.deepEqual(errors, []);
  await context.close();
});

test("saved pins that cannot be read are kept aside and replaced only after asking", async () => {
  const { context, page, errors } = await open(`${server.url}#/plan`);
  await page.evaluate(() => localStorage.setItem("capcheck.overrides.v1", "[not pins"));
  await page.reload();
  await catalogueMerged(page);
  assert.match(await page.textContent(".notice"), /pinned matches could not be read/);
  assert.equal(await page.evaluate(() => localStorage.getItem("capcheck.overrides.v1.unreadable")), "[not pins");
  await page.setInputFiles("[data-testid=inventory-file]", PINS_INVENTORY);
  await page.waitForSelector("[data-testid=plan-pins]");
  let asked = "";
  page.once("dialog", (d) => { asked = d.message(); d.dismiss(); });
  await page.selectOption("[data-testid=plan-pins] tr[data-app=HashiCorp] select", "hashicorp-terraform");
  await page.waitForSelector("[data-testid=plan-pins] tr[data-app=HashiCorp] [data-testid=pin-current]");
  assert.match(asked, /pinned matches could not be read/);
  assert.equal(await page.evaluate(() => localStorage.getItem("capcheck.overrides.v1")), "[not pins", "not replaced without a yes");
  assert.deepEqual(errors, []);
  await context.close();
});
