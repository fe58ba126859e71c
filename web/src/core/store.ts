// The simulation's operations, stored in IndexedDB so that the simulation
// survives a reload: the page replays them into a fresh core. Each
// operation is the core's JSON for it (core.Operation), as bytes. Beside
// them, what belongs to that simulation but is not an operation: the token
// state provider's attachment; and the EE projects, whose builds belong to
// it, so that replacing the simulation replaces them in the same transaction.

import type { LessonProgress, Project, TokenAttachment } from './api';

const databaseName = 'eeplay';
const storeName = 'operations';
/** Values by key: tokenKey, and each lesson's progress under lessonKey(url). */
const settingsName = 'settings';
const tokenKey = 'tokenAttachment';
/** The key of a lesson's progress: kept beside the simulation, not in it, so a Reset or an import leaves it. */
const lessonKey = (url: string) => `lesson:${url}`;
/** Projects by id, each as a StoredProject. */
const projectsName = 'projects';

/** A project as stored: order keeps the list oldest first, as a project's id says nothing of when it came. */
interface StoredProject {
  order: number;
  project: Project;
}

/** OperationStore keeps the operations in the order they were made. */
export interface OperationStore {
  load(): Promise<Uint8Array[]>;
  append(operation: Uint8Array): Promise<void>;
  /**
   * Replaces the simulation: the operations, and forgets the token
   * attachment, which belonged to the old one; the projects become what
   * projects makes of the stored ones (it may throw: then nothing changes).
   */
  replaceAll(operations: Uint8Array[], projects: (stored: Project[]) => Project[]): Promise<void>;
  /** The projects, oldest first. */
  loadProjects(): Promise<Project[]>;
  /** Stores project in place of the one with its id, or after the others. */
  saveProject(project: Project): Promise<void>;
  removeProject(id: string): Promise<void>;
  loadTokenAttachment(): Promise<TokenAttachment | null>;
  /** Stores the attachment, or forgets it (null). */
  saveTokenAttachment(attachment: TokenAttachment | null): Promise<void>;
  /** What the attendee has done in the lesson at url; null before anything. */
  loadLessonProgress(url: string): Promise<LessonProgress | null>;
  saveLessonProgress(url: string, progress: LessonProgress): Promise<void>;
  /** Where the operations live, for the page to tell users. */
  readonly durable: boolean;
  /** Why IndexedDB could not be opened, when it could not (then durable is false); "" otherwise. */
  readonly problem: string;
}

/** openStore opens the IndexedDB store, or keeps operations in memory (not durable) when IndexedDB cannot be opened. */
export async function openStore(): Promise<OperationStore> {
  try {
    return new IndexedDBStore(await openDatabase());
  } catch (error) {
    // Not silent: the page tells the user (see EeplayOptions.onStorageError).
    return new MemoryStore(error instanceof Error ? error.message || error.name : String(error));
  }
}

function openDatabase(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    // Version 2 added the settings; version 3 the projects. A database of
    // an older version gets the stores it lacks, its operations kept.
    const request = indexedDB.open(databaseName, 3);
    request.onupgradeneeded = () => {
      const db = request.result;
      if (!db.objectStoreNames.contains(storeName)) db.createObjectStore(storeName, { autoIncrement: true });
      if (!db.objectStoreNames.contains(settingsName)) db.createObjectStore(settingsName);
      if (!db.objectStoreNames.contains(projectsName)) db.createObjectStore(projectsName);
    };
    request.onsuccess = () => {
      const db = request.result;
      // Let a newer version of the page, in another tab, upgrade the database.
      db.onversionchange = () => db.close();
      resolve(db);
    };
    request.onerror = () => reject(request.error);
    request.onblocked = () => reject(new Error('IndexedDB is blocked by another tab of eeplay'));
  });
}

class IndexedDBStore implements OperationStore {
  readonly durable = true;
  readonly problem = '';
  constructor(private readonly db: IDBDatabase) {}

