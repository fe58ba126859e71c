// The simulation's operations, stored in IndexedDB so that the simulation
// survives a reload: the page replays them into a fresh core. Each
// operation is the core's JSON for it (core.Operation), as bytes. Beside
// them, what belongs to that simulation but is not an operation: the token
// state provider's attachment.

import type { TokenAttachment } from './api';

const databaseName = 'eeplay';
const storeName = 'operations';
/** Values by key; today only tokenKey. */
const settingsName = 'settings';
const tokenKey = 'tokenAttachment';

/** OperationStore keeps the operations in the order they were made. */
export interface OperationStore {
  load(): Promise<Uint8Array[]>;
  append(operation: Uint8Array): Promise<void>;
  /** Replaces the simulation: the operations, and forgets the token attachment, which belonged to the old one. */
  replaceAll(operations: Uint8Array[]): Promise<void>;
  loadTokenAttachment(): Promise<TokenAttachment | null>;
  /** Stores the attachment, or forgets it (null). */
  saveTokenAttachment(attachment: TokenAttachment | null): Promise<void>;
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
    // Version 2 added the settings.
    const request = indexedDB.open(databaseName, 2);
    request.onupgradeneeded = () => {
      const db = request.result;
      if (!db.objectStoreNames.contains(storeName)) db.createObjectStore(storeName, { autoIncrement: true });
      if (!db.objectStoreNames.contains(settingsName)) db.createObjectStore(settingsName);
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

  async replaceAll(operations: Uint8Array[]): Promise<void> {
    // One transaction: either all the new operations are stored (and the
    // attachment forgotten) or the old ones stay.
    await this.transact(
      'readwrite',
      (tx) => {
        tx.objectStore(settingsName).delete(tokenKey);
        const store = tx.objectStore(storeName);
        store.clear();
        let last: IDBRequest = store.count();
        for (const operation of operations) {
          last = store.add(operation);
        }
        return last;
      },
      [storeName, settingsName],
    );
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

  async load(): Promise<Uint8Array[]> {
    return [...this.operations];
  }
  async append(operation: Uint8Array): Promise<void> {
    this.operations.push(operation);
  }
  async replaceAll(operations: Uint8Array[]): Promise<void> {
    this.operations = [...operations];
    this.attachment = null;
  }
  async loadTokenAttachment(): Promise<TokenAttachment | null> {
    return this.attachment;
  }
  async saveTokenAttachment(attachment: TokenAttachment | null): Promise<void> {
    this.attachment = attachment && { ...attachment };
  }
}

/** The stored value as an attachment, or null when it is missing or not one. */
function asAttachment(value: unknown): TokenAttachment | null {
  if (!value || typeof value !== 'object') return null;
  const v = value as Record<string, unknown>;
  const keys = ['eeIndex', 'shardIndex', 'accounts', 'seed'] as const;
  if (!keys.every((k) => Number.isSafeInteger(v[k]))) return null;
  return { eeIndex: v.eeIndex as number, shardIndex: v.shardIndex as number, accounts: v.accounts as number, seed: v.seed as number };
}
