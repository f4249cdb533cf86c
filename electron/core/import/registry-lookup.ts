import type { Importer } from './types';

/**
 * The registry as a late-bound lookup, so a format that contains other formats (a
 * mailbox with attachments) can ask for them without a circular import.
 */
let importers: readonly Importer[] = [];

export function registerImporters(list: readonly Importer[]): void {
  importers = list;
}

export function importerFor(fileName: string): Importer | null {
  const lower = fileName.toLowerCase();
  return importers.find((imp) => imp.extensions.some((ext) => lower.endsWith(ext))) ?? null;
}
