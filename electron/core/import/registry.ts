import { docxImporter } from './formats/docx';
import { emailImporter, mboxImporter } from './formats/email';
import { htmlImporter } from './formats/html';
import { imageImporter } from './formats/image';
import { markdownImporter } from './formats/markdown';
import { pdfImporter } from './formats/pdf';
import { plainTextImporter } from './formats/plain-text';
import { importerFor, registerImporters } from './registry-lookup';
import type { Importer } from './types';

export const IMPORTERS: readonly Importer[] = [plainTextImporter, markdownImporter, htmlImporter, pdfImporter, docxImporter, emailImporter, mboxImporter, imageImporter];
registerImporters(IMPORTERS);

export { importerFor };

export const SUPPORTED_EXTENSIONS = IMPORTERS.flatMap((i) => i.extensions);
