// The messages between the page (eeplay.ts) and the worker (worker.ts),
// which runs the Go core. Kept apart so the worker imports no DOM types.

/** A call of one of the core's methods (see package jsbridge). */
export interface Request {
  id: number;
  method: string;
  params: Record<string, unknown>;
}

/** A failure: the core's message and, for a rejected block, the failing transaction (a RejectedTransaction). */
export interface Failure {
  error: string;
  transaction?: unknown;
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

/** Every message the worker sends: any number of Progress messages, then one Response per Request. */
export type WorkerMessage = Response | Progress;

/** What the bridge function that the Go core installs returns. */
export type CoreResult = { result: unknown } | Failure;
