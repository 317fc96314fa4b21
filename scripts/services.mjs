// What the tests need from the machine: PostgreSQL and Redis answering on loopback, and the
// redis-server binary (a test starts and stops a Redis of its own). Installs and starts what is
// missing when it can (root + apt); otherwise stops with one line saying what to install.
import { execSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import net from 'node:net';

const isRoot = process.getuid?.() === 0;
const has = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
const run = (cmd) => execSync(cmd, { stdio: ['ignore', 'ignore', 'inherit'] });

function answers(port, host = '127.0.0.1') {
  return new Promise((resolve) => {
    const s = net.connect({ port, host });
    s.setTimeout(1000);
    s.once('connect', () => (s.destroy(), resolve(true)));
    s.once('error', () => resolve(false));
    s.once('timeout', () => (s.destroy(), resolve(false)));
  });
}

function fail(message) {
  console.error(message);
  process.exit(1);
}

async function waitFor(port, ms = 20000) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await answers(port)) return true;
    await new Promise((r) => setTimeout(r, 250));
  }
  return false;
}

let aptUpdated = false;
function aptInstall(pkgs, why) {
  if (!isRoot || !has('apt-get')) {
    fail(`Tests need ${why}: install ${pkgs.join(' ')} (Debian: apt-get install ${pkgs.join(' ')}).`);
  }
  if (!aptUpdated) run('apt-get update -qq');
  aptUpdated = true;
  run(`DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ${pkgs.join(' ')}`);
}

if (!has('redis-server')) aptInstall(['redis-server'], 'Redis');
// Browser tests drive Debian's Chromium.
if (!has('chromium')) aptInstall(['chromium'], 'Chromium (for the browser tests)');
// The analytics store's HTTP transport is tested against Debian's ClickHouse server (a test starts its own).
if (!has('clickhouse-server') && !existsSync('/usr/sbin/clickhouse-server')) aptInstall(['clickhouse-server'], 'a ClickHouse server (for the analytics HTTP transport test)');
// A real spreadsheet opens what we export and recalculates its formulas.
if (!has('soffice')) aptInstall(['libreoffice-calc-nogui'], 'LibreOffice Calc (to open exported workbooks)');
// Report tests read the PDFs back as text.
if (!has('pdftotext')) aptInstall(['poppler-utils'], 'pdftotext (to read exported PDFs back)');
// The deployment checks: promtool (rules and their unit tests), yamllint, shellcheck, and pdftotext above.
if (!has('promtool')) aptInstall(['prometheus'], 'promtool (for the alert rules tests)');
if (!has('yamllint')) aptInstall(['yamllint'], 'yamllint (for the deployment YAML)');
if (!has('shellcheck')) aptInstall(['shellcheck'], 'shellcheck (for the deployment scripts)');
// Debian's kubernetes-client is too old for today's Kustomize; machines of this kind ship kubectl.
if (!has('kubectl')) fail('The deployment tests render Kustomize overlays with kubectl: install kubectl 1.27 or newer.');
if (!(await answers(6379))) {
  run(`redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no`);
  if (!(await waitFor(6379))) fail('Redis did not start on 127.0.0.1:6379.');
}

if (!process.env.TEST_PG_ADMIN_URL && !(await answers(5432))) {
  if (!has('pg_ctlcluster')) aptInstall(['postgresql'], 'PostgreSQL');
  const version = execSync('ls /etc/postgresql').toString().trim().split('\n').pop();
  // Tests connect as postgres over loopback without a password, as on a fresh machine of this kind.
  run(`sed -i 's/^\\(host.*127.0.0.1\\/32\\s*\\)\\S*$/\\1trust/' /etc/postgresql/${version}/main/pg_hba.conf`);
  run(`pg_ctlcluster --skip-systemctl-redirect ${version} main start`);
  if (!(await waitFor(5432))) fail('PostgreSQL did not start on 127.0.0.1:5432.');
}
