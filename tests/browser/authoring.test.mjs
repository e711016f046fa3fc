// Rule authoring in the browser, in real headless Chromium: examples that run as you type, why a
// finding fired, and the findings an edit adds.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { serve, open, shots } from "./harness.mjs";

let server;
before(async () => { server = await serve(); });
after(() => server?.stop());

const JIT_RULE = "jit-only-manual-deprovisioning";

async function setRuleText(page, text) {
  await page.fill("[data-testid=rule-text]", text);
}

async function summaryIs(page, want) {
  await page.waitForFunction(
    (w) => document.querySelector("[data-testid=examples-summary]")?.textContent === w, want);
}

test("a rule's examples pass, fail as an edit breaks one, and pass again when it is undone", async () => {
  const { context, page, errors } = await open(server.url + `#/rules/${JIT_RULE}`);
  await page.waitForSelector("[data-testid=examples-summary]");
  await summaryIs(page, "6 passed, 0 failed");
  assert.equal(await page.locator("[data-testid=example][data-passed=true]").count(), 6);

  const original = await page.inputValue("[data-testid=rule-text]");
  // Treating "SCIM not documented" as "no SCIM" breaks the example that documents the difference.
  const broken = original.replace('if app.scim.available == "no"', 'if app.scim.available != "yes"');
  assert.notEqual(broken, original);
  await setRuleText(page, broken);
  await summaryIs(page, "5 passed, 1 failed");
  const failed = page.locator("[data-testid=example][data-passed=false]");
  assert.equal(await failed.count(), 1);
  const text = await failed.textContent();
  assert.match(text, /SCIM not documented is not the same as no SCIM/);
  assert.match(text, /expected\s*not flagged\s*got\s*flagged/);
  await shots(page, "authoring-examples");

  // A misspelt field in an example is named at its line, with a suggestion; the others still run.
  await setRuleText(page, original.replace('sso: #{ jit: "yes" }, user_api: "no" },\n            flagged: true,\n            message',
    'sso: #{ jitt: "yes" }, user_api: "no" },\n            flagged: true,\n            message'));
  await page.waitForSelector("[data-testid=example-errors]");
  const problems = await page.textContent("[data-testid=example-errors]");
  assert.match(problems, /^\d+:\d+ example `JIT only: no SCIM, no user API` sets `app\.sso\.jitt`/);
  assert.match(problems, /did you mean `app\.sso\.jit`\?/);
  assert.match(await page.textContent("[data-testid=examples-summary]"), /^5 passed, 0 failed, 1 with errors$/);

  await setRuleText(page, original);
  await summaryIs(page, "6 passed, 0 failed");
  assert.deepEqual(errors, []);
  await context.close();
});

test("a rule without examples says how to add them", async () => {
  const { context, page, errors } = await open(server.url + `#/rules/${JIT_RULE}`);
  await page.waitForSelector("[data-testid=examples-summary]");
  const original = await page.inputValue("[data-testid=rule-text]");
  const start = original.indexOf("fn examples()");
  const end = original.indexOf("\n}\n", start) + 3;
  await setRuleText(page, original.slice(0, start) + original.slice(end));
  await page.waitForFunction(() => /^No examples/.test(document.querySelector("[data-testid=examples-summary]").textContent));
  assert.deepEqual(errors, []);
  await context.close();
});

