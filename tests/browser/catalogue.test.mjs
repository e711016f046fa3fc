// The SCIM Tax Index in the browser: fetched after the first render and merged with the seed
// pages; an app page shows each disputed fact with every source's value and the attribution; the
// explorer filters on "sources disagree".
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { serve, open, shots } from "./harness.mjs";

let server;
before(async () => { server = await serve(); });
after(() => server?.stop());

test("a disputed fact shows every source's value, and the explorer filters on disagreement", async () => {
  const { context, page, errors } = await open(server.url);
  assert.equal(await page.textContent("[data-testid=app-count]"), "Showing 850 of 850 apps");
  assert.match(await page.textContent(".dataset-label"), /SCIM Tax Index/);

  await page.check("[data-filter=disputes]");
  await page.waitForFunction(() => document.querySelector("[data-testid=app-count]")?.textContent.startsWith("Showing 3 of 850"));
  await shots(page, "catalogue-disputes-filter");

  await page.goto(`${server.url}#/apps/stonly`);
  await page.waitForSelector("[data-testid=disputes]");
  const rows = await page.$$eval("[data-testid=disputes] tr[data-field='scim.available'] td", (tds) => tds.map((t) => t.textContent.trim()));
  const text = rows.join(" | ");
  assert.match(text, /scim-tax\.csv:709/, text);
  assert.match(text, /002_f60aff4cd5dbd6b5\.txt:68/, text);
  assert.match(text, /✓ yes/, text);
  assert.match(text, /✗ no/, text);
  const attribution = await page.textContent("[data-testid=attribution]");
  assert.match(attribution, /SCIM Tax Index \(Iden, 2026\), CC-BY 4\.0, https:\/\/scimtax\.org\//);
  await page.locator("[data-testid=disputes]").scrollIntoViewIfNeeded();
  await shots(page, "catalogue-app-page-disputes");
  assert.deepEqual(errors, []);
  await context.close();
});
