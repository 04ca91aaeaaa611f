// Browser checks of the movie and person pages (`?movie=`, `?person=`) and of the
// title and name searches, on the embedded sample, a hostile copy of it and the real
// rows. run.mjs calls `pagesChecks` once, passing its page, helpers and inputs.

import assert from "node:assert/strict";
import { join } from "node:path";

/** Types `text` into the search `input` one character at a time; for each, the
 *  milliseconds from the input event until the suggestions answering it are drawn
 *  (measured in the page; printed, never asserted). */
export async function typeAndTime(page, input, text) {
  await page.fill(input, "");
  const times = [];
  for (let end = 1; end <= text.length; end++) {
    const typed = text.slice(0, end);
    times.push(
      await page.evaluate(
        ({ input, typed }) =>
          new Promise((done, fail) => {
            const box = document.querySelector(input);
            const list = document.getElementById(box.getAttribute("aria-controls"));
            box.value = typed;
            const started = performance.now();
            box.dispatchEvent(new Event("input", { bubbles: true }));
            const wait = () => {
              if (list.dataset.for === typed.trim()) done(Math.round(performance.now() - started));
              else if (performance.now() - started > 10_000) fail(new Error(`no answer for ${typed}`));
              else requestAnimationFrame(wait);
            };
            wait();
          }),
        { input, typed },
      ),
    );
  }
  return times;
}

/** The option texts of a search's listbox. */
async function options(page, input) {
  return page.$$eval(`#${(await page.getAttribute(input, "aria-controls"))} [role="option"] .suggestion-name`, (o) =>
    o.map((e) => e.textContent),
  );
}

