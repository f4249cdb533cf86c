import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, seededFile } from '../../../cli-helpers';
import { ROOT, tempDir } from '../../../helpers';

const HOOK = join(ROOT, 'tests/fixtures/hooks/log-packages.mjs');

/** The packages a real `workbench …` run loads, from the loader's own record. */
function packagesLoaded(args: string[]): { code: number; packages: Set<string>; stderr: string } {
  const log = join(tempDir(), 'modules.log');
  const r = spawnSync(process.execPath, ['--import', HOOK, BIN, ...args], {
    encoding: 'utf8',
    env: { ...process.env, WORKBENCH_WORKSPACE: '', WORKBENCH_MODULE_LOG: log },
  });
  const lines = existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter(Boolean) : [];
  // "@scope/name/…" or "name/…" → the package name.
  const packages = new Set(lines.map((l) => (l.startsWith('@') ? l.split('/').slice(0, 2).join('/') : l.split('/')[0]!)));
  return { code: r.status ?? -1, packages, stderr: r.stderr };
}

/** What reads documents, finds names and dates, or writes exchange formats: needed by import and analysis only. */
const IMPORT_AND_ANALYSIS = [
  'compromise', 'fr-compromise', 'es-compromise', 'de-compromise', 'chrono-node', 'linkedom', 'mailparser', 'mammoth', 'jszip',
  'yaml', 'yauzl', '@mozilla/readability', 'pdfjs-dist', 'tesseract.js', '@citation-js/core', '@xmldom/xmldom', 'eld', 'chardet',
];

describe('what a command loads before it runs', () => {
  it('`--help` loads no package: the argument parser is compiled in, the engine is not reached', () => {
    const r = packagesLoaded(['--help']);
    expect(r.code).toBe(0);
    expect([...r.packages]).toEqual([]);
  });

  it('search, show and info load the database and the index, no importer and no analysis library', () => {
    const w = seededFile('seeds.workspace');
    for (const args of [['search', 'wagner mercenaries venezuela'], ['show', '1'], ['info']]) {
      const r = packagesLoaded([...args, '-w', w]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.packages).toContain('better-sqlite3-multiple-ciphers');
      expect(IMPORT_AND_ANALYSIS.filter((p) => r.packages.has(p)), args[0]).toEqual([]);
    }
  });

  it('the TypeScript compiler is never loaded: the command runs the compiled build', () => {
    const r = packagesLoaded(['--version']);
    expect(r.packages.has('tsx')).toBe(false);
    expect(r.packages.has('esbuild')).toBe(false);
  });
});

describe('output into a pipe that closes early (`| head`)', () => {
  it('ends the output quietly: no stack trace, exit code 0', async () => {
    // Our end of the pipe is closed before the command has started, so its first write fails.
    const child = spawn(process.execPath, [BIN, 'search', 'Wagner', '-w', seededFile('seeds.workspace')], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, WORKBENCH_WORKSPACE: '' },
    });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });
});
