// End-to-end test of the dashboard in real headless Chromium, as a user would use it:
// a store built from the sample articles (plus a hostile article), the dyad chart, an
// event's evidence, the article view, and an XSS check. Screenshots go to
// $DETENTE_ARTIFACTS (default tests/browser/artifacts). Exits non-zero on failure.
import { spawn } from "node:child_process";
import { mkdirSync } from "node:fs";
import { chromium } from "playwright-core";

const root = new URL("../../", import.meta.url).pathname;
const binary = process.env.DETENTE_BIN || `${root}target/debug/detente`;
const browserPath = process.env.CHROMIUM || "/usr/bin/chromium";
const artifacts = process.env.DETENTE_ARTIFACTS || `${root}tests/browser/artifacts`;
const port = 20000 + Math.floor(Math.random() * 20000);
const base = `http://127.0.0.1:${port}`;
const token = "browser-test-token";
mkdirSync(artifacts, { recursive: true });

let passed = 0;
let failed = 0;
async function check(name, fn) {
  try {
    await fn();
    passed++;
    console.log(`ok - ${name}`);
  } catch (err) {
    failed++;
    console.log(`FAILED - ${name}: ${err.message}`);
  }
}
function expect(condition, message) {
  if (!condition) throw new Error(message);
}

const server = spawn(binary, ["demo", "--serve", "--addr", `127.0.0.1:${port}`], { env: { ...process.env, DETENTE_TOKEN: token }, stdio: ["ignore", "ignore", "pipe"] });
await new Promise((resolve, reject) => {
  const timer = setTimeout(() => reject(new Error("server did not start in 60 s")), 60000);
  server.stderr.on("data", (chunk) => { if (String(chunk).includes("serving the dashboard")) { clearTimeout(timer); resolve(); } });
  server.on("exit", (code) => reject(new Error(`server exited with ${code}`)));
});

// A hostile article: markup and script in its title and text.
const hostile = {
  id: "xss", url: "https://evil.example/x", source: "<img src=x onerror=window.__xss=1>", published: "2024-06-13",
  title: "<script>window.__xss=1</script><b>Armenia</b> accuses Azerbaijan",
  text: "Armenia accused Azerbaijan of <img src=x onerror=\"window.__xss=1\"> attacks on Thursday. <script>window.__xss=1</script>",
};
const posted = await fetch(`${base}/v1/articles`, { method: "POST", headers: { authorization: `Bearer ${token}`, "content-type": "application/json" }, body: JSON.stringify(hostile) });
const postedBody = await posted.json();

const browser = await chromium.launch({ executablePath: browserPath, args: ["--no-sandbox"] });
const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
const pageErrors = [];
page.on("pageerror", (err) => pageErrors.push(err.message));

