// `npm test`'s pretest step: the browser tests drive Debian's chromium
// (/usr/bin/chromium, through playwright-core; never a downloaded browser).
// When it is missing, install it with apt-get if this process is root or has
// password-less sudo; otherwise stop with the exact command to run.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const custom = process.env.PENALIZED_CHROMIUM;
const chromium = custom ?? '/usr/bin/chromium';
if (existsSync(chromium)) process.exit(0);

if (custom) {
  console.error(`pretest: PENALIZED_CHROMIUM points at ${custom}, which does not exist.`);
  process.exit(1);
}

const command = 'apt-get update && apt-get install -y chromium';
const have = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
if (!have('apt-get')) {
  console.error("pretest: the browser tests need Debian's chromium at /usr/bin/chromium, and this system has no apt-get.\n" +
    'Install Chromium with your package manager and point PENALIZED_CHROMIUM at its executable, then run npm test again.');
  process.exit(1);
}

let prefix;
if (process.getuid?.() === 0) prefix = [];
else if (have('sudo') && spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status === 0) prefix = ['sudo', '-n'];
else {
  console.error("pretest: the browser tests need Debian's chromium (/usr/bin/chromium), which is not installed,\n" +
    'and this user cannot install it (not root, no password-less sudo). Run:\n\n' +
    `  sudo sh -c '${command}'\n\nthen npm test again.`);
  process.exit(1);
}

console.log(`pretest: /usr/bin/chromium is missing; installing Debian's chromium (${prefix.length ? 'sudo ' : ''}${command})`);
const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
for (const args of [['apt-get', 'update'], ['apt-get', 'install', '-y', 'chromium']]) {
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
