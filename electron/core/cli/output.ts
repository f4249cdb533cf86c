import { isWorkbenchError } from '../../shared/errors';
import type { Snippet } from '../../shared/schemas';

export interface Out {
  json: boolean;
  /** Prints a value as JSON, or the human form when not in --json mode. */
  result(value: unknown, human: () => string): void;
}

export function makeOut(json: boolean): Out {
  return {
    json,
    result(value, human) {
      process.stdout.write(json ? `${JSON.stringify(value, null, 2)}\n` : `${human()}\n`);
    },
  };
}

const tty = () => process.stdout.isTTY === true;

/** A snippet with its hits marked: bold on a terminal, «guillemets» elsewhere. */
export function renderSnippet(s: Snippet): string {
  let out = '';
  let at = 0;
  const [open, close] = tty() ? ['\x1b[1m', '\x1b[22m'] : ['«', '»'];
  for (const [a, b] of s.marks) {
    out += s.text.slice(at, a) + open + s.text.slice(a, b) + close;
    at = b;
  }
  return out + s.text.slice(at);
}

export function table(rows: string[][]): string {
  if (rows.length === 0) return '';
  const widths = rows[0]!.map((_c, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!))).join('  ')).join('\n');
}

/** Prints an error the way the mode asks and returns the exit code. */
export function reportError(err: unknown, json: boolean): number {
  const code = isWorkbenchError(err) ? err.code : 'INTERNAL';
  const message = err instanceof Error ? err.message : String(err);
  if (json) process.stdout.write(`${JSON.stringify({ error: { code, message } }, null, 2)}\n`);
  else process.stderr.write(`workbench: ${message}\n`);
  return 1;
}
