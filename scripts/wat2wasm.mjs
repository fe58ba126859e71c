// Compiles every testdata/*.wat in the repository to the .wasm beside it.
//
//   npm run build:testdata              rebuild in place
//   node scripts/wat2wasm.mjs --out DIR  write DIR/<path>.wasm instead, so a
//                                        test can compare with the committed files
import { readdirSync, readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import initWabt from "wabt";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const skip = new Set(["node_modules", ".git", "dist"]);

function findWat(dir, found = []) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (skip.has(entry.name)) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) findWat(path, found);
    else if (entry.name.endsWith(".wat") && path.split("/").includes("testdata")) found.push(path);
  }
  return found.sort();
}

const outIndex = process.argv.indexOf("--out");
const outDir = outIndex >= 0 ? process.argv[outIndex + 1] : root;
if (outIndex >= 0 && !outDir) {
  console.error("wat2wasm: --out needs a directory");
  process.exit(2);
}

const wabt = await initWabt();
let failed = false;
for (const path of findWat(root)) {
  const name = relative(root, path);
  try {
    const module = wabt.parseWat(name, readFileSync(path, "utf8"));
    module.validate();
    const { buffer } = module.toBinary({ write_debug_names: true });
    const target = join(outDir, name.replace(/\.wat$/, ".wasm"));
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, buffer);
    module.destroy();
  } catch (err) {
    console.error(`wat2wasm: ${name}: ${err.message}`);
    failed = true;
  }
}
process.exit(failed ? 1 : 0);
