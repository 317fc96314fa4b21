// The media plan editor in a real browser (headless Chromium) with a plan of 2,000 lines: how long
// until the grid takes a click, how smoothly it scrolls, and how much JavaScript the page ships.
// The plain clients page, loaded in the same run, is the yardstick for the machine. It measures the
// build already in the tree (it does not build: rebuilding the web app under running browser tests
// breaks them); it reports, it does not gate.
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { startChild } from './lib/proc.mjs';
import { call, cleanup, cleanupOnSignals, machine, mustSurvive, ROOT } from './lib/stack.mjs';

const LINES = Number(process.env.BENCH_LINES ?? 2000);
const LOADS = Number(process.env.BENCH_LOADS ?? 5);
const SCROLL_PX_PER_S = Number(process.env.BENCH_SCROLL_SPEED ?? 6000);
const RESULTS = fileURLToPath(new URL('./results/web-latest.json', import.meta.url));
const SERVER_DIR = join(ROOT, 'apps/server');
const WEB_DIR = join(ROOT, 'apps/web');
const API_MAIN = join(SERVER_DIR, 'dist/main.js');
const WEB_SERVER = join(WEB_DIR, '.next/standalone/apps/web/server.js');
const BUILD_ID = join(WEB_DIR, '.next/standalone/apps/web/.next/BUILD_ID');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const VIEWPORT = { width: 1366, height: 900 };

const TARGET_TTI_MS = 2000;
const TARGET_JS_KB = 350;
const SLOW_FRAME_MS = 50;

// The grid's geometry (header row and row height, in CSS pixels) and its accessible table: cell ids
// glide-cell-<column>-<row>, column 0 being the row markers.
const HEADER_PX = 36;
const ROW_PX = 34;
const CANVAS = '[data-testid=data-grid-canvas]';
const FIRST_CELL_SELECTED = '#glide-cell-1-0[aria-selected=true]';

const CHANNELS = [['TV', 'Первый канал'], ['Digital', 'Яндекс'], ['Digital', 'VK Реклама'], ['OOH', 'Gallery'], ['Radio', 'Европа Плюс'], ['Digital', 'Ozon']];

function lineItem(i) {
  const [channel, partner] = CHANNELS[i % CHANNELS.length];
  const month = String((i % 9) + 1).padStart(2, '0');
  const units = 1_000_000 + i * 1000;
  return {
    name: `${partner} — размещение ${i + 1}`,
    startDate: `2027-${month}-01`,
    endDate: `2027-${month}-28`,
    channel,
    partner,
    pricingModel: 'cpm',
    rate: '245.5000',
    plannedUnits: String(units),
    costTotal: ((245.5 * units) / 1000).toFixed(2),
  };
}

/** Nearest-rank percentile. */
function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

const round = (v, digits = 1) => (v == null ? null : Math.round(v * 10 ** digits) / 10 ** digits);
const kb = (bytes) => round(bytes / 1024);
const stats = (ms) => ({ median: round(percentile(ms, 50)), p95: round(percentile(ms, 95)), min: round(Math.min(...ms)), max: round(Math.max(...ms)), runs: ms.map((v) => round(v)) });

/** The API on its own embedded database (a fresh PGlite folder) and the standalone web server on it. */
async function startServers(dataDir) {
  for (const file of [API_MAIN, WEB_SERVER]) {
    if (!existsSync(file)) throw new Error(`${file.slice(ROOT.length)} is missing; build first (npm run build)`);
  }
  const api = await startChild('api', API_MAIN, {
    cwd: SERVER_DIR,
    readyPath: '/ready',
    timeoutMs: 120_000,
    env: {
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      MRM_DATA_DIR: join(dataDir, 'data'),
      MRM_SEED_DEMO: 'false',
      REDIS_PREFIX: `{mrmbenchweb-${randomUUID().slice(0, 8)}}`,
      // The browser only ever talks to the web server, which calls the API itself: no CORS in the path.
      RATE_LIMIT_AUTH_PER_MINUTE: '1000000',
      RATE_LIMIT_PER_IP_PER_MINUTE: '1000000',
      RATE_LIMIT_PER_USER_PER_MINUTE: '1000000',
    },
  });
  const web = await startChild('web', WEB_SERVER, {
    cwd: WEB_DIR,
    readyPath: '/login',
    env: {
      HOSTNAME: '127.0.0.1',
      NODE_ENV: 'production',
      API_URL: api.url,
      // Plain HTTP on loopback: Secure cookies would never come back.
      WEB_INSECURE_COOKIES: '1',
      NEXT_TELEMETRY_DISABLED: '1',
    },
  });
  return { api, web };
}

