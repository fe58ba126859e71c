// The workbench's part of `go run ./build bench`: what writing an EE in the
// page costs. Bytes on the wire (as the site's precompressed server sends
// them) for the first load, for the editor and for each compiler, each
// counted from the requests the page and its workers make while that part
// loads; the time from opening the code view to an editor ready for typing;
// and compile times through eeplay.compile, the first in a fresh page (so
// fetching and starting the compiler is included) and warm ones after it.

/**
 * measureWorkbench runs those measures in browser on the site at
 * input.url: input.runs fresh pages each for the first load and the
 * editor, and for the first compile of each of input.templates
 * ([{name, language, files, entry}]), then input.runs warm compiles of
 * each in one page. log gets progress lines.
 */
export async function measureWorkbench(browser, input, log) {
  const loads = [];
  const editors = [];
  for (let run = 0; run < input.runs; run++) {
    const page = await openPage(browser, input.url);
    loads.push(await page.bytes());
    page.startCounting();
    const millis = await page.page.evaluate(openCodeView);
    editors.push({ millis, bytes: await page.bytes() });
    await page.close();
    log(`workbench run ${run + 1}: first load ${loads.at(-1)} bytes, editor ready in ${millis.toFixed(0)} ms (${editors.at(-1).bytes} bytes)`);
  }

  const compiles = [];
  for (const template of input.templates) {
    const first = [];
    let compilerBytes = 0;
    for (let run = 0; run < input.runs; run++) {
      const page = await openPage(browser, input.url);
      page.startCounting();
      first.push(await compileIn(page.page, template));
      compilerBytes = await page.bytes();
      await page.close();
    }
    const page = await openPage(browser, input.url);
    await compileIn(page.page, template);
    const warm = [];
    for (let run = 0; run < input.runs; run++) warm.push(await compileIn(page.page, template));
    await page.close();
    compiles.push({ name: template.name, language: template.language, compilerBytes, firstMillis: first, warmMillis: warm });
    log(`${template.name}: first compile ${first.map((m) => m.toFixed(0)).join(', ')} ms, warm ${warm.map((m) => m.toFixed(0)).join(', ')} ms; ${compilerBytes} bytes fetched for the first`);
  }
  return { firstLoadBytes: loads, editor: editors, compiles };
}

/**
 * openPage opens the site in a fresh context, so that nothing is cached,
 * and waits until the page has settled. bytes() is what the page and its
 * workers received since it opened or since startCounting(): bodies as
 * sent, headers included.
 */
async function openPage(browser, url) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
  });
  let counted = [];
  context.on('requestfinished', (request) => {
    counted.push(request.sizes().then((s) => s.responseBodySize + s.responseHeadersSize));
  });
  await page.goto(url);
  await page.waitForSelector('body[data-settled]', { timeout: 120_000 });
  return {
    page,
    bytes: async () => (await Promise.all(counted)).reduce((a, b) => a + b, 0),
    startCounting() {
      counted = [];
    },
    async close() {
      await context.close();
      if (problems.length) throw new Error(`the page reported errors:\n${problems.join('\n')}`);
    },
  };
}

/**
 * Runs in the page: opens the Code tab and starts a project from the first
 * template as a first-time visitor would (a fresh page has no project, so
 * no editor), pressing New project as soon as the templates are listed;
 * resolves to the milliseconds from the tab's click until the editor can
 * be typed in.
 */
async function openCodeView() {
  const start = performance.now();
  document.querySelector('#tab-code').click();
  /** @param {() => Element | null | undefined} find */
  const when = async (find) => {
    for (;;) {
      const found = find();
      if (found) return found;
      await new Promise(requestAnimationFrame);
    }
  };
  await when(() => document.querySelector('[data-editor-template] option'));
  document.querySelector('[data-editor-new]').click();
  await when(() => document.querySelector('[data-code-panel] .cm-content[contenteditable="true"]'));
  return performance.now() - start;
}

/** compileIn compiles template in page through eeplay.compile and resolves to the milliseconds the result reports. */
async function compileIn(page, template) {
  const result = await page.evaluate(async (t) => {
    const r = await window.eeplay.compile({ language: t.language, files: t.files, entry: t.entry });
    return { ms: r.ms, ok: r.wasm !== undefined, diagnostics: r.diagnostics };
  }, template);
  if (!result.ok) throw new Error(`${template.name}: the compile failed: ${JSON.stringify(result.diagnostics)}`);
  return result.ms;
}
