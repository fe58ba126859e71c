// How the projects change when the simulation does: builds name EEs of one
// simulation, so they go when it goes; the projects themselves stay.

import type { Project } from './api';

/** The projects as they are after a reset (or the import of a file without projects): each kept, its builds forgotten. */
export function forgetBuilds(projects: Project[]): Project[] {
  return projects.map((p) => ({ ...p, builds: [] }));
}

/**
 * The projects after importing a file that carries imported: each of those
 * replaces the local project with its id, in that one's place, or comes
 * after the local ones; the other local projects stay, their builds
 * forgotten, as their EEs are not in the imported simulation.
 */
export function mergeImported(local: Project[], imported: Project[]): Project[] {
  const byId = new Map(imported.map((p) => [p.id, p]));
  const merged = local.map((p) => byId.get(p.id) ?? { ...p, builds: [] });
  const localIds = new Set(local.map((p) => p.id));
  return [...merged, ...imported.filter((p) => !localIds.has(p.id))];
}
