// A project's deploys: each one a new EE (EEs are immutable in the
// simulation), numbered from 1 and named "NAME vVERSION".

import type { Project, ProjectBuild, ProjectFile } from '../core/api';

/** The version the next deploy of project gets: one more than the highest so far, 1 for the first. */
export function nextVersion(builds: readonly ProjectBuild[]): number {
  return builds.reduce((max, b) => Math.max(max, b.version), 0) + 1;
}

/** The name a deploy gives its EE: "counter v3". */
export function buildName(projectName: string, version: number): string {
  return `${projectName} v${version}`;
}

/**
 * The project with a new build for EE eeIndex, built from files (by
 * default its current ones; the ones compiled, when it was edited since):
 * a copy, so later edits leave the build as it was.
 */
export function withBuild(project: Project, eeIndex: number, files: readonly ProjectFile[] = project.files): { project: Project; build: ProjectBuild } {
  const build: ProjectBuild = {
    version: nextVersion(project.builds),
    eeIndex,
    entry: project.entry,
    files: files.map((f) => ({ ...f })),
  };
  return { project: { ...project, builds: [...project.builds, build] }, build };
}

/** The latest build of project, or undefined before its first deploy. */
export function latestBuild(project: Project): ProjectBuild | undefined {
  return project.builds.reduce<ProjectBuild | undefined>((latest, b) => (!latest || b.version > latest.version ? b : latest), undefined);
}
