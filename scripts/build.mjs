// Compiles every example EE, scripts/<name>/main.ts, to scripts/<name>/<name>.wasm.
//
//   node scripts/build.mjs            # (npm run build:scripts) update the committed .wasm files
//   node scripts/build.mjs --out DIR  # write DIR/<name>/<name>.wasm instead
//
// The output is deterministic, so a fresh build can be compared byte for byte
// with the committed files to check they are up to date.

import { existsSync, mkdirSync, readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import asc from "assemblyscript/asc";

// The asc flags for every EE: optimized, the smallest runtime (it never frees
// memory, which is fine for one short call per transaction), no source map.
// Assertions stay in, so failures reach the host as env.abort with a message.
const ASC_FLAGS = ["--optimizeLevel", "3", "--shrinkLevel", "0", "--runtime", "stub"];

const scriptsDir = path.dirname(fileURLToPath(import.meta.url));
const repoDir = path.dirname(scriptsDir);

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

async function build(name, outDir) {
  // Relative to repoDir, which is the base directory, so that the paths the
  // compiler embeds do not depend on the current directory.
  const source = path.relative(repoDir, path.join(scriptsDir, name, "main.ts"));
  const outFile = path.join(outDir, name, `${name}.wasm`);
  mkdirSync(path.dirname(outFile), { recursive: true });

  const { error } = await asc.main(
    [source, "--baseDir", repoDir, "--outFile", outFile, ...ASC_FLAGS],
    { stdout: process.stdout, stderr: process.stderr },
  );
  if (error) {
    console.error(`build.mjs: compiling ${source} failed: ${error.message}`);
    process.exit(1);
  }
  console.log(`${source} -> ${path.relative(process.cwd(), outFile)}`);
}

const outDir = parseArgs(process.argv.slice(2));
for (const name of listEEs()) {
  await build(name, outDir);
}
