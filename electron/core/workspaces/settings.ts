import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export interface Settings {
  recent: string[];
  last: string | null;
}

const MAX_RECENT = 10;

/** The recent workspaces and the last one open, in the app's data folder. */
export class SettingsStore {
  private readonly file: string;

  constructor(dataDir: string) {
    this.file = join(dataDir, 'settings.json');
  }

  read(): Settings {
    try {
      const raw = JSON.parse(readFileSync(this.file, 'utf8')) as Partial<Settings>;
      return { recent: Array.isArray(raw.recent) ? raw.recent.filter((p) => typeof p === 'string') : [], last: typeof raw.last === 'string' ? raw.last : null };
    } catch {
      return { recent: [], last: null };
    }
  }

  /** Records an opened workspace first in the recent list, and as the one to reopen. */
  opened(path: string): Settings {
    const s = this.read();
    const next = { last: path, recent: [path, ...s.recent.filter((p) => p !== path)].slice(0, MAX_RECENT) };
    this.write(next);
    return next;
  }

  recentExisting(): string[] {
    return this.read().recent.filter((p) => existsSync(p));
  }

  private write(s: Settings): void {
    mkdirSync(dirname(this.file), { recursive: true });
    const tmp = `${this.file}.tmp`;
    writeFileSync(tmp, JSON.stringify(s, null, 2));
    renameSync(tmp, this.file);
  }
}
