// Browser benchmark of the movie and person pages and the searches (prints figures,
// checks nothing): loads a dataset zip with the file picker in headless Chromium,
// then times the title and name searches keystroke by keystroke and the movie and
// person pages, each from the user's action until the page is drawn.
//
//   node tests/e2e/bench-pages.mjs ZIP
//
// For the full scale: python3 ../shared/bench/make_dataset.py --scale 1.0 --out /tmp/bench/full.zip

import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

import { launch, logLength, waitForLoad } from "./lib/browser.mjs";
import { typeAndTime } from "./checks/pages.mjs";
import { serve } from "./serve.mjs";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const zip = process.argv[2];
if (!zip || !existsSync(zip)) throw new Error(`usage: node tests/e2e/bench-pages.mjs ZIP (${zip ?? "none given"})`);
const mib = (bytes) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

const server = await serve(join(ROOT, "dist"));
const { page, close } = await launch();
await page.goto(`http://127.0.0.1:${server.address().port}/`);
await page.waitForFunction(() => window.__worker.log.some((m) => m.type === "ready"), null, { timeout: 60_000 });
const since = await logLength(page);
const started = Date.now();
await page.setInputFiles("#open-dataset", zip);
const end = await waitForLoad(page, since, 30 * 60_000);
if (end.type !== "finished") throw new Error(`the load ended with ${end.type}`);
console.log(`load: ${((Date.now() - started) / 1000).toFixed(1)} s; worker wasm memory at Finished ${mib(end.memory_bytes)}`);

/** Milliseconds from dispatching `event` on the element `selector` until `#page-title`
 *  reads something else than before and `ready` is in the page, plus the new title. */
async function timePage(selector, event, ready) {
  return page.evaluate(
    ({ selector, event, ready }) =>
      new Promise((done, fail) => {
        const before = document.querySelector("#page-title")?.textContent;
        const target = document.querySelector(selector);
        const started = performance.now();
        target.dispatchEvent(new MouseEvent(event, { bubbles: true, cancelable: true, button: 0 }));
        const wait = () => {
          const title = document.querySelector("#page-title")?.textContent;
          if (title && title !== before && document.querySelector(ready)) {
            requestAnimationFrame(() => done({ ms: Math.round(performance.now() - started), title }));
          } else if (performance.now() - started > 20_000) fail(new Error(`no page after ${selector}`));
          else requestAnimationFrame(wait);
        };
        wait();
      }),
    { selector, event, ready },
  );
}

for (const word of ["the", "love story", "a"]) {
  console.log(`title search, typing ${JSON.stringify(word)}: ${(await typeAndTime(page, "#title-search", word)).join(", ")} ms per keystroke`);
}
const movie = await timePage('#title-suggestions [role="option"]', "mousedown", "#movie-cast");
console.log(`movie page "${movie.title}": ${movie.ms} ms from the click to the page drawn`);
const person = await timePage("#movie-cast tbody tr:first-child a.person-link", "click", "#person-movies");
const movies = await page.$$eval("#person-movies tbody tr", (rows) => rows.length);
console.log(`person page "${person.title}": ${person.ms} ms, ${movies} movies listed`);
const back = await timePage("#person-movies tbody tr:first-child a.movie-link", "click", "#movie-cast");
console.log(`movie page "${back.title}" from the person's list: ${back.ms} ms`);
const name = person.title.split(" ")[0].toLowerCase();
for (const word of [name, "e", "an"]) {
  console.log(`name search, typing ${JSON.stringify(word)}: ${(await typeAndTime(page, "#person-search", word)).join(", ")} ms per keystroke`);
}
await close();
server.close();
