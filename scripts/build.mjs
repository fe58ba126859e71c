// Compiles every example EE, scripts/<name>/main.ts, to scripts/<name>/<name>.wasm,
// and its child module, scripts/<name>/child.ts if it has one, to
// scripts/<name>/child.wasm.
//
//   node scripts/build.mjs            # (npm run build:scripts) update the committed .wasm files
//   node scripts/build.mjs --out DIR  # write DIR/<name>/<name>.wasm and DIR/<name>/child.wasm instead
//
// The output is deterministic, so a fresh build can be compared byte for byte
// with the committed files to check they are up to date.

import { existsSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import asc from "assemblyscript/asc";

const scriptsDir = path.dirname(fileURLToPath(import.meta.url));

// The asc flags for every EE, in asc-options.json, which the page's compiler
// (web/src/compiler/worker.ts) reads too, so both build the same bytes:
// optimized, the smallest runtime (it never frees memory, which is fine for
// one short call per transaction), no source map, and --debug, which only
// adds the name section, so that a trap names its function. Assertions stay
// in, so failures reach the host as env.abort with a message.
const ASC_FLAGS = JSON.parse(readFileSync(path.join(scriptsDir, "asc-options.json"), "utf8")).flags;

// A child module (quilt's ewasm-rt) may not import env.abort, so its failed
// assertions trap with `unreachable` instead: `--use abort=` sets the abort
// function to none.
const CHILD_FLAGS = [...ASC_FLAGS, "--use", "abort="];

function parseArgs(argv) {
  if (argv.length === 0) return scriptsDir;
  if (argv.length === 2 && argv[0] === "--out") return path.resolve(argv[1]);
  console.error("usage: node scripts/build.mjs [--out DIR]");
  process.exit(2);
}

// The EEs are the directories holding a main.ts; lib/ holds shared code.
function listEEs() {
  return readdirSync(scriptsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && entry.name !== "lib")
    .map((entry) => entry.name)
    .filter((name) => existsSync(path.join(scriptsDir, name, "main.ts")))
    .sort();
}

// build compiles scripts/NAME/FILE.ts to outDir/NAME/OUT.wasm with flags.
async function build(name, file, out, flags, outDir) {
  // Relative to scriptsDir, which is the base directory, so that the paths
  // the compiler embeds (in assertion messages and function names) do not
  // depend on the current directory, and are those of a project in the page,
  // whose root holds NAME/main.ts and lib/.
  const source = path.join(name, `${file}.ts`);
  const outFile = path.join(outDir, name, `${out}.wasm`);
  mkdirSync(path.dirname(outFile), { recursive: true });

  const { error } = await asc.main(
    [source, "--baseDir", scriptsDir, "--outFile", outFile, ...flags],
    { stdout: process.stdout, stderr: process.stderr },
  );
  if (error) {
    console.error(`build.mjs: compiling ${source} failed: ${error.message}`);
    process.exit(1);
  }
  console.log(`scripts/${source} -> ${path.relative(process.cwd(), outFile)}`);
}

const outDir = parseArgs(process.argv.slice(2));
for (const name of listEEs()) {
  await build(name, "main", name, ASC_FLAGS, outDir);
  if (existsSync(path.join(scriptsDir, name, "child.ts"))) {
    await build(name, "child", "child", CHILD_FLAGS, outDir);
  }
}