test("Clari's manual-deprovisioning finding shows why: each condition's value", async () => {
  const { context, page, errors } = await open(server.url + `#/apps/clari/findings/${JIT_RULE}`);
  const card = page.locator(`article.finding[data-rule=${JIT_RULE}]`);
  await card.locator("[data-testid=why]").waitFor();
  const rows = await card.locator("[data-testid=why] tr").evaluateAll((trs) =>
    trs.map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent.trim())));
  // The whole condition first (it spans two lines of the rule), then each part of it.
  assert.match(rows[0][1], /^if app\.scim\.available == "no" && app\.sso\.jit == "yes" && app\.user_api != "yes"\s+&& app\.inventory\.idp_push_deactivation != "yes"$/);
  assert.equal(rows[0][2], "true");
  assert.deepEqual(rows.slice(1).map((r) => [r[1], r[2]]), [
    ['app.scim.available == "no"', "true"],
    ['app.sso.jit == "yes"', "true"],
    ['app.user_api != "yes"', "true"],
    ['app.inventory.idp_push_deactivation != "yes"', "true"],
  ]);
  assert.match(rows[2][0], /^\d+:\d+$/, "each condition has its line and column");
  // The fields read, with the line of the page each value came from.
  assert.match(await card.locator("table.evidence").textContent(), /app\.sso\.jit.*001_134eba3fcba4906b\.txt:16/s);
  await card.scrollIntoViewIfNeeded();
  await shots(page, "authoring-why");
  assert.deepEqual(errors, []);
  await context.close();
});

test("an app the rule does not flag shows which condition was false and what was not evaluated", async () => {
  const { context, page, errors } = await open(server.url + `#/rules/${JIT_RULE}`);
  await page.waitForSelector("[data-testid=flag-count]");
  const original = await page.inputValue("[data-testid=rule-text]");
  // Widen the rule so Stitch (JIT not documented) is flagged, then open Stitch's finding.
  await setRuleText(page, original.replace('app.sso.jit == "yes"', '(app.sso.jit == "yes" || app.sso.idps == ["okta"])'));
  await page.waitForFunction(() => document.querySelector("[data-testid=flag-count]").textContent === "Flags 3 of 850 apps");
  await page.goto(server.url + `#/apps/stitch/findings/${JIT_RULE}`);
  const card = page.locator(`article.finding[data-rule=${JIT_RULE}]`);
  await card.locator("[data-testid=why]").waitFor();
  const rows = await card.locator("[data-testid=why] tr").evaluateAll((trs) =>
    trs.map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent.trim())));
  const byText = Object.fromEntries(rows.map((r) => [r[1], r[2]]));
  assert.equal(byText['app.sso.jit == "yes"'], "false");
  assert.equal(byText['app.sso.idps == ["okta"]'], "true");
  assert.deepEqual(errors, []);
  await context.close();
});

test("an edit lists the findings it adds, with their messages", async () => {
  const { context, page, errors } = await open(server.url + `#/rules/${JIT_RULE}`);
  await page.waitForSelector("[data-testid=flag-count]");
  assert.equal(await page.locator("[data-testid=impact-list]").count(), 0, "no list before an edit");
  const original = await page.inputValue("[data-testid=rule-text]");
  await setRuleText(page, original.replace('app.sso.jit == "yes"', '(app.sso.jit == "yes" || app.sso.idps == ["okta"])'));
  await page.waitForSelector("[data-testid=impact-added]");
  const added = await page.locator("[data-testid=impact-added]").allTextContents();
  assert.equal(added.length, 1);
  assert.match(added[0], /^\+ high Stitch: Stitch creates accounts by SAML JIT only/);
  assert.equal(await page.locator("[data-testid=impact-removed]").count(), 0);

  // Changing the message changes every finding, and narrowing the rule removes one.
  await setRuleText(page, original
    .replace('app.scim.available == "no" && app.sso.jit == "yes"', 'app.scim.available == "no" && app.sso.jit == "yes" && app.id != "spendesk"')
    .replace("so deprovisioning is manual", "so removal is manual"));
  await page.waitForSelector("[data-testid=impact-removed]");
  assert.match(await page.textContent("[data-testid=impact-removed]"), /^- high Spendesk: /);
  assert.match(await page.textContent("[data-testid=impact-changed]"), /^~ high Clari: .*so removal is manual/);
  await shots(page, "authoring-impact");
  assert.deepEqual(errors, []);
  await context.close();
});
