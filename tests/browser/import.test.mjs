// Importing a guide page in the browser: paste it, see the record and the warnings, add it to
// the session's dataset, and find the app in the explorer with its findings.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { serve, open, shots } from "./harness.mjs";

const fixtures = join(dirname(fileURLToPath(import.meta.url)), "..", "fixtures");
const CLARI = readFileSync(join(fixtures, "seeds", "001_134eba3fcba4906b.txt"), "utf8");
const ACME = readFileSync(join(fixtures, "import", "acme-markdown.md"), "utf8");
const BOLT = readFileSync(join(fixtures, "import", "bolt-plain-crlf-cut.txt"), "utf8");
const WREN = readFileSync(join(fixtures, "import", "wren-untitled-markdown.md"), "utf8");

let server;
before(async () => { server = await serve(); });
after(() => server?.stop());

async function paste(page, text) {
  await page.fill("[data-testid=import-text]", text);
}

async function fieldRow(page, app, field) {
  const row = page.locator(`[data-testid=import-record][data-app="${app}"] tr[data-field="${field}"]`);
  return row.locator("td").allTextContents();
}

test("a pasted seed page shows its record with line numbers; an app already there is replaced only on request", async () => {
  const { context, page, errors } = await open(server.url);
  await page.click("[data-testid=import-open]");
  await paste(page, CLARI);
  await page.waitForSelector("[data-testid=import-record][data-app=clari]");
  // The page's own record and the three related apps.
  const apps = await page.$$eval("[data-testid=import-record]", (els) => els.map((e) => e.dataset.app));
  assert.deepEqual(apps, ["clari", "6sense", "alkami", "amazing-hiring"]);
  assert.equal(await page.locator("[data-testid=import-warnings]").count(), 0, "a seed reads cleanly");
  assert.deepEqual(await fieldRow(page, "clari", "user_api"), ["user_api", "no", "20"]);
  assert.deepEqual(await fieldRow(page, "clari", "rate_limits.headers"), ["rate_limits.headers", 'not documented ("No")', "40"]);
  assert.deepEqual(await fieldRow(page, "clari", "sso.idps"), ["sso.idps", "okta, entra (inferred)", "72"]);
  await shots(page, "import-seed");

  // Every app on the page is already in the built-in dataset: nothing is added without asking.
  assert.equal(await page.isDisabled("[data-testid=import-add]"), true);
  assert.match(await page.textContent("[data-testid=import-clash]"), /clari, 6sense, alkami, amazing-hiring/);
  await page.fill("input[type=search]", "clari");
  const before = await page.textContent("tr[data-app=clari] td.counts");
  await page.click("[data-testid=import-replace]");
  assert.match(await page.textContent("[data-testid=import-added]"), /clari/);
  assert.match(await page.textContent(".dataset-label"), /imported clari/);
  const after = await page.textContent("tr[data-app=clari] td.counts");
  assert.notEqual(after.trim(), "none", "the replaced record is checked");
  // The import reproduces the record, and the facts a reviewer curated are kept: same findings.
  assert.equal(after, before);
  assert.deepEqual(errors, []);
  await context.close();
});

test("a new app is added to the dataset and the explorer shows it with findings; warnings name their lines", async () => {
  const { context, page, errors } = await open(server.url);
  await page.click("[data-testid=import-open]");
  await paste(page, BOLT);
  await page.waitForSelector("[data-testid=import-warnings]");
  const warnings = await page.textContent("[data-testid=import-warnings]");
  assert.match(warnings, /line 22:24 field pagination\.default_page_size: `lots` is not a page size/);
  assert.match(warnings, /line 24:5: `Frobnication level` is not a row this importer knows/);
  assert.match(warnings, /line 37:16: the page stops mid-line here/);
  await shots(page, "import-warnings");

  await paste(page, ACME);
  await page.waitForSelector("[data-testid=import-record][data-app=acme-hr]");
  assert.deepEqual(await fieldRow(page, "acme-hr", "scim.plan_tier"), ["scim.plan_tier", "business", "43"]);
  assert.equal(await page.isDisabled("[data-testid=import-add]"), false);
  await page.click("[data-testid=import-add]");
  assert.match(await page.textContent("[data-testid=import-added]"), /acme-hr/);
  await page.fill("input[type=search]", "acme");
  await page.waitForSelector("tr[data-app=acme-hr]");
  assert.equal(await page.textContent("[data-testid=app-count]"), "Showing 1 of 851 apps");
  const cells = await page.locator("tr[data-app=acme-hr] td").allTextContents();
  assert.equal(cells[0], "Acme HR");
  assert.notEqual(cells.at(-1).trim(), "none", `findings for the imported app: ${cells.join(" | ")}`);
  await shots(page, "import-added");
  assert.deepEqual(errors, []);
  await context.close();
});

test("a page without a title asks for the app's name, then shows its API, endpoints and offboarding facts", async () => {
  const { context, page, errors } = await open(server.url);
  await page.click("[data-testid=import-open]");
  await paste(page, WREN);
  await page.waitForSelector("[data-testid=import-name]");
  assert.equal(await page.locator("[data-testid=import-record]").count(), 0, "no record until it is named");
  assert.equal(await page.locator("[data-testid=import-nothing]").count(), 0);
  await page.fill("[data-testid=import-name]", "Wren Payroll");
  await page.waitForSelector("[data-testid=import-record][data-app=wren-payroll]");
  assert.deepEqual(await fieldRow(page, "wren-payroll", "api.base_url"), ["api.base_url", "https://api.wren.example/v1", "10"]);
  assert.deepEqual(await fieldRow(page, "wren-payroll", "api.endpoints[4]"), ["api.endpoints[4]", "deactivate: PATCH /v1/admins/{id}", "39"]);
  assert.deepEqual(await fieldRow(page, "wren-payroll", "api.scopes[1]"), ["api.scopes[1]", "admins:write", "24"]);
  assert.deepEqual(await fieldRow(page, "wren-payroll", "rate_limits.requests"), ["rate_limits.requests", "60", "43"]);
  assert.deepEqual(
    await fieldRow(page, "wren-payroll", "lifecycle.idp_removal_deactivates"),
    ["lifecycle.idp_removal_deactivates", "no (inferred)", "4"],
  );
  const warnings = await page.textContent("[data-testid=import-warnings]");
  assert.match(warnings, /`Sandbox` is not a row this importer knows/);
  assert.doesNotMatch(warnings, /after its file/, "the form asks for the name instead");
  await shots(page, "import-untitled");
  await page.click("[data-testid=import-add]");
  assert.match(await page.textContent("[data-testid=import-added]"), /wren-payroll/);
  assert.deepEqual(errors, []);
  await context.close();
});