try {
  await check("the hostile article was stored", async () => expect(posted.ok && postedBody.added === 1, JSON.stringify(postedBody)));

  await check("dyad chart renders one point per period", async () => {
    const trend = await (await fetch(`${base}/v1/trend?dyad=ARM:AZE&by=day`)).json();
    await page.goto(`${base}/#/dyad`);
    await page.fill("#dyad-a", "ARM");
    await page.fill("#dyad-b", "AZE");
    await page.selectOption("#dyad-by", "day");
    await page.click("#dyad-form button[type=submit]");
    // Locators wait from Playwright's own script world: a function polled in the page would
    // need eval, which the dashboard's Content-Security-Policy (rightly) forbids.
    await page.locator("#dyad-chart[data-points]").waitFor({ state: "attached" });
    const points = Number(await page.getAttribute("#dyad-chart", "data-points"));
    expect(points === trend.periods.length && points > 0, `chart has ${points} points, API has ${trend.periods.length}`);
    const drawn = await page.evaluate(() => window.detenteChart.data.labels.length);
    expect(drawn === points, `chart object has ${drawn} labels`);
    await page.screenshot({ path: `${artifacts}/dyad.png` });
  });

  await check("clicking a period lists its events with evidence", async () => {
    const box = await page.locator("#dyad-chart").boundingBox();
    const meta = await page.evaluate(() => {
      const chart = window.detenteChart;
      return { x: chart.scales.x.getPixelForValue(0), y: (chart.chartArea.top + chart.chartArea.bottom) / 2 };
    });
    await page.mouse.click(box.x + meta.x, box.y + meta.y);
    await page.waitForSelector("#dyad-events tr.event-row", { timeout: 10000 });
    const rows = await page.locator("#dyad-events tr.event-row").count();
    expect(rows > 0, "no event rows");
    const trigger = await page.locator("#dyad-events mark.trigger").first().textContent();
    expect(trigger && trigger.length > 0, "no highlighted trigger");
  });

  await check("opening an event shows the article with its layers", async () => {
    await page.locator("#dyad-events tr.event-row").first().click();
    await page.waitForSelector("#article-text mark.layer-trigger", { timeout: 10000 });
    const actors = await page.locator("#article-text mark.layer-actor").count();
    expect(actors > 0, "no actor highlighted");
    await page.screenshot({ path: `${artifacts}/article.png`, fullPage: true });
  });

  await check("markup in article text is shown as text and never runs", async () => {
    const id = (await (await fetch(`${base}/v1/events?q=accused&limit=50`)).json()).events.map((e) => e.article_id).find(Boolean);
    const events = await (await fetch(`${base}/v1/events?limit=100`)).json();
    const xssEvent = events.events.find((e) => e.sentence && e.sentence.includes("<img"));
    const articleId = xssEvent ? xssEvent.article_id : id;
    await page.goto(`${base}/#/events`);
    await page.waitForSelector("#events-table tr.event-row");
    await page.goto(`${base}/#/article/${articleId}`);
    await page.waitForSelector("#article-title");
    const title = await page.textContent("#article-title");
    const text = await page.textContent("#article-text");
    expect(title.includes("<script>"), `title not shown literally: ${title}`);
    expect(text.includes("<img src=x"), "markup not shown literally");
    expect((await page.locator("#article img, #article script, #article b").count()) === 0, "markup became elements");
    expect((await page.evaluate(() => window.__xss)) === undefined, "injected script ran");
    await page.screenshot({ path: `${artifacts}/xss.png`, fullPage: true });
  });

  await check("the events table pages through the next cursor", async () => {
    const all = (await (await fetch(`${base}/v1/events?limit=500`)).json()).events.map((e) => String(e.id));
    expect(all.length > 6, `only ${all.length} events in the demo store`);
    await page.goto(`${base}/?page_size=3#/events`);
    await page.waitForSelector("#events-table tr.event-row");
    const shown = () => page.$$eval("#events-table tr.event-row", (rows) => rows.map((r) => r.dataset.event));
    expect((await shown()).length === 3, `first page has ${(await shown()).length} rows`);
    for (const expected of [6, 9]) {
      await page.click("#events-table button.more-events");
      await page.locator("#events-table tr.event-row").nth(expected - 1).waitFor({ state: "attached" });
    }
    const rows = await shown();
    expect(JSON.stringify(rows) === JSON.stringify(all.slice(0, 9)), `rows ${rows} are not the first events ${all.slice(0, 9)}`);
    await page.screenshot({ path: `${artifacts}/events-more.png`, fullPage: true });
  });

  await check("quotes by speaker", async () => {
    await page.goto(`${base}/#/quotes`);
    await page.fill("#quotes-speaker", "minister");
    await page.click("#quotes-form button[type=submit]");
    await page.waitForSelector("#quotes-list .quote-item");
    expect((await page.locator("#quotes-list .quote-item").count()) > 0, "no quotes");
  });

  await check("no script errors on the page", async () => expect(pageErrors.length === 0, pageErrors.join("; ")));
} finally {
  await browser.close();
  server.kill("SIGINT");
}

console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
