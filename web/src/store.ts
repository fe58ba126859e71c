// The simulation's operations, stored in IndexedDB so that the simulation
// survives a reload: the page replays them into a fresh core. Each
// operation is the core's JSON for it (core.Operation), as bytes.

const databaseName = 'eeplay';
const storeName = 'operations';

/** OperationStore keeps the operations in the order they were made. */
export interface OperationStore {
  load(): Promise<Uint8Array[]>;
  append(operation: Uint8Array): Promise<void>;
  replaceAll(operations: Uint8Array[]): Promise<void>;
  /** Where the operations live, for the page to tell users. */
  readonly durable: boolean;
}

/** openStore opens the IndexedDB store, or keeps operations in memory (not durable) when IndexedDB cannot be opened. */
export async function openStore(): Promise<OperationStore> {
  try {
    return new IndexedDBStore(await openDatabase());
  } catch (error) {
    console.warn('eeplay: IndexedDB is unavailable, so the simulation will not survive a reload:', error);
    return new MemoryStore();
  }
}

function openDatabase(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(databaseName, 1);
    request.onupgradeneeded = () => {
      request.result.createObjectStore(storeName, { autoIncrement: true });
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
    request.onblocked = () => reject(new Error('IndexedDB is blocked by another tab of eeplay'));
  });
}

class IndexedDBStore implements OperationStore {
  readonly durable = true;
  constructor(private readonly db: IDBDatabase) {}

  load(): Promise<Uint8Array[]> {
    return this.transact('readonly', (store) => store.getAll()) as Promise<Uint8Array[]>;
  }

  async append(operation: Uint8Array): Promise<void> {
    await this.transact('readwrite', (store) => store.add(operation));
  }

  async replaceAll(operations: Uint8Array[]): Promise<void> {
    // One transaction: either all the new operations are stored or the old ones stay.
    await this.transact('readwrite', (store) => {
      store.clear();
      let last: IDBRequest = store.count();
      for (const operation of operations) {
        last = store.add(operation);
      }
      return last;
    });
  }

  // transact runs work in a transaction and resolves to the result of the
  // request work returns once the transaction has committed.
  private transact(mode: IDBTransactionMode, work: (store: IDBObjectStore) => IDBRequest): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const transaction = this.db.transaction(storeName, mode);
      const request = work(transaction.objectStore(storeName));
      transaction.oncomplete = () => resolve(request.result);
      transaction.onerror = () => reject(transaction.error ?? new Error('IndexedDB transaction failed'));
      transaction.onabort = () => reject(transaction.error ?? new Error('IndexedDB transaction aborted'));
    });
  }
}

class MemoryStore implements OperationStore {
  readonly durable = false;
  private operations: Uint8Array[] = [];

  async load(): Promise<Uint8Array[]> {
    return [...this.operations];
  }
  async append(operation: Uint8Array): Promise<void> {
    this.operations.push(operation);
  }
  async replaceAll(operations: Uint8Array[]): Promise<void> {
    this.operations = [...operations];
  }
}
