// The page's end of one worker running the Go core: each request gets an
// id, the worker's answer with that id settles it, and its progress
// reports reach it on the way. Ending the worker, or its failing, rejects
// every request still waiting. Typed by the core's methods (protocol.ts):
// a request takes its method's parameters and resolves to its result.
import type { BlockRejectedError, RejectedTransaction } from './api';
import type { CoreMethod, CoreMethods, PageMessage, Request, TestCrash, WorkerMessage } from './protocol';

/** What the channel needs of a Worker: a real one, or an object in the same thread that answers as one would. */
export interface WorkerLike {
  postMessage(message: PageMessage): void;
  onmessage: ((event: MessageEvent<WorkerMessage>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
  terminate(): void;
}

/** What the channel tells its owner, beyond the answers to requests. */
export interface ChannelEvents {
  /** The core crashed while it ran no request (a CrashNotice); reason is Go's. */
  onCrashNotice(reason: string): void;
  /** The worker failed (an error event); the requests waiting are rejected with message. */
  onWorkerError(message: string): void;
}

/** The rejection of a request the core answered with a failure: its message and, for a rejected block, the failing transaction. */
export class CoreFailure extends Error implements BlockRejectedError {
  declare transaction?: RejectedTransaction;
}

/**
 * The rejection of a request that the core crashed in (ran), or that came
 * after it had crashed (not ran, so the request did nothing).
 */
export class CoreCrash extends Error {
  constructor(
    message: string,
    /** Why, in Go's words. */
    readonly reason: string,
    readonly ran: boolean,
  ) {
    super(message);
  }
}

/** A request waiting on the worker's answer. */
interface Waiting {
  /** Takes the answer's result, which is method's. */
  resolve(result: CoreMethods[CoreMethod]['result']): void;
  reject(error: Error): void;
  onProgress?: (index: number, total: number) => void;
}

export class CoreChannel {
  private nextId = 0;
  private readonly waiting = new Map<number, Waiting>();
  /** Why the worker was ended; null while it runs. */
  private ended: string | null = null;

  constructor(
    private readonly worker: WorkerLike,
    private readonly events: ChannelEvents,
  ) {
    worker.onmessage = (event) => this.receive(event.data);
    worker.onerror = (event) => {
      if (this.ended !== null) return;
      const message = `the core's worker failed: ${event.message || 'see the console'}`;
      this.events.onWorkerError(message);
      this.rejectAll(message);
    };
  }

  /**
   * Calls method in the core. onProgress gets the progress reports of a
   * block. A failure rejects with a CoreFailure, or a CoreCrash when the
   * core has crashed.
   */
  request<M extends CoreMethod>(method: M, params: CoreMethods[M]['request'], onProgress?: (index: number, total: number) => void): Promise<CoreMethods[M]['result']> {
    return new Promise((resolve, reject) => {
      if (this.ended !== null) {
        reject(new Error(`${method}: ${this.ended}`));
        return;
      }
      const id = this.nextId++;
      // The worker answers id with method's result: resolve takes it as such.
      this.waiting.set(id, { resolve: resolve as Waiting['resolve'], reject, onProgress });
      const request: Request<M> = { id, method, params };
      try {
        this.worker.postMessage(request);
      } catch (error) {
        // Values that cannot be cloned, such as functions.
        this.waiting.delete(id);
        reject(new Error(`${method}: ${error instanceof Error ? error.message : String(error)}`));
      }
    });
  }

  /** Test-only: has the worker crash the core (see TestCrash). */
  crashForTests(when: TestCrash['testCrash']): void {
    const message: TestCrash = { testCrash: when };
    this.worker.postMessage(message);
  }

  /** Ends the worker: every request waiting rejects with why, and so does every later one; the worker's messages are ignored from now on. */
  terminate(why = "the core's worker was ended"): void {
    if (this.ended !== null) return;
    this.ended = why;
    this.worker.terminate();
    this.rejectAll(why);
  }

  private receive(message: WorkerMessage): void {
    if (this.ended !== null) return;
    if (!('id' in message)) {
      this.events.onCrashNotice(message.crash.reason);
      return;
    }
    const waiting = this.waiting.get(message.id);
    if (!waiting) return;
    if ('progress' in message) {
      waiting.onProgress?.(message.progress.index, message.progress.total);
      return;
    }
    this.waiting.delete(message.id);
    if ('result' in message) {
      waiting.resolve(message.result);
      return;
    }
    if (message.crash) {
      waiting.reject(new CoreCrash(message.error, message.crash.reason, message.crash.ran));
      return;
    }
    const error = new CoreFailure(message.error);
    if (message.transaction) error.transaction = message.transaction;
    waiting.reject(error);
  }

  private rejectAll(message: string): void {
    const waiting = [...this.waiting.values()];
    this.waiting.clear();
    for (const w of waiting) w.reject(new Error(message));
  }
}
