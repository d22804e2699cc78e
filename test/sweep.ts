// How many cases a property-based test draws. `npm run test:unit` is the loop run after each change, so by default a
// property draws a fifth of its sweep; `npm test`, which CI runs, sets SECURE_WEBAPP_SWEEP=full and draws all of it.
// fast-check seeds each run afresh, so the short sweeps still meet new cases at every run, and a failure prints the
// seed and path that replay it.

/** `SECURE_WEBAPP_SWEEP=full` draws every case; anything else (or nothing) draws the short sweep. */
export const FULL_SWEEP = process.env.SECURE_WEBAPP_SWEEP === "full";

/** The cases to draw for a property whose full sweep is `full`: all of them, or a fifth (at least 50, at most all). */
export function sweep(full: number): number {
    return FULL_SWEEP ? full : Math.min(full, Math.max(50, Math.ceil(full / 5)));
}