/** Runs the checks. */
export async function pagesChecks({ check, skip, page, open, pick, until, SAMPLE, REAL_FILES, realPresent, cliSample, readTable, hostileZip, tmp, dialogs, SHOTS }) {
  const movies = readTable(cliSample, "movies_master");
  const cast = readTable(cliSample, "cast_master");
  // A sample movie with cast, its first-billed actor and a distinctive title word.
  const castOf = (id) => cast.filter((c) => c.movie_id === id).sort((a, b) => Number(a.order || 1e9) - Number(b.order || 1e9));
  const titled = (title) => movies.filter((m) => m.title === title).length;
  const named = (name) => new Set(cast.filter((c) => c.name === name).map((c) => c.person_id)).size;
  const movie = movies.find((m) => m.title && m.title.length > 6 && titled(m.title) === 1 && castOf(m.id)[0]?.person_id && named(castOf(m.id)[0].name) === 1);
  const first = castOf(movie.id)[0];

  await check("movie page: a title search on the sample opens the movie's page with its cast in billing order", async () => {
    await open();
    const end = await pick([SAMPLE]);
    assert.equal(end.type, "finished", JSON.stringify(end));
    const typed = movie.title.slice(0, 6);
    const times = await typeAndTime(page, "#title-search", typed);
    const titles = await options(page, "#title-search");
    assert.ok(titles.includes(movie.title), `${movie.title} among ${JSON.stringify(titles)}`);
    await page.click(`#title-suggestions [role="option"]:has-text(${JSON.stringify(movie.title)})`);
    await until("the movie page", async () => (await page.textContent("#page-title").catch(() => "")) === movie.title);
    assert.match(page.url(), new RegExp(`[?&]movie=${movie.id}(&|$)`));
    await page.waitForSelector("#movie-cast tbody tr");
    const firstName = await page.textContent("#movie-cast tbody tr:first-child td:nth-child(2)");
    assert.equal(firstName, first.name, "the first-billed actor first");
    const rowTitle = await page.textContent('#movie-row tr:has(th:text-is("title")) td');
    assert.equal(rowTitle, movie.title, "the cleaned row");
    await page.screenshot({ path: join(SHOTS, "movie-page-sample.png"), fullPage: true });
    return `"${typed}" typed: ${times.join(", ")} ms per keystroke to the suggestions; ${movie.title}: ${first.name} first`;
  });

  await check("person page: the actor's link from the movie page and a name search both lead to their page", async () => {
    await page.click("#movie-cast tbody tr:first-child a.person-link");
    await until("the person page", async () => (await page.textContent("#page-title").catch(() => "")) === first.name);
    assert.match(page.url(), new RegExp(`[?&]person=${first.person_id}(&|$)`));
    const titles = await page.$$eval("#person-movies a.movie-link", (a) => a.map((e) => e.textContent));
    assert.ok(titles.includes(movie.title), `${movie.title} among ${JSON.stringify(titles)}`);
    await page.click(`#person-movies a.movie-link:text-is(${JSON.stringify(movie.title)})`);
    await until("back on the movie page", async () => (await page.textContent("#page-title").catch(() => "")) === movie.title);
    const word = first.name.split(" ").at(-1);
    const times = await typeAndTime(page, "#person-search", word);
    const names = await options(page, "#person-search");
    assert.ok(names.includes(first.name), `${first.name} among ${JSON.stringify(names)}`);
    await page.keyboard.press("ArrowDown");
    const at = names.indexOf(first.name);
    for (let i = 0; i < at; i++) await page.keyboard.press("ArrowDown");
    await page.keyboard.press("Enter");
    await until("the person page again", async () => (await page.textContent("#page-title").catch(() => "")) === first.name);
    await page.screenshot({ path: join(SHOTS, "person-page-sample.png"), fullPage: true });
    await page.click(".page-heading .back");
    await page.waitForSelector('[role="tab"][aria-selected="true"]');
    assert.doesNotMatch(page.url(), /person=|movie=/, "back to the tab's view");
    return `"${word}" typed: ${times.join(", ")} ms per keystroke; ${titles.length} movies listed`;
  });

  await check("movie page: a title made of markup is shown as text, nothing of it runs", async () => {
    const zip = hostileZip(SAMPLE, join(tmp, "hostile-pages.zip"));
    await open();
    const end = await pick([zip]);
    assert.equal(end.type, "finished");
    await typeAndTime(page, "#title-search", "alert(1)");
    const titles = await options(page, "#title-search");
    const hostile = titles.find((t) => t.includes("<script>"));
    assert.ok(hostile, `the markup title among ${JSON.stringify(titles)}`);
    await page.press("#title-search", "Enter");
    await until("the hostile movie's page", async () => (await page.textContent("#page-title").catch(() => "")) === hostile);
    assert.equal(await page.locator("#movie-page script, #movie-page img, .page-searches script").count(), 0);
    assert.deepEqual(dialogs, [], "no dialog opened");
    return `title ${JSON.stringify(hostile)} shown as text`;
  });

  if (!realPresent) {
    skip("movie and person pages on the real rows", "the real data folder is absent");
    return;
  }

  await check("real rows: ?movie=862 shows Toy Story, Tom Hanks first, John Lasseter directing, 247 ratings", async () => {
    await open("?movie=862");
    const end = await pick(REAL_FILES, 120_000);
    assert.equal(end.type, "finished", JSON.stringify(end));
    await until("Toy Story's page", async () => (await page.textContent("#page-title").catch(() => "")) === "Toy Story");
    await until("its ratings", async () => (await page.textContent("#ratings-count")) === "247");
    const firstName = await page.textContent("#movie-cast tbody tr:first-child td:nth-child(2)");
    assert.equal(firstName, "Tom Hanks");
    const directing = await page.textContent('#movie-crew .department:has(h4:text-is("Directing"))');
    assert.match(directing, /John Lasseter — Director/);
    assert.equal(await page.textContent("#movielens-ids"), "1");
    const bins = await page.$$eval("#movie-ratings tbody td.num", (tds) => tds.map((td) => Number(td.textContent.replace(/,/g, ""))));
    assert.equal(bins.reduce((a, b) => a + b, 0), 247, "the distribution adds up to the count");
    assert.match(await page.textContent("#movie-genres"), /Animation/);
    assert.match(await page.textContent("#movie-collection"), /Toy Story Collection/);
    await page.screenshot({ path: join(SHOTS, "movie-page-real.png"), fullPage: true });
    await page.emulateMedia({ colorScheme: "dark" });
    await page.screenshot({ path: join(SHOTS, "movie-page-real-dark.png"), fullPage: true });
    await page.emulateMedia({ colorScheme: "light" });
    return `Toy Story: Tom Hanks first, John Lasseter directing, 247 ratings, mean ${await page.textContent("#ratings-mean")}`;
  });

  await check("real rows: ?person=31 lists Toy Story among Tom Hanks' movies; the searches find both", async () => {
    await page.click('#movie-cast a.person-link:text-is("Tom Hanks")');
    await until("Tom Hanks' page", async () => (await page.textContent("#page-title").catch(() => "")) === "Tom Hanks");
    assert.match(page.url(), /[?&]person=31(&|$)/);
    const titles = await page.$$eval("#person-movies a.movie-link", (a) => a.map((e) => e.textContent));
    assert.ok(titles.includes("Toy Story"), JSON.stringify(titles));
    assert.match(await page.textContent("#person-years"), /1995/);
    await page.screenshot({ path: join(SHOTS, "person-page-real.png"), fullPage: true });
    const nameTimes = await typeAndTime(page, "#person-search", "lasseter");
    assert.equal((await options(page, "#person-search"))[0], "John Lasseter");
    assert.match(await page.textContent("#person-suggestions [role='option']"), /Director/);
    const titleTimes = await typeAndTime(page, "#title-search", "toy sto");
    assert.equal((await options(page, "#title-search"))[0], "Toy Story");
    await page.screenshot({ path: join(SHOTS, "title-search-real.png") });
    await page.press("#title-search", "Enter");
    await until("Toy Story again", async () => (await page.textContent("#page-title").catch(() => "")) === "Toy Story");
    // A fresh page opened on ?person=31 asks for it once the load is done.
    await open("?person=31");
    await pick(REAL_FILES, 120_000);
    await until("Tom Hanks' page from the URL", async () => (await page.textContent("#page-title").catch(() => "")) === "Tom Hanks");
    return `${titles.length} movies; keystrokes: names ${nameTimes.join(", ")} ms, titles ${titleTimes.join(", ")} ms`;
  });
}
