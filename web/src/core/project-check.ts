// What a project must be before the page keeps it: the same shape and
// limits the core checks in a simulation file (core/project.go,
// core/limits.go), so that whatever is saved can be exported.

import type { Language, Project, ProjectBuild, ProjectFile } from './api';

/** The languages a project may be in, as CompileInput.language names them. */
export const languages: readonly Language[] = ['assemblyscript', 'wat'];

/** The limits of core/limits.go (MaxProjects and the rest), which the simulation file is held to. */
export const projectLimits = {
  /** core.MaxProjects */
  projects: 100,
  /** core.MaxProjectFiles: files of a project, and of each build. */
  files: 64,
  /** core.MaxProjectBuilds */
  builds: 256,
  /** core.MaxProjectTextSize: the text of one project, its builds' included, in bytes of UTF-8. */
  text: 4 << 20,
  /** core.MaxProjectNameLength: ids, names and paths, in characters (code points, as the core counts them). */
  name: 200,
} as const;

/**
 * checkProject returns value as a Project, copied, or throws an Error that
 * says what is wrong with it, starting with where (e.g. `project "counter"`).
 */
export function checkProject(value: unknown): Project {
  const p = record(value, 'project');
  const id = name(p.id, 'project: id');
  const where = `project ${JSON.stringify(id)}`;
  const projectName = name(p.name, `${where}: name`);
  if (projectName.trim() === '') throw new Error(`${where}: name is blank: want a name to show`);
  if (!languages.includes(p.language as Language)) {
    throw new Error(`${where}: language ${describe(p.language)} is not one: want ${languages.map((l) => JSON.stringify(l)).join(' or ')}`);
  }
  const files = fileList(p.files, `${where}: files`);
  const entry = entryAmong(p.entry, files, `${where}: entry`);
  if (!Array.isArray(p.builds)) throw new Error(`${where}: builds is ${describe(p.builds)}: want an array`);
  if (p.builds.length > projectLimits.builds) {
    throw new Error(`${where}: builds holds ${p.builds.length}: want at most ${projectLimits.builds}; remove old ones`);
  }
  const builds = p.builds.map((b, i) => build(b, `${where}: builds[${i}]`));
  for (let i = 1; i < builds.length; i++) {
    if (builds[i].version <= builds[i - 1].version) {
      throw new Error(`${where}: builds[${i}].version is ${builds[i].version} after ${builds[i - 1].version}: want versions increasing`);
    }
  }
  const encoder = new TextEncoder();
  const text = [files, ...builds.map((b) => b.files)].flat().reduce((sum, f) => sum + encoder.encode(f.text).length, 0);
  if (text > projectLimits.text) throw new Error(`${where}: its files and its builds' hold ${text} bytes of text: want at most ${projectLimits.text}`);
  return { id, name: projectName, language: p.language as Language, entry, files, builds };
}

/** checkProjects checks a list of projects: each one, at most projectLimits.projects, every id once. */
export function checkProjects(values: unknown[]): Project[] {
  if (values.length > projectLimits.projects) throw new Error(`projects: ${values.length} projects: want at most ${projectLimits.projects}`);
  const projects = values.map(checkProject);
  const seen = new Set<string>();
  for (const p of projects) {
    if (seen.has(p.id)) throw new Error(`projects: id ${JSON.stringify(p.id)} is used twice: want each id once`);
    seen.add(p.id);
  }
  return projects;
}

function build(value: unknown, where: string): ProjectBuild {
  const b = record(value, where);
  if (!Number.isSafeInteger(b.version) || (b.version as number) < 1) throw new Error(`${where}: version is ${describe(b.version)}: want a whole number from 1`);
  if (!Number.isSafeInteger(b.eeIndex) || (b.eeIndex as number) < 0) throw new Error(`${where}: eeIndex is ${describe(b.eeIndex)}: want an EE's index, from 0`);
  const files = fileList(b.files, `${where}: files`);
  return { version: b.version as number, eeIndex: b.eeIndex as number, entry: entryAmong(b.entry, files, `${where}: entry`), files };
}

function fileList(value: unknown, where: string): ProjectFile[] {
  if (!Array.isArray(value)) throw new Error(`${where} is ${describe(value)}: want an array of files`);
  if (value.length === 0) throw new Error(`${where} is empty: want at least one file`);
  if (value.length > projectLimits.files) throw new Error(`${where} holds ${value.length}: want at most ${projectLimits.files}`);
  const seen = new Map<string, number>();
  return value.map((v, i) => {
    const f = record(v, `${where}[${i}]`);
    const path = filePath(f.path, `${where}[${i}].path`);
    const before = seen.get(path);
    if (before !== undefined) throw new Error(`${where}[${i}].path ${JSON.stringify(path)} is also files[${before}]'s: want each path once`);
    seen.set(path, i);
    if (typeof f.text !== 'string') throw new Error(`${where}[${i}].text is ${describe(f.text)}: want a string`);
    if (f.readOnly !== undefined && typeof f.readOnly !== 'boolean') throw new Error(`${where}[${i}].readOnly is ${describe(f.readOnly)}: want true, false or absent`);
    return f.readOnly ? { path, text: f.text, readOnly: true } : { path, text: f.text };
  });
}

/** A path relative to the project's root, as on disk: "helloworld/main.ts". */
function filePath(value: unknown, where: string): string {
  const path = name(value, where);
  const parts = path.split('/');
  if (path.startsWith('/') || path.includes('\\') || parts.some((part) => part === '' || part === '.' || part === '..')) {
    throw new Error(`${where} ${JSON.stringify(path)} is not a relative path: want names joined by "/", without "." or ".." (like "helloworld/main.ts")`);
  }
  return path;
}

function entryAmong(value: unknown, files: ProjectFile[], where: string): string {
  const entry = name(value, where);
  if (!files.some((f) => f.path === entry)) throw new Error(`${where} ${JSON.stringify(entry)} is not among the files: want one of their paths`);
  return entry;
}

/** A non-empty string of at most projectLimits.name characters. */
function name(value: unknown, where: string): string {
  if (typeof value !== 'string' || value === '') throw new Error(`${where} is ${describe(value)}: want a non-empty string`);
  const characters = [...value].length;
  if (characters > projectLimits.name) throw new Error(`${where} is ${characters} characters long: want at most ${projectLimits.name}`);
  return value;
}

function record(value: unknown, where: string): Record<string, unknown> {
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new Error(`${where} is ${describe(value)}: want an object`);
  return value as Record<string, unknown>;
}

/** A found value for a message: strings quoted, the kind of anything else. */
function describe(value: unknown): string {
  if (typeof value === 'string') return value === '' ? 'empty' : JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value === undefined) return 'missing';
  if (value === null) return 'null';
  return Array.isArray(value) ? 'an array' : 'an object';
}
