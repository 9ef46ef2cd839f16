import fc from 'fast-check';

/**
 * Seeds and run counts.
 *
 * - `npm test` runs the CI slice: FUZZ_RUNS unset, a few runs per property, and the FIXED seed below,
 *   so CI sends the same requests every time: a red CI is reproducible on any machine and never flaky.
 * - `npm run test:fuzz` sets FUZZ_RUNS (default 100 there) and, unless FUZZ_SEED is given, a seed drawn
 *   at random and printed, so every full run explores new inputs.
 * - A failure prints the line that replays it: `FUZZ_SEED=… FUZZ_RUNS=… npm run test:fuzz -- -t '…'`.
 *   Each property's own seed is derived from FUZZ_SEED and its name, so one property replays alone.
 */
export const CI_SEED = 20_2026;

export const FULL_RUN = process.env.FUZZ_RUNS !== undefined;
export const RUNS = Number(process.env.FUZZ_RUNS ?? 3);
export const SEED =
  process.env.FUZZ_SEED !== undefined
    ? Number(process.env.FUZZ_SEED)
    : FULL_RUN
      ? Math.floor(Math.random() * 2 ** 31)
      : CI_SEED;

/** Jest's time for one operation's properties: generous, since a full run sends RUNS requests per property. */
export const TEST_TIMEOUT = 60_000 + RUNS * 3_000;

let printed = false;
export function announceSeed(suite: string): void {
  if (printed) return;
  printed = true;
  process.stdout.write(
    `fuzz ${suite}: FUZZ_SEED=${SEED} FUZZ_RUNS=${RUNS} (replay: FUZZ_SEED=${SEED} FUZZ_RUNS=${RUNS} npm run test:fuzz)\n`,
  );
}

function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** Runs one property with its derived seed; a failure names the replay command. */
export async function check<T>(
  name: string,
  arbitrary: fc.Arbitrary<T>,
  predicate: (value: T) => Promise<void>,
  options: { runs?: number } = {},
): Promise<void> {
  const seed = (SEED ^ hash(name)) | 0;
  const numRuns = options.runs ?? RUNS;
  const details = await fc.check(fc.asyncProperty(arbitrary, predicate), {
    seed,
    numRuns,
    // Shrinking re-sends requests to a live server; bounded so a failure is reported in time.
    interruptAfterTimeLimit: Number(process.env.FUZZ_SHRINK_MS ?? 60_000),
    markInterruptAsFailure: false,
  });
  if (details.failed) {
    const replay = `FUZZ_SEED=${SEED} FUZZ_RUNS=${RUNS} npm run test:fuzz -- -t '${name.replace(/'/g, '.')}'`;
    const cause =
      details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
    throw new Error(
      `${name}\n${cause}\ncounterexample: ${fc.stringify(details.counterexample)}\n` +
        `seed ${seed}, path ${details.counterexamplePath}; replay: ${replay}`,
    );
  }
}
