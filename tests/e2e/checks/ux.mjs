// End-to-end checks of the explorer as a keyboard, a phone and an analyst use it
// (issue 13): a visible focus ring on every Tab stop, the tabs pattern, no sideways
// overflow at 390 px. Called by run.mjs with its helpers.

import assert from "node:assert/strict";
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

import { check } from "../lib/checks.mjs";
import { parseCsv, readTable } from "../lib/data.mjs";

/** Tab stops walked from the top of the page. */
const TAB_STOPS = 60;

/**
 * Runs in the page: what shows the focus of the focused element. A visually hidden
 * input shows it on its label, an SVG point by its stroke, anything else by its
 * outline. Returns `{ what, ring, width, contrast }`: `ring` is false when nothing
 * is drawn; `contrast` is the ring colour against what lies behind it (WCAG ratio).
 */
function focusRing() {
  const parse = (css) => {
    const rgb = css.match(/^rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?\)$/);
    if (rgb) return { rgb: [rgb[1], rgb[2], rgb[3]].map(Number), alpha: rgb[4] === undefined ? 1 : Number(rgb[4]) };
    const srgb = css.match(/^color\(srgb ([\d.]+) ([\d.]+) ([\d.]+)(?: \/ ([\d.]+))?\)$/);
    if (srgb) return { rgb: [srgb[1], srgb[2], srgb[3]].map((v) => Number(v) * 255), alpha: srgb[4] === undefined ? 1 : Number(srgb[4]) };
    return null;
  };
  const luminance = ([r, g, b]) => {
    const lin = (c) => ((c /= 255) <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
    return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
  };
  const ratio = (a, b) => {
    const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return (hi + 0.05) / (lo + 0.05);
  };
  /** The opaque background behind `el` (its own included or not). */
  const backdrop = (el, own) => {
    for (let node = own ? el : el.parentElement; node; node = node.parentElement) {
      const color = parse(getComputedStyle(node).backgroundColor);
      if (color && color.alpha > 0.5) return color.rgb;
    }
    return parse(getComputedStyle(document.body).backgroundColor)?.rgb ?? [255, 255, 255];
  };
  let el = document.activeElement;
  const describe = (node) =>
    `${node.localName}${node.id ? `#${node.id}` : ""}${node.getAttribute("aria-label") ? `[${node.getAttribute("aria-label")}]` : ""}` +
    `${node.textContent ? ` "${node.textContent.trim().slice(0, 30)}"` : ""}`;
  if (!el || el === document.body) return { what: "body", ring: false };
  const box = el.getBoundingClientRect();
  if (box.width <= 2 && box.height <= 2 && el.id) {
    const label = document.querySelector(`label[for="${CSS.escape(el.id)}"]`);
    if (label) el = label;
  }
  const style = getComputedStyle(el);
  if (el instanceof SVGElement) {
    const width = parseFloat(style.strokeWidth);
    const color = parse(style.stroke);
    return {
      what: describe(el),
      ring: style.stroke !== "none" && width >= 2,
      width,
      contrast: color ? ratio(color.rgb, backdrop(el.closest("svg"), false)) : 0,
    };
  }
  const width = parseFloat(style.outlineWidth);
  const color = parse(style.outlineColor);
  const inside = parseFloat(style.outlineOffset) < 0;
  return {
    what: describe(el),
    ring: style.outlineStyle !== "none" && width >= 2,
    width,
    contrast: color ? ratio(color.rgb, backdrop(el, inside)) : 0,
  };
}

/** Presses Tab `stops` times from the top of the page; the ring of each stop. */
async function walkTabStops(page, stops) {
  await page.evaluate(() => {
    document.activeElement?.blur();
    window.scrollTo(0, 0);
  });
  const seen = [];
  for (let i = 0; i < stops; i++) {
    await page.keyboard.press("Tab");
    seen.push(await page.evaluate(focusRing));
  }
  return seen;
}

