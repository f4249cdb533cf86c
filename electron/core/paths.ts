import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const APP_NAME = 'Research Workbench';

/**
 * The app's data folder, where Electron keeps it too (app.getPath('userData')), so the
 * desktop app and the browser shell find the same default workspace and settings.
 */
export function userDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.WORKBENCH_DATA_DIR) return env.WORKBENCH_DATA_DIR;
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', APP_NAME);
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), APP_NAME);
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), APP_NAME);
}

/** The workspace opened when none is named: made with the seeds on first start. */
export function defaultWorkspacePath(env: NodeJS.ProcessEnv = process.env): string {
  return join(userDataDir(env), 'Default.workspace');
}

/** The built interface, when running from a checkout. */
export function builtRendererDir(): string {
  return fileURLToPath(new URL('../../out/renderer', import.meta.url));
}
