// The time limits of blocks (Eeplay.timeLimit) and of compiles
// (CompileInput.timeLimit): their range, and the message for a value out
// of it.

/** The time limit per block, in seconds, when none is stored. */
export const DEFAULT_TIME_LIMIT = 10;
/** The time limit per compile, in seconds, when none is given: the first fetches the compiler. */
export const DEFAULT_COMPILE_TIME_LIMIT = 60;
/** The least and the most time limit per block or compile, in seconds. */
export const MIN_TIME_LIMIT = 1;
export const MAX_TIME_LIMIT = 600;

/** Whether value is a time limit setTimeLimit accepts. */
export function isTimeLimit(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= MIN_TIME_LIMIT && value <= MAX_TIME_LIMIT;
}

/** The message for a time limit out of range; shown, when given, names the value. */
export function badTimeLimit(value: unknown, shown = typeof value === 'string' ? JSON.stringify(value) : String(value)): string {
  return `the time limit must be a number of seconds from ${MIN_TIME_LIMIT} to ${MAX_TIME_LIMIT}, not ${shown}`;
}
