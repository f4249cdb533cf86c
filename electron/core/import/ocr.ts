import { copyFileSync, existsSync, lstatSync, mkdirSync, readlinkSync, rmSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** How a document's text was recognised, kept with it. */
export interface OcrInfo {
  engine: string;
  /** Tesseract language codes, as "eng+fra". */
  languages: string;
  /** Mean word confidence over all pages, 0–100. */
  confidence: number;
  /** Each page's confidence, page 1 first. */
  pages: number[];
}

export interface OcrPage {
  text: string;
  confidence: number;
}

/** The language set when none is chosen, and the environment variable that chooses (the CLI's --ocr-lang sets it). */
export const DEFAULT_OCR_LANGUAGES = 'eng';
export const OCR_LANG_ENV = 'WORKBENCH_OCR_LANG';

// Not named `require`: electron-vite gives each ES chunk that mentions require a `const require`
// of its own, and a second declaration in the same chunk stops the desktop app's import worker.
const load = createRequire(import.meta.url);

/** Languages whose data is installed, from the @tesseract.js-data packages. */
export function installedLanguages(): string[] {
  return ['eng', 'fra', 'deu', 'spa', 'por', 'ita', 'rus', 'ara', 'chi_sim', 'nld'].filter((code) => {
    try {
      load.resolve(`@tesseract.js-data/${code}/package.json`);
      return true;
    } catch {
      return false;
    }
  });
}

/** The chosen languages, checked against those installed; an unknown one is an error naming it. */
export function ocrLanguages(spec = process.env[OCR_LANG_ENV] || DEFAULT_OCR_LANGUAGES): string[] {
  const langs = spec.split(/[+,\s]+/).filter(Boolean);
  const installed = installedLanguages();
  const missing = langs.filter((l) => !installed.includes(l));
  if (missing.length) throw new Error(`OCR language ${missing.join(', ')} is not installed; installed: ${installed.join(', ')}`);
  return langs.length ? langs : [DEFAULT_OCR_LANGUAGES];
}

/**
 * tesseract.js reads every language from one folder, and each @tesseract.js-data package
 * keeps its own: the files are linked (or copied) into one folder of the machine's
 * temporary directory. Nothing is fetched; tesseract.js is never given a URL.
 */
function languageFolder(langs: string[]): string {
  const dir = join(tmpdir(), `workbench-tessdata-${process.getuid?.() ?? 'user'}`);
  mkdirSync(dir, { recursive: true });
  for (const code of langs) {
    const target = join(dir, `${code}.traineddata.gz`);
    const data = load(`@tesseract.js-data/${code}`) as { langPath: string };
    const source = join(data.langPath, `${code}.traineddata.gz`);
    // A link left by another install (or one whose node_modules is gone) is replaced.
    if (existsSync(target) && (!isLink(target) || readlinkSync(target) === source)) continue;
    rmSync(target, { force: true });
    try {
      symlinkSync(source, target);
    } catch {
      copyFileSync(source, target);
    }
  }
  return dir;
}

/** A file's page reports and cancel signal, as recognise takes them. */
export function ocrHooks(file: { onPage?: ((page: number, pages: number) => void) | undefined; signal?: AbortSignal | undefined }) {
  return { ...(file.onPage ? { onPage: file.onPage } : {}), ...(file.signal ? { signal: file.signal } : {}) };
}

/**
 * Recognises images one page at a time with tesseract.js, which runs in a worker thread
 * of its own with its WebAssembly core from node_modules. `onPage` is told before each
 * page; an aborted signal stops before the next page and ends the worker.
 */
export async function recognise(
  images: AsyncIterable<Buffer> | Iterable<Buffer>,
  options: { total: number; languages?: string[]; signal?: AbortSignal; onPage?: (page: number, total: number) => void },
): Promise<{ pages: OcrPage[]; info: OcrInfo }> {
  const langs = options.languages ?? ocrLanguages();
  if (options.signal?.aborted) throw new Error('OCR cancelled');
  const { createWorker } = await import('tesseract.js');
  const version = (load('tesseract.js/package.json') as { version: string }).version;
  const folder = languageFolder(langs);
  const worker = await createWorker(langs, 1, {
    langPath: folder,
    gzip: true,
    cacheMethod: 'none',
    cachePath: dirname(folder),
    // Without a handler tesseract.js throws a failed job's error outside any promise, which
    // would end the whole import; the job's own promise rejects with it, and that is enough.
    errorHandler: () => undefined,
  });
  const pages: OcrPage[] = [];
  try {
    let n = 0;
    for await (const image of images) {
      if (options.signal?.aborted) throw new Error('OCR cancelled');
      options.onPage?.(++n, options.total);
      const { data } = await worker.recognize(image);
      pages.push({ text: data.text.replace(/[ \t]+\n/g, '\n').trim(), confidence: Math.round(data.confidence) });
    }
  } finally {
    await worker.terminate();
  }
  const words = pages.filter((p) => p.text);
  const confidence = words.length ? Math.round(words.reduce((s, p) => s + p.confidence, 0) / words.length) : 0;
  return { pages, info: { engine: `tesseract.js ${version}`, languages: langs.join('+'), confidence, pages: pages.map((p) => p.confidence) } };
}

function isLink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}