/** Debian's Chromium, headless, reaching nothing outside the machine, with a fresh profile. */
function launch() {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

/** Logs in through the login page (Russian labels) and returns the session cookies. */
async function logIn(browser, base, email, password) {
  const context = await browser.newContext({ locale: 'ru-RU', viewport: VIEWPORT });
  const page = await context.newPage();
  await page.goto(`${base}/login`);
  await page.getByLabel('Эл. почта').fill(email);
  await page.getByLabel('Пароль').fill(password);
  await page.getByRole('button', { name: 'Войти' }).click();
  await page.waitForURL(`${base}/`);
  const state = await context.storageState();
  await context.close();
  return state;
}

/**
 * Opens a page in a fresh context (an empty HTTP cache, as on a first visit) and records every
 * script it fetches, with its body, until `ready` says the page is done.
 */
async function openPage(browser, state, url, ready) {
  const context = await browser.newContext({ storageState: state, locale: 'ru-RU', viewport: VIEWPORT });
  await context.addInitScript(watchGrid, [CANVAS, FIRST_CELL_SELECTED]);
  const page = await context.newPage();
  const scripts = new Map();
  page.on('response', (res) => {
    if (res.request().resourceType() === 'script') scripts.set(res.url(), res.body().catch(() => null));
  });
  await page.goto(url, { waitUntil: 'commit' });
  const result = await ready(page);
  const bodies = await Promise.all([...scripts].map(async ([u, body]) => [u, await body]));
  return { context, page, result, scripts: bodies.filter(([, b]) => b) };
}

/**
 * Notes, inside the page and as it happens, when the grid's canvas appears and when the first
 * line's cell becomes selected, so the driver's own round trips stay out of the numbers.
 */
function watchGrid([canvasSelector, selectedSelector]) {
  const seen = { canvasMs: null, clickMs: null, selectedMs: null };
  window.__grid = seen;
  addEventListener('pointerdown', () => (seen.clickMs ??= performance.now()), { capture: true });
  new MutationObserver(() => {
    if (seen.canvasMs === null && document.querySelector(canvasSelector)) seen.canvasMs = performance.now();
    if (seen.canvasMs !== null && seen.selectedMs === null && document.querySelector(selectedSelector)) seen.selectedMs = performance.now();
  }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['aria-selected', 'data-testid'] });
}

/** From navigation start until the canvas is there and a click on the first row selects its cell. */
async function editorReady(page) {
  const canvas = page.locator(CANVAS);
  await canvas.waitFor({ timeout: 60_000 });
  let clicks = 0;
  for (;;) {
    const box = await canvas.boundingBox();
    await page.mouse.click(box.x + 120, box.y + HEADER_PX + ROW_PX / 2);
    clicks++;
    try {
      await page.locator(FIRST_CELL_SELECTED).waitFor({ state: 'attached', timeout: 500 });
      break;
    } catch {
      if (clicks >= 20) throw new Error('a click on the first row never selected its cell');
    }
  }
  // (Should the observer have missed a change, the moment the driver saw it stands in.)
  const { canvasMs, clickMs, selectedMs } = await page.evaluate(() => {
    const now = performance.now();
    const g = window.__grid;
    return { canvasMs: g.canvasMs ?? now, clickMs: g.clickMs ?? now, selectedMs: g.selectedMs ?? now };
  });
  return { ...(await navigation(page)), canvasMs, clickMs, interactiveMs: selectedMs, clickToSelectedMs: selectedMs - clickMs, clicks };
}

/** Where the time before the grid went: the server's answer, the document, the scripts. */
function navigation(page) {
  return page.evaluate(() => {
    const [nav] = performance.getEntriesByType('navigation');
    return { firstByteMs: nav.responseStart, htmlDoneMs: nav.responseEnd, domContentLoadedMs: nav.domContentLoadedEventEnd, htmlBytes: nav.decodedBodySize, htmlTransferBytes: nav.transferSize };
  });
}

