#!/usr/bin/env node
// axe-check.mjs — run axe-core (WCAG 2.1 A/AA) on pages in Debian's headless
// Chromium, driven by playwright-core. No browser is downloaded.
//
// Usage: node scripts/axe-check.mjs [--out-dir DIR] URL...
//
//   Without --out-dir the report for every URL goes to stdout.
//   With --out-dir DIR, for the i-th URL (1-based) it writes DIR/i.txt (the
//   report) and DIR/i.status ("pass" or "fail"); used by check-pages.sh.
//
// Environment:
//   KOERS_COOKIE   optional "name=value"; set on every page's origin.
//   CHROMIUM       browser binary (default /usr/bin/chromium).
//   AXE_TIMEOUT_MS navigation timeout per page (default 30000).
//
// Exit status: 0 all pages pass, 1 some page has violations or failed to
// load, 2 usage or browser start error.

import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const require = createRequire(join(root, 'package.json'));

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const MAX_NODES = 3;

function usage(msg) {
  if (msg) console.error(`axe-check: ${msg}`);
  console.error('usage: node scripts/axe-check.mjs [--out-dir DIR] URL...');
  process.exit(2);
}

const args = process.argv.slice(2);
let outDir = null;
const urls = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--out-dir') {
    outDir = args[++i];
    if (!outDir) usage('--out-dir needs a directory');
  } else if (args[i] === '-h' || args[i] === '--help') {
    usage();
  } else {
    urls.push(args[i]);
  }
}
if (urls.length === 0) usage('no URL given');
for (const u of urls) {
  try {
    new URL(u);
  } catch {
    usage(`not a URL: ${u}`);
  }
}

const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';
if (!existsSync(executablePath)) {
  console.error(`axe-check: ${executablePath} not found; install it with: apt-get install -y chromium`);
  process.exit(2);
}

let chromium;
let axeSource;
try {
  ({ chromium } = require('playwright-core'));
  axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
} catch (e) {
  console.error(`axe-check: cannot load playwright-core/axe-core (run 'npm ci'): ${e.message}`);
  process.exit(2);
}

let cookie = null;
if (process.env.KOERS_COOKIE) {
  const raw = process.env.KOERS_COOKIE.trim();
  const eq = raw.indexOf('=');
  if (eq <= 0) usage('KOERS_COOKIE must look like name=value');
  cookie = { name: raw.slice(0, eq).trim(), value: raw.slice(eq + 1).trim() };
}

const userDataDir = mkdtempSync(join(tmpdir(), 'koers-axe-'));
let context;
try {
  context = await chromium.launchPersistentContext(userDataDir, {
    executablePath,
    headless: true,
    bypassCSP: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    viewport: { width: 1280, height: 900 },
    locale: 'nl-NL',
  });
} catch (e) {
  rmSync(userDataDir, { recursive: true, force: true });
  console.error(`axe-check: cannot start ${executablePath}: ${e.message}`);
  process.exit(2);
}

if (cookie) {
  const origins = [...new Set(urls.map((u) => new URL(u).origin))];
  await context.addCookies(origins.map((origin) => ({ ...cookie, url: origin })));
}

function fmtTarget(target) {
  // axe targets are arrays of selectors (more than one for iframes / shadow DOM)
  return target.map((t) => (Array.isArray(t) ? t.join(' >>> ') : t)).join(' | ');
}

async function checkOne(url) {
  const lines = [];
  let ok = true;
  const page = await context.newPage();
  try {
    const timeout = Number(process.env.AXE_TIMEOUT_MS || 30000);
    const resp = await page.goto(url, { waitUntil: 'load', timeout });
    const status = resp ? resp.status() : 0;
    if (!resp || status < 200 || status >= 300) {
      lines.push(`  axe: FAIL: HTTP status ${status} in the browser`);
      return { ok: false, lines };
    }
    await page.addScriptTag({ content: axeSource });
    const results = await page.evaluate(async (tags) => {
      // eslint-disable-next-line no-undef
      const r = await axe.run(document, {
        runOnly: { type: 'tag', values: tags },
        resultTypes: ['violations', 'incomplete'],
      });
      const slim = (items) =>
        items.map((v) => ({
          id: v.id,
          impact: v.impact,
          help: v.help,
          helpUrl: v.helpUrl,
          nodes: v.nodes.map((n) => ({ target: n.target, summary: n.failureSummary || '' })),
        }));
      return { version: r.testEngine.version, violations: slim(r.violations), incomplete: slim(r.incomplete), passes: r.passes.length };
    }, TAGS);

    if (results.violations.length === 0) {
      lines.push(`  axe ${results.version}: no violations (${TAGS.join(', ')}; ${results.passes} rules passed)`);
    } else {
      ok = false;
      const n = results.violations.reduce((a, v) => a + v.nodes.length, 0);
      lines.push(`  axe ${results.version}: ${results.violations.length} violation(s), ${n} node(s):`);
      for (const v of results.violations) {
        lines.push(`    - ${v.id} [${v.impact || 'n/a'}] ${v.help} (${v.nodes.length} node(s))`);
        for (const node of v.nodes.slice(0, MAX_NODES)) {
          lines.push(`        target: ${fmtTarget(node.target)}`);
        }
        if (v.nodes.length > MAX_NODES) lines.push(`        … and ${v.nodes.length - MAX_NODES} more`);
        lines.push(`        see ${v.helpUrl}`);
      }
    }
    if (results.incomplete.length > 0) {
      // "needs review": axe could not decide; listed, not counted as failure
      const ids = results.incomplete.map((v) => `${v.id} (${v.nodes.length})`).join(', ');
      lines.push(`  axe needs review (not failing): ${ids}`);
    }
  } catch (e) {
    ok = false;
    lines.push(`  axe: FAIL: ${e.message.split('\n')[0]}`);
  } finally {
    await page.close().catch(() => {});
  }
  return { ok, lines };
}

let failed = 0;
try {
  for (let i = 0; i < urls.length; i++) {
    const { ok, lines } = await checkOne(urls[i]);
    if (!ok) failed++;
    if (outDir) {
      writeFileSync(join(outDir, `${i + 1}.txt`), lines.join('\n') + '\n');
      writeFileSync(join(outDir, `${i + 1}.status`), ok ? 'pass\n' : 'fail\n');
    } else {
      console.log(`${ok ? 'PASS' : 'FAIL'} ${urls[i]}`);
      console.log(lines.join('\n'));
    }
  }
} finally {
  await context.close().catch(() => {});
  rmSync(userDataDir, { recursive: true, force: true });
}
if (!outDir) console.log(`${urls.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
