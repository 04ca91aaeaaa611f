// End-to-end checks of the drill-down panel ("every number leads to its movies"):
// a click, or Enter on a focused point, of a chart opens the movies behind the number;
// their budgets add up to the CLI's company_year / genre_year; the panel restores from
// the URL; its CSV download lists the same movies. Called by run.mjs with its helpers.

import assert from "node:assert/strict";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

import { check, skip } from "../lib/checks.mjs";
import { HOSTILE, hostileZip, parseCsv, readTable, runCli } from "../lib/data.mjs";

const money = (text) => Number(String(text).replace(/[$,\s]/g, ""));

/** The cells of the panel's list `which` ("known" or "unknown"), every row shown. */
async function panelRows(page, which) {
  const scope = page.locator(`#drill-panel .drill-${which}`);
  if (!(await scope.count())) return [];
  // "Show all N rows" sits right after the list's table.
  const more = page.locator(`#drill-panel .drill-${which} + button.show-all, #drill-panel .drill-${which} button.show-all`);
  if (await more.count()) await more.first().click();
  return scope.locator("table tbody tr").evaluateAll((trs) =>
    trs.map((tr) => [...tr.querySelectorAll("td")].map((c) => c.innerText.trim())),
  );
}

/** The panel as read from the page: heading, movie ids, budgets, the totals at the foot. */
async function readPanel(page) {
  await page.waitForSelector("#drill-panel .drill-totals", { timeout: 30_000 });
  const header = await page.locator("#drill-panel .drill-known thead th").allInnerTexts();
  const at = (label) => header.findIndex((h) => h.replace(/[↕▲▼]/g, "").trim() === label);
  const [idAt, budgetAt, flagAt] = [at("TMDB id"), at("Budget"), at("Error log")];
  const known = await panelRows(page, "known");
  const unknown = await panelRows(page, "unknown");
  const totals = await page.$$eval("#drill-panel .drill-totals td[data-total]", (tds) =>
    Object.fromEntries(tds.map((td) => [td.dataset.total, td.innerText.trim()])),
  );
  const knownFor = await page.$$eval("#drill-panel .drill-totals tr.known td", (tds) => tds.map((td) => td.innerText.trim()));
  return {
    title: await page.innerText("#drill-title"),
    number: await page.innerText("#drill-panel .drill-number"),
    ids: [...known, ...unknown].map((r) => r[idAt]),
    budgets: known.map((r) => r[budgetAt]),
    flagged: [...known, ...unknown].filter((r) => r[flagAt] !== "").length,
    known,
    unknown,
    totals,
    knownFor,
  };
}

/** Distinct movie ids of a company (or genre) in a year, from the CLI's movies_aggregated. */
function expectedIds(aggregated, { company, genre, year }) {
  const ids = aggregated
    .filter((r) => r.release_year === year && (company === undefined || r.production_company_id === company))
    .filter((r) => genre === undefined || r.genre === genre)
    .map((r) => r.movie_id);
  return [...new Set(ids)].sort();
}

/** Checks a panel against the CLI's metric row and movies; returns a summary. */
function assertPanelLikeCli(panel, row, ids, master) {
  assert.deepEqual([...panel.ids].sort(), ids, "the movies listed are those of movies_aggregated");
  assert.equal(panel.ids.length, Number(row.movies), "one row per distinct movie");
  assert.equal(panel.known.length, Number(row.budget_movies), "the movies with a known budget");
  const sum = panel.budgets.map(money).reduce((a, b) => a + b, 0);
  assert.equal(sum, Number(row.budget_sum), "the budgets listed add up to budget_sum");
  assert.equal(money(panel.totals.budget), Math.round(Number(row.budget_sum)), "the foot shows budget_sum");
  assert.ok(panel.knownFor.includes(`known for ${row.budget_movies} of ${row.movies}`), JSON.stringify(panel.knownFor));
  const budgetOf = new Map(master.map((m) => [m.id, m.budget]));
  for (const [i, id] of panel.ids.slice(0, panel.known.length).entries()) {
    assert.equal(money(panel.budgets[i]), Math.round(Number(budgetOf.get(id))), `budget of movie ${id}`);
  }
  return `${panel.ids.length} movies (${panel.unknown.length} with budget unknown), budgets sum to ${panel.totals.budget}`;
}

/** A company and year of `dir`'s company_year with several known budgets and, if any, some unknown. */
function pickCompanyYear(dir) {
  const rows = readTable(dir, "company_year").filter((r) => Number(r.budget_movies) >= 2);
  rows.sort(
    (a, b) =>
      Number(Number(b.movies) > Number(b.budget_movies)) - Number(Number(a.movies) > Number(a.budget_movies)) ||
      Number(b.budget_movies) - Number(a.budget_movies) ||
      a.company_id.localeCompare(b.company_id),
  );
  assert.ok(rows.length, "a company year with two known budgets");
  return rows[0];
}

