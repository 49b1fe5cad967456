// `npm test`'s pretest step: the tests start real components from Debian's
// packages — chromium (/usr/bin/chromium, driven by playwright-core; never a
// downloaded browser) and a throwaway PostgreSQL server (test/helpers/postgres.ts).
// What is missing is installed with apt-get if this process is root or has
// password-less sudo; otherwise the step stops with the exact command to run.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const customChromium = process.env.PENALIZED_CHROMIUM;
const chromium = customChromium ?? '/usr/bin/chromium';
if (customChromium && !existsSync(customChromium)) {
  console.error(`pretest: PENALIZED_CHROMIUM points at ${customChromium}, which does not exist.`);
  process.exit(1);
}

function havePostgres() {
  const base = '/usr/lib/postgresql';
  if (existsSync(base) && readdirSync(base).some((v) => existsSync(join(base, v, 'bin', 'pg_ctl')))) return true;
  return have('pg_ctl') && have('initdb');
}
function have(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

/** Debian package → why the tests need it; only the missing ones. */
const missing = [];
if (!existsSync(chromium)) missing.push(['chromium', 'the browser tests drive /usr/bin/chromium']);
if (!havePostgres()) missing.push(['postgresql', 'test/statsSQL.test.ts starts its own PostgreSQL server on a loopback port']);
if (missing.length === 0) process.exit(0);

const names = missing.map(([name]) => name).join(' ');
const why = missing.map(([name, reason]) => `  ${name}: ${reason}`).join('\n');
const command = `apt-get update && apt-get install -y ${names}`;
if (!have('apt-get')) {
  console.error(`pretest: the tests need these packages, and this system has no apt-get:\n${why}\n` +
    'Install them with your package manager (for Chromium, point PENALIZED_CHROMIUM at its executable), then run npm test again.');
  process.exit(1);
}

let prefix;
if (process.getuid?.() === 0) prefix = [];
else if (have('sudo') && spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status === 0) prefix = ['sudo', '-n'];
else {
  console.error(`pretest: the tests need Debian packages that are not installed:\n${why}\n` +
    'and this user cannot install them (not root, no password-less sudo). Run:\n\n' +
    `  sudo sh -c '${command}'\n\nthen npm test again.`);
  process.exit(1);
}

console.log(`pretest: installing Debian's ${names} (${prefix.length ? 'sudo ' : ''}${command})\n${why}`);
const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
for (const args of [['apt-get', 'update'], ['apt-get', 'install', '-y', ...missing.map(([name]) => name)]]) {
  const argv = [...prefix, ...args];
  const r = spawnSync(argv[0], argv.slice(1), { stdio: 'inherit', env });
  if (r.status !== 0) {
    console.error(`pretest: \`${argv.join(' ')}\` failed (exit ${r.status ?? r.signal}).`);
    process.exit(1);
  }
}
if (!existsSync(chromium)) {
  console.error('pretest: apt-get installed chromium but /usr/bin/chromium is still missing.');
  process.exit(1);
}
if (!havePostgres()) {
  console.error('pretest: apt-get installed postgresql but no pg_ctl was found in /usr/lib/postgresql/*/bin.');
  process.exit(1);
}
