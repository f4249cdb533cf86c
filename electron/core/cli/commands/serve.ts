import type { Command } from 'commander';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { builtRendererDir, defaultWorkspacePath, userDataDir } from '../../paths';
import type { Runner } from '../main';

export function registerServe(program: Command, run: Runner): void {
  program
    .command('serve')
    .description('serve the workbench to a browser on this machine (127.0.0.1 only, with a per-launch token)')
    .argument('[workspace]', 'the workspace file (default: the one in the app data folder, made with the sample corpus on first start)')
    .option('--port <n>', 'port (default: a free one)', '0')
    .action(async (file: string | undefined, opts: { port: string }, cmd: Command) => {
      // The workspace is served from a worker thread (SessionHost): a slow query never holds up
      // the server's other requests or its event stream; the engine loads there, not here.
      const [{ SessionHost }, { startServer }] = await Promise.all([import('../../api/session-host'), import('../../http/server')]);
      const session = new SessionHost({
        dataDir: userDataDir(),
        open: { waitForIndex: false },
        onCrash: (message) => process.stderr.write(`workbench: ${message}\n`),
      });
      await session.ready();
      const last = session.state.last;
      const path = resolve(file ?? (last && existsSync(last) ? last : defaultWorkspacePath()));
      const create = !existsSync(path);
      if (create) mkdirSync(dirname(path), { recursive: true });
      const passphrase = run.passphrase(cmd);
      let note = create ? ' (new, with the sample corpus)' : '';
      // A workspace that cannot be opened (locked, damaged) still gets the page: it says what to do.
      await session.openFile(path, { create, ...(passphrase ? { passphrase } : {}) }).catch((err: Error) => (note = `\n  but it is not open: ${err.message}`));
      const server = await startServer({ session, staticDir: builtRendererDir(), port: Number(opts.port) });
      process.stdout.write(`Research Workbench is serving ${path}${note}\nOpen ${server.url}\n`);
      await new Promise<void>((done) => {
        const stop = () => done();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      await server.close();
      await session.close();
    });
}