/**
 * The drill-down checks. `h` holds run.mjs's page helpers and paths:
 * `{ page, open, pick, show, until, SAMPLE, SHOTS, CLI, cliSample, tmp, REAL_FILES }`.
 */
export async function drillChecks(h) {
  const { page, open, pick, until, SAMPLE, SHOTS, cliSample } = h;
  const aggregated = readTable(cliSample, "movies_aggregated");
  const master = readTable(cliSample, "movies_master");
  const row = pickCompanyYear(cliSample);
  const point = `#company-metric .point[data-s="0"][data-y="${row.year}"]`;
  let panelUrl = "";

  await check("drill-down: a click on a company-year point lists its movies; their budgets add up to company_year.csv", async () => {
    await open(`?view=companies&c=${row.company_id}`);
    const end = await pick([SAMPLE]);
    assert.equal(end.type, "finished");
    await page.waitForSelector(point, { timeout: 30_000 });
    const label = await page.getAttribute(point, "aria-label");
    const t0 = Date.now();
    await page.click(point);
    const panel = await readPanel(page);
    const ms = Date.now() - t0;
    assert.ok(panel.title.includes(row.year) && panel.title.includes(row.company), panel.title);
    // The number clicked, as the chart's point says it, is the one at the foot.
    assert.ok(label.includes(`budget ${panel.totals.budget} (known for ${row.budget_movies} of ${row.movies} movies)`), `${label} vs ${panel.totals.budget}`);
    assert.ok(panel.number.includes(panel.totals.budget), panel.number);
    const note = assertPanelLikeCli(panel, row, expectedIds(aggregated, { company: row.company_id, year: row.year }), master);
    panelUrl = await page.evaluate(() => location.search);
    for (const part of [`dy=${row.year}`, `dc=${row.company_id}`, "df=budget"]) assert.ok(panelUrl.includes(part), panelUrl);
    mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: join(SHOTS, "drill-light.png") });
    await page.emulateMedia({ colorScheme: "dark" });
    await page.waitForTimeout(200);
    await page.screenshot({ path: join(SHOTS, "drill-dark.png") });
    await page.$eval("#drill-panel", (panel) => (panel.scrollTop = panel.scrollHeight));
    await page.screenshot({ path: join(SHOTS, "drill-foot-dark.png") });
    await page.emulateMedia({ colorScheme: "light" });
    await page.$eval("#drill-panel", (panel) => (panel.scrollTop = 0));
    return `${row.company} ${row.year}: ${note}; ${panelUrl}; shown ${ms} ms after the click`;
  });

  await check("drill-down: the CSV download lists the panel's movies", async () => {
    const panel = await readPanel(page);
    const [download] = await Promise.all([page.waitForEvent("download", { timeout: 30_000 }), page.click("#drill-csv")]);
    assert.match(download.suggestedFilename(), new RegExp(`^movies-company-${row.company_id}-${row.year}\\.csv$`));
    const saved = join(h.tmp, "drill.csv");
    await download.saveAs(saved);
    const [header, ...rows] = parseCsv(readFileSync(saved, "utf8"));
    assert.deepEqual(header, [
      "title", "release_date", "budget", "revenue", "profit", "popularity", "mean_rating", "ratings", "genres", "companies", "error_log_rows", "movie_id",
    ]);
    const csv = rows.map((r) => Object.fromEntries(header.map((k, i) => [k, r[i]])));
    assert.deepEqual(csv.map((r) => r.movie_id).sort(), [...panel.ids].sort());
    const sum = csv.filter((r) => r.budget !== "").reduce((a, r) => a + Number(r.budget), 0);
    assert.equal(sum, Number(row.budget_sum), "the CSV's budgets add up to budget_sum");
    const titles = new Map(master.map((m) => [m.id, m.title]));
    for (const r of csv) assert.equal(r.title, titles.get(r.movie_id), `title of ${r.movie_id}`);
    return `${csv.length} rows, budget sum ${sum}`;
  });

  await check("drill-down: the panel (cell and sort) restores from the URL", async () => {
    // Sort by budget, descending: two clicks on its header.
    const budgetHeader = page.locator("#drill-panel .drill-known thead th button", { hasText: /^Budget/ });
    await budgetHeader.click();
    await budgetHeader.click();
    const query = await until("the sort in the URL", () =>
      page.evaluate(() => (location.search.includes("ds=budget-desc") ? location.search : null)),
    );
    await open(query);
    const end = await pick([SAMPLE]);
    assert.equal(end.type, "finished");
    const panel = await readPanel(page);
    assert.ok(panel.title.includes(row.year) && panel.title.includes(row.company), panel.title);
    const budgets = panel.budgets.map(money);
    assert.deepEqual(budgets, [...budgets].sort((a, b) => b - a), "sorted by budget, descending");
    assert.equal(budgets.reduce((a, b) => a + b, 0), Number(row.budget_sum));
    await page.focus("#drill-title");
    await page.keyboard.press("Escape");
    await until("the panel closed", async () => (await page.locator("#drill-panel").count()) === 0);
    const closed = await page.evaluate(() => location.search);
    assert.ok(!closed.includes("dy="), `closing takes the panel out of the URL: ${closed}`);
    return query;
  });

  await check("drill-down: keyboard — arrow keys move between the points, Enter opens the focused one", async () => {
    const first = page.locator('#company-metric .point[tabindex="0"]');
    await first.focus();
    const focused = () => page.evaluate(() => document.activeElement?.getAttribute("data-y"));
    const before = await focused();
    await page.keyboard.press("ArrowRight");
    const year = await focused();
    assert.ok(year && year !== before, `focus moved from ${before} to ${year}`);
    const tabStops = await page.locator('#company-metric .point[tabindex="0"]').count();
    assert.equal(tabStops, 1, "one tab stop per chart");
    await page.keyboard.press("Enter");
    const panel = await readPanel(page);
    assert.ok(panel.title.endsWith(year), `${panel.title} is about ${year}`);
    const want = readTable(cliSample, "company_year").find((r) => r.company_id === row.company_id && r.year === year);
    assert.deepEqual([...panel.ids].sort(), expectedIds(aggregated, { company: row.company_id, year }));
    assert.equal(panel.ids.length, Number(want.movies));
    await page.click("#drill-close");
    return `${row.company} ${year}: ${panel.ids.length} movies`;
  });

  await check("drill-down: movies with rows in the error log are flagged (a cell opened from the URL)", async () => {
    const log = readTable(cliSample, "error_log");
    const logged = new Set(log.map((r) => r.movie_id).filter((id) => id !== ""));
    const cell = aggregated.find((r) => logged.has(r.movie_id) && r.production_company_id !== "" && r.release_year !== "");
    assert.ok(cell, "a movie with a company, a year and error-log rows");
    await open(`?view=companies&c=${cell.production_company_id}&dy=${cell.release_year}&dc=${cell.production_company_id}&df=revenue`);
    const end = await pick([SAMPLE]);
    assert.equal(end.type, "finished");
    const panel = await readPanel(page);
    const want = panel.ids.filter((id) => logged.has(id));
    assert.ok(want.includes(cell.movie_id));
    assert.equal(panel.flagged, want.length, "flags are the movies with error-log rows");
    const rows = log.filter((r) => r.movie_id === cell.movie_id).length;
    const flag = await page.locator("#drill-panel tbody tr", { hasText: cell.title ?? "" }).first().innerText();
    assert.ok(flag.includes(`⚑ ${rows}`), `${flag} shows ⚑ ${rows}`);
    assert.ok(panel.number.startsWith("Revenue (sum)"), panel.number);
    await page.click("#drill-close");
    return `${cell.title} (${cell.release_year}): ⚑ ${rows}; ${want.length} of ${panel.ids.length} movies flagged`;
  });

  await check("drill-down: a table row and a genre heatmap cell open their movies (genre_year.csv sums)", async () => {
    // A row of the company chart's data table.
    const table = page.locator("#company-metric table.sortable tbody tr.drillable").first();
    await table.click();
    const fromRow = await readPanel(page);
    assert.ok(fromRow.ids.length > 0, "the row's movies");
    await page.click("#drill-close");
    // A cell of the genre heatmap (budget).
    const genre = readTable(cliSample, "genre_year")
      .filter((r) => Number(r.budget_movies) >= 2)
      .sort((a, b) => Number(b.budget_movies) - Number(a.budget_movies))[0];
    await h.show("genres");
    const cell = `#genre-metric .point[data-y="${genre.year}"][aria-label^="${genre.genre} · ${genre.year} · "]`;
    await page.waitForSelector(cell);
    await page.click(cell);
    const panel = await readPanel(page);
    assert.ok(panel.title.includes(genre.genre), panel.title);
    const note = assertPanelLikeCli(panel, genre, expectedIds(aggregated, { genre: genre.genre, year: genre.year }), master);
    await page.click("#drill-close");
    return `row: ${fromRow.title}; ${genre.genre} ${genre.year}: ${note}`;
  });

  await check("drill-down: markup in titles, company and genre names (and in the URL) stays text in the panel", async () => {
    const zip = hostileZip(SAMPLE, join(h.tmp, "drill-hostile.zip"));
    const dialogs = [];
    const onDialog = (d) => {
      dialogs.push(d.message());
      d.dismiss().catch(() => {});
    };
    page.on("dialog", onDialog);
    const titled = aggregated.find((r) => r.title === "Return to Yarrow City" && r.production_company_id !== "");
    const music = aggregated.find((r) => r.genre === "Music" && r.release_year !== "");
    assert.ok(titled && music, "the sample has the movies hostileZip renames");
    const seen = [];
    for (const query of [
      `?view=companies&dy=${titled.release_year}&dc=${titled.production_company_id}&df=profit`,
      `?view=genres&dy=${music.release_year}&dg=${encodeURIComponent(HOSTILE.genre)}&df=revenue`,
    ]) {
      await open(query);
      const scripts = await page.$$eval("script", (all) => all.map((s) => s.getAttribute("src") ?? "inline"));
      const end = await pick([zip]);
      assert.equal(end.type, "finished");
      const panel = await readPanel(page);
      const dom = await page.evaluate(() => ({
        text: document.getElementById("drill-panel").innerText,
        scripts: [...document.querySelectorAll("script")].map((s) => s.getAttribute("src") ?? "inline"),
        handlers: [...document.querySelectorAll("#drill-panel *")].flatMap((el) =>
          [...el.attributes].filter((a) => a.name.startsWith("on")).map((a) => `${el.localName}[${a.name}]`),
        ),
        markup: document.querySelectorAll("#drill-panel img, #drill-panel svg, #drill-panel script").length,
      }));
      assert.deepEqual(dom.scripts, scripts, "no script element added");
      assert.deepEqual(dom.handlers, [], "no event-handler attribute");
      assert.equal(dom.markup, 0, "no element from the data");
      assert.ok(panel.ids.length > 0, `${query}: movies listed`);
      seen.push(...Object.values(HOSTILE).filter((v) => dom.text.includes(v)));
      await page.screenshot({ path: join(SHOTS, `drill-hostile-${seen.length}.png`) });
    }
    page.off("dialog", onDialog);
    assert.deepEqual(dialogs, [], "no dialog opened");
    assert.ok(seen.includes(HOSTILE.title) && seen.includes(HOSTILE.genre), `shown as text: ${seen.join(" , ")}`);
    await page.click("#drill-close");
    return `shown as text: ${[...new Set(seen)].join("  ")}`;
  });

  const real = h.REAL_FILES;
  if (!real.every((f) => existsSync(f))) {
    skip("drill-down on the real rows", "the real data folder is absent");
    return;
  }
  await check("drill-down on the real rows (../shared/data/real): budgets and user ratings equal the CLI's company_year", async () => {
    const dir = existsSync(join(h.tmp, "cli-real", "csv")) ? join(h.tmp, "cli-real") : runCli(h.CLI, real, join(h.tmp, "cli-real-drill"));
    const realRow = pickCompanyYear(dir);
    await open(`?view=companies&c=${realRow.company_id}`);
    const end = await pick(real, 120_000);
    assert.equal(end.type, "finished");
    const realPoint = `#company-metric .point[data-s="0"][data-y="${realRow.year}"]`;
    await page.waitForSelector(realPoint, { timeout: 30_000 });
    await page.click(realPoint);
    const panel = await readPanel(page);
    const note = assertPanelLikeCli(panel, realRow, expectedIds(readTable(dir, "movies_aggregated"), { company: realRow.company_id, year: realRow.year }), readTable(dir, "movies_master"));
    const ratings = panel.knownFor.at(-1);
    assert.ok(ratings.startsWith(`known for ${Number(realRow.ratings).toLocaleString("en-US")} ratings · ${realRow.rated_movies} of ${realRow.movies} rated`), `${ratings} vs CLI ${realRow.ratings} ratings of ${realRow.rated_movies} movies`);
    if (realRow.mean_rating !== "") {
      assert.equal(Number(panel.totals.mean_rating), Number(Number(realRow.mean_rating).toFixed(2)), "mean rating");
    }
    await page.screenshot({ path: join(SHOTS, "drill-real.png") });
    // A title leads to its movie page, which replaces the panel.
    const link = page.locator("#drill-panel .drill-known a.movie-link").first();
    const title = await link.innerText();
    await link.click();
    await page.waitForSelector("#movie-cast, .page-section", { timeout: 30_000 });
    assert.match(page.url(), /[?&]movie=\d+/, "the URL names the movie");
    assert.equal(await page.locator("#drill-panel").count(), 0, "the panel closes when a movie page opens");
    assert.ok((await page.locator("h2, h1").allInnerTexts()).some((t) => t.includes(title)), `the page is ${title}'s`);
    return `${realRow.company} ${realRow.year}: ${note}; ${ratings}, mean ${panel.totals.mean_rating}; ${title} opens its page`;
  });
}