/** The clients page: from navigation start to the end of its load event. */
async function loadEventEnd(page) {
  await page.waitForLoadState('load');
  const ms = await page.evaluate(() => {
    const [nav] = performance.getEntriesByType('navigation');
    return nav.loadEventEnd || performance.now();
  });
  return { loadMs: ms };
}

function jsSize(scripts) {
  const files = scripts.map(([url, body]) => ({ file: new URL(url).pathname, raw: body.length, gzip: gzipSync(body).length })).sort((a, b) => b.gzip - a.gzip);
  return { files, raw: files.reduce((s, f) => s + f.raw, 0), gzip: files.reduce((s, f) => s + f.gzip, 0) };
}

/**
 * Scrolls from the first line to the last and back with the browser's own synthetic mouse-wheel
 * gesture (wheel events every frame at a steady speed, as a hand on a wheel or trackpad would
 * send), recording the interval between animation frames all the while.
 */
async function scrollThrough(page) {
  const canvas = page.locator(CANVAS);
  const box = await canvas.boundingBox();
  const scroller = page.locator('.dvn-scroller');
  const max = await scroller.evaluate((el) => el.scrollHeight - el.clientHeight);
  if (max < LINES * ROW_PX * 0.9) throw new Error(`the grid scrolls ${max} px: not all ${LINES} lines are in it`);
  const cdp = await page.context().newCDPSession(page);
  await page.evaluate(() => {
    const w = window;
    w.__frames = [];
    w.__framesOn = true;
    const tick = (t) => {
      w.__frames.push(t);
      if (w.__framesOn) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  const reached = [];
  for (const distance of [-max, max]) {
    await cdp.send('Input.synthesizeScrollGesture', { x: Math.round(box.x + box.width / 2), y: Math.round(box.y + box.height / 2), yDistance: distance, speed: SCROLL_PX_PER_S, gestureSourceType: 'mouse', preventFling: true });
    reached.push(await scroller.evaluate((el) => el.scrollTop));
  }
  const frames = await page.evaluate(() => {
    window.__framesOn = false;
    return window.__frames;
  });
  await cdp.detach();
  if (reached[0] < max - ROW_PX || reached[1] > ROW_PX) throw new Error(`the scroll stopped short (at ${reached.join(' and ')} px of ${max})`);
  const intervals = frames.slice(1).map((t, i) => t - frames[i]);
  return {
    distancePx: 2 * max,
    speedPxPerS: SCROLL_PX_PER_S,
    durationMs: round(frames.at(-1) - frames[0]),
    frames: intervals.length,
    medianMs: round(percentile(intervals, 50)),
    p95Ms: round(percentile(intervals, 95)),
    maxMs: round(Math.max(...intervals)),
    over50ms: intervals.filter((v) => v > SLOW_FRAME_MS).length,
  };
}

function table(header, rows) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => String(row[i]).length)));
  const line = (cells) => cells.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

