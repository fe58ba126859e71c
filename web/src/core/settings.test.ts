import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Settings } from './settings';

/** A Storage in memory, as localStorage keeps strings. */
class MemoryStorage implements Storage {
  [name: string]: unknown;
  private readonly items = new Map<string, string>();

  get length(): number {
    return this.items.size;
  }
  clear(): void {
    this.items.clear();
  }
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  key(index: number): string | null {
    return [...this.items.keys()][index] ?? null;
  }
  removeItem(key: string): void {
    this.items.delete(key);
  }
  setItem(key: string, value: string): void {
    this.items.set(key, String(value));
  }
  /** Every item, for comparing. */
  all(): Record<string, string> {
    return Object.fromEntries(this.items);
  }
}

/** A Storage that refuses every call, as a full or blocked localStorage does. */
class RefusingStorage extends MemoryStorage {
  override getItem(): string | null {
    throw new DOMException('access denied', 'SecurityError');
  }
  override setItem(): void {
    throw new DOMException('the quota has been exceeded', 'QuotaExceededError');
  }
  override removeItem(): void {
    throw new DOMException('access denied', 'SecurityError');
  }
}

const DEFAULTS = { timeLimit: 10, names: {}, lastBlock: null, visited: false, guide: null, project: null };

function read(settings: Settings) {
  return {
    timeLimit: settings.timeLimit(),
    names: settings.names(),
    lastBlock: settings.lastBlock(),
    visited: settings.visited(),
    guide: settings.guide(),
    project: settings.project(),
  };
}

test('nothing stored: every setting has its default', () => {
  assert.deepEqual(read(new Settings(() => new MemoryStorage())), DEFAULTS);
});

test('what is set is stored under its key and read back', () => {
  const storage = new MemoryStorage();
  const settings = new Settings(() => storage);
  settings.setTimeLimit(2.5);
  settings.setNames({ '0-811c9dc5': 'hashchain', '1@0-811c9dc5': 'mine' });
  settings.setLastBlock({ shardIndex: 3, blockIndex: 7, milliseconds: 12.5, engine: 'browser' });
  settings.setVisited();
  settings.setGuide('closed');
  settings.setProject('p-1');
  assert.deepEqual(storage.all(), {
    'eeplay.timeLimit': '2.5',
    'eeplay.names': '{"0-811c9dc5":"hashchain","1@0-811c9dc5":"mine"}',
    'eeplay.lastBlock': '{"shardIndex":3,"blockIndex":7,"milliseconds":12.5,"engine":"browser"}',
    'eeplay.visited': '1',
    'eeplay.guide': 'closed',
    'eeplay.project': 'p-1',
  });
  assert.deepEqual(read(settings), {
    timeLimit: 2.5,
    names: { '0-811c9dc5': 'hashchain', '1@0-811c9dc5': 'mine' },
    lastBlock: { shardIndex: 3, blockIndex: 7, milliseconds: 12.5, engine: 'browser' },
    visited: true,
    guide: 'closed',
    project: 'p-1',
  });
  settings.setProject(null);
  assert.equal(storage.getItem('eeplay.project'), null);
  settings.setLastBlock(null);
  assert.equal(storage.getItem('eeplay.lastBlock'), null);
  assert.equal(settings.lastBlock(), null);
});

test('a setting stored corrupt has its default, or what of it is sound', () => {
  const cases: { name: string; stored: Record<string, string>; want: Partial<ReturnType<typeof read>> }[] = [
    { name: 'time limit not a number', stored: { 'eeplay.timeLimit': 'ten' }, want: { timeLimit: 10 } },
    { name: 'time limit empty', stored: { 'eeplay.timeLimit': '' }, want: { timeLimit: 10 } },
    { name: 'time limit below the range', stored: { 'eeplay.timeLimit': '0.5' }, want: { timeLimit: 10 } },
    { name: 'time limit above the range', stored: { 'eeplay.timeLimit': '601' }, want: { timeLimit: 10 } },
    { name: 'time limit at the top of the range', stored: { 'eeplay.timeLimit': '600' }, want: { timeLimit: 600 } },
    { name: 'names not JSON', stored: { 'eeplay.names': '{"a":' }, want: { names: {} } },
    { name: 'names not an object', stored: { 'eeplay.names': '"hashchain"' }, want: { names: {} } },
    { name: 'names null', stored: { 'eeplay.names': 'null' }, want: { names: {} } },
    { name: 'names with values that are not names', stored: { 'eeplay.names': '{"a":1,"b":"token","c":null}' }, want: { names: { b: 'token' } } },
    { name: 'last block not JSON', stored: { 'eeplay.lastBlock': '{' }, want: { lastBlock: null } },
    { name: 'last block without its shard', stored: { 'eeplay.lastBlock': '{"blockIndex":1}' }, want: { lastBlock: null } },
    { name: 'last block on no whole shard', stored: { 'eeplay.lastBlock': '{"shardIndex":1.5,"blockIndex":1}' }, want: { lastBlock: null } },
    { name: 'last block numbered by a string', stored: { 'eeplay.lastBlock': '{"shardIndex":1,"blockIndex":"2"}' }, want: { lastBlock: null } },
    {
      name: 'last block with a wrong time and engine',
      stored: { 'eeplay.lastBlock': '{"shardIndex":1,"blockIndex":2,"milliseconds":"fast","engine":7}' },
      want: { lastBlock: { shardIndex: 1, blockIndex: 2, milliseconds: undefined, engine: undefined } },
    },
    { name: 'guide neither open nor closed', stored: { 'eeplay.guide': 'ajar' }, want: { guide: null } },
    { name: 'visited by any value', stored: { 'eeplay.visited': '' }, want: { visited: true } },
  ];
  for (const c of cases) {
    const storage = new MemoryStorage();
    for (const [key, value] of Object.entries(c.stored)) storage.setItem(key, value);
    assert.deepEqual(read(new Settings(() => storage)), { ...DEFAULTS, ...c.want }, c.name);
  }
});

test('storage that cannot be used: defaults, and setting changes nothing and throws nothing', () => {
  const unavailable: { name: string; storage: () => Storage }[] = [
    {
      name: 'refused',
      storage: () => {
        throw new DOMException('the operation is insecure', 'SecurityError');
      },
    },
    { name: 'every call throws', storage: () => new RefusingStorage() },
  ];
  for (const { name, storage } of unavailable) {
    const settings = new Settings(storage);
    settings.setTimeLimit(5);
    settings.setNames({ a: 'b' });
    settings.setLastBlock({ shardIndex: 0, blockIndex: 0 });
    settings.setLastBlock(null);
    settings.setVisited();
    settings.setGuide('open');
    assert.deepEqual(read(settings), DEFAULTS, name);
  }
});
