import type { AddressObject, ParsedMail } from 'mailparser';
import { decodeText, normalizeBody } from '../decode';
import { importerFor } from '../registry-lookup';
import type { Importer, ParsedDocument, SourceFile } from '../types';
import { htmlToText } from './html-text';

/** A mailbox larger than this many messages is refused rather than half-read. */
export const MAX_MESSAGES = 100_000;

function addresses(a: AddressObject | AddressObject[] | undefined): string | null {
  if (!a) return null;
  const list = Array.isArray(a) ? a : [a];
  const text = list.map((x) => x.text).filter(Boolean).join(', ');
  return text || null;
}

async function textOf(mail: ParsedMail): Promise<string> {
  if (mail.text && mail.text.trim()) return mail.text;
  if (typeof mail.html === 'string') {
    const { parseHTML } = await import('linkedom');
    const { document } = parseHTML(`<!doctype html><html><body>${mail.html}</body></html>`);
    return htmlToText(document.body as unknown as Parameters<typeof htmlToText>[0]);
  }
  return '';
}

/**
 * One message: From, To, Date and Subject as metadata and as a header at the top of the
 * text (so they can be read and searched), then the message; attachments in a format the
 * workbench imports become documents of their own, linked to the message.
 */
async function parseMessage(raw: Buffer, fileName: string, depth: number): Promise<ParsedDocument[]> {
  // Loaded when a file of this kind is read, not when an import starts: each import starts two
  // workers, and these libraries took about 0.7 s of a worker's start before any file was read.
  const { simpleParser } = await import('mailparser');
  const mail = await simpleParser(raw, { skipHtmlToText: true, skipTextLinks: true, skipImageLinks: true });
  const from = addresses(mail.from);
  const to = addresses(mail.to);
  const date = mail.date && !Number.isNaN(mail.date.getTime()) ? mail.date.toISOString().slice(0, 10) : null;
  const subject = mail.subject?.replace(/\s+/g, ' ').trim() || '(no subject)';
  const header = [`From: ${from ?? '—'}`, `To: ${to ?? '—'}`, `Date: ${mail.date ? mail.date.toUTCString() : '—'}`, `Subject: ${subject}`].join('\n');
  const message: ParsedDocument = {
    title: subject,
    body: normalizeBody(`${header}\n\n${(await textOf(mail)).trim()}`),
    author: from,
    outlet: null,
    published: date,
    url: null,
    format: 'email',
    encoding: 'utf-8',
  };
  const docs: ParsedDocument[] = [message];
  if (depth > 0) return docs; // attachments of attachments stay inside them
  for (const att of mail.attachments) {
    const name = att.filename ?? '';
    const importer = name ? importerFor(name) : null;
    if (!importer || importer.format === 'email') continue;
    const file: SourceFile = { path: `${fileName}/${name}`, name, size: att.size, read: async () => att.content };
    try {
      // A text attachment's first line is rarely a title; its name is what the sender gave it.
      for (const d of await importer.parse(file)) docs.push({ ...d, title: importer.format === 'text' ? name : d.title || name, parent: 0 });
    } catch {
      // an unreadable attachment does not lose the message; it stays in the message's original
    }
  }
  return docs;
}

/** Splits an mbox (mboxo/mboxrd) at its "From " lines, undoing the ">From " quoting. */
export function splitMbox(text: string): string[] {
  const messages: string[] = [];
  const starts: number[] = [];
  const re = /^From [^\n]*\n/gm;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m.index === 0 || text[m.index - 1] === '\n') starts.push(m.index);
    if (starts.length > MAX_MESSAGES) throw new Error(`more than ${MAX_MESSAGES.toLocaleString('en')} messages in one mailbox`);
  }
  starts.forEach((start, i) => {
    const chunk = text.slice(start, starts[i + 1] ?? text.length);
    const body = chunk.slice(chunk.indexOf('\n') + 1).replace(/^>(>*From )/gm, '$1');
    if (body.trim()) messages.push(body);
  });
  return messages;
}

/**
 * A message is text that starts with header fields ("From: …"). Anything else named .eml —
 * random bytes say — is refused for the reason a .txt would be, not stored as garbage.
 */
function assertMessage(raw: Buffer): void {
  const { text } = decodeText(raw);
  const first = text.split(/\r?\n/).find((l) => l.trim()) ?? '';
  if (!/^[\x21-\x39\x3b-\x7e]+:/.test(first)) throw new Error('not an e-mail message (it does not start with header fields such as "From:")');
}

export const emailImporter: Importer = {
  format: 'email',
  extensions: ['.eml'],
  async parse(file) {
    const raw = await file.read();
    assertMessage(raw);
    const docs = await parseMessage(raw, file.name, 0);
    docs[0]!.original = { mediaType: 'message/rfc822', content: raw };
    return docs;
  },
};

export const mboxImporter: Importer = {
  format: 'email',
  extensions: ['.mbox', '.mbx'],
  async parse(file) {
    const text = (await file.read()).toString('latin1');
    const messages = splitMbox(text);
    if (messages.length === 0) throw new Error('no messages found (an mbox starts each message with a "From " line)');
    const out: ParsedDocument[] = [];
    for (const m of messages) {
      const raw = Buffer.from(m, 'latin1');
      const docs = await parseMessage(raw, file.name, 0);
      const base = out.length;
      docs[0]!.original = { mediaType: 'message/rfc822', content: raw };
      for (const d of docs) out.push(d.parent === undefined ? d : { ...d, parent: base + d.parent });
    }
    return out;
  },
};
