// The Web Worker that runs the Go core (eeplay.wasm, built from
// cmd/eeplay-wasm), so that a long block never freezes the page. It answers
// each Request with a Response, in order; while a block runs, it also
// passes on the core's progress reports as Progress messages. If the core
// crashes, it says so (a Failure with crash, or a CrashNotice between
// requests), and the page replaces this worker.
import type { CoreFunction, CoreMethod, CoreParams, Crash, CrashNotice, PageMessage, Progress, ProgressMethod, Request, Response } from './protocol';

// Go's wasm_exec.js, copied from the Go toolchain by the build, defines Go
// and, as globalThis.fs, the file system Go writes its output through.
declare class Go {
  importObject: WebAssembly.Imports;
  env: Record<string, string>;
  exit: (code: number) => void;
  run(instance: WebAssembly.Instance): Promise<void>;
}
declare const self: DedicatedWorkerGlobalScope & {
  eeplayCore?: CoreFunction;
  eeplayCrashForTests?: () => void;
  fs: { writeSync(fd: number, buffer: Uint8Array): number };
};

// Asked for before wasm_exec.js loads, so that the two downloads overlap.
// Relative to this script, so the site works under any path.
const coreResponse = fetch('eeplay.wasm');
importScripts('wasm_exec.js');

// Test-only: started as worker.js?test-crash (or ?test-crash=replay), this
// worker starts the core with eeplayCrashForTests (see cmd/eeplay-wasm)
// and obeys TestCrash messages; with "replay", the core crashes when it is
// asked to replay the stored simulation. Only the crash tests open the
// page with the flag that makes the page ask for this.
const testCrash = new URLSearchParams(self.location.search).get('test-crash');
/** Whether the core is to crash at the next block's first progress report. */
let crashAtProgress = false;

/** The longest reason a crash gives, in characters. */
const REASON_LENGTH = 300;

// Go writes why it crashed, and the stack traces, to standard error (file
// descriptor 2) through fs.writeSync, which logs it to the console. Keep
// the first line that says why, and the last line, in case none does;
// partial is the line being written, at most REASON_LENGTH long.
let reasonLine = '';
let lastLine = '';
let partial = '';
const stderr = new TextDecoder();
const writeSync = self.fs.writeSync.bind(self.fs);
self.fs.writeSync = (fd, buffer) => {
  if (fd === 2) keep(stderr.decode(buffer, { stream: true }));
  return writeSync(fd, buffer);
};

function keep(text: string): void {
  const lines = (partial + text).split('\n');
  partial = lines.pop()!.slice(0, REASON_LENGTH + 1);
  for (const line of lines) keepLine(line);
}

function keepLine(line: string): void {
  const kept = line.length > REASON_LENGTH ? `${line.slice(0, REASON_LENGTH)}…` : line;
  if (!reasonLine && /^(fatal error|panic): /.test(kept)) reasonLine = kept;
  if (kept.trim() !== '') lastLine = kept;
}

/** The crash, once the core has ended; null while it runs. */
let crash: Crash | null = null;
/** Whether a request is running in the core now. */
let running = false;

function crashOf(code: number): Crash {
  if (partial) keepLine(partial);
  partial = '';
  return { reason: reasonLine || lastLine || `exit code ${code}` };
}

async function startCore(): Promise<CoreFunction> {
  const go = new Go();
  if (testCrash !== null) go.env.EEPLAY_TEST_CRASH = '1';
  const response = await coreResponse;
  if (!response.ok) {
    throw new Error(`load the core: eeplay.wasm: HTTP ${response.status} ${response.statusText}`);
  }
  // Compiled while it downloads when the server says it is wasm, as the
  // site and go run ./build serve do: instantiateStreaming refuses any
  // other content type, so another server's bytes are compiled whole.
  const streams = response.headers.get('Content-Type')?.split(';')[0].trim().toLowerCase() === 'application/wasm';
  const { instance } = streams
    ? await WebAssembly.instantiateStreaming(response, go.importObject)
    : await WebAssembly.instantiate(await response.arrayBuffer(), go.importObject);
  // Once started, the core never ends unless it crashes. Go calls exit as
  // it ends, synchronously: in the middle of a request, or of nothing.
  let started = false;
  const exit = go.exit;
  go.exit = (code) => {
    exit(code);
    if (!started) return;
    crash = crashOf(code);
    if (!running) {
      const notice: CrashNotice = { crash };
      self.postMessage(notice);
    }
  };
  // run returns once main blocks, with eeplayCore installed.
  void go.run(instance);
  const core = self.eeplayCore;
  if (typeof core !== 'function') {
    throw new Error('load the core: it did not start (see the console)');
  }
  started = true;
  return core;
}

const core = startCore();

// After a crash, timers Go had set still fire and throw, since the program
// has exited: expected, and already told.
self.addEventListener('error', (event) => {
  if (crash) event.preventDefault();
});

/** Test-only: ends the core with a real Go panic (see TestCrash). */
function crashForTests(): void {
  self.eeplayCrashForTests?.();
}

self.onmessage = async (event: MessageEvent<PageMessage>) => {
  if ('testCrash' in event.data) {
    if (testCrash === null) return;
    await core;
    if (event.data.testCrash === 'idle') crashForTests();
    else crashAtProgress = true;
    return;
  }
  const request = event.data;
  const { id } = request;
  let response: Response;
  try {
    const call = await core;
    response = crash ? crashed(id, false) : run(call, request);
  } catch (error) {
    response = { id, error: error instanceof Error ? error.message : String(error) };
  }
  self.postMessage(response);
};

// paramsOf returns what the core takes for request: its parameters, and
// for a block or a scratch Scout test, a function that passes its progress
// reports on. The core calls it synchronously, from inside the call: a
// message is all that can leave the worker while Go is busy.
function paramsOf(request: Request): CoreParams<CoreMethod> {
  if (!reportsProgress(request)) return request.params;
  const { id } = request;
  const onProgress = (index: number, total: number): void => {
    const message: Progress = { id, progress: { index, total } };
    self.postMessage(message);
    if (crashAtProgress) {
      crashAtProgress = false;
      crashForTests();
    }
  };
  const params: CoreParams<ProgressMethod> = { ...request.params, onProgress };
  return params;
}

function reportsProgress(request: Request): request is Request<ProgressMethod> {
  return request.method === 'createShardBlock' || request.method === 'runScratchScoutTest';
}

// run runs one request in the core; if the core crashes in it, the answer
// says so.
function run(call: CoreFunction, request: Request): Response {
  const { id, method } = request;
  running = true;
  try {
    if (testCrash === 'replay' && method === 'restore') crashForTests();
    if (!crash) {
      const answer = call(method, paramsOf(request));
      if (!crash) return { id, ...answer };
    }
  } catch (error) {
    // A crash either returns from the call, with nothing, or throws out of it.
    if (!crash) throw error;
  } finally {
    running = false;
  }
  return crashed(id, true);
}

function crashed(id: number, ran: boolean): Response {
  const { reason } = crash!;
  return { id, error: `the core crashed (${reason})`, crash: { reason, ran } };
}