  load(): Promise<Uint8Array[]> {
    return this.transact('readonly', (tx) => tx.objectStore(storeName).getAll()) as Promise<Uint8Array[]>;
  }

  async append(operation: Uint8Array): Promise<void> {
    await this.transact('readwrite', (tx) => tx.objectStore(storeName).add(operation));
  }

  replaceAll(operations: Uint8Array[], projects: (stored: Project[]) => Project[]): Promise<void> {
    // One transaction: either all the new operations and projects are
    // stored (and the attachment forgotten) or the old ones stay.
    return new Promise((resolve, reject) => {
      const transaction = this.db.transaction([storeName, settingsName, projectsName], 'readwrite');
      transaction.oncomplete = () => resolve();
      transaction.onerror = () => reject(transaction.error ?? new Error('IndexedDB transaction failed'));
      transaction.onabort = () => reject(transaction.error ?? new Error('IndexedDB transaction aborted'));
      transaction.objectStore(settingsName).delete(tokenKey);
      const store = transaction.objectStore(storeName);
      store.clear();
      for (const operation of operations) store.add(operation);
      const projectStore = transaction.objectStore(projectsName);
      const stored = projectStore.getAll();
      stored.onsuccess = () => {
        let next: Project[];
        try {
          next = projects(inOrder(stored.result as StoredProject[]));
        } catch (error) {
          transaction.abort();
          reject(error);
          return;
        }
        projectStore.clear();
        next.forEach((project, order) => projectStore.put({ order, project } satisfies StoredProject, project.id));
      };
    });
  }

  async loadProjects(): Promise<Project[]> {
    return inOrder((await this.transact('readonly', (tx) => tx.objectStore(projectsName).getAll(), [projectsName])) as StoredProject[]);
  }

  saveProject(project: Project): Promise<void> {
    return new Promise((resolve, reject) => {
      const transaction = this.db.transaction([projectsName], 'readwrite');
      transaction.oncomplete = () => resolve();
      transaction.onerror = () => reject(transaction.error ?? new Error('IndexedDB transaction failed'));
      transaction.onabort = () => reject(transaction.error ?? new Error('IndexedDB transaction aborted'));
      const projectStore = transaction.objectStore(projectsName);
      // Read and write in one transaction, so that two saves cannot take the same place.
      const all = projectStore.getAll();
      all.onsuccess = () => {
        const stored = all.result as StoredProject[];
        const order = stored.find((s) => s.project.id === project.id)?.order ?? Math.max(-1, ...stored.map((s) => s.order)) + 1;
        projectStore.put({ order, project } satisfies StoredProject, project.id);
      };
    });
  }

  async removeProject(id: string): Promise<void> {
    await this.transact('readwrite', (tx) => tx.objectStore(projectsName).delete(id), [projectsName]);
  }

  async loadTokenAttachment(): Promise<TokenAttachment | null> {
    return asAttachment(await this.transact('readonly', (tx) => tx.objectStore(settingsName).get(tokenKey), [settingsName]));
  }

  async saveTokenAttachment(attachment: TokenAttachment | null): Promise<void> {
    await this.transact(
      'readwrite',
      (tx) => {
        const settings = tx.objectStore(settingsName);
        return attachment ? settings.put({ ...attachment }, tokenKey) : settings.delete(tokenKey);
      },
      [settingsName],
    );
  }

  async loadLessonProgress(url: string): Promise<LessonProgress | null> {
    return asLessonProgress(await this.transact('readonly', (tx) => tx.objectStore(settingsName).get(lessonKey(url)), [settingsName]));
  }

  async saveLessonProgress(url: string, progress: LessonProgress): Promise<void> {
    await this.transact('readwrite', (tx) => tx.objectStore(settingsName).put(structuredClone(progress), lessonKey(url)), [settingsName]);
  }

