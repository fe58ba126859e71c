// The parts of the bench that run in the browser. bench.mjs installs them
// with page.evaluate(installBench, rawV8.toString()) and calls
// window.__bench's methods. Each function is self-contained, since
// Playwright, and the worker's Blob, take its source text.

/**
 * Raw V8: runs a case's transactions on the browser's WebAssembly with a
 * minimal JavaScript host, as fast as V8 allows. Returns {load(c), run()}:
 * load takes c = {ees: [{code, preState}], blocks: [[{ee, data}]]}, bytes
 * as Uint8Arrays; run compiles the EEs afresh (untimed, as a run on an
 * engine creates them afresh, so V8's lazy compilation of their functions
 * falls in the timed part on both sides), runs every block once and
 * returns {blocks: [{millis}], postStates}.
 */
export function rawV8() {
  // The host functions the example EEs import (scripts/lib/eth2.ts),
  // without the checks, limits and receipts of eeplay's host. tx is the
  // transaction running: its pre-state, data, post-state and ticks, its
  // buffer frames, child modules and exposed exports; memories is the
  // stack of the memories of the modules running, the EE's at the bottom,
  // a child's on top while it runs, and calls the frames of the calls
  // between them (argument, return buffer).
  const tx = { preState: null, data: null, postState: null, ticks: 0, frames: new Map(), modules: new Map(), exposed: new Set(), ee: null };
  let memories = [];
  let calls = [];
  const view = (ptr, length) => {
    const memory = memories[memories.length - 1];
    if (!memory) throw new Error('a host function was called before main');
    return new Uint8Array(memory.buffer, ptr >>> 0, length >>> 0);
  };
  const text = (ptr, length) => new TextDecoder().decode(view(ptr, length));
  const keyAt = (ptr) => view(ptr, 32).join(',');
  const frame = (n) => {
    let f = tx.frames.get(n);
    if (!f) tx.frames.set(n, (f = new Map()));
    return f;
  };
  // call calls export name of instance with the argument and return buffer
  // given in the caller's memory; what the callee returns reaches the
  // buffer when the call returns, as in eeplay.
  const call = (instance, name, argPtr, argLength, retPtr, retLength) => {
    const caller = memories[memories.length - 1];
    const c = { argument: view(argPtr, argLength).slice(), caller, retPtr: retPtr >>> 0, retLength: retLength >>> 0, returned: null, written: 0 };
    calls.push(c);
    memories.push(instance.exports.memory);
    let result;
    try {
      result = instance.exports[name]();
    } finally {
      memories.pop();
      calls.pop();
    }
    if (c.returned) new Uint8Array(caller.buffer, c.retPtr, c.written).set(c.returned.subarray(0, c.written));
    return result;
  };
  const host = {
    eth2_loadPreStateRoot: (ptr) => view(ptr, 32).set(tx.preState),
    eth2_savePostStateRoot: (ptr) => {
      tx.postState = view(ptr, 32).slice();
    },
    eth2_blockDataSize: () => tx.data.length,
    eth2_blockDataCopy: (ptr, offset, length) => {
      offset >>>= 0;
      length >>>= 0;
      if (offset + length > tx.data.length) throw new Error('eth2_blockDataCopy: outside the block data');
      view(ptr, length).set(tx.data.subarray(offset, offset + length));
    },
    eth2_useTicks: (ticks) => {
      tx.ticks += ticks >>> 0;
      if (tx.ticks > 10_000_000) throw new Error('tick budget exhausted');
    },
    eth2_emitLog: (ptr, length) => void view(ptr, length).slice(),
    eth2_pushNewDeposit: (ptr, length) => void view(ptr, length).slice(),
    eth2_bufferGet: (n, keyPtr, valuePtr) => {
      const value = tx.frames.get(n)?.get(keyAt(keyPtr));
      if (!value) return 1;
      view(valuePtr, 32).set(value);
      return 0;
    },
    eth2_bufferSet: (n, keyPtr, valuePtr) => void frame(n).set(keyAt(keyPtr), view(valuePtr, 32).slice()),
    eth2_bufferMerge: (a, b) => {
      const into = frame(a);
      for (const [key, value] of tx.frames.get(b) ?? []) into.set(key, value);
    },
    eth2_bufferClear: (n) => void tx.frames.delete(n),
    eth2_loadModule: (slot, codePtr, codeLength) => {
      const module = new WebAssembly.Module(view(codePtr, codeLength).slice());
      tx.modules.set(slot, new WebAssembly.Instance(module, importsFor(module)));
    },
    eth2_callModule: (slot, namePtr, nameLength, argPtr, argLength, retPtr, retLength) =>
      call(tx.modules.get(slot), text(namePtr, nameLength), argPtr, argLength, retPtr, retLength),
    eth2_expose: (namePtr, nameLength) => void tx.exposed.add(text(namePtr, nameLength)),
    eth2_call: (namePtr, nameLength, argPtr, argLength, retPtr, retLength) => {
      const name = text(namePtr, nameLength);
      if (!tx.exposed.has(name)) throw new Error(`eth2_call: ${name} is not exposed`);
      return call(tx.ee, name, argPtr, argLength, retPtr, retLength);
    },
    eth2_argument: (destPtr, destLength) => {
      const { argument } = calls[calls.length - 1];
      view(destPtr, Math.min(destLength >>> 0, argument.length)).set(argument.subarray(0, destLength >>> 0));
      return argument.length;
    },
    eth2_return: (srcPtr, srcLength) => {
      const c = calls[calls.length - 1];
      const n = Math.min(srcLength >>> 0, c.retLength);
      c.returned ??= new Uint8Array(c.caller.buffer, c.retPtr, c.retLength).slice();
      c.returned.set(view(srcPtr, n));
      c.written = Math.max(c.written, n);
      return c.retLength;
    },
    print: (ptr, length) => void view(ptr, length).slice(),
    debug_print32: () => {},
    debug_print64: () => {},
    debug_printMem: () => {},
    debug_printMemHex: () => {},
    debug_log: () => {},
    abort: (message, fileName, line, column) => {
      throw new Error(`abort at line ${line >>> 0}, column ${column >>> 0}`);
    },
  };
  // The import object a module needs: host functions under env by their
  // full names, or under eth2 or debug without the prefix.
  const importsFor = (module) => {
    const imports = {};
    for (const { module: from, name, kind } of WebAssembly.Module.imports(module)) {
      const fn = host[from === 'env' ? name : `${from}_${name}`];
      if (kind !== 'function' || !fn) throw new Error(`raw V8 host: no import ${from}.${name}`);
      (imports[from] ??= {})[name] = fn;
    }
    return imports;
  };

  let codes = [];
  let blocks = [];
  // run runs every block once: per transaction a new instance and main(),
  // the states carried from one transaction to the next.
  const run = async () => {
    const ees = [];
    for (const ee of codes) {
      const module = await WebAssembly.compile(ee.code);
      ees.push({ module, imports: importsFor(module), preState: ee.preState });
    }
    const states = ees.map((ee) => ee.preState);
    const times = [];
    for (const txs of blocks) {
      const start = performance.now();
      for (const t of txs) {
        const ee = ees[t.ee];
        memories = [];
        calls = [];
        tx.preState = states[t.ee];
        tx.data = t.data;
        tx.postState = null;
        tx.ticks = 0;
        tx.frames.clear();
        tx.modules.clear();
        tx.exposed.clear();
        const instance = new WebAssembly.Instance(ee.module, ee.imports);
        tx.ee = instance;
        memories.push(instance.exports.memory);
        instance.exports.main();
        if (tx.postState) states[t.ee] = tx.postState;
      }
      times.push({ millis: performance.now() - start });
    }
    return { blocks: times, postStates: states };
  };
  const load = (c) => {
    codes = c.ees;
    blocks = c.blocks;
  };
  return { load, run };
}

