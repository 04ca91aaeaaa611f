// Browser benchmark (prints figures, checks nothing): loads a dataset zip with the file
// picker in headless Chromium, exports it (zip, and into a folder) and times it all against the
// `movies` command.
//
//   node tests/e2e/bench.mjs [ZIP] [--view genres|companies]
//
// ZIP defaults to /tmp/bench/full.zip, generated at full scale when absent (~3 min).

import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

import { launch, logLength, waitForLoad } from "./lib/browser.mjs";
import { GENERATOR } from "./lib/data.mjs";
import { serve } from "./serve.mjs";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const DIST = join(ROOT, "dist");
const CLI = join(ROOT, "target/release/movies");
const args = process.argv.slice(2);
const viewAt = args.indexOf("--view");
const view = viewAt >= 0 ? args.splice(viewAt, 2)[1] : "genres";
const zip = args[0] ?? "/tmp/bench/full.zip";

const mib = (bytes) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
const sec = (ms) => `${(ms / 1000).toFixed(2)} s`;

if (!existsSync(zip)) {
  if (zip !== "/tmp/bench/full.zip") throw new Error(`${zip} does not exist`);
  mkdirSync(dirname(zip), { recursive: true });
  console.log(`generating ${zip} (scale 1.0, about 3 minutes)…`);
  if (!existsSync(GENERATOR)) throw new Error(`${zip} is absent and so is its generator ${GENERATOR}`);
  execFileSync("python3", [GENERATOR, "--scale", "1.0", "--out", zip], { stdio: "inherit" });
}

/**
 * Resident memory of the Chromium processes using `profile` (the browser and its
 * children): the total in bytes and the largest processes by kind.
 */
function chromiumRss(profile) {
  const ps = spawnSync("ps", ["-eo", "pid=,ppid=,rss=,args="], { encoding: "utf8" }).stdout.trim().split("\n");
  const procs = ps.map((line) => {
    const [pid, ppid, rss, ...rest] = line.trim().split(/\s+/);
    return { pid, ppid, rss: Number(rss) * 1024, args: rest.join(" ") };
  });
  const tree = new Set(procs.filter((p) => p.args.includes(profile)).map((p) => p.pid));
  for (let grew = true; grew; ) {
    grew = false;
    for (const p of procs) {
      if (tree.has(p.ppid) && !tree.has(p.pid)) {
        tree.add(p.pid);
        grew = true;
      }
    }
  }
  const mine = procs.filter((p) => tree.has(p.pid));
  const kind = (p) => p.args.match(/--type=([\w-]+)/)?.[1] ?? "browser";
  const parts = mine
    .sort((a, b) => b.rss - a.rss)
    .slice(0, 3)
    .map((p) => `${kind(p)} ${mib(p.rss)}`);
  return { total: mine.reduce((sum, p) => sum + p.rss, 0), parts };
}

console.log(`dataset: ${zip} (${mib(statSync(zip).size)})`);

// ---- the page ----
const server = await serve(DIST);
const origin = `http://127.0.0.1:${server.address().port}`;
const { context, page, profile, close } = await launch();
await page.goto(`${origin}/?view=${view}`);
await page.waitForFunction(() => window.__worker.log.some((m) => m.type === "ready"), null, { timeout: 60_000 });
const cdp = await context.newCDPSession(page);
await cdp.send("Performance.enable");

// The first chart: an svg added to the view after the file is picked, with a size.
await page.evaluate(() => {
  const before = new Set(document.querySelectorAll("main#view svg"));
  window.__chartAt = null;
  const observer = new MutationObserver(() => {
    for (const svg of document.querySelectorAll("main#view svg")) {
      if (!before.has(svg) && svg.getBoundingClientRect().height > 0) {
        window.__chartAt = performance.now();
        observer.disconnect();
        return;
      }
    }
  });
  observer.observe(document.body, { subtree: true, childList: true, attributes: true });
});

let heapPeak = 0;
let rssPeak = { total: 0, parts: [] };
let polling = true;
const poll = (async () => {
  while (polling) {
    try {
      const { metrics } = await cdp.send("Performance.getMetrics");
      const heap = metrics.find((m) => m.name === "JSHeapUsedSize")?.value ?? 0;
      heapPeak = Math.max(heapPeak, heap);
      const rss = chromiumRss(profile);
      if (rss.total > rssPeak.total) rssPeak = rss;
    } catch {
      // The page is busy or closing: the next poll will do.
    }
    await new Promise((ok) => setTimeout(ok, 250));
  }
})();

const since = await logLength(page);
await page.setInputFiles("#open-dataset", zip);
const end = await waitForLoad(page, since, 30 * 60_000);
polling = false;
await poll;
const times = await page.evaluate((since) => {
  const log = window.__worker.log.slice(since);
  const at = (type) => log.find((m) => m.type === type)?.t ?? null;
  const files = log.filter((m) => m.type === "file_done").map((m) => [m.file, m.elapsed_ms]);
  return { input: window.__worker.inputAt, chart: window.__chartAt, ready: at("movies_ready"), finished: at("finished"), files };
}, since);
const pageHeapNow = await page.evaluate(() => performance.memory?.usedJSHeapSize ?? 0);

