// Hearth in Notebook 6, driven through Debian's Chromium like a person: type, Shift-Enter, read the
// page. Assertions are on the DOM; a failing step leaves a screenshot in HEARTH_BROWSER_LOG_DIR.
// Started by run-browser-tests.sh (which starts the server and sets the environment below).
'use strict';
const path = require('node:path');
const fs = require('node:fs');
const { chromium } = require(path.resolve(__dirname, '../../test-support/browser/node_modules/playwright-core'));

const base = process.env.HEARTH_NOTEBOOK_URL;
const token = process.env.HEARTH_NOTEBOOK_TOKEN;
const logs = process.env.HEARTH_BROWSER_LOG_DIR;
const notebookDir = process.env.HEARTH_NOTEBOOK_DIR;

const NOTEBOOK = 'browser-suite.ipynb';

function assert(condition, message) {
  if (!condition) {
    throw new Error(message);
  }
}

/** An empty code cell at the end (the last one if it is empty and has not run), clicked into. */
async function freshCell(page) {
  const index = await page.evaluate(() => {
    const nb = Jupyter.notebook;
    const last = nb.get_cell(nb.ncells() - 1);
    if (last.input_prompt_number !== undefined && last.input_prompt_number !== null) {
      nb.insert_cell_at_bottom('code');
    }
    nb.get_cell(nb.ncells() - 1).set_text('');
    nb.select(nb.ncells() - 1);
    return nb.ncells() - 1;
  });
  await page.locator('.cell').nth(index).locator('.CodeMirror').click();
  return index;
}

/** Runs the code in a fresh cell at the end, by typing it, and waits until the cell has run. */
async function run(page, code, { wait = true, type = false } = {}) {
  const index = await freshCell(page);
  if (type) {
    await page.keyboard.type(code);
  } else {
    // multi-line code keeps its own indentation: set it, as a paste would
    await page.evaluate(([i, text]) => Jupyter.notebook.get_cell(i).set_text(text), [index, code]);
  }
  await page.keyboard.press('Shift+Enter');
  if (wait) {
    await finished(page, index);
  }
  return index;
}

/** Waits until cell `index` shows an execution count (not [*]). */
async function finished(page, index, timeout = 60000) {
  await page.waitForFunction((i) => {
    const cell = Jupyter.notebook.get_cell(i);
    return cell.input_prompt_number !== '*' && cell.input_prompt_number !== undefined
      && cell.input_prompt_number !== null;
  }, index, { timeout });
}

function output(page, index) {
  return page.locator('.cell').nth(index).locator('.output_area');
}

async function outputText(page, index) {
  const areas = output(page, index);
  return (await areas.allInnerTexts()).join('\n');
}

async function idle(page, timeout = 90000) {
  await page.waitForSelector('#kernel_indicator_icon.kernel_idle_icon', { timeout });
}

