// The Web Worker that runs the Go core (eeplay.wasm, built from
// cmd/eeplay-wasm), so that a long block never freezes the page. It answers
// each Request with a Response, in order; while a block runs, it also
// passes on the core's progress reports as Progress messages.
import type { CoreResult, Progress, Request, Response } from './protocol';

// Go's wasm_exec.js, copied from the Go toolchain by the build, defines Go.
declare class Go {
  importObject: WebAssembly.Imports;
  run(instance: WebAssembly.Instance): Promise<void>;
}
declare const self: DedicatedWorkerGlobalScope & { eeplayCore?: (method: string, params: unknown) => CoreResult };

importScripts('wasm_exec.js');

async function startCore(): Promise<(method: string, params: unknown) => CoreResult> {
  const go = new Go();
  // Relative to this script, so the site works under any path. No
  // instantiateStreaming: it needs a server that sends application/wasm.
  const response = await fetch('eeplay.wasm');
  if (!response.ok) {
    throw new Error(`load the core: eeplay.wasm: HTTP ${response.status} ${response.statusText}`);
  }
  const { instance } = await WebAssembly.instantiate(await response.arrayBuffer(), go.importObject);
  // run returns once main blocks, with eeplayCore installed; its promise
  // settles only if the core exits, which is a failure.
  go.run(instance).then(() => {
    coreExited = true;
  });
  const core = self.eeplayCore;
  if (typeof core !== 'function') {
    throw new Error('load the core: it did not start (see the console)');
  }
  return core;
}

let coreExited = false;
const core = startCore();

self.onmessage = async (event: MessageEvent<Request>) => {
  const { id, method } = event.data;
  let { params } = event.data;
  if (method === 'createShardBlock') {
    // The core calls it synchronously, from inside the block: a message
    // is all that can leave the worker while Go is busy.
    const onProgress = (index: number, total: number): void => {
      const message: Progress = { id, progress: { index, total } };
      self.postMessage(message);
    };
    params = { ...params, onProgress };
  }
  let response: Response;
  try {
    const call = await core;
    if (coreExited) {
      throw new Error('the core has exited: reload the page');
    }
    const answer = call(method, params);
    response = { id, ...answer };
  } catch (error) {
    response = { id, error: error instanceof Error ? error.message : String(error) };
  }
  self.postMessage(response);
};
