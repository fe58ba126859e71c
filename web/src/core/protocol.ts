// The messages between the page (eeplay.ts) and the worker (worker.ts),
// which runs the Go core. Kept apart so the worker imports no DOM types.

/** A call of one of the core's methods (see package jsbridge). */
export interface Request {
  id: number;
  method: string;
  params: Record<string, unknown>;
}

/**
 * Test-only (web/e2e/crash.test.mjs): makes the core crash for real, with
 * an unrecovered Go panic. A worker obeys it only when it was started with
 * ?test-crash in its address, which the page adds only when its own
 * address has it; any other worker ignores it. "block": while the next
 * createShardBlock runs, at its first progress report; "idle": now, while
 * no call runs.
 */
export interface TestCrash {
  testCrash: 'block' | 'idle';
}

/** Every message the page sends the worker. */
export type PageMessage = Request | TestCrash;

/**
 * The core's Go program ended, which it does only when it crashes: a fatal
 * error (running out of memory, say) or an unrecovered panic, a bug. Its
 * worker runs nothing after that: the page ends it and starts another.
 */
export interface Crash {
  /**
   * Why, in Go's words: the first "fatal error: …" or "panic: …" line it
   * wrote to standard error (e.g. "fatal error: runtime: out of memory"),
   * else its last line there, else "exit code 2"; at most 300 characters
   * and an ellipsis. The rest, with the stack traces, is in the console.
   */
  reason: string;
}

/** A failure: the core's message and, for a rejected block, the failing transaction (a RejectedTransaction). */
export interface Failure {
  error: string;
  transaction?: unknown;
  /**
   * Set when the core has crashed. ran is true when it crashed while it ran
   * this request (which may have caused it), false when it had crashed
   * already, so the request did nothing.
   */
  crash?: Crash & { ran: boolean };
}

/** The answer to the Request with the same id: its last message. */
export type Response = ({ result: unknown } | Failure) & { id: number };

/**
 * News of the createShardBlock Request with the same id while it runs, not
 * an answer: transaction index (0-based) of total is about to run. The core
 * sends it for the first transaction and then at most every 50 ms.
 */
export interface Progress {
  id: number;
  progress: { index: number; total: number };
}

/**
 * Sent, unasked, when the core crashes while no request runs. Every request
 * after it is answered with a Failure whose crash.ran is false.
 */
export interface CrashNotice {
  crash: Crash;
}

/** Every message the worker sends: any number of Progress messages, then one Response per Request, and a CrashNotice when the core crashes between them. */
export type WorkerMessage = Response | Progress | CrashNotice;

/** What the bridge function that the Go core installs returns. */
export type CoreResult = { result: unknown } | Failure;
