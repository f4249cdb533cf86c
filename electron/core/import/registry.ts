import { htmlImporter } from './formats/html';
import { markdownImporter } from './formats/markdown';
import { plainTextImporter } from './formats/plain-text';
import type { Importer } from './types';

export const IMPORTERS: readonly Importer[] = [plainTextImporter, markdownImporter, htmlImporter];

export function importerFor(fileName: string): Importer | null {
  const lower = fileName.toLowerCase();
  return IMPORTERS.find((imp) => imp.extensions.some((ext) => lower.endsWith(ext))) ?? null;
}

export const SUPPORTED_EXTENSIONS = IMPORTERS.flatMap((i) => i.extensions);
