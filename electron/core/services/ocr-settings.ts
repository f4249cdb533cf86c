import { invalid } from '../../shared/errors';
import type { OcrLanguages } from '../../shared/schemas';
import { DEFAULT_OCR_LANGUAGES, installedLanguages } from '../import/ocr';
import type { Db } from '../db/open';

const KEY = 'ocr.languages';

// Tesseract's codes as a person reads them; a code not listed here shows as itself.
const NAMES: Record<string, string> = {
  eng: 'English',
  fra: 'French',
  deu: 'German',
  spa: 'Spanish',
  por: 'Portuguese',
  ita: 'Italian',
  rus: 'Russian',
  ara: 'Arabic',
  chi_sim: 'Chinese (simplified)',
  nld: 'Dutch',
};

/**
 * The languages photos and scans are read in, kept in the workspace (a workspace of French
 * filings reads French wherever it is opened). Only languages whose data is installed with
 * the app can be chosen; the CLI's --ocr-lang, for its run, wins over this.
 */
export class OcrSettings {
  constructor(private readonly db: Db) {}

  /** The chosen languages, leaving out any whose data is no longer installed. */
  chosen(): string[] {
    const raw = this.db.prepare('SELECT value FROM meta WHERE key = ?').pluck().get(KEY) as string | undefined;
    const installed = installedLanguages();
    const langs = (raw ?? DEFAULT_OCR_LANGUAGES).split('+').filter((l) => installed.includes(l));
    return langs.length ? langs : [DEFAULT_OCR_LANGUAGES];
  }

  get(): OcrLanguages {
    return { installed: installedLanguages().map((code) => ({ code, name: NAMES[code] ?? code })), chosen: this.chosen() };
  }

  set(languages: string[]): OcrLanguages {
    const installed = installedLanguages();
    const langs = [...new Set(languages)];
    if (!langs.length) throw invalid('languages', 'choose at least one OCR language');
    const missing = langs.filter((l) => !installed.includes(l));
    if (missing.length) throw invalid('languages', `OCR language ${missing.join(', ')} is not installed; installed: ${installed.join(', ')}`);
    this.db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(KEY, langs.join('+'));
    return this.get();
  }
}