async function main() {
  const host = machine();
  const build = readFileSync(BUILD_ID, 'utf8').trim();
  console.log(`machine: ${host.cpu} · ${host.cores} cores · ${host.memoryGiB} GiB · Node ${host.node} · ${host.platform}`);
  console.log(`load average (1 min) before the run: ${host.loadAverage1m}; browser and servers share these cores`);
  console.log(`web build ${build} from ${statSync(BUILD_ID).mtime.toISOString()}; Chromium ${CHROMIUM}, viewport ${VIEWPORT.width}×${VIEWPORT.height}`);
  console.log(`a plan of ${LINES} lines; ${LOADS} page loads each (after one discarded warm-up), each in a fresh browser context`);
  console.log('');

  const dataDir = mkdtempSync(join(os.tmpdir(), 'mrm-bench-web-'));
  let browser;
  try {
    const { api, web } = await startServers(dataDir);
    const email = `bench-${randomUUID()}@example.com`;
    const password = 'bench-password-1';
    const { accessToken: token } = await call(api.url, 'POST', '/api/v1/auth/register', { body: { tenantName: 'Bench Agency', name: 'Planner', email, password } });
    const c = await call(api.url, 'POST', '/api/v1/clients', { token, body: { name: 'ООО «Бенчмарк»' } });
    const p = await call(api.url, 'POST', '/api/v1/projects', { token, body: { clientId: c.id, name: 'Год 2027', currency: 'RUB', startDate: '2027-01-01', endDate: '2027-12-31' } });
    const plan = await call(api.url, 'POST', '/api/v1/media-plans', { token, body: { projectId: p.id, name: 'Медиаплан 2027' } });
    const items = Array.from({ length: LINES }, (_, i) => lineItem(i));
    for (let i = 0; i < LINES; i += 5000) {
      await call(api.url, 'POST', `/api/v1/media-plans/${plan.id}/line-items/bulk`, { token, body: { items: items.slice(i, i + 5000) } });
    }
    const stored = await call(api.url, 'GET', `/api/v1/media-plans/${plan.id}/line-items`, { token });
    if (stored.items.length !== LINES) throw new Error(`the plan holds ${stored.items.length} lines, expected ${LINES}`);

    // What the editor page asks the API for before it can answer (it asks one after another).
    const apiCalls = {};
    for (const [key, path] of [['plan', `/api/v1/media-plans/${plan.id}`], ['lines', `/api/v1/media-plans/${plan.id}/line-items`], ['project', `/api/v1/projects/${p.id}`]]) {
      const ms = [];
      for (let i = 0; i < LOADS; i++) {
        const t = performance.now();
        await call(api.url, 'GET', path, { token });
        ms.push(performance.now() - t);
      }
      apiCalls[key] = stats(ms);
    }

    browser = await launch();
    const state = await logIn(browser, web.url, email, password);
    const editorUrl = `${web.url}/plans/${plan.id}`;
    const pages = {
      editor: { label: `/plans/<id> (${LINES} lines)`, url: editorUrl, ready: editorReady, runs: [] },
      clients: { label: '/clients', url: `${web.url}/clients`, ready: loadEventEnd, runs: [] },
      overview: { label: '/', url: `${web.url}/`, ready: loadEventEnd, runs: [] },
    };

    console.log('loads:');
    // Alternating, so a slow minute on this shared machine hits every page alike; run 0 warms the servers.
    for (let r = 0; r <= LOADS; r++) {
      for (const [key, pg] of Object.entries(pages)) {
        const { context, result, scripts } = await openPage(browser, state, pg.url, pg.ready);
        await context.close();
        mustSurvive(api);
        mustSurvive(web);
        if (r === 0) continue;
        pg.runs.push(result);
        if (r === 1) pg.js = jsSize(scripts);
        const shown = key === 'editor' ? `${round(result.interactiveMs)} ms interactive (HTML first byte ${round(result.firstByteMs)}, received ${round(result.htmlDoneMs)}, canvas ${round(result.canvasMs)}, click ${round(result.clickMs)} ms; ${result.clicks} click${result.clicks > 1 ? "s" : ""})` : `${round(result.loadMs)} ms to load event`;
        console.log(`  ${String(r).padStart(2)}  ${pg.label.padEnd(26)} ${shown}`);
      }
    }

    // Scrolling: the editor once more, interactive, then a wheel through every line and back.
    const { context, page } = await openPage(browser, state, editorUrl, editorReady);
    await page.keyboard.press('Escape');
    const scroll = await scrollThrough(page);
    await context.close();
    mustSurvive(api);
    mustSurvive(web);

    const results = {
      editor: {
        ...Object.fromEntries(['firstByteMs', 'htmlDoneMs', 'domContentLoadedMs', 'canvasMs', 'clickMs', 'clickToSelectedMs', 'interactiveMs'].map((k) => [k.slice(0, -2), stats(pages.editor.runs.map((x) => x[k]))])),
        html: { bytes: pages.editor.runs[0].htmlBytes, transferBytes: pages.editor.runs[0].htmlTransferBytes },
        js: pages.editor.js,
      },
      clients: { load: stats(pages.clients.runs.map((x) => x.loadMs)), js: pages.clients.js },
      overview: { load: stats(pages.overview.runs.map((x) => x.loadMs)), js: pages.overview.js },
      scroll,
      apiCalls,
    };
    report(host, build, results);
  } finally {
    await browser?.close();
    await cleanup();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function report(host, build, results) {
  const { editor, clients, overview, scroll, apiCalls } = results;
  const row = (x) => [x.median, x.p95, x.min, x.max];
  console.log('');
  console.log(
    table(
      ['', 'median', 'p95', 'min', 'max'],
      [
        [`editor: interactive (${LINES} lines), ms`, ...row(editor.interactive)],
        ['  of which: HTML first byte, ms', ...row(editor.firstByte)],
        ['  HTML received, ms', ...row(editor.htmlDone)],
        ['  DOMContentLoaded, ms', ...row(editor.domContentLoaded)],
        ['  grid canvas present, ms', ...row(editor.canvas)],
        ['  first click sent, ms', ...row(editor.click)],
        ['  click to cell selected, ms', ...row(editor.clickToSelected)],
        ['yardstick: /clients load event, ms', ...row(clients.load)],
        ['overview /: load event, ms', ...row(overview.load)],
        ['API alone: GET plan with totals, ms', ...row(apiCalls.plan)],
        [`API alone: GET ${LINES} lines, ms`, ...row(apiCalls.lines)],
        ['API alone: GET project, ms', ...row(apiCalls.project)],
      ],
    ),
  );
  console.log('');
  console.log(
    `scroll through ${LINES} lines and back (${scroll.distancePx} px by mouse wheel at ${scroll.speedPxPerS} px/s, ${round(scroll.durationMs / 1000, 1)} s): ` +
      `${scroll.frames} frames, median ${scroll.medianMs} ms, p95 ${scroll.p95Ms} ms, max ${scroll.maxMs} ms, ${scroll.over50ms} over ${SLOW_FRAME_MS} ms`,
  );
  console.log('');
  console.log(
    table(
      ['JavaScript loaded', 'files', 'raw KB', 'gzip KB'],
      [
        ['editor /plans/<id>', editor.js.files.length, kb(editor.js.raw), kb(editor.js.gzip)],
        ['overview /', overview.js.files.length, kb(overview.js.raw), kb(overview.js.gzip)],
        ['clients /clients', clients.js.files.length, kb(clients.js.raw), kb(clients.js.gzip)],
      ],
    ),
  );
  console.log(`editor HTML document: ${kb(editor.html.bytes)} KB (${kb(editor.html.transferBytes)} KB over the wire), the ${LINES} lines included`);
  const shared = new Set(overview.js.files.map((f) => f.file));
  console.log('');
  console.log('largest scripts of the editor route (gzip KB; * = also loaded by the overview):');
  for (const f of editor.js.files.slice(0, 6)) console.log(`  ${String(kb(f.gzip)).padStart(7)}  ${shared.has(f.file) ? '*' : ' '} ${f.file}`);
  const own = editor.js.files.filter((f) => !shared.has(f.file)).reduce((s, f) => s + f.gzip, 0);
  console.log(`  editor-only scripts: ${kb(own)} KB gzip`);

  const targets = {
    interactiveUnder2s: { target: `editor interactive < ${TARGET_TTI_MS} ms (median)`, actual: editor.interactive.median, holds: editor.interactive.median < TARGET_TTI_MS },
    jsUnder350KB: { target: `editor JavaScript < ${TARGET_JS_KB} KB gzip`, actual: kb(editor.js.gzip), holds: editor.js.gzip / 1024 < TARGET_JS_KB },
  };
  console.log('');
  for (const t of Object.values(targets)) console.log(`${t.holds ? 'HOLDS ' : 'MISSED'}  ${t.target} (actual ${t.actual})`);
  console.log(`editor interactive / clients load (median): ${(editor.interactive.median / clients.load.median).toFixed(1)}×`);

  mkdirSync(fileURLToPath(new URL('./results/', import.meta.url)), { recursive: true });
  const slim = (js) => ({ files: js.files.length, rawKB: kb(js.raw), gzipKB: kb(js.gzip), largest: js.files.slice(0, 6).map((f) => ({ file: f.file, gzipKB: kb(f.gzip) })) });
  writeFileSync(
    RESULTS,
    JSON.stringify(
      {
        takenAt: new Date().toISOString(),
        machine: host,
        webBuild: build,
        lines: LINES,
        loads: LOADS,
        results: {
          editor: { ...editor, js: slim(editor.js) },
          clients: { load: clients.load, js: slim(clients.js) },
          overview: { load: overview.load, js: slim(overview.js) },
          scroll,
          apiCalls,
        },
        targets,
      },
      null,
      2,
    ) + '\n',
  );
  console.log(`written to ${RESULTS.slice(ROOT.length)}`);
}

cleanupOnSignals();
try {
  await main();
} catch (err) {
  console.error(`\nbench failed: ${err.message}`);
  process.exitCode = 1;
} finally {
  await cleanup();
}
