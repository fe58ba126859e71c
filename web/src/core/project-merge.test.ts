import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Project } from './api';
import { forgetBuilds, mergeImported } from './project-merge';

function project(id: string, eeIndex: number, name = id): Project {
  const files = [{ path: 'main.wat', text: '(module)' }];
  return { id, name, language: 'wat', entry: 'main.wat', files, builds: [{ version: 1, eeIndex, entry: 'main.wat', files }] };
}

test('forgetBuilds keeps every project, in order, without builds', () => {
  assert.deepEqual(forgetBuilds([project('a', 0), project('b', 1)]), [
    { ...project('a', 0), builds: [] },
    { ...project('b', 1), builds: [] },
  ]);
});

test("mergeImported: the file's projects replace those with their id in place; new ones come last; the others lose their builds", () => {
  const local = [project('a', 0), project('b', 1, 'local b'), project('c', 2)];
  const imported = [project('d', 0), project('b', 1, 'file b')];
  assert.deepEqual(mergeImported(local, imported), [
    { ...project('a', 0), builds: [] },
    project('b', 1, 'file b'),
    { ...project('c', 2), builds: [] },
    project('d', 0),
  ]);
});
