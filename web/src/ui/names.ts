// Names for EEs. The simulation stores only code and an initial state, so
// the page remembers in localStorage the name (the file's or the example's)
// given to each EE, by index and code fingerprint, and the first name each
// code got, so that imported or console-made EEs whose code it has seen
// get a name too.

import { settings } from '../core/settings';

const names = settings.names();

/** FNV-1a over the bytes, with the length: a key, not a security hash. */
export function fingerprint(code: Uint8Array): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < code.length; i++) {
    hash ^= code[i];
    hash = Math.imul(hash, 0x01000193);
  }
  return `${code.length}-${(hash >>> 0).toString(16)}`;
}

/** The name of EE index with this code: the one given to that EE, else the
 * first name its code was given. */
export function nameOf(code: Uint8Array, index?: number): string | undefined {
  const fp = fingerprint(code);
  return (index !== undefined ? names[`${index}@${fp}`] : undefined) ?? names[fp];
}

/** Names EE index (if given) and, unless named before, the code. */
export function setName(code: Uint8Array, name: string, index?: number): void {
  const fp = fingerprint(code);
  if (index !== undefined) names[`${index}@${fp}`] = name;
  if (!(fp in names)) names[fp] = name;
  settings.setNames(names);
}

/** The name of the EE a project's build made: "counter v3". */
export function buildName(project: { name: string }, build: { version: number }): string {
  return `${project.name} v${build.version}`;
}

/** The file name without .wasm. */
export function baseName(fileName: string): string {
  return fileName.replace(/^.*[\\/]/, '').replace(/\.wasm$/i, '');
}
