// eeplay.projects: the EE projects kept in this browser beside the stored
// simulation (store.ts), checked before they are kept (project-check.ts).

import type { Project, ProjectBuild, ProjectsApi } from './api';
import { checkProject, projectLimits } from './project-check';
import type { OperationStore } from './store';

export class Projects implements ProjectsApi {
  constructor(
    private readonly store: Promise<OperationStore>,
    /** The number of EEs in the simulation, once it is ready: a build's EE must be one of them. */
    private readonly eeCount: () => Promise<number>,
    /** Told after a save or a remove, so that views showing projects update. */
    private readonly changed: () => void,
  ) {}

  async list(): Promise<Project[]> {
    return (await this.store).loadProjects();
  }

  async save(project: Project): Promise<void> {
    let checked: Project;
    try {
      checked = checkProject(project);
    } catch (error) {
      throw new Error(`projects.save: ${message(error)}`);
    }
    const count = await this.eeCount();
    const missing = checked.builds.find((b) => b.eeIndex >= count);
    if (missing) {
      throw new Error(`projects.save: project ${JSON.stringify(checked.id)}: build version ${missing.version} names EE ${missing.eeIndex}, which is not one: the simulation has ${count} EEs`);
    }
    const store = await this.store;
    const stored = await store.loadProjects();
    if (stored.length >= projectLimits.projects && !stored.some((p) => p.id === checked.id)) {
      throw new Error(`projects.save: ${stored.length} projects are kept already: want at most ${projectLimits.projects}; remove one first`);
    }
    const builtBy = stored.find((p) => p.id !== checked.id && p.builds.some((b) => checked.builds.some((c) => c.eeIndex === b.eeIndex)));
    if (builtBy) {
      const eeIndex = checked.builds.find((c) => builtBy.builds.some((b) => b.eeIndex === c.eeIndex))?.eeIndex;
      throw new Error(`projects.save: project ${JSON.stringify(checked.id)}: EE ${eeIndex} is a build of project ${JSON.stringify(builtBy.id)} already: want each EE built from one project`);
    }
    await store.saveProject(checked);
    this.changed();
  }

  async remove(id: string): Promise<void> {
    await (await this.store).removeProject(id);
    this.changed();
  }

  async sourceOf(eeIndex: number): Promise<{ project: Project; build: ProjectBuild } | null> {
    for (const project of await this.list()) {
      const build = project.builds.find((b) => b.eeIndex === eeIndex);
      if (build) return { project, build };
    }
    return null;
  }
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
