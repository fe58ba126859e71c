import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { BlockRejectedError, RejectedTransaction } from './api';
import { CoreChannel, CoreCrash, CoreFailure, type ChannelEvents, type WorkerLike } from './channel';
import type { PageMessage, Request, WorkerMessage } from './protocol';

/** An ErrorEvent as a worker fires it; Node has none of its own. */
class WorkerErrorEvent extends Event implements ErrorEvent {
  readonly colno = 0;
  readonly error = null;
  readonly filename = 'worker.js';
  readonly lineno = 0;
  constructor(readonly message: string) {
    super('error');
  }
}

/**
 * A worker in this thread: it keeps the requests posted to it, cloned as a
 * real worker clones them, and the test answers them as the worker would.
 */
class InProcessWorker implements WorkerLike {
  onmessage: ((event: MessageEvent<WorkerMessage>) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  readonly posted: PageMessage[] = [];
  terminated = false;

  postMessage(message: PageMessage): void {
    this.posted.push(structuredClone(message));
  }

  terminate(): void {
    this.terminated = true;
  }

  /** The request posted with method, the last one. */
  request(method: string): Request {
    const found = this.posted.filter((m): m is Request => 'method' in m && m.method === method).pop();
    assert.ok(found, `no ${method} request was posted`);
    return found;
  }

  send(message: WorkerMessage): void {
    this.onmessage?.(new MessageEvent('message', { data: message }));
  }

  fail(message: string): void {
    this.onerror?.(new WorkerErrorEvent(message));
  }
}

/** What the channel told its owner. */
class Told implements ChannelEvents {
  readonly crashes: string[] = [];
  readonly workerErrors: string[] = [];
  onCrashNotice(reason: string): void {
    this.crashes.push(reason);
  }
  onWorkerError(message: string): void {
    this.workerErrors.push(message);
  }
}

function open(): { worker: InProcessWorker; channel: CoreChannel; told: Told } {
  const worker = new InProcessWorker();
  const told = new Told();
  return { worker, channel: new CoreChannel(worker, told), told };
}

/** How a promise settled, once it has. */
function outcome<T>(promise: Promise<T>): Promise<{ value: T } | { error: unknown }> {
  return promise.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
}

const ROOT = `0x${'ab'.repeat(32)}`;

test('each answer settles the request with its id, in whatever order they come', async () => {
  const { worker, channel } = open();
  const state = channel.request('getExecutionEnvironmentState', { eeIndex: 1, shardIndex: 2 });
  const overview = channel.request('getOverview', {});
  assert.deepEqual(worker.posted, [
    { id: 0, method: 'getExecutionEnvironmentState', params: { eeIndex: 1, shardIndex: 2 } },
    { id: 1, method: 'getOverview', params: {} },
  ]);
  const counts = new Array<number>(64).fill(0);
  worker.send({ id: 1, result: { slot: 0, executionEnvironmentCount: 2, blockCounts: counts, engine: 'wazero' } });
  worker.send({ id: 0, result: ROOT });
  assert.equal(await state, ROOT);
  assert.deepEqual(await overview, { slot: 0, executionEnvironmentCount: 2, blockCounts: counts, engine: 'wazero' });
});

test('a failure rejects its request with the core message, and the failing transaction', async () => {
  const { worker, channel } = open();
  const ee = channel.request('getExecutionEnvironment', { eeIndex: 9 });
  const block = channel.request('createShardBlock', { shardIndex: 0, transactions: [{ eeIndex: 0, data: '0x' }] });
  const transaction: RejectedTransaction = {
    index: 0,
    eeIndex: 0,
    receipt: { preState: ROOT, postState: ROOT, ticks: 3, deposits: [], logs: [], debug: ['hello'], modules: [] },
  };
  worker.send({ id: 1, error: 'create shard block on shard 0: transaction 0 (execution environment 0): trap', transaction });
  worker.send({ id: 0, error: 'no such execution environment: 0 exist' });
  const failed = (await outcome(ee)) as { error: unknown };
  assert.ok(failed.error instanceof CoreFailure);
  assert.equal(failed.error.message, 'no such execution environment: 0 exist');
  assert.equal(failed.error.transaction, undefined);
  const rejected = (await outcome(block)) as { error: BlockRejectedError };
  assert.ok(rejected.error instanceof CoreFailure);
  assert.equal(rejected.error.message, 'create shard block on shard 0: transaction 0 (execution environment 0): trap');
  assert.deepEqual(rejected.error.transaction, transaction);
});

test('a request the core crashed in, or after, rejects with a CoreCrash', async () => {
  const { worker, channel } = open();
  const ran = channel.request('getOverview', {});
  const after = channel.request('getOverview', {});
  worker.send({ id: 0, error: 'the core crashed (fatal error: out of memory)', crash: { reason: 'fatal error: out of memory', ran: true } });
  worker.send({ id: 1, error: 'the core crashed (fatal error: out of memory)', crash: { reason: 'fatal error: out of memory', ran: false } });
  for (const [request, wasRun] of [
    [ran, true],
    [after, false],
  ] as const) {
    const { error } = (await outcome(request)) as { error: unknown };
    assert.ok(error instanceof CoreCrash);
    assert.equal(error.message, 'the core crashed (fatal error: out of memory)');
    assert.equal(error.reason, 'fatal error: out of memory');
    assert.equal(error.ran, wasRun);
  }
});

test('progress reports reach their request until it is answered', async () => {
  const { worker, channel } = open();
  const reports: [number, number][] = [];
  const block = channel.request('createShardBlock', { shardIndex: 3, transactions: [] }, (index, total) => reports.push([index, total]));
  worker.send({ id: 0, progress: { index: 0, total: 2 } });
  worker.send({ id: 0, progress: { index: 1, total: 2 } });
  worker.send({ id: 0, result: { blockIndex: 0, operation: new Uint8Array([0x7b, 0x7d]) } });
  worker.send({ id: 0, progress: { index: 2, total: 2 } });
  assert.deepEqual(await block, { blockIndex: 0, operation: new Uint8Array([0x7b, 0x7d]) });
  assert.deepEqual(reports, [
    [0, 2],
    [1, 2],
  ]);
});

test('terminating ends the worker and rejects every request waiting, and every later one', async () => {
  const { worker, channel, told } = open();
  const first = channel.request('getOverview', {});
  const second = channel.request('getShardState', { shardIndex: 1 });
  channel.terminate('a block was cancelled');
  assert.ok(worker.terminated);
  await assert.rejects(first, new Error('a block was cancelled'));
  await assert.rejects(second, new Error('a block was cancelled'));
  await assert.rejects(channel.request('getOverview', {}), new Error('getOverview: a block was cancelled'));
  // What the ended worker still sends is ignored.
  worker.send({ crash: { reason: 'panic: late' } });
  worker.fail('late');
  assert.deepEqual(told, new Told());
  assert.equal(worker.posted.length, 2);
});

test("the worker's failure rejects every request waiting and is told; the channel stays open", async () => {
  const { worker, channel, told } = open();
  const waiting = channel.request('getOverview', {});
  worker.fail('Uncaught ReferenceError: x is not defined');
  await assert.rejects(waiting, new Error("the core's worker failed: Uncaught ReferenceError: x is not defined"));
  worker.fail('');
  assert.deepEqual(told.workerErrors, ["the core's worker failed: Uncaught ReferenceError: x is not defined", "the core's worker failed: see the console"]);
  const later = channel.request('getBeaconStateSSZ', {});
  worker.send({ id: 1, result: new Uint8Array([1]) });
  assert.deepEqual(await later, new Uint8Array([1]));
});

test('a crash while no request runs is told', () => {
  const { worker, told } = open();
  worker.send({ crash: { reason: 'panic: eeplay: crashed on purpose, for a test' } });
  assert.deepEqual(told.crashes, ['panic: eeplay: crashed on purpose, for a test']);
});

test('a request that cannot be posted rejects at once, named by its method', async () => {
  const { channel } = open();
  const params = { wasmCode: new Uint8Array(), then: () => '0x' };
  const { error } = (await outcome(channel.request('createExecutionEnvironment', params))) as { error: Error };
  assert.match(error.message, /^createExecutionEnvironment: .*could not be cloned/);
});
