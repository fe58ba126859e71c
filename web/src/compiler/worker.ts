// The compiler's Web Worker (compiler.js), so that a compile never blocks
// the page: AssemblyScript with asc and binaryen, WAT with wabt. Each
// compiler is a chunk of its own, fetched the first time its language is
// compiled. It answers each CompileRequest with a CompileReply, one compile
// at a time, and always with a diagnostic when there is no module.
import ascOptions from '../../../scripts/asc-options.json';
import type { Diagnostic } from '../core/api';
import type { CompileReply, CompileRequest } from '../core/compile-protocol';
import { failure, fromAsc, fromWabt } from './diagnostics';

declare const self: DedicatedWorkerGlobalScope;

/** The file asc writes the module to; it only ever reaches writeFile. */
const OUT_FILE = 'eeplay-compile-output.wasm';

type Outcome = Omit<CompileReply, 'id'>;

/** wabt, instantiated the first time WAT is compiled. */
let wabt: ReturnType<typeof import('wabt')> | null = null;

// One compile at a time: asc keeps state between its awaits.
let queue = Promise.resolve();
self.onmessage = (event: MessageEvent<CompileRequest>) => {
  const request = event.data;
  queue = queue.then(async () => {
    const outcome = await compileOrFail(request);
    const reply: CompileReply = { id: request.id, ...outcome };
    self.postMessage(reply, outcome.wasm ? [outcome.wasm.buffer] : []);
  });
};

/** request compiled, with anything a compiler throws as a diagnostic. */
async function compileOrFail(request: CompileRequest): Promise<Outcome> {
  try {
    return request.language === 'wat' ? await compileWat(request) : await compileAssemblyScript(request);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { diagnostics: [failure(request.entry, `the ${request.language === 'wat' ? 'WAT' : 'AssemblyScript'} compiler failed: ${reason}`)] };
  }
}

/**
 * Compiles as scripts/build.mjs does, with the same options, from files
 * in memory: the project root is the base directory, so that the paths
 * the compiler embeds (assertion messages, function names) are the same.
 */
async function compileAssemblyScript({ files, entry }: CompileRequest): Promise<Outcome> {
  const { default: asc } = await import('assemblyscript/asc');
  const diagnostics: Diagnostic[] = [];
  let wasm: Uint8Array | undefined;
  let stderr = '';
  const decoder = new TextDecoder();
  const { error } = await asc.main([entry, '--baseDir', '.', '--outFile', OUT_FILE, ...ascOptions.flags], {
    // Only sources: asc also asks for asconfig.json, which a project does
    // not get to change the options with.
    readFile: (name) => (name.endsWith('.ts') && Object.hasOwn(files, name) ? files[name] : null),
    writeFile: (name, contents) => {
      if (name === OUT_FILE && contents instanceof Uint8Array) wasm = contents.slice();
    },
    listFiles: () => [],
    stdout: { write: () => undefined },
    stderr: { write: (chunk) => void (stderr += typeof chunk === 'string' ? chunk : decoder.decode(chunk)) },
    reportDiagnostic: (message) => diagnostics.push(fromAsc(message, files, entry)),
  });
  if (error || !wasm) {
    // asc reports some failures only as text: an error found by binaryen's
    // validation, say.
    if (!diagnostics.some((d) => d.severity === 'error')) {
      diagnostics.push(failure(entry, stderr || error?.message || 'the AssemblyScript compiler wrote no module'));
    }
    return { diagnostics };
  }
  return { wasm, diagnostics };
}

/** Compiles the entry alone (WAT has no imports between files), keeping the names it declares in the name section. */
async function compileWat({ files, entry }: CompileRequest): Promise<Outcome> {
  wabt ??= import('wabt').then((m) => m.default());
  // Tried again on the next compile if it did not load.
  const instance = await wabt.catch((error: unknown) => {
    wabt = null;
    throw error;
  });
  let module: ReturnType<typeof instance.parseWat> | undefined;
  try {
    module = instance.parseWat(entry, files[entry]);
    module.resolveNames();
    module.validate();
    // A copy: the buffer is wabt's, and the reply transfers it.
    const wasm = module.toBinary({ write_debug_names: true }).buffer.slice();
    return { wasm, diagnostics: [] };
  } catch (error) {
    return { diagnostics: fromWabt(error instanceof Error ? error.message : String(error), entry) };
  } finally {
    module?.destroy();
  }
}
