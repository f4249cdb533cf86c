import { readFileSync } from 'node:fs';
import { ErrorCode, WorkbenchError } from '../../shared/errors';

/** The first line of a passphrase file (for scripts), without its line ending. */
export function passphraseFromFile(file: string): string {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new WorkbenchError(ErrorCode.InvalidInput, `--passphrase-file: ${file} could not be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}).`, { field: 'passphrase-file' });
  }
  const line = text.split(/\r?\n/)[0] ?? '';
  if (!line) throw new WorkbenchError(ErrorCode.InvalidInput, `--passphrase-file: the first line of ${file} is empty.`, { field: 'passphrase-file' });
  return line;
}

/** Asks on the terminal without echoing what is typed. */
export function promptPassphrase(prompt: string): Promise<string> {
  const stdin = process.stdin;
  if (!stdin.isTTY) {
    return Promise.reject(new WorkbenchError(ErrorCode.NeedsPassphrase, `${prompt.replace(/:\s*$/, '')}: there is no terminal to ask on; pass --passphrase-file <file>.`));
  }
  return new Promise((resolve, reject) => {
    process.stderr.write(prompt);
    let typed = '';
    stdin.setRawMode(true);
    stdin.resume();
    stdin.setEncoding('utf8');
    const done = (err?: Error) => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.off('data', onData);
      process.stderr.write('\n');
      if (err) reject(err);
      else resolve(typed);
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') return done();
        if (ch === '\u0003') return done(new WorkbenchError(ErrorCode.Cancelled, 'Cancelled.'));
        if (ch === '\u007f' || ch === '\b') typed = typed.slice(0, -1);
        else typed += ch;
      }
    };
    stdin.on('data', onData);
  });
}

/** A new passphrase, typed twice on a terminal, or read from a file. */
export async function newPassphrase(file: string | undefined): Promise<string> {
  if (file) return passphraseFromFile(file);
  const first = await promptPassphrase('New passphrase: ');
  if (!first) throw new WorkbenchError(ErrorCode.InvalidInput, 'passphrase: it must not be empty.', { field: 'passphrase' });
  const again = await promptPassphrase('Type it again: ');
  if (first !== again) throw new WorkbenchError(ErrorCode.InvalidInput, 'passphrase: the two did not match; nothing was changed.', { field: 'passphrase' });
  return first;
}
