// eeplay.compile: checks the input, then has the compiler's worker
// (compiler.js, web/src/compiler/worker.ts) compile it. The worker is
// started the first time something is compiled, since its compilers are
// large, and again after one that died or was stopped for running past a
// compile's time limit.
import type { CompileInput, CompileResult } from './api';
import { checkCompileInput } from './compile-input';
import type { CompileReply, CompileRequest } from './compile-protocol';

/** A compile sent to the worker, waiting for its reply. */
interface Pending {
  resolve(reply: CompileReply): void;
  reject(error: Error): void;
}

export class CompilerClient {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  /** See Eeplay.compile. */
  async compile(input: CompileInput): Promise<CompileResult> {
    const started = performance.now();
    const { timeLimit, ...compile } = checkCompileInput(input);
    const request: CompileRequest = { id: this.nextId++, ...compile };
    const worker = this.start();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const reply = await new Promise<CompileReply>((resolve, reject) => {
      this.pending.set(request.id, { resolve, reject });
      worker.postMessage(request);
      // A compiler cannot be interrupted: only ending its worker stops it.
      timer = setTimeout(() => {
        this.pending.delete(request.id);
        reject(new Error(`compile: stopped: it ran longer than its time limit of ${timeLimit} s; the next compile starts a new compiler`));
        this.fail(worker, `it was stopped: a compile ran longer than its time limit of ${timeLimit} s`);
      }, timeLimit * 1000);
    }).finally(() => clearTimeout(timer));
    const result: CompileResult = { diagnostics: reply.diagnostics, ms: performance.now() - started };
    if (reply.wasm) result.wasm = reply.wasm;
    return result;
  }

  /** The worker, started now if there is none. */
  private start(): Worker {
    if (this.worker) return this.worker;
    // Relative to the page, as the core's worker.js: the site may live
    // under any path. A module worker, since its compilers are ES modules
    // that import their parts when first used.
    const worker = new Worker('compiler.js', { type: 'module' });
    worker.onmessage = (event: MessageEvent<CompileReply>) => {
      const waiting = this.pending.get(event.data.id);
      this.pending.delete(event.data.id);
      waiting?.resolve(event.data);
    };
    // A worker that fails to load, or whose compiler crashes outside a
    // compile, takes its compiles with it; the next compile starts anew.
    // A script that does not load gets a plain Event, with no message.
    worker.onerror = (event: Event) => {
      event.preventDefault();
      this.fail(worker, (event instanceof ErrorEvent && event.message) || 'it could not be loaded');
    };
    worker.onmessageerror = () => this.fail(worker, 'its reply could not be read');
    this.worker = worker;
    return worker;
  }

  /** Ends worker and rejects the compiles it had, saying why. */
  private fail(worker: Worker, why: string): void {
    if (this.worker !== worker) return;
    worker.terminate();
    this.worker = null;
    const error = new Error(`compile: the compiler's worker (compiler.js) failed: ${why}; the next compile starts a new one`);
    for (const waiting of this.pending.values()) waiting.reject(error);
    this.pending.clear();
  }
}
