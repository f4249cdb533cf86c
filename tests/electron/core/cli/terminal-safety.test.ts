import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { terminalSafe } from '../../../../electron/core/cli/output';
import { cli } from '../../../cli-helpers';
import { tempDir } from '../../../helpers';

describe('what the CLI prints on a terminal', () => {
  it('shows escape sequences in file names and titles as \\x1b, never raw, in import, search and show', () => {
    const dir = tempDir();
    const ws = join(dir, 'w.workspace');
    expect(cli(['init', '-w', ws, '--empty']).code).toBe(0);
    const name = 'report\x1b]0;pwned\x07\x1b[2J.txt';
    writeFileSync(join(dir, name), 'Clear screen \x1b[2J title\n\nThe courier mentioned the Antonov.');
    writeFileSync(join(dir, 'bad\x1b[31m.eml'), Buffer.from([0, 1, 2, 3, 255, 254, 0, 0]));
    const outputs = [cli(['import', dir, '-w', ws]), cli(['search', 'Antonov', '-w', ws]), cli(['show', '1', '-w', ws])];
    for (const r of outputs) {
      expect(r.stdout + r.stderr).not.toContain('\x1b');
      expect(r.stdout + r.stderr).not.toContain('\x07');
    }
    expect(outputs[0]!.stdout).toContain('bad\\x1b[31m.eml');
    expect(outputs[2]!.stdout).toContain('report\\x1b]0;pwned\\x07\\x1b[2J.txt');
  }, 240_000);

  it('keeps newlines and tabs', () => {
    expect(terminalSafe('a\tb\nc\x1b[0m')).toBe('a\tb\nc\\x1b[0m');
  });
});