/** Waits until the sample is loaded (`?sample`) and the first chart is drawn. */
async function openSample(open, page) {
  await open("?sample");
  await page.waitForFunction(() => window.__worker.log.some((m) => m.type === "finished"), null, { timeout: 60_000 });
  await page.waitForSelector("main#view svg", { timeout: 30_000 });
}

/**
 * The ranking the page should show, from the CLI's company_year.csv: each company's
 * `metric` summed over the years in range (in the file's year order), best first
 * (value desc, movies known desc, named before unnamed, name, id).
 */
function expectedRanking(cliSample, metric, [first, last]) {
  const byId = new Map();
  for (const r of readTable(cliSample, "company_year")) {
    const year = Number(r.year);
    if (year < first || year > last) continue;
    const t = byId.get(r.company_id) ?? { id: Number(r.company_id), name: r.company, value: null, known: 0, movies: 0 };
    if (r[`${metric}_sum`] !== "") t.value = (t.value ?? 0) + Number(r[`${metric}_sum`]);
    t.known += Number(r[`${metric}_movies`]);
    t.movies += Number(r.movies);
    byId.set(r.company_id, t);
  }
  const cmp = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
  const ranked = [...byId.values()].filter((t) => t.value !== null);
  ranked.sort((a, b) => b.value - a.value || b.known - a.known || (a.name === "") - (b.name === "") || cmp(a.name, b.name) || a.id - b.id);
  return { ranked, unknown: byId.size - ranked.length };
}

