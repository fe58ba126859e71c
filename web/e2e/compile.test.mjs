// eeplay.compile in Chromium: the examples compiled in the page are the
// committed builds byte for byte; errors come back as diagnostics at their
// place; WAT keeps its names and runs; bad input rejects; the main thread
// stays free while the compiler works.

import assert from 'node:assert/strict';
import { eeplay, openApp, pageTest, recordLongTasks, repoFile } from './browser.mjs';

/** @import { Page } from 'playwright-core' */
/** @import { CompileInput, CompileResult } from '../src/core/api.ts' */
/** @import { Example } from './browser.mjs' */

/**
 * Compiles input with window.eeplay.compile; the module comes back as a byte array.
 * @param {Page} page
 * @param {CompileInput} input
 * @returns {Promise<Omit<CompileResult, 'wasm'> & { wasm?: number[] }>}
 */
function compile(page, input) {
  return page.evaluate(async (input) => {
    const { wasm, ...rest } = await window.eeplay.compile(input);
    return wasm ? { ...rest, wasm: [...wasm] } : rest;
  }, input);
}

/**
 * The files of an example as a project holds them: NAME/main.ts and lib/*.ts,
 * fetched from the built site as examples.json lists them.
 * @param {Page} page
 * @param {string} name
 * @returns {Promise<{ files: Record<string, string>, wasm: number[] }>}
 */
