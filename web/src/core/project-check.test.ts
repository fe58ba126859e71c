import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Project } from './api';
import { checkProject, checkProjects, projectLimits } from './project-check';

/** A good project: two files, one build. */
function good(): Project {
  return {
    id: 'p1',
    name: 'counter',
    language: 'assemblyscript',
    entry: 'counter/main.ts',
    files: [
      { path: 'counter/main.ts', text: 'export function main(): void {}' },
      { path: 'lib/eth2.ts', text: '// library', readOnly: true },
    ],
    builds: [{ version: 1, eeIndex: 0, entry: 'counter/main.ts', files: [{ path: 'counter/main.ts', text: 'old' }] }],
  };
}

test('checkProject returns a good project as a copy, without unknown keys', () => {
  const p = { ...good(), extra: 1 } as Project;
  const checked = checkProject(p);
  assert.deepEqual(checked, good());
  assert.notEqual(checked.files, p.files);
});

test('checkProject keeps readOnly only when true', () => {
  const p = good();
  p.files[0].readOnly = false;
  assert.equal('readOnly' in checkProject(p).files[0], false);
});

const bad: { name: string; change: (p: Record<string, any>) => unknown; message: string }[] = [
  { name: 'not an object', change: () => 'x', message: 'project is "x": want an object' },
  { name: 'no id', change: (p) => ({ ...p, id: undefined }), message: 'project: id is missing: want a non-empty string' },
  { name: 'empty name', change: (p) => ({ ...p, name: '' }), message: 'project "p1": name is empty: want a non-empty string' },
  { name: 'blank name', change: (p) => ({ ...p, name: '  ' }), message: 'project "p1": name is blank: want a name to show' },
  {
    name: 'long name',
    change: (p) => ({ ...p, name: 'n'.repeat(projectLimits.name + 1) }),
    message: `project "p1": name is ${projectLimits.name + 1} characters long: want at most ${projectLimits.name}`,
  },
  { name: 'unknown language', change: (p) => ({ ...p, language: 'rust' }), message: 'project "p1": language "rust" is not one: want "assemblyscript" or "wat"' },
  { name: 'files not an array', change: (p) => ({ ...p, files: {} }), message: 'project "p1": files is an object: want an array of files' },
  { name: 'no files', change: (p) => ({ ...p, files: [] }), message: 'project "p1": files is empty: want at least one file' },
  {
    name: 'duplicate paths',
    change: (p) => ({ ...p, files: [...p.files, { path: 'counter/main.ts', text: '' }] }),
    message: 'project "p1": files[2].path "counter/main.ts" is also files[0]\'s: want each path once',
  },
  {
    name: 'absolute path',
    change: (p) => ({ ...p, files: [{ path: '/main.ts', text: '' }], entry: '/main.ts' }),
    message: 'project "p1": files[0].path "/main.ts" is not a relative path: want names joined by "/", without "." or ".." (like "helloworld/main.ts")',
  },
  {
    name: 'path going up',
    change: (p) => ({ ...p, files: [{ path: 'a/../main.ts', text: '' }] }),
    message: 'project "p1": files[0].path "a/../main.ts" is not a relative path: want names joined by "/", without "." or ".." (like "helloworld/main.ts")',
  },
  { name: 'text not a string', change: (p) => ({ ...p, files: [{ path: 'counter/main.ts', text: 3 }] }), message: 'project "p1": files[0].text is 3: want a string' },
  {
    name: 'readOnly not a boolean',
    change: (p) => ({ ...p, files: [{ path: 'counter/main.ts', text: '', readOnly: 'yes' }] }),
    message: 'project "p1": files[0].readOnly is "yes": want true, false or absent',
  },
  { name: 'entry not among files', change: (p) => ({ ...p, entry: 'main.ts' }), message: 'project "p1": entry "main.ts" is not among the files: want one of their paths' },
  { name: 'builds missing', change: (p) => ({ ...p, builds: undefined }), message: 'project "p1": builds is missing: want an array' },
  {
    name: 'build version 0',
    change: (p) => ({ ...p, builds: [{ ...p.builds[0], version: 0 }] }),
    message: 'project "p1": builds[0]: version is 0: want a whole number from 1',
  },
  {
    name: 'build EE negative',
    change: (p) => ({ ...p, builds: [{ ...p.builds[0], eeIndex: -1 }] }),
    message: 'project "p1": builds[0]: eeIndex is -1: want an EE\'s index, from 0',
  },
  {
    name: 'build entry not among its files',
    change: (p) => ({ ...p, builds: [{ ...p.builds[0], entry: 'lib/eth2.ts' }] }),
    message: 'project "p1": builds[0]: entry "lib/eth2.ts" is not among the files: want one of their paths',
  },
  {
    name: 'versions not increasing',
    change: (p) => ({ ...p, builds: [p.builds[0], { ...p.builds[0], eeIndex: 1 }] }),
    message: 'project "p1": builds[1].version is 1 after 1: want versions increasing',
  },
  {
    name: 'too much text',
    // "é" is two bytes; the build's "old" three.
    change: (p) => ({ ...p, files: [{ path: 'counter/main.ts', text: 'é'.repeat((projectLimits.text - 2) / 2) }] }),
    message: `project "p1": its files and its builds' hold ${projectLimits.text + 1} bytes of text: want at most ${projectLimits.text}`,
  },
];

for (const row of bad) {
  test(`checkProject rejects ${row.name}`, () => {
    assert.throws(() => checkProject(row.change(good())), { message: row.message });
  });
}

test('checkProjects rejects an id used twice', () => {
  assert.throws(() => checkProjects([good(), good()]), { message: 'projects: id "p1" is used twice: want each id once' });
});
