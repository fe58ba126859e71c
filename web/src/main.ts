// The page: creates the `eeplay` object (also window.eeplay, for the
// console) and builds one small controller per view onto index.html's
// markup. The views are mounted on the Model, which follows
// eeplay.onChange and tells them what changed, so changes made from the
// console show up here too.

import './style.css';
import type { Limits } from './core/api';
import { createEeplay } from './core/eeplay';
import { CodePanel } from './editor/panel';
import { Composer, ResultView } from './blocks/composer';
import { find, messageOf } from './ui/dom';
import { EEPanel } from './ees/ees';
import { EngineSwitch, engineInAddress } from './header/engine';
import { ErrorArea } from './ui/errors';
import { ShardGrid } from './blocks/grid';
import { ShareButton } from './header/share';
import { ShareOpener } from './header/shared';
import { Gate } from './ui/gate';
import { Guide } from './guide/guide';
import { Header } from './header/header';
import { LESSON_PARAMETER, LessonsPanel } from './lessons/panel';
import { Model } from './ui/model';
import { Recovery } from './header/recovery';
import { ScoutPanel } from './scout/panel';
import { Settings } from './header/settings';
import { BlockList, Inspector } from './blocks/shard';
import { TimeLimitField } from './header/time-limit';
import { TokenPanel } from './token/panel';
import { mount } from './ui/view';
import { Workbench } from './workbench/workbench';

const errors = new ErrorArea(find(document, 'errors'));
const workbench = new Workbench(find(document, 'workbench-tabs'));
// ?engine= picks the engine, once the core has checked the name; wazero,
// the default, when it names none.
const asked = engineInAddress();
// Test-only: ?test-crash (or ?test-crash=replay) lets the crash tests crash
// the core for real (see EeplayOptions.testCrash).
const testCrash = new URLSearchParams(location.search).get('test-crash');
const eeplay = createEeplay({
  engine: asked ?? undefined,
  testCrash: testCrash === null ? undefined : testCrash === 'replay' ? 'replay' : 'on',
  onEngineError: (e) => errors.show(e, 'Engine'),
  onUnknownEngine: (e) => errors.show(new Error(`?engine=${asked} in the address: ${e.message}; EEs run on wazero`), 'Engine'),
  onStorageError: (e) => errors.show(e, 'Storage'),
});
window.eeplay = eeplay;

const body = document.body;
body.dataset.app = 'loading';
// index.html starts it closed, saying the core is loading.
const gate = new Gate(find(document, 'gate-note'), find(document, 'main'));
/** Whether the page has loaded (boot is done), after which the gate stays open. */
let booted = false;
/** Resolves once boot is done: uploads wait for it (and the example EEs). */
let bootDone: () => void;
const whenBooted = new Promise<void>((resolve) => (bootDone = resolve));
// The views of the simulation are laid out by the core's limits (its
// number of shards, say): they are built once the core has given them,
// and the gate keeps their markup inert until the page has booted.
const views = eeplay.limits.then(mountViews);
// A core that does not load rejects ready too, which says why.
views.catch(() => undefined);
const header = new Header(
  find(document, 'header'),
  eeplay,
  errors,
  () => void views.then(({ guide }) => guide.flip()),
  async () => {
    try {
      await (await views).guide.loadExamples();
      // A Reset from the recovery box boots the page too: its status waits for that.
      await whenBooted;
      return 'Reset: the example EEs are loaded again.';
    } catch (e) {
      errors.show(e, 'Load the example EEs');
      return 'Reset: the simulation is empty.';
    }
  },
);
header.setStatus('loading', 'loading core…');
new EngineSwitch(find(document, 'header'), find(document, 'engine-offer'), eeplay, errors);
new TimeLimitField(find(document, 'header'), eeplay);
new Settings(find(document, 'header'));
const recovery = new Recovery(find(document, 'recovery'), eeplay, () => header.askReset());
new ShareButton(find(document, 'header'), find(document, 'share-result'), eeplay, async () => (await views).code.saveEdits());
// A share link's project opens in the Code tab.
const shareOpener = new ShareOpener(find(document, 'shared'), eeplay, errors, (projectIds) => {
  const [id] = projectIds;
  if (id !== undefined) void views.then(({ code }) => code.openProject(id));
});

