// Browser benchmark of the drill-down panel (prints figures, checks nothing): loads a
// dataset zip in headless Chromium, then clicks chart points and times each from the
// click to the worker's answer arriving, to the panel's movies in the page (DOM
// updated) and to the next frame.
//
//   node tests/e2e/bench-drill.mjs [ZIP]
//
// ZIP defaults to /tmp/bench/full.zip (45k movies), generated when absent (~3 min).

import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

import { launch, logLength, waitForLoad } from "./lib/browser.mjs";
import { serve } from "./serve.mjs";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const zip = process.argv[2] ?? "/tmp/bench/full.zip";
if (!existsSync(zip)) {
  if (zip !== "/tmp/bench/full.zip") throw new Error(`${zip} does not exist`);
  mkdirSync(dirname(zip), { recursive: true });
  console.log(`generating ${zip} (scale 1.0, about 3 minutes)…`);
  execFileSync("python3", ["/work/shared/bench/make_dataset.py", "--scale", "1.0", "--out", zip], { stdio: "inherit" });
}
console.log(`dataset: ${zip} (${(statSync(zip).size / 1024 / 1024).toFixed(1)} MiB)`);

const server = await serve(join(ROOT, "dist"));
const { page, close } = await launch();
const open = async (query) => {
  await page.goto(`http://127.0.0.1:${server.address().port}/${query}`);
  await page.waitForFunction(() => window.__worker.log.some((m) => m.type === "ready"), null, { timeout: 60_000 });
};
const load = async () => {
  const since = await logLength(page);
  await page.setInputFiles("#open-dataset", zip);
  const end = await waitForLoad(page, since, 30 * 60_000);
  if (end.type !== "finished") throw new Error(`the load ended with ${end.type}`);
  return end;
};

/**
 * Clicks the point `selector` (the panel closed first) and times, in the page, the
 * click → the panel's totals in the DOM → the next frame; with the movies listed.
 */
async function timeClick(selector) {
  if (await page.locator("#drill-panel").count()) await page.click("#drill-close");
  return page.evaluate(async (selector) => {
    const point = document.querySelector(selector);
    if (!point) return null;
    const label = point.getAttribute("aria-label");
    const shown = new Promise((done) => {
      const ready = () => document.querySelector("#drill-panel .drill-totals");
      const observer = new MutationObserver(() => {
        if (ready()) {
          observer.disconnect();
          done(performance.now());
        }
      });
      observer.observe(document.body, { subtree: true, childList: true });
    });
    const started = performance.now();
    point.dispatchEvent(new MouseEvent("click", { bubbles: true }));
    const dom = await shown;
    await new Promise((done) => requestAnimationFrame(() => done()));
    const frame = performance.now();
    const rows = document.querySelectorAll("#drill-panel tbody tr").length;
    const answer = window.__worker.log.findLast((m) => m.type === "movies")?.t;
    const movies = document.querySelector('#drill-panel .drill-totals td[data-total="movies"]')?.innerText;
    return { label, answer: answer - started, dom: dom - started, frame: frame - started, rows, movies };
  }, selector);
}

const results = [];
// The companies view preselects the three biggest companies: their points, every
// tenth year; then the biggest genre cells of the heatmap.
await open("?view=companies");
const end = await load();
const years = await page.$$eval("#company-metric .point", (points) => points.map((p) => p.getAttribute("data-y")));
for (const y of years.filter((_, i) => i % 10 === 0)) {
  results.push({ chart: "company budget", ...(await timeClick(`#company-metric .point[data-y="${y}"]`)) });
}
await page.click("#tab-genres");
await page.waitForSelector("#genre-metric .point");
const cells = await page.$$eval("#genre-metric .point", (points) =>
  points.map((p) => ({ s: p.getAttribute("data-s"), y: p.getAttribute("data-y") })),
);
// Drama and Comedy of recent years hold the most movies.
for (const genre of ["Drama", "Comedy"]) {
  for (const year of ["2014", "2015", "2016"]) {
    const selector = `#genre-metric .point[data-y="${year}"][aria-label^="${genre} · "]`;
    if (cells.some((c) => c.y === year)) results.push({ chart: "genre heatmap", ...(await timeClick(selector)) });
  }
}
await close();
server.close();

const shown = results.filter((r) => r.dom != null);
console.log(`\n${end.manifest.tables.movies_master.rows} movies; click → drill-down panel (headless Chromium):`);
for (const r of shown) {
  const what = r.label.split(" · ").slice(0, 2).join(" · ");
  console.log(
    `  ${r.chart.padEnd(15)} ${what.slice(0, 40).padEnd(40)} ${String(r.movies).padStart(5)} movies  answer ${r.answer.toFixed(1).padStart(5)} ms  DOM ${r.dom.toFixed(1).padStart(5)} ms  next frame ${r.frame.toFixed(1).padStart(5)} ms`,
  );
}
const sorted = shown.map((r) => r.frame).sort((a, b) => a - b);
if (sorted.length) {
  const median = sorted[Math.floor(sorted.length / 2)];
  console.log(`  next frame: median ${median.toFixed(1)} ms, max ${sorted.at(-1).toFixed(1)} ms over ${sorted.length} clicks (budget 100 ms)`);
}
