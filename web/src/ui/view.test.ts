import assert from 'node:assert/strict';
import { test } from 'node:test';
import { UpdateListeners, ViewScope, everythingChanged, mount, type View, type ViewUpdate } from './view';

test('a render is stale once a newer one begins', () => {
  const scope = new ViewScope();
  const first = scope.startRender();
  assert.equal(first.stale, false);
  const second = scope.startRender();
  assert.equal(first.stale, true);
  assert.equal(second.stale, false);
});

test('closing the scope makes every render stale and aborts its signal', () => {
  const scope = new ViewScope();
  const render = scope.startRender();
  scope.close();
  assert.equal(render.stale, true);
  assert.equal(scope.startRender().stale, true);
  assert.equal(scope.signal.aborted, true);
});

test('a listener given the scope signal is removed when the scope closes', () => {
  const scope = new ViewScope();
  const target = new EventTarget();
  let heard = 0;
  target.addEventListener('ping', () => heard++, { signal: scope.signal });
  target.dispatchEvent(new Event('ping'));
  scope.close();
  target.dispatchEvent(new Event('ping'));
  assert.equal(heard, 1);
});

/** For emit when no listener may fail. */
function unexpected(e: unknown): never {
  throw e;
}

/** A view that keeps what it was told. */
class Recording implements View {
  readonly updates: ViewUpdate[] = [];
  destroyed = false;
  update(change: ViewUpdate): void {
    this.updates.push(change);
  }
  destroy(): void {
    this.destroyed = true;
  }
}

test('mounted views get every update until unmounted, then are destroyed', () => {
  const listeners = new UpdateListeners();
  const source = { subscribe: (l: (change: ViewUpdate) => void) => listeners.add(l) };
  const views = [new Recording(), new Recording()];
  const unmount = mount(source, views);
  const change = everythingChanged(4);
  listeners.emit(change, unexpected);
  unmount();
  listeners.emit(change, unexpected);
  for (const view of views) {
    assert.deepEqual(view.updates, [change]);
    assert.equal(view.destroyed, true);
  }
});

test('mount leaves destroy out for views that have none', () => {
  const listeners = new UpdateListeners();
  const updates: ViewUpdate[] = [];
  const unmount = mount({ subscribe: (l) => listeners.add(l) }, [{ update: (c) => updates.push(c) }]);
  unmount();
  listeners.emit(everythingChanged(1), unexpected);
  assert.deepEqual(updates, []);
});

test("a listener's error goes to onError, and the others still hear the update", () => {
  const listeners = new UpdateListeners();
  const heard: string[] = [];
  listeners.add(() => heard.push('first'));
  listeners.add(() => {
    throw new Error('broken view');
  });
  listeners.add(() => heard.push('third'));
  const errors: unknown[] = [];
  listeners.emit(everythingChanged(1), (e) => errors.push(e));
  assert.deepEqual(heard, ['first', 'third']);
  assert.deepEqual(
    errors.map((e) => (e as Error).message),
    ['broken view'],
  );
});

test('everythingChanged sets every flag and names every shard', () => {
  const { shards, ...flags } = everythingChanged(3);
  assert.deepEqual([...shards], [0, 1, 2]);
  for (const [name, value] of Object.entries(flags)) assert.equal(value, true, name);
});
