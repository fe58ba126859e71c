// Templates for new projects: every example EE of the site (its main.ts,
// its Scout test, and the shared library, read-only, so that its imports
// resolve and can be read), and a blank WAT EE.

import type { Language, Project, ProjectFile } from '../core/api';
import { BLANK_WAT, BLANK_YAML } from './blank-wat';

/** What a new project starts from. */
export interface Template {
  /** The name new projects get (made unique). */
  name: string;
  language: Language;
  entry: string;
  files: ProjectFile[];
}

/** The blank WAT EE's name in the template list. */
export const BLANK_WAT_NAME = 'blank-wat';

export const blankWat: Template = {
  name: BLANK_WAT_NAME,
  language: 'wat',
  entry: 'blank/main.wat',
  files: [
    { path: 'blank/main.wat', text: BLANK_WAT },
    { path: 'blank/blank.yaml', text: BLANK_YAML },
  ],
};

/** The last element of a path or URL: "examples/lib/eth2.ts" gives "eth2.ts". */
export function lastElement(path: string): string {
  return path.replace(/^.*[\\/]/, '');
}

/**
 * The template of example name, from its main.ts, its Scout test (if it
 * has one) and the library files, by URL and text: files laid out as in
 * scripts/, NAME/main.ts beside lib/*.ts, which it imports as "../lib/NAME".
 */
export function exampleTemplate(name: string, main: string, yaml: string | undefined, library: readonly { url: string; text: string }[]): Template {
  const files: ProjectFile[] = [{ path: `${name}/main.ts`, text: main }];
  for (const lib of library) files.push({ path: `lib/${lastElement(lib.url)}`, text: lib.text, readOnly: true });
  if (yaml !== undefined) files.push({ path: `${name}/${name}.yaml`, text: yaml });
  return { name, language: 'assemblyscript', entry: `${name}/main.ts`, files };
}

/** A new project from template, named after it ("helloworld", then "helloworld 2", …) among the names taken. */
export function projectFromTemplate(template: Template, id: string, taken: readonly string[]): Project {
  return {
    id,
    name: uniqueName(template.name, taken),
    language: template.language,
    entry: template.entry,
    files: template.files.map((f) => ({ ...f })),
    builds: [],
  };
}

/** base, or "base 2", "base 3", … : the first not among taken. */
export function uniqueName(base: string, taken: readonly string[]): string {
  const names = new Set(taken);
  if (!names.has(base)) return base;
  let n = 2;
  while (names.has(`${base} ${n}`)) n++;
  return `${base} ${n}`;
}

/** A new project id: unique among this browser's projects, whatever the page's origin (crypto.randomUUID needs a secure one). */
export function newProjectId(now = Date.now(), random = Math.random()): string {
  return `p-${now.toString(36)}-${Math.floor(random * 36 ** 8).toString(36)}`;
}

/**
 * The script paths a Scout test lists under beacon_state.execution_scripts,
 * by last path element: the names its files must be given. The core reads
 * the YAML itself; this only finds which names to give the build.
 */
export function scriptNames(yaml: string): string[] {
  const names: string[] = [];
  let inScripts = false;
  let indent = -1;
  for (const raw of yaml.split(/\r?\n/)) {
    const line = raw.replace(/\s+#.*$/, '');
    if (!line.trim()) continue;
    const lead = line.length - line.trimStart().length;
    if (/^\s*execution_scripts:\s*$/.test(line)) {
      inScripts = true;
      indent = lead;
      continue;
    }
    if (!inScripts) continue;
    const item = /^\s*-\s*(.+?)\s*$/.exec(line);
    if (item && lead >= indent) names.push(lastElement(item[1].replace(/^(["'])(.*)\1$/, '$2')));
    else inScripts = false;
  }
  return names;
}
