// A tiny check runner: one line per check (PASS / FAIL / SKIP), a count at the end.

const outcome = { passed: 0, failed: 0, skipped: 0 };
/** `E2E_ONLY=regex` runs only the checks whose name matches (while working on one). */
const only = process.env.E2E_ONLY ? new RegExp(process.env.E2E_ONLY) : null;

/** Runs `fn` as the check `name`; a returned string is printed beside PASS. Never throws. */
export async function check(name, fn) {
  if (only && !only.test(name)) return true;
  const started = Date.now();
  try {
    const note = await fn();
    outcome.passed++;
    console.log(`PASS ${name}${note ? ` — ${note}` : ""} (${Date.now() - started} ms)`);
    return true;
  } catch (error) {
    outcome.failed++;
    console.log(`FAIL ${name}: ${(error?.stack ?? String(error)).split("\n").slice(0, 30).join("\n     ")}`);
    return false;
  }
}

/** Records a check that could not run here, with why. */
export function skip(name, why) {
  outcome.skipped++;
  console.log(`SKIP ${name}: ${why}`);
}

/** Prints the totals; the process exit code to use (non-zero on any failure). */
export function summary() {
  console.log(`\n${outcome.passed} passed, ${outcome.failed} failed, ${outcome.skipped} skipped`);
  return outcome.failed === 0 && outcome.passed > 0 ? 0 : 1;
}
