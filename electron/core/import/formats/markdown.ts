import type { Importer } from '../types';
import { parseText } from './plain-text';

/** Markdown is kept as written; its `#` heading gives the title. */
export const markdownImporter: Importer = {
  format: 'markdown',
  extensions: ['.md', '.markdown'],
  parse: (file) => parseText(file, 'markdown'),
};
