import { Command, CommanderError } from 'commander';
import { ErrorCode, WorkbenchError, isWorkbenchError } from '../../shared/errors';
import { userDataDir } from '../paths';
import type { Api } from '../../shared/api/client';
import type { Workspace, OpenWorkspaceOptions } from '../workspace';
import { registerAnalysis } from './commands/analysis';
import { registerAnnotate } from './commands/annotate';
import { registerBatch } from './commands/batch';
import { registerWorkspaces } from './commands/workspaces';
import { passphraseFromFile, promptPassphrase } from './passphrase';
import { registerCorpus } from './commands/corpus';
import { registerServe } from './commands/serve';
import { makeOut, reportError, type Out } from './output';

export interface GlobalOptions {
  workspace?: string;
  json?: boolean;
  passphraseFile?: string;
}

/**
 * How a command opens its workspace. `read`: it only reads, so it opens as a reader when that
 * is safe (openToRead: no lock, backup, quick_check or index save); a function decides after
 * opening whether reading is enough (the analysis commands need a writer when analysis is due).
 */
export type CommandOpen = OpenWorkspaceOptions & { read?: boolean | ((ws: Workspace) => boolean) };

export interface Runner {
  /** Opens the workspace named by -w (or WORKBENCH_WORKSPACE), runs fn, saves and closes. */
  withWorkspace<T>(cmd: Command, fn: (ws: Workspace, out: Out) => Promise<T> | T, open?: CommandOpen): Promise<T>;
  /**
   * Opens the workspace like withWorkspace and gives fn the engine's API: every call goes
   * through the dispatcher that IPC and HTTP use, validated against the contract.
   */
  withApi<T>(cmd: Command, fn: (api: Api, out: Out, ws: Workspace) => Promise<T> | T, open?: CommandOpen): Promise<T>;
  out(cmd: Command): Out;
  workspacePath(cmd: Command): string;
  /** The passphrase from --passphrase-file, if one was given. */
  passphrase(cmd: Command): string | undefined;
  /** The app's data folder (backups live there). */
  dataDir(): string;
  /** Sets the exit code without throwing (import with failed files). */
  setExitCode(code: number): void;
}

/** Parses an id argument, naming the argument when it is not one. */
export function parseId(value: string, what = 'id'): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new WorkbenchError(ErrorCode.InvalidInput, `${what}: "${value}" is not an id (a whole number from 1).`, { field: what });
  return n;
}

/**
 * A reader that stops early (`workbench search … | head`) closes the pipe: the output ends
 * there, quietly, and the command itself runs to its end (an import keeps importing).
 */
function endOutputOnClosedPipe(): void {
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') throw err;
    process.stdout.write = (() => true) as typeof process.stdout.write;
  });
}

export async function main(argv: string[]): Promise<number> {
  let exitCode = 0;
  endOutputOnClosedPipe();
  const program = new Command('workbench')
    .description('The offline research workbench: import, search, tag and annotate a corpus of documents.')
    .option('-w, --workspace <file>', 'the workspace file (or set WORKBENCH_WORKSPACE)')
    .option('--json', 'machine-readable output on stdout')
    .option('--passphrase-file <file>', 'the passphrase of an encrypted workspace, from the first line of this file (otherwise it is asked for on the terminal)')
    .showHelpAfterError('(run workbench --help for the commands)')
    .exitOverride();

  const globals = (cmd: Command): GlobalOptions => cmd.optsWithGlobals() as GlobalOptions;
  const runner: Runner = {
    out: (cmd) => makeOut(Boolean(globals(cmd).json)),
    workspacePath(cmd) {
      const file = globals(cmd).workspace ?? process.env.WORKBENCH_WORKSPACE;
      if (!file) throw new WorkbenchError(ErrorCode.InvalidInput, 'No workspace given: pass -w <file> or set WORKBENCH_WORKSPACE.', { field: 'workspace' });
      return file;
    },
    passphrase(cmd) {
      const file = globals(cmd).passphraseFile;
      return file ? passphraseFromFile(file) : undefined;
    },
    dataDir: () => userDataDir(),
    async withWorkspace(cmd, fn, open) {
      const file = this.workspacePath(cmd);
      const given = this.passphrase(cmd);
      // waitForIndex: false is for the reader only; a full open from the CLI always waits (and
      // so makes its daily backup before the command, not in a background the exit would cut).
      const { read, waitForIndex, ...rest } = open ?? {};
      const options = { ...rest, backgroundAnalysis: false, dataDir: this.dataDir(), ...(given ? { passphrase: given } : {}) };
      // The engine loads here, when a command opens a workspace: `--help` and argument errors stay instant.
      const { openManaged, openToRead } = await import('../workspaces/manager');
      const openOrRead = async (o: typeof options): Promise<Workspace> => {
        if (read) {
          // A reading command that does not wait for the index never searches: it is not loaded
          // (parsing it was most of `show` or `info` on a large workspace).
          const reader = await openToRead(file, { ...o, ...(waitForIndex === false ? { waitForIndex, searchIndex: false as const } : {}) });
          if (reader && (read === true || read(reader))) return reader;
          reader?.close();
        }
        try {
          return await openManaged(file, o);
        } catch (err) {
          // Another program owns the workspace: read beside it; a write then fails naming it.
          if (isWorkbenchError(err) && err.code === ErrorCode.InUse) return openManaged(file, { ...o, reader: true });
          throw err;
        }
      };
      let ws: Workspace;
      try {
        ws = await openOrRead(options);
      } catch (err) {
        if (!(isWorkbenchError(err) && err.code === ErrorCode.NeedsPassphrase && !given && process.stdin.isTTY)) throw err;
        ws = await openOrRead({ ...options, passphrase: await promptPassphrase(`Passphrase for ${file}: `) });
      }
      try {
        return await fn(ws, this.out(cmd));
      } catch (err) {
        if (ws.reader && (err as { code?: string }).code === 'SQLITE_READONLY') ws.assertWriter();
        throw err;
      } finally {
        ws.close();
      }
    },
    withApi(cmd, fn, open) {
      return this.withWorkspace(
        cmd,
        async (ws, out) => {
          const { cliApi } = await import('./api');
          return fn(cliApi(ws, this.dataDir()), out, ws);
        },
        open,
      );
    },
    setExitCode(code) {
      exitCode = code;
    },
  };

  registerCorpus(program, runner);
  registerAnnotate(program, runner);
  registerServe(program, runner);
  registerWorkspaces(program, runner);
  registerAnalysis(program, runner);
  registerBatch(program, runner);

  try {
    await program.parseAsync(argv);
    return exitCode;
  } catch (err) {
    if (err instanceof CommanderError) {
      return err.exitCode === 0 ? 0 : 1;
    }
    return reportError(err, argv.includes('--json'));
  }
}
