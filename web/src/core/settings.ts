// What the page keeps in this browser's localStorage, every key of it, read
// and written here only. Storage that is missing, full or refused (a
// browser may block it) is never an error: a setting that cannot be read,
// or was stored corrupt, has its default; one that cannot be written lasts
// for this visit.
import { DEFAULT_TIME_LIMIT, isTimeLimit } from './time-limit';

/** The last block created, for the grid's highlight and the result view. */
export interface LastBlock {
  shardIndex: number;
  blockIndex: number;
  milliseconds?: number;
  /** The engine it ran on, by name. */
  engine?: string;
}

/** Whether the guide was last left open or closed. */
export type GuideState = 'open' | 'closed';

/** The keys, one per setting. */
const KEYS = {
  timeLimit: 'eeplay.timeLimit',
  names: 'eeplay.names',
  lastBlock: 'eeplay.lastBlock',
  visited: 'eeplay.visited',
  guide: 'eeplay.guide',
  project: 'eeplay.project',
} as const;

export class Settings {
  /** storage returns where settings are kept; it may throw, as localStorage does when the browser refuses it. */
  constructor(private readonly storage: () => Storage) {}

  /** The time limit per block, in seconds: the one stored, or DEFAULT_TIME_LIMIT. */
  timeLimit(): number {
    const stored = this.read(KEYS.timeLimit);
    const value = stored === null ? NaN : Number(stored);
    return isTimeLimit(value) ? value : DEFAULT_TIME_LIMIT;
  }

  setTimeLimit(seconds: number): void {
    this.write(KEYS.timeLimit, String(seconds));
  }

  /** The names given to EEs (see ui/names.ts), by key; none stored is {}. */
  names(): Record<string, string> {
    const stored = this.readJSON(KEYS.names);
    if (!stored || typeof stored !== 'object') return {};
    return Object.fromEntries(Object.entries(stored).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
  }

  setNames(names: Record<string, string>): void {
    this.write(KEYS.names, JSON.stringify(names));
  }

  /** The last block created, or null when none is stored. */
  lastBlock(): LastBlock | null {
    const stored = this.readJSON(KEYS.lastBlock);
    if (!stored || typeof stored !== 'object' || !('shardIndex' in stored) || !('blockIndex' in stored)) return null;
    const { shardIndex, blockIndex } = stored;
    if (!isInteger(shardIndex) || !isInteger(blockIndex)) return null;
    const milliseconds = 'milliseconds' in stored && typeof stored.milliseconds === 'number' ? stored.milliseconds : undefined;
    const engine = 'engine' in stored && typeof stored.engine === 'string' ? stored.engine : undefined;
    return { shardIndex, blockIndex, milliseconds, engine };
  }

  /** Stores last, or forgets the last block when it is null. */
  setLastBlock(last: LastBlock | null): void {
    this.write(KEYS.lastBlock, last && JSON.stringify(last));
  }

  /** Whether the page was opened in this browser before (setVisited). */
  visited(): boolean {
    return this.read(KEYS.visited) !== null;
  }

  setVisited(): void {
    this.write(KEYS.visited, '1');
  }

  /** Whether the guide was last left open or closed; null when neither is stored. */
  guide(): GuideState | null {
    const stored = this.read(KEYS.guide);
    return stored === 'open' || stored === 'closed' ? stored : null;
  }

  setGuide(state: GuideState): void {
    this.write(KEYS.guide, state);
  }

  /** The id of the project the Code panel showed last, which it opens again; null when none is stored. */
  project(): string | null {
    return this.read(KEYS.project);
  }

  /** Stores the project shown, or forgets it when id is null. */
  setProject(id: string | null): void {
    this.write(KEYS.project, id);
  }

  private read(key: string): string | null {
    try {
      return this.storage().getItem(key);
    } catch {
      return null;
    }
  }

  /** The JSON stored under key, parsed; undefined when there is none, or it is not JSON. */
  private readJSON(key: string): unknown {
    const text = this.read(key);
    if (text === null) return undefined;
    try {
      return JSON.parse(text);
    } catch {
      return undefined;
    }
  }

  /** Stores value under key, or removes key when value is null. */
  private write(key: string, value: string | null): void {
    try {
      if (value === null) this.storage().removeItem(key);
      else this.storage().setItem(key, value);
    } catch {
      // Full or refused: the setting lasts for this visit.
    }
  }
}

function isInteger(value: unknown): value is number {
  return Number.isInteger(value);
}

/** The settings kept in this browser's localStorage. */
export const settings = new Settings(() => localStorage);