function mountViews(limits: Limits) {
  const model = new Model(eeplay, limits, (e) => errors.show(e));
  const composerPanel = find(document, 'composer-panel');
  const composer = new Composer(composerPanel, model);
  // "Change this EE" opens the example in the Code tab with the change to try.
  const guide = new Guide(
    find(document, 'guide'),
    model,
    composer,
    errors,
    find(document, 'guide-toggle'),
    (name, suggestion) => {
      workbench.show('code');
      code.openExample(name, suggestion);
    },
    (loading) => {
      if (loading && !booted) gate.close('Loading the example EEs…');
    },
  );
  const ees = new EEPanel(
    find(document, 'ees-panel'),
    model,
    (button) => guide.loadExamplesButton(button),
    () => whenBooted.then(() => guide.examplesLoaded()),
  );
  const code = new CodePanel(find(document, 'code-panel'), model);
  mount(model, [
    composer,
    new ResultView(composerPanel, model),
    guide,
    ees,
    code,
    new ShardGrid(find(document, 'shards-panel'), model),
    new Inspector(find(document, 'inspector'), model),
    new BlockList(find(document, 'blocks-view'), model),
    new TokenPanel(find(document, 'token-panel'), model),
  ]);
  const scout = new ScoutPanel(find(document, 'scout-panel'), model);
  const lessons = new LessonsPanel(find(document, 'lessons-panel'), eeplay, {
    open: (id, spec, note) => code.openOrCreate(id, spec, note),
    files: (id) => code.projectFiles(id),
    replaceFiles: (id, files) => code.replaceFiles(id, files),
    show: () => workbench.show('code'),
  });
  return { model, guide, ees, scout, code, lessons };
}

// Files dropped anywhere else: a Scout test if there is a YAML among them,
// otherwise new EEs.
document.addEventListener('dragover', (ev) => ev.preventDefault());
document.addEventListener('drop', (ev) => {
  ev.preventDefault();
  const files = [...(ev.dataTransfer?.files ?? [])];
  if (!files.length) return;
  void views.then(({ ees, scout }) => {
    if (files.some((f) => /\.ya?ml$/i.test(f.name))) {
      scout.add(files);
      workbench.show('scout');
    } else void ees.upload(files);
  });
});

async function boot(): Promise<void> {
  const { model, guide, lessons } = await views;
  // ?lesson= opens a lesson: its tab first, so that it is what the visitor sees.
  if (new URLSearchParams(location.search).has(LESSON_PARAMETER)) workbench.show('lessons');
  void lessons.start();
  await model.start();
  header.setStatus('ready', 'ready');
  body.dataset.app = 'ready';
  // Before the first visit's examples: a link opened on a first visit takes their place.
  await shareOpener.fromAddress();
  await guide.firstVisit();
  booted = true;
  gate.open();
  bootDone();
  body.dataset.settled = '';
}

// A share link pasted into the address of the open page.
addEventListener('hashchange', () => {
  if (booted) void shareOpener.fromAddress();
});

eeplay.ready.then(boot, (e: unknown) => {
  header.setStatus('error', `error: ${messageOf(e)}`);
  body.dataset.app = 'error';
  // The stored simulation could not be read or replayed: say so, and offer
  // its export and Reset. Otherwise (the core did not load) the error alone.
  if (/^the stored simulation /.test(messageOf(e))) {
    recovery.show(messageOf(e));
    gate.close('Nothing here works until the stored simulation is restored: export it or reset, above.');
  } else {
    errors.show(e, 'Loading the core');
    gate.close('Nothing here works: the core did not load (see the error above).');
  }
  // Reset or a good import makes the core usable again.
  const off = eeplay.onChange((c) => {
    if (c.kind === 'reset' || c.kind === 'import') {
      off();
      void eeplay.ready.then(boot);
    }
  });
});