/**
 * Defines window.__bench, sets up raw V8 from rawSource (rawV8's source)
 * both on the page's thread and in a dedicated worker, and starts
 * recording the page thread's long tasks.
 */
export function installBench(rawSource) {
  const hexBytes = (hex) => {
    const s = hex.startsWith('0x') ? hex.slice(2) : hex;
    const b = new Uint8Array(s.length / 2);
    for (let i = 0; i < b.length; i++) b[i] = parseInt(s.substr(2 * i, 2), 16);
    return b;
  };
  const bytesHex = (b) => `0x${Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('')}`;

  const longTasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) longTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask' });

  // Raw V8 in a worker, as the core runs, answering {run: true} or a case
  // to load; and on the page's thread.
  const workerSource = `const raw = (${rawSource})();
onmessage = async ({ data }) => {
  try {
    postMessage(data.run ? await raw.run() : (raw.load(data), {}));
  } catch (e) {
    postMessage({ error: e instanceof Error ? e.message + '\\n' + e.stack : String(e) });
  }
};`;
  const worker = new Worker(URL.createObjectURL(new Blob([workerSource], { type: 'text/javascript' })));
  const askWorker = (message) =>
    new Promise((resolve, reject) => {
      worker.onmessage = ({ data }) => (data.error ? reject(new Error(`raw V8 worker: ${data.error}`)) : resolve(data));
      worker.onerror = (e) => reject(new Error(`raw V8 worker: ${e.message}`));
      worker.postMessage(message);
    });
  const onPage = new Function(`return (${rawSource})();`)();

  // settle waits, untimed, until the page has done what creating the EEs
  // made it do: its views ask the core for the new state, and those calls
  // must not queue in the worker ahead of the first block being timed.
  const idle = () => new Promise((resolve) => requestIdleCallback(resolve, { timeout: 1000 }));
  const settle = async () => {
    await idle();
    await window.eeplay.getOverview(); // answered after every call sent before it
    await idle();
  };

  // The case being timed, its bytes decoded once.
  let current = null;

  window.__bench = {
    /** Decodes c's bytes and compiles its EEs for raw V8; nothing of it is timed. */
    async load(c) {
      const ees = c.ees.map((ee) => ({ code: hexBytes(ee.code), preState: hexBytes(ee.preState) }));
      const blocks = c.blocks.map((txs) => txs.map((t) => ({ ee: t.ee, data: hexBytes(t.data) })));
      current = { ees, blocks };
      await askWorker(current);
      onPage.load(current);
    },

    /**
     * One run on an eeplay engine, on a simulation just reset: setEngine,
     * create the EEs, wait until the page has drawn them, then each block
     * timed around the awaited createShardBlock, the next started at once,
     * as a script would: whatever the page does for a block is its cost.
     * Resolves to {blocks: [{start, end, millis}], coreMillis, postStates}.
     */
    async engineRun(engine) {
      const { eeplay } = window;
      if (typeof eeplay.setEngine !== 'function') throw new Error('the page has no eeplay.setEngine');
      // The longest wazero block takes seconds: not the page's time limit.
      eeplay.setTimeLimit(600);
      await eeplay.setEngine(engine);
      if (eeplay.engine !== engine) throw new Error(`setEngine('${engine}') left eeplay.engine ${eeplay.engine}`);
      const indices = [];
      for (const ee of current.ees) {
        indices.push(await eeplay.createExecutionEnvironment({ wasmCode: ee.code, initialState: ee.preState }));
      }
      // The page's own measure of each block: from the call to the core's
      // answer, without storing the block and the listeners.
      let coreMillis = 0;
      const off = eeplay.onChange((change) => {
        if (change.kind === 'createShardBlock') coreMillis += change.milliseconds;
      });
      const blocks = [];
      await settle();
      try {
        for (const txs of current.blocks) {
          const transactions = txs.map((t) => ({ eeIndex: indices[t.ee], data: t.data }));
          const start = performance.now();
          await eeplay.createShardBlock({ shardIndex: 0, transactions });
          const end = performance.now();
          blocks.push({ start, end, millis: end - start });
        }
      } finally {
        off();
      }
      const postStates = [];
      for (const eeIndex of indices) postStates.push(await eeplay.getExecutionEnvironmentState({ eeIndex, shardIndex: 0 }));
      return { blocks, coreMillis, postStates };
    },

    /** One run on raw V8, in its worker or, onPageThread, on the page's thread. Resolves to {blocks: [{millis}], postStates}. */
    async rawRun(onPageThread) {
      const { blocks, postStates } = onPageThread ? await onPage.run() : await askWorker({ run: true });
      return { blocks, postStates: postStates.map(bytesHex) };
    },

    /** The durations of the long tasks that overlap [start, end], after those still queued are delivered. */
    async longTasksDuring(start, end) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      return longTasks.filter((t) => t.start < end && t.start + t.duration > start).map((t) => t.duration);
    },
  };
}

/**
 * An init script: records in window.__benchReady the performance.now() at
 * which eeplay.ready resolves, or its error, by catching main.ts's
 * `window.eeplay = ...`.
 */
export function recordReady() {
  let eeplay;
  Object.defineProperty(window, 'eeplay', {
    configurable: true,
    get: () => eeplay,
    set(value) {
      eeplay = value;
      value.ready.then(
        () => (window.__benchReady = { millis: performance.now() }),
        (e) => (window.__benchReady = { error: String(e) }),
      );
    },
  });
}