  // transact runs work in a transaction over names (the operations by
  // default) and resolves to the result of the request work returns once
  // the transaction has committed.
  private transact(
    mode: IDBTransactionMode,
    work: (transaction: IDBTransaction) => IDBRequest,
    names: string[] = [storeName],
  ): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const transaction = this.db.transaction(names, mode);
      const request = work(transaction);
      transaction.oncomplete = () => resolve(request.result);
      transaction.onerror = () => reject(transaction.error ?? new Error('IndexedDB transaction failed'));
      transaction.onabort = () => reject(transaction.error ?? new Error('IndexedDB transaction aborted'));
    });
  }
}

class MemoryStore implements OperationStore {
  readonly durable = false;
  constructor(readonly problem: string) {}
  private operations: Uint8Array[] = [];
  private attachment: TokenAttachment | null = null;
  private projects: Project[] = [];
  private lessons = new Map<string, LessonProgress>();

  async load(): Promise<Uint8Array[]> {
    return [...this.operations];
  }
  async append(operation: Uint8Array): Promise<void> {
    this.operations.push(operation);
  }
  async replaceAll(operations: Uint8Array[], projects: (stored: Project[]) => Project[]): Promise<void> {
    const next = projects(structuredClone(this.projects));
    this.operations = [...operations];
    this.attachment = null;
    this.projects = structuredClone(next);
  }
  async loadProjects(): Promise<Project[]> {
    return structuredClone(this.projects);
  }
  async saveProject(project: Project): Promise<void> {
    const at = this.projects.findIndex((p) => p.id === project.id);
    // A copy, as IndexedDB would keep: later changes to project do not reach it.
    if (at >= 0) this.projects[at] = structuredClone(project);
    else this.projects.push(structuredClone(project));
  }
  async removeProject(id: string): Promise<void> {
    this.projects = this.projects.filter((p) => p.id !== id);
  }
  async loadTokenAttachment(): Promise<TokenAttachment | null> {
    return this.attachment;
  }
  async saveTokenAttachment(attachment: TokenAttachment | null): Promise<void> {
    this.attachment = attachment && { ...attachment };
  }
  async loadLessonProgress(url: string): Promise<LessonProgress | null> {
    return structuredClone(this.lessons.get(url) ?? null);
  }
  async saveLessonProgress(url: string, progress: LessonProgress): Promise<void> {
    this.lessons.set(url, structuredClone(progress));
  }
}

/** The stored projects, oldest first. */
function inOrder(stored: StoredProject[]): Project[] {
  return [...stored].sort((a, b) => a.order - b.order).map((s) => s.project);
}

/** The stored value as an attachment, or null when it is missing or not one. */
function asAttachment(value: unknown): TokenAttachment | null {
  if (!value || typeof value !== 'object') return null;
  const v = value as Record<string, unknown>;
  const keys = ['eeIndex', 'shardIndex', 'accounts', 'seed'] as const;
  if (!keys.every((k) => Number.isSafeInteger(v[k]))) return null;
  return { eeIndex: v.eeIndex as number, shardIndex: v.shardIndex as number, accounts: v.accounts as number, seed: v.seed as number };
}

/** The stored value as a lesson's progress, or null when it is missing or not one (written by another version of the page, say). */
export function asLessonProgress(value: unknown): LessonProgress | null {
  if (!value || typeof value !== 'object') return null;
  const v = value as Record<string, unknown>;
  const index = (n: unknown): n is number => Number.isSafeInteger(n) && (n as number) >= 0;
  if (!index(v.step) || !Array.isArray(v.passed) || !v.passed.every(index)) return null;
  if (!v.projects || typeof v.projects !== 'object') return null;
  const projects: Record<number, string> = {};
  for (const [key, id] of Object.entries(v.projects)) {
    if (!index(Number(key)) || typeof id !== 'string') return null;
    projects[Number(key)] = id;
  }
  return { step: v.step, passed: [...v.passed], projects };
}
