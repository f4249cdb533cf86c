import { createHash } from 'node:crypto';

/** The content hash of a stored text: SHA-256 of its UTF-8. */
export function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
