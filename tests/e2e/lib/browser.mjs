// Debian's headless Chromium with a fresh profile, and a look into the page's worker.

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";

/** Flags for a quiet, offline-friendly headless Chromium. */
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/**
 * Launches Chromium on a fresh user-data-dir, 1280 px wide. Resolves to
 * `{ context, page, profile, close }`; `close` also deletes the profile.
 */
export async function launch({ extraArgs = [] } = {}) {
  const profile = mkdtempSync(join(tmpdir(), "movies-e2e-profile-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: "/usr/bin/chromium",
    headless: true,
    args: [...CHROMIUM_ARGS, ...extraArgs],
    viewport: { width: 1280, height: 900 },
    acceptDownloads: true,
    colorScheme: "light",
  });
  await context.addInitScript(hookWorker);
  const page = context.pages()[0] ?? (await context.newPage());
  const close = async () => {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  };
  return { context, page, profile, close };
}

/**
 * Runs in the page before its own scripts: wraps `Worker` so that the responses of
 * the explorer's worker are logged in `window.__worker.log` (progress and export
 * chunks left out), with `performance.now()` times, and notes when a file input
 * changes (`window.__worker.inputAt`); the workers started are in `window.__worker.workers`.
 */
function hookWorker() {
  // A response as one flat record: the load event, answer or export event it carries,
  // with its load as `job` (`{type: "load", load: 3, event: {event: "finished", ...}}`
  // becomes `{type: "finished", job: 3, ...}`; export events are `export_<event>`).
  const flatten = (msg) => {
    if (msg.type === "load") return { ...msg.event, type: msg.event.event, job: msg.load };
    if (msg.type === "export") return { ...msg.event, type: `export_${msg.event.event}`, id: msg.id, job: msg.load };
    if (msg.type === "answer") return { ...msg.answer, type: msg.answer.answer, id: msg.id, job: msg.load };
    return msg;
  };
  const Native = window.Worker;
  const state = { log: [], inputAt: null, workers: [] };
  Object.defineProperty(window, "__worker", { value: state });
  document.addEventListener("change", () => (state.inputAt = performance.now()), true);
  window.Worker = class extends Native {
    constructor(...args) {
      super(...args);
      state.workers.push(this);
      this.addEventListener("message", (event) => {
        let raw;
        try {
          raw = JSON.parse(event.data.json);
        } catch {
          return;
        }
        const msg = flatten(raw);
        if (msg.type === "progress" || msg.type === "export_chunk" || msg.type === "export_progress") return;
        const entry = { type: msg.type, t: performance.now(), job: msg.job, id: msg.id };
        for (const key of ["manifest", "memory_bytes", "error", "entry", "file", "file_name", "missing", "comparisons", "elapsed_ms"]) {
          if (key in msg) entry[key] = msg[key];
        }
        if (msg.overview) entry.companies = msg.overview.companies.length;
        state.log.push(entry);
      });
    }
  };
}

/** Number of worker responses logged so far (pass it to `waitForLoad`). */
export function logLength(page) {
  return page.evaluate(() => window.__worker.log.length);
}

/** Worker responses logged from index `since` on. */
export function logSince(page, since) {
  return page.evaluate((since) => window.__worker.log.slice(since), since);
}

/**
 * Waits until a load that started after log index `since` ends; resolves to its last
 * response (`finished`, `failed` or `cancelled`).
 */
export async function waitForLoad(page, since, timeout = 60_000) {
  const ends = ["finished", "failed", "cancelled"];
  await page.waitForFunction(
    ({ since, ends }) => window.__worker.log.slice(since).some((m) => ends.includes(m.type)),
    { since, ends },
    { timeout, polling: 50 },
  );
  const log = await logSince(page, since);
  return log.find((m) => ends.includes(m.type));
}

/** Waits for a worker response of `type` after log index `since`; resolves to it. */
export async function waitForResponse(page, since, type, timeout = 60_000) {
  await page.waitForFunction(
    ({ since, type }) => window.__worker.log.slice(since).some((m) => m.type === type),
    { since, type },
    { timeout, polling: 50 },
  );
  return (await logSince(page, since)).find((m) => m.type === type);
}

/**
 * Records every request the context makes (page and workers), web sockets included;
 * `outside(origin)` lists those that go anywhere but `origin`, `blob:` and `data:`.
 */
export function recordNetwork(context) {
  const urls = [];
  context.on("request", (request) => urls.push(request.url()));
  context.on("page", (page) => page.on("websocket", (ws) => urls.push(ws.url())));
  for (const page of context.pages()) page.on("websocket", (ws) => urls.push(ws.url()));
  return {
    urls,
    outside(origin) {
      return urls.filter((url) => !(url.startsWith("blob:") || url.startsWith("data:") || new URL(url).origin === origin));
    },
  };
}
