// The offboarding plan in the browser: load the company's app list, see the plan and its charts,
// find it kept after a reload, and forget it (asked first). Nothing leaves the browser.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { serve, open, shots, catalogueMerged } from "./harness.mjs";

const INVENTORY = join(dirname(fileURLToPath(import.meta.url)), "..", "fixtures", "inventory", "browser.csv");

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
  page.once("dialog", (d) => d.accept());
  await page.click("[data-testid=forget-apps]");
  await page.waitForSelector("[data-testid=plan-empty]");
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