export async function uxChecks({ page, open, show, SHOTS, cliSample, tmp }) {
  await check("keyboard: every Tab stop shows a focus ring of 3:1 contrast, light and dark", async () => {
    const notes = [];
    for (const scheme of ["light", "dark"]) {
      await page.emulateMedia({ colorScheme: scheme });
      await openSample(open, page);
      const stops = await walkTabStops(page, TAB_STOPS);
      assert.match(stops[0].what, /label.*Open dataset/, "the first stop is Open dataset, shown on its label");
      const bad = stops.filter((s) => !s.ring || s.contrast < 3);
      assert.deepEqual(bad, [], `${scheme}: stops without a visible ring`);
      const least = Math.min(...stops.map((s) => s.contrast));
      const kinds = new Set(stops.map((s) => s.what.split(/[#\s"[]/)[0]));
      notes.push(`${scheme}: ${stops.length} stops (${[...kinds].join(", ")}), contrast ≥ ${least.toFixed(1)}:1`);
    }
    await page.emulateMedia({ colorScheme: "light" });
    return notes.join("; ");
  });

  await check("keyboard: the tabs are a tablist: one Tab stop, arrows, Home and End, each controls the tab panel", async () => {
    await open("?view=genres");
    const state = () =>
      page.evaluate(() => {
        const tabs = [...document.querySelectorAll('[role="tablist"] [role="tab"]')];
        const panel = document.getElementById("view");
        return {
          ids: tabs.map((t) => t.id),
          controls: [...new Set(tabs.map((t) => t.getAttribute("aria-controls")))],
          selected: tabs.filter((t) => t.getAttribute("aria-selected") === "true").map((t) => t.id),
          stops: tabs.filter((t) => t.tabIndex === 0).map((t) => t.id),
          focused: document.activeElement?.id,
          panel: [panel.getAttribute("role"), panel.getAttribute("aria-labelledby")],
        };
      });
    let s = await state();
    assert.deepEqual(s.controls, ["view"], "every tab controls #view");
    assert.deepEqual(s.selected, ["tab-genres"]);
    assert.deepEqual(s.stops, ["tab-genres"], "only the selected tab is a Tab stop");
    assert.deepEqual(s.panel, ["tabpanel", "tab-genres"]);
    await page.focus("#tab-genres");
    const moves = [
      ["End", s.ids.at(-1)],
      ["Home", s.ids[0]],
      ["ArrowRight", s.ids[1]],
      ["ArrowRight", s.ids[2]],
      ["ArrowLeft", s.ids[1]],
      ["Home", s.ids[0]],
      ["ArrowLeft", s.ids.at(-1)],
    ];
    for (const [key, expected] of moves) {
      await page.keyboard.press(key);
      s = await state();
      assert.deepEqual([s.focused, s.selected, s.stops, s.panel], [expected, [expected], [expected], ["tabpanel", expected]], key);
    }
    assert.match(await page.evaluate(() => location.search), new RegExp(`view=${s.ids.at(-1).replace("tab-", "")}`));
    return `${moves.map(([k]) => k).join(", ")} over ${s.ids.length} tabs`;
  });

  await check("390 px wide: no view overflows the page sideways; the tab bar and the tables scroll in place", async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    try {
      const shots = join(SHOTS, "390");
      mkdirSync(shots, { recursive: true });
      await openSample(open, page);
      const keys = await page.$$eval('[role="tab"]', (tabs) => tabs.map((t) => t.id.replace("tab-", "")));
      const seen = [];
      for (const scheme of ["light", "dark"]) {
        await page.emulateMedia({ colorScheme: scheme });
        for (const key of keys) {
          await show(key);
          await page.waitForTimeout(400);
          const layout = await page.evaluate(() => {
            const root = document.documentElement;
            const width = root.clientWidth;
            const scrolls = (el) => ["auto", "scroll"].includes(getComputedStyle(el).overflowX);
            const tables = [...document.querySelectorAll("main#view table")].filter((t) => t.offsetParent !== null);
            const unscrolled = tables.filter((t) => {
              for (let node = t.parentElement; node && node !== document.body; node = node.parentElement) {
                if (scrolls(node)) return node.getBoundingClientRect().right > width + 1;
              }
              return t.getBoundingClientRect().right > width + 1;
            });
            const list = document.querySelector('[role="tablist"]');
            return {
              overflow: root.scrollWidth - width,
              hidden: [getComputedStyle(root).overflowX, getComputedStyle(document.body).overflowX],
              tables: tables.length,
              unscrolled: unscrolled.map((t) => t.querySelector("caption")?.textContent ?? t.className),
              tabBar: scrolls(list) && list.getBoundingClientRect().right <= width + 1,
              tabBarScrolls: list.scrollWidth > list.clientWidth,
              selectedVisible: (() => {
                const tab = list.querySelector('[aria-selected="true"]').getBoundingClientRect();
                const bar = list.getBoundingClientRect();
                return tab.left >= bar.left - 1 && tab.right <= bar.right + 1;
              })(),
            };
          });
          assert.equal(layout.overflow, 0, `${key} (${scheme}): the page is ${layout.overflow} px wider than the window`);
          assert.deepEqual(layout.hidden, ["visible", "visible"], "overflow is not hidden on html or body");
          assert.deepEqual(layout.unscrolled, [], `${key}: tables wider than the window outside a scrolling box`);
          assert.ok(layout.tabBar, "the tab bar scrolls inside the window");
          assert.ok(layout.selectedVisible, `${key}: the selected tab is scrolled into view`);
          if (scheme === "light") seen.push(`${key} ${layout.tables} tables${layout.tabBarScrolls ? ", tab bar scrolls" : ""}`);
          await page.screenshot({ path: join(shots, `${key}-${scheme}.png`), fullPage: true });
        }
      }
      await page.emulateMedia({ colorScheme: "light" });
      return seen.join("; ");
    } finally {
      await page.setViewportSize({ width: 1280, height: 900 });
    }
  });

  await check("rankings: the top companies of a year range equal company_year.csv summed and sorted; Add charts one", async () => {
    const notes = [];
    for (const [metric, years] of [["revenue", [1995, 2005]], ["budget", [1980, 1980]], ["profit", [1900, 2100]]]) {
      await open(`?sample&view=companies&cm=${metric}&y=${years[0]}-${years[1]}`);
      await page.waitForFunction(() => window.__worker.log.some((m) => m.type === "finished"), null, { timeout: 60_000 });
      await page.waitForSelector("#company-ranking .ranking-counts", { timeout: 30_000 });
      const [download] = await Promise.all([
        page.waitForEvent("download", { timeout: 30_000 }),
        page.click("#company-ranking .chart-tools button"),
      ]);
      assert.equal(download.suggestedFilename(), `company-ranking-${metric}-${years[0]}-${years[1]}.csv`);
      const saved = join(tmp, download.suggestedFilename());
      await download.saveAs(saved);
      const [header, ...rows] = parseCsv(readFileSync(saved, "utf8"));
      assert.deepEqual(header, ["rank", "company", "company_id", `${metric}_sum`, `${metric}_movies`, "movies", "known_share"]);
      const got = rows.map((r) => [Number(r[0]), r[1], Number(r[2]), Number(r[3]), Number(r[4]), Number(r[5])]);
      const { ranked, unknown } = expectedRanking(cliSample, metric, years);
      const want = ranked.slice(0, 100).map((t, i) => [i + 1, t.name, t.id, t.value, t.known, t.movies]);
      assert.deepEqual(got, want, `${metric} ${years}: the ranking`);
      const counts = await page.innerText("#company-ranking .ranking-counts");
      assert.match(counts, new RegExp(`^${ranked.length.toLocaleString("en-US")} compan(y is|ies are) ranked`), counts);
      if (unknown) assert.match(counts, new RegExp(`${unknown.toLocaleString("en-US")} compan(y is|ies are) not ranked`), counts);
      // On the page: one row per company, the coverage beside the figure.
      const shown = await page.$$eval("#company-ranking tbody tr", (trs) => trs.map((tr) => [...tr.cells].map((c) => c.innerText.trim())));
      assert.equal(shown.length, want.length);
      if (want.length) {
        assert.deepEqual(shown[0].slice(0, 3), ["1", want[0][1], String(want[0][2])]);
        assert.equal(shown[0][3], `$${Math.round(want[0][3]).toLocaleString("en-US")}`);
        assert.deepEqual(shown[0].slice(4, 6), [want[0][4], want[0][5]].map((n) => n.toLocaleString("en-US")));
      }
      notes.push(`${metric} ${years.join("–")}: ${ranked.length} ranked, ${unknown} without a known value${want.length ? `, 1. ${want[0][1]}` : ""}`);
    }

    // Sorting by coverage reorders the rows; Add puts a company on the charts, the years stay.
    await open("?sample&view=companies&cm=revenue&y=1995-2005");
    await page.waitForSelector("#company-ranking .ranking-counts", { timeout: 60_000 });
    const share = page.locator("#company-ranking thead th", { hasText: "Known (%)" }).locator("button");
    await share.click();
    await share.click();
    const shares = await page.$$eval("#company-ranking tbody tr", (trs) => trs.map((tr) => Number(tr.cells[6].innerText)));
    assert.deepEqual(shares, [...shares].sort((a, b) => b - a), "sorted by coverage, descending");
    const charted = await page.evaluate(() => new URLSearchParams(location.search).get("c")?.split(",") ?? []);
    const button = page.locator("#company-ranking button.add-company:not([disabled])").first();
    const id = await button.getAttribute("data-company");
    assert.ok(!charted.includes(id));
    if (charted.length >= 5) throw new Error("five companies charted already");
    await button.click();
    await page.waitForFunction((id) => new URLSearchParams(location.search).get("c")?.split(",").includes(id), id);
    assert.equal(await page.evaluate(() => new URLSearchParams(location.search).get("y")), "1995-2005", "the years stay");
    assert.equal(await page.innerText(`#company-ranking button.add-company[data-company="${id}"]`), "Charted");
    assert.ok(await page.locator(`#company-ranking button.add-company[data-company="${id}"]`).isDisabled());
    await page.waitForFunction((n) => document.querySelectorAll(".chips .chip").length === n, charted.length + 1);
    return notes.join("; ");
  });
}
