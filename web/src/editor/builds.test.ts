import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Project, ProjectBuild } from '../core/api';
import { buildName, latestBuild, nextVersion, withBuild } from './builds';

function build(version: number, eeIndex = version): ProjectBuild {
  return { version, eeIndex, entry: 'a/main.ts', files: [] };
}

test('nextVersion counts up from the highest version', () => {
  const cases: { name: string; builds: ProjectBuild[]; want: number }[] = [
    { name: 'no deploy yet', builds: [], want: 1 },
    { name: 'one deploy', builds: [build(1)], want: 2 },
    { name: 'in order', builds: [build(1), build(2), build(3)], want: 4 },
    { name: 'a gap stays a gap', builds: [build(1), build(5)], want: 6 },
    { name: 'out of order', builds: [build(4), build(2)], want: 5 },
  ];
  for (const c of cases) assert.equal(nextVersion(c.builds), c.want, c.name);
});

test('buildName names the EE after the project and version', () => {
  assert.equal(buildName('counter', 3), 'counter v3');
});

test('withBuild records a copy of the files, which later edits leave alone', () => {
  const project: Project = {
    id: 'p',
    name: 'counter',
    language: 'assemblyscript',
    entry: 'counter/main.ts',
    files: [{ path: 'counter/main.ts', text: 'v1' }],
    builds: [build(1, 4)],
  };
  const { project: after, build: made } = withBuild(project, 7);
  assert.deepEqual(made, { version: 2, eeIndex: 7, entry: 'counter/main.ts', files: [{ path: 'counter/main.ts', text: 'v1' }] });
  assert.deepEqual(after.builds, [build(1, 4), made]);
  assert.equal(project.builds.length, 1, 'the project given is unchanged');
  after.files[0].text = 'v2';
  assert.equal(made.files[0].text, 'v1');
  assert.equal(latestBuild(after), made);
  assert.equal(latestBuild({ ...project, builds: [] }), undefined);
  const compiled = withBuild(project, 8, [{ path: 'counter/main.ts', text: 'compiled' }]).build;
  assert.deepEqual(compiled.files, [{ path: 'counter/main.ts', text: 'compiled' }], 'the files compiled, not the project’s now');
});