function exampleProject(page, name) {
  return page.evaluate(async (name) => {
    /** @param {string} url */
    const text = async (url) => (await fetch(url)).text();
    /** @type {Example & { library: string[] }} */
    const example = (await (await fetch('examples/examples.json')).json()).find((/** @type {Example} */ e) => e.name === name);
    /** @type {Record<string, string>} */
    const files = { [`${name}/main.ts`]: await text(example.source) };
    for (const url of example.library) files[url.replace(/^examples\//, '')] = await text(url);
    const wasm = [...new Uint8Array(await (await fetch(example.wasm)).arrayBuffer())];
    return { files, wasm };
  }, name);
}

pageTest('the examples compiled in the page are the committed builds, byte for byte', async ({ page }) => {
  await openApp(page);
  for (const name of ['helloworld', 'hashchain', 'token']) {
    const { files, wasm } = await exampleProject(page, name);
    assert.deepEqual(Object.keys(files).sort(), [`${name}/main.ts`, 'lib/eth2.ts', 'lib/sha256.ts', 'lib/ssz.ts'].sort());
    // The site's copy is the repository's.
    assert.deepEqual(Buffer.from(wasm), repoFile(`scripts/${name}/${name}.wasm`));
    const result = await compile(page, { language: 'assemblyscript', files, entry: `${name}/main.ts` });
    assert.deepEqual(result.diagnostics, [], `${name}: diagnostics`);
    assert.ok(result.wasm, `${name}: no wasm`);
    assert.ok(Buffer.from(result.wasm).equals(repoFile(`scripts/${name}/${name}.wasm`)), `${name}: the page's build differs from scripts/${name}/${name}.wasm`);
    assert.ok(result.ms > 0, `${name}: ms ${result.ms}`);
    console.log(`compiled ${name} in ${result.ms.toFixed(0)} ms`);
  }
});

pageTest('a syntax error comes back as an error diagnostic at its file, line and column, with no wasm', async ({ page }) => {
  await openApp(page);
  const { files } = await exampleProject(page, 'helloworld');
  const lines = files['helloworld/main.ts'].split('\n');
  const mainLine = lines.findIndex((l) => l.startsWith('export function main'));
  assert.ok(mainLine >= 0, 'helloworld/main.ts has no main');
  lines.splice(mainLine + 1, 0, '  let broken: i32 = ;');
  const broken = { ...files, 'helloworld/main.ts': lines.join('\n') };
  const result = await compile(page, { language: 'assemblyscript', files: broken, entry: 'helloworld/main.ts' });
  assert.deepEqual(result, {
    diagnostics: [{ severity: 'error', file: 'helloworld/main.ts', line: mainLine + 2, column: 21, message: 'Expression expected.' }],
    ms: result.ms,
  });

  // In a library file, the diagnostic names that file.
  const library = { ...files, 'lib/eth2.ts': `${files['lib/eth2.ts']}\nexport const oops: i32 = ;\n` };
  const libraryLine = library['lib/eth2.ts'].split('\n').length - 1;
  const inLibrary = await compile(page, { language: 'assemblyscript', files: library, entry: 'helloworld/main.ts' });
  assert.equal(inLibrary.wasm, undefined);
  assert.deepEqual(
    inLibrary.diagnostics.filter((d) => d.severity === 'error'),
    [{ severity: 'error', file: 'lib/eth2.ts', line: libraryLine, column: 26, message: 'Expression expected.' }],
  );

  // A WAT syntax error too.
  const wat = await compile(page, { language: 'wat', files: { 'ee/main.wat': '(module\n  (func $main\n    i32.addd))' } });
  assert.deepEqual(wat, {
    diagnostics: [{ severity: 'error', file: 'ee/main.wat', line: 3, column: 5, message: 'unexpected token i32.addd, expected ).' }],
    ms: wat.ms,
  });
});

/** A WAT EE that saves the 32 bytes of its data segment as the post-state root. */
const SAVES_ITS_DATA = `(module
  (import "env" "eth2_savePostStateRoot" (func $save_post_state_root (param i32)))
  (memory (export "memory") 1)
  (data (i32.const 0) "${'\\ab'.repeat(32)}")
  (func $main (export "main")
    (call $save_post_state_root (i32.const 0))))
`;

/**
 * Compiles SAVES_ITS_DATA with options added, expecting it to fail, and
 * resolves to the message.
 * @param {Page} page
 * @param {Partial<CompileInput>} options
 */
function failedCompile(page, options) {
  return page.evaluate(
    (input) =>
      window.eeplay.compile(/** @type {CompileInput} */ (input)).then(
        () => 'resolved',
        (/** @type {Error} */ e) => e.message,
      ),
    { language: 'wat', files: { 'main.wat': SAVES_ITS_DATA }, ...options },
  );
}

/**
 * Asserts that SAVES_ITS_DATA compiles, as it does once the compiler works again.
 * @param {Page} page
 */
async function assertCompiles(page) {
  const result = await compile(page, { language: 'wat', files: { 'main.wat': SAVES_ITS_DATA } });
  assert.deepEqual(result.diagnostics, []);
  assert.ok(result.wasm, 'no wasm from a new compiler');
}

pageTest('a WAT module compiles with its names, and runs', async ({ page }) => {
  await openApp(page);
  const result = await compile(page, { language: 'wat', files: { 'main.wat': SAVES_ITS_DATA, 'notes.yaml': 'ignored' } });
  assert.deepEqual(result.diagnostics, []);
  assert.ok(result.wasm, 'no wasm');
  const wasm = Buffer.from(result.wasm);
  const names = WebAssembly.Module.customSections(new WebAssembly.Module(wasm), 'name');
  assert.equal(names.length, 1, 'no name section');
  assert.ok(Buffer.from(names[0]).includes('save_post_state_root'), 'the name section lacks the function names');

  const eeIndex = await eeplay(page, 'createExecutionEnvironment', { wasmCode: `0x${wasm.toString('hex')}` });
  await eeplay(page, 'createShardBlock', { shardIndex: 1, transactions: [{ eeIndex, data: '0x' }] });
  assert.equal(await eeplay(page, 'getExecutionEnvironmentState', { eeIndex, shardIndex: 1 }), `0x${'ab'.repeat(32)}`);
});

pageTest('a lone main.ts declaring its own host functions compiles and runs', async ({ page }) => {
  await openApp(page);
  const source = `@external("env", "eth2_savePostStateRoot")
declare function eth2_savePostStateRoot(offset: usize): void;

export function main(): void {
  const root = new StaticArray<u8>(32);
  root[31] = 7;
  eth2_savePostStateRoot(changetype<usize>(root));
}
`;
  const result = await compile(page, { language: 'assemblyscript', files: { 'main.ts': source } });
  assert.deepEqual(result.diagnostics, []);
  assert.ok(result.wasm, 'no wasm');
  const wasm = Buffer.from(result.wasm);
  const eeIndex = await eeplay(page, 'createExecutionEnvironment', { wasmCode: `0x${wasm.toString('hex')}` });
  await eeplay(page, 'createShardBlock', { shardIndex: 2, transactions: [{ eeIndex, data: '0x' }] });
  assert.equal(await eeplay(page, 'getExecutionEnvironmentState', { eeIndex, shardIndex: 2 }), `0x${'00'.repeat(31)}07`);
});

pageTest('input that is not a compile rejects with its message', async ({ page }) => {
  await openApp(page);
  const tests = [
    {
      input: { language: 'rust', files: { 'main.rs': 'fn main() {}' } },
      message: 'compile: unknown language "rust": expected "assemblyscript" or "wat"',
    },
    {
      input: { language: 'assemblyscript', files: { 'helloworld/main.ts': '', 'lib/eth2.ts': '' }, entry: 'main.ts' },
      message: 'compile: entry "main.ts" is not among the files: expected one of "helloworld/main.ts", "lib/eth2.ts"',
    },
    {
      input: { language: 'wat', files: { 'main.ts': '' } },
      message: 'compile: no WAT source file (*.wat) among the files: found only "main.ts"',
    },
  ];
  for (const tt of tests) {
    const message = await page.evaluate(
      (input) =>
        window.eeplay.compile(/** @type {CompileInput} */ (/** @type {unknown} */ (input))).then(
          () => 'resolved',
          (/** @type {Error} */ e) => e.message,
        ),
      tt.input,
    );
    assert.equal(message, tt.message);
  }
});

pageTest(
  'a compiler that does not load rejects the compile, and the next compile starts a new one',
  async ({ page }) => {
    await openApp(page);
    await page.route('**/compiler.js', (route) => route.fulfill({ status: 404, body: 'not found' }));
    assert.equal(await failedCompile(page, {}), "compile: the compiler's worker (compiler.js) failed: it could not be loaded; the next compile starts a new one");
    await page.unroute('**/compiler.js');
    await assertCompiles(page);
  },
  { allowConsole: [/Failed to load resource: the server responded with a status of 404/] },
);

pageTest('compiling leaves the main thread free: no task over 100 ms', async ({ page }) => {
  await recordLongTasks(page);
  await openApp(page);
  assert.ok(await page.evaluate(() => PerformanceObserver.supportedEntryTypes.includes('longtask')), 'this Chromium reports no long tasks');
  const { files } = await exampleProject(page, 'token');
  // The first compile fetches and starts the compiler too; the second is warm.
  for (const round of ['first', 'warm']) {
    const run = await page.evaluate(async (files) => {
      const start = performance.now();
      const result = await window.eeplay.compile({ language: 'assemblyscript', files, entry: 'token/main.ts' });
      const end = performance.now();
      // Long tasks are reported after they end: give the observer a turn.
      await new Promise((resolve) => setTimeout(resolve, 200));
      return { start, end, ms: result.ms, ok: result.wasm !== undefined, longTasks: window.longTasks };
    }, files);
    assert.ok(run.ok, `${round} compile failed`);
    const during = run.longTasks.filter((t) => t.start < run.end && t.start + t.duration > run.start && t.duration > 100);
    assert.deepEqual(during, [], `${round} compile: long tasks on the main thread`);
    console.log(`${round} compile of token: ${run.ms.toFixed(0)} ms`);
  }
});

pageTest('a compile past its time limit is stopped, and the next compile starts a new compiler', async ({ page }) => {
  await openApp(page);
  // A compiler that never answers, as one stuck on a hostile source would.
  await page.route('**/compiler.js', (route) => route.fulfill({ contentType: 'text/javascript', body: 'onmessage = () => {};' }));
  assert.equal(await failedCompile(page, { timeLimit: 1 }), 'compile: stopped: it ran longer than its time limit of 1 s; the next compile starts a new compiler');
  await page.unroute('**/compiler.js');
  await assertCompiles(page);
});