const steps = [
  ['runs a cell and shows its result', async (page) => {
    const cell = await run(page, '1 + 1', { type: true });
    const text = await outputText(page, cell);
    assert(text.includes('2'), `1 + 1 shows ${JSON.stringify(text)}`);
    const prompt = await page.locator('.cell').nth(cell).locator('.input_prompt').innerText();
    assert(/\[1\]/.test(prompt), `execution count ${prompt}`);
  }],
  ['streams output while the cell runs', async (page) => {
    const cell = await run(page, 'System.out.println("tick 1");\nThread.sleep(2500);\nSystem.out.println("tick 2");',
      { wait: false });
    await page.waitForFunction((i) => document.querySelectorAll('.cell')[i].innerText.includes('tick 1'), cell,
      { timeout: 10000 });
    const during = await outputText(page, cell);
    assert(!during.includes('tick 2'), `tick 2 arrived with tick 1: ${during}`);
    await finished(page, cell);
    assert((await outputText(page, cell)).includes('tick 2'), 'tick 2 at the end');
  }],
  ['updates a display in place', async (page) => {
    const cell = await run(page, 'var h = display(markdown("**step one**"));\nThread.sleep(2000);\n'
      + 'updateDisplay(h, markdown("**step two**"));', { wait: false });
    await page.waitForFunction((i) => document.querySelectorAll('.cell')[i].innerText.includes('step one'), cell,
      { timeout: 10000 });
    await finished(page, cell);
    const text = await outputText(page, cell);
    assert(text.includes('step two') && !text.includes('step one'), `the display was replaced: ${text}`);
    assert(await output(page, cell).locator('strong').count() === 1, 'one rendered display, in bold');
  }],
  ['completes with Tab', async (page) => {
    const index = await freshCell(page);
    await page.keyboard.type('Math.ab');
    await page.keyboard.press('Tab');
    const choices = page.locator('#complete select option');
    await choices.first().waitFor({ timeout: 15000 });
    const offered = await choices.allInnerTexts();
    assert(offered.includes('abs(') && offered.includes('absExact('), `completions: ${offered}`);
    await page.keyboard.press('Enter');
    await page.waitForFunction((i) => Jupyter.notebook.get_cell(i).get_text().startsWith('Math.abs('), index,
      { timeout: 5000 });
  }],
  ['inspects with Shift-Tab and shows readable Javadoc', async (page) => {
    await freshCell(page);
    await page.keyboard.type('Math.max(');
    await page.keyboard.press('Shift+Tab');
    await page.waitForSelector('#tooltip', { state: 'visible', timeout: 15000 });
    const tip = await page.locator('#tooltip').innerText();
    assert(tip.includes('greater of two'), `tooltip: ${tip}`);
    assert(!tip.includes('{@code') && !tip.includes('@param'), `raw Javadoc in the tooltip: ${tip}`);
    await page.keyboard.press('Escape');
  }],
  ['shows a compile error naming the user code only', async (page) => {
    const cell = await run(page, 'int n = "text";');
    const error = output(page, cell).locator('.output_error');
    await error.waitFor({ timeout: 10000 });
    const text = await error.innerText();
    assert(text.includes('incompatible types'), `error: ${text}`);
    assert(!text.includes('location: class'), `wrapper class in: ${text}`);
  }],
  ['interrupts while (true) {}', async (page) => {
    const cell = await run(page, 'while (true) { }', { wait: false });
    await page.waitForFunction((i) => Jupyter.notebook.get_cell(i).input_prompt_number === '*', cell);
    await page.waitForTimeout(1000);
    await page.click('button[data-jupyter-action="jupyter-notebook:interrupt-kernel"]');
    await finished(page, cell, 20000);
    const text = await outputText(page, cell);
    assert(text.includes('Interrupted'), `after interrupt: ${text}`);
    await idle(page);
  }],
  ['reads stdin through the input box', async (page) => {
    const cell = await run(page, 'var reader = new BufferedReader(new InputStreamReader(System.in));\n'
      + 'System.out.println("got " + reader.readLine());', { wait: false });
    const box = page.locator('.cell').nth(cell).locator('input.raw_input');
    await box.waitFor({ timeout: 15000 });
    await box.fill('hello browser');
    await box.press('Enter');
    await finished(page, cell);
    assert((await outputText(page, cell)).includes('got hello browser'), 'the line reached the cell');
  }],
  ['lists magics as a readable left-aligned table', async (page) => {
    const cell = await run(page, '%lsmagic', { type: true });
    const table = output(page, cell).locator('table');
    await table.waitFor({ timeout: 10000 });
    const layout = await table.evaluate((t) => Array.from(t.querySelectorAll('td')).map((td) => ({
      align: getComputedStyle(td).textAlign,
      nowrap: getComputedStyle(td).whiteSpace === 'nowrap',
      lines: Math.round(td.getBoundingClientRect().height / parseFloat(getComputedStyle(td).lineHeight || '20')),
      text: td.innerText,
    })));
    assert(layout.length > 10, `rows: ${layout.length}`);
    assert(layout.every((c) => c.align === 'left'), 'every cell is left-aligned');
    const usages = layout.filter((c, i) => i % 2 === 0);
    assert(usages.every((c) => c.nowrap), 'usages never wrap');
    assert(usages.some((c) => c.text.includes('%time')), 'lists %time');
  }],
  ['restarts the kernel', async (page) => {
    await run(page, 'int beforeRestart = 5;');
    await page.keyboard.press('Escape');
    await page.evaluate(() => Jupyter.notebook.restart_kernel({ confirm: false }));
    await page.waitForFunction(() => Jupyter.notebook.kernel && Jupyter.notebook.kernel.is_connected(),
      null, { timeout: 60000 });
    await idle(page);
    const gone = await run(page, 'beforeRestart');
    assert((await outputText(page, gone)).includes('cannot find symbol'), 'the old session is gone');
    const fresh = await run(page, '6 * 7');
    assert((await outputText(page, fresh)).includes('42'), 'the new session answers');
  }],
];

(async () => {
  fs.writeFileSync(path.join(notebookDir, NOTEBOOK), JSON.stringify({
    cells: [{ cell_type: 'code', execution_count: null, metadata: {}, outputs: [], source: '' }],
    metadata: { kernelspec: { name: 'hearth', display_name: 'Hearth (Java AI shell)', language: 'java' } },
    nbformat: 4, nbformat_minor: 5,
  }));
  const browser = await chromium.launch({ executablePath: process.env.HEARTH_CHROMIUM, args: ['--no-sandbox'] });
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.setDefaultTimeout(30000);
  const consoleLines = [];
  page.on('console', (m) => consoleLines.push(`${m.type()}: ${m.text()}`));
  const failures = [];
  try {
    await page.goto(`${base}/tree?token=${token}`);
    await page.waitForSelector('#notebook_list');
    await page.goto(`${base}/notebooks/${NOTEBOOK}`);
    await page.waitForFunction(() => window.Jupyter && Jupyter.notebook && Jupyter.notebook.kernel, null,
      { timeout: 60000 });
    await idle(page);
    for (const [name, step] of steps) {
      const started = Date.now();
      try {
        await step(page);
        console.log(`ok   ${name} (${Date.now() - started} ms)`);
      } catch (e) {
        const shot = path.join(logs, `${failures.length + 1}-${name.replace(/[^a-z0-9]+/gi, '-')}.png`);
        await page.screenshot({ path: shot, fullPage: true }).catch(() => {});
        failures.push(name);
        console.log(`FAIL ${name}: ${e.message}\n     screenshot: ${shot}`);
      }
    }
  } catch (e) {
    await page.screenshot({ path: path.join(logs, 'setup.png'), fullPage: true }).catch(() => {});
    failures.push('setup');
    console.log(`FAIL setup: ${e.message}`);
  } finally {
    fs.writeFileSync(path.join(logs, 'browser-console.log'), consoleLines.join('\n'));
    await browser.close();
  }
  console.log(`${steps.length - failures.length} of ${steps.length} browser steps passed`);
  process.exit(failures.length ? 1 : 0);
})();
