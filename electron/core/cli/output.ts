import type { SingleBar } from 'cli-progress';
import { isWorkbenchError } from '../../shared/errors';
import type { Snippet } from '../../shared/schemas';

export interface Out {
  json: boolean;
  /** Prints a value as JSON, or the human form when not in --json mode. */
  result(value: unknown, human: () => string): void;
}

// Stand-ins for bold on and off in snippets: the only terminal codes the workbench itself prints.
const BOLD = '\uE000';
const PLAIN = '\uE001';

/**
 * Text for a terminal: control characters (escape sequences in a file name or a title,
 * which could move the cursor, retitle the window or hide text) are shown as \xNN, never
 * passed through; newlines and tabs stay.
 */
export function terminalSafe(text: string): string {
  // eslint-disable-next-line no-control-regex -- escaping control characters is the point
  const escaped = text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
  return escaped.split(BOLD).join('\x1b[1m').split(PLAIN).join('\x1b[22m');
}

export function makeOut(json: boolean): Out {
  return {
    json,
    result(value, human) {
      process.stdout.write(json ? `${JSON.stringify(value, null, 2)}\n` : `${terminalSafe(human())}\n`);
    },
  };
}

const tty = () => process.stdout.isTTY === true;

/** A snippet with its hits marked: bold on a terminal, «guillemets» elsewhere. */
export function renderSnippet(s: Snippet): string {
  let out = '';
  let at = 0;
  const [open, close] = tty() ? [BOLD, PLAIN] : ['«', '»'];
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
  else process.stderr.write(`workbench: ${terminalSafe(message)}\n`);
  return 1;
}

/**
 * A progress bar on stderr (so it never mixes with a table, CSV or JSON), or null when
 * stderr is not a terminal; cli-progress loads only then.
 */
export async function progressBar(format: string, enabled = true): Promise<SingleBar | null> {
  if (!enabled || process.stderr.isTTY !== true) return null;
  const { default: cliProgress } = await import('cli-progress');
  return new cliProgress.SingleBar({ format, stream: process.stderr, hideCursor: true, clearOnComplete: true }, cliProgress.Presets.shades_classic);
}