// The company type-ahead over every company: from the input event to the next frame
// after the suggestions changed.
await page.click("#tab-companies");
await page.waitForSelector("#company-search");
const companyCount = await page.evaluate(() => window.__worker.log.findLast((m) => m.type === "movies_ready")?.companies);
const typeahead = [];
for (const query of ["w", "wa", "war", "warner bros", "pictures", "zzzz"]) {
  typeahead.push(
    await page.evaluate(async (query) => {
      const input = document.getElementById("company-search");
      const list = document.getElementById("company-suggestions");
      input.focus();
      const changed = new Promise((done) => {
        const observer = new MutationObserver(() => {
          observer.disconnect();
          done();
        });
        observer.observe(list, { subtree: true, childList: true, characterData: true, attributes: true });
      });
      const started = performance.now();
      input.value = query;
      input.dispatchEvent(new Event("input", { bubbles: true }));
      await Promise.race([changed, new Promise((done) => setTimeout(done, 5000))]);
      await new Promise((done) => requestAnimationFrame(done));
      return { query, ms: performance.now() - started, shown: list.querySelectorAll('[role="option"]').length };
    }, query),
  );
}
// Export all (the zip, deflated in the worker) and Export to a folder (the files
// uncompressed, written through the File System Access API into the origin-private
// file system, as into a folder the user picked).
await page.click("#tab-export");
await page.waitForSelector("#export-all:not([disabled])");
const exportStarted = Date.now();
const [download] = await Promise.all([page.waitForEvent("download", { timeout: 30 * 60_000 }), page.click("#export-all")]);
const zipPath = await download.path();
const exportMs = { zip: Date.now() - exportStarted, zipBytes: statSync(zipPath).size };
await download.delete();
await page.evaluate(async () => {
  const dir = await (await navigator.storage.getDirectory()).getDirectoryHandle("bench-export", { create: true });
  window.showDirectoryPicker = async () => dir;
});
const folderStarted = Date.now();
await page.click("#export-folder");
await page.getByText(/^Written to the folder bench-export/).waitFor({ timeout: 30 * 60_000 });
exportMs.folder = Date.now() - folderStarted;
exportMs.folderText = await page.getByText(/^Written to the folder bench-export/).innerText();
await page.evaluate(async () => (await navigator.storage.getDirectory()).removeEntry("bench-export", { recursive: true }));
await close();
server.close();
if (end.type !== "finished") throw new Error(`the load ended with ${end.type}: ${JSON.stringify(end.error ?? "")}`);

// ---- the command ----
const out = "/tmp/x";
rmSync(out, { recursive: true, force: true });
const started = process.hrtime.bigint();
execFileSync(CLI, ["process", zip, "--out", out, "--quiet"], { stdio: "inherit" });
const cliMs = Number(process.hrtime.bigint() - started) / 1e6;
const cliManifest = JSON.parse(readFileSync(join(out, "manifest.json"), "utf8"));
const same = JSON.stringify(cliManifest.tables) === JSON.stringify(end.manifest.tables);

// ---- figures ----
const since0 = (t) => (t == null || times.input == null ? "n/a" : sec(t - times.input));
console.log(`\nbrowser (headless Chromium, file picker, view=${view}):`);
console.log(`  input event → first chart visible   ${since0(times.chart)}`);
console.log(`  input event → MoviesReady           ${since0(times.ready)}`);
console.log(`  input event → Finished (all tables) ${since0(times.finished)}`);
for (const [file, ms] of times.files) console.log(`    ${file.padEnd(31)} ${sec(ms)}`);
console.log(`  peak JS heap of the page            ${mib(heapPeak)} (now ${mib(pageHeapNow)})`);
console.log(`  worker wasm memory at Finished      ${mib(end.memory_bytes)}`);
console.log(`  peak RSS of all Chromium processes  ${mib(rssPeak.total)} (largest: ${rssPeak.parts.join(", ")})`);
console.log(`  company type-ahead over ${companyCount ?? "?"} companies (input event → next frame):`);
for (const { query, ms, shown } of typeahead) console.log(`    ${JSON.stringify(query).padEnd(14)} ${ms.toFixed(1)} ms, ${shown} shown`);
console.log(`  Export all (zip)                     ${sec(exportMs.zip)}, ${mib(exportMs.zipBytes)}`);
console.log(`  Export to a folder                  ${sec(exportMs.folder)} (${exportMs.folderText})`);
console.log(`command (movies process ZIP --out ${out}):`);
console.log(`  wall time                           ${sec(cliMs)}`);
console.log(`  browser Finished / command          ${((times.finished - times.input) / cliMs).toFixed(2)}×`);
console.log(`  Export all (zip) / command          ${(exportMs.zip / cliMs).toFixed(2)}×`);
console.log(`  Export to a folder / command        ${(exportMs.folder / cliMs).toFixed(2)}×`);
console.log(`  same table row counts               ${same ? "yes" : "NO"}`);
for (const [table, { rows }] of Object.entries(end.manifest.tables)) console.log(`    ${table.padEnd(20)} ${rows}`);
console.log("dist/*.wasm:");
for (const file of readdirSync(DIST).filter((f) => f.endsWith(".wasm"))) {
  const bytes = readFileSync(join(DIST, file));
  console.log(`  ${file.padEnd(24)} ${mib(bytes.length)} raw, ${mib(gzipSync(bytes, { level: 9 }).length)} gzipped`);
}
