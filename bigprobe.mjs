// Temporary: 64 KiB hashchain blocks on the browser engine, per phase.
import { chromium } from 'playwright-core';
const b = await chromium.launch({ executablePath: '/usr/bin/chromium' });
const p = await b.newPage();
await p.goto(`http://127.0.0.1:8765/eeplay/sub/?engine=browser`);
await p.waitForSelector('body[data-settled]');
await b.startTracing(p, { categories: ['devtools.timeline', 'toplevel', 'v8', 'blink', 'IndexedDB'] });
const r = await p.evaluate(async () => {
  const e = window.eeplay; const core = []; e.onChange((c) => { if (c.kind === 'createShardBlock') core.push(c.milliseconds); });
  const data = new Uint8Array(65536).map((_, i) => i * 7);
  const total = [];
  for (let i = 0; i < 16; i++) { const s = performance.now(); await e.createShardBlock({ shardIndex: 0, transactions: [{ eeIndex: 0, data }] }); total.push(performance.now() - s); }
  return { total: total.map((x) => x.toFixed(1)).join(' '), core: core.map((x) => x.toFixed(1)).join(' ') };
});
const trace = JSON.parse((await b.stopTracing()).toString());
const threads = new Map();
for (const e of trace.traceEvents) if (e.name === 'thread_name') threads.set(`${e.pid}/${e.tid}`, e.args.name);
const by = new Map();
for (const e of trace.traceEvents) {
  if (e.ph !== 'X' || !e.dur) continue;
  const t = threads.get(`${e.pid}/${e.tid}`) ?? '?';
  const k = `${t.slice(0, 16)} ${e.name}`;
  const v = by.get(k) ?? { dur: 0, n: 0 }; v.dur += e.dur; v.n++; by.set(k, v);
}
console.log(r);
for (const [k, v] of [...by].sort((a, b) => b[1].dur - a[1].dur).slice(0, 30)) console.log((v.dur / 1000).toFixed(1).padStart(8), String(v.n).padStart(6), k);
await b.close();
