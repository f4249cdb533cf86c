// Before `npm start`: builds better-sqlite3 for Electron's ABI into
// node_modules/.electron-native, beside (not over) the Node build that `npm test` and the
// CLI use, so both work on the same checkout. The main process loads it through
// better-sqlite3's `nativeBinding` option. Skipped when already built for this Electron.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(join(root, 'package.json'));
const electronVersion = JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')).version;
const source = dirname(require.resolve('better-sqlite3-multiple-ciphers/package.json'));
const target = join(root, 'node_modules/.electron-native/better-sqlite3-multiple-ciphers');
const stamp = join(target, '.electron-version');
const binary = join(target, 'build/Release/better_sqlite3.node');

if (existsSync(binary) && existsSync(stamp) && readFileSync(stamp, 'utf8') === electronVersion) {
  console.log(`better-sqlite3 for Electron ${electronVersion}: already built.`);
  process.exit(0);
}

console.log(`Building better-sqlite3 for Electron ${electronVersion} (about a minute, once)…`);
rmSync(target, { recursive: true, force: true });
mkdirSync(dirname(target), { recursive: true });
const buildDir = join(source, 'build');
cpSync(source, target, { recursive: true, filter: (p) => p !== buildDir && !p.startsWith(`${buildDir}/`) });
const gyp = require.resolve('node-gyp/bin/node-gyp.js');
try {
  execFileSync(process.execPath, [gyp, 'rebuild', '--release', `--target=${electronVersion}`, '--runtime=electron', '--dist-url=https://electronjs.org/headers'], {
    cwd: target,
    stdio: 'inherit',
  });
} catch {
  console.error(
    'Could not build better-sqlite3 for Electron: node-gyp needs Electron\'s headers, which are downloaded once.\n' +
      'Where Electron cannot be downloaded, use the browser shell instead: npm run serve',
  );
  process.exit(1);
}
writeFileSync(stamp, electronVersion);
console.log('Done.');
