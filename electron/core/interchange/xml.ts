import { createRequire } from 'node:module';

/** The part of the W3C DOM the REFI-QDA reader and writer use, as @xmldom/xmldom implements it. */
export interface XmlElement {
  readonly localName: string;
  readonly namespaceURI: string | null;
  readonly childNodes: ArrayLike<XmlElement | { nodeType: number }>;
  readonly nodeType: number;
  textContent: string | null;
  getAttribute(name: string): string | null;
  setAttribute(name: string, value: string): void;
  appendChild<T>(child: T): T;
}
export interface XmlDocument {
  readonly documentElement: XmlElement | null;
  createElementNS(ns: string, name: string): XmlElement;
  createTextNode(text: string): unknown;
}
interface XmlDom {
  DOMImplementation: new () => { createDocument(ns: string, root: string, doctype: null): XmlDocument };
  DOMParser: new (options: { errorHandler: (level: string, message: string) => void }) => { parseFromString(text: string, mime: string): XmlDocument };
  XMLSerializer: new () => { serializeToString(doc: XmlDocument): string };
}

let xmldom: XmlDom | null = null;
/**
 * @xmldom/xmldom, a strict and maintained XML parser and serialiser, loaded when first
 * needed. It is required rather than imported because its type declarations pull the
 * browser's DOM types into the whole engine, which must not see them.
 */
function lib(): XmlDom {
  xmldom ??= createRequire(import.meta.url)('@xmldom/xmldom') as XmlDom;
  return xmldom;
}

/** Parses XML; a malformed file throws an Error naming it and saying what is wrong. */
export function parseXml(text: string, fileName: string): XmlDocument {
  const problems: string[] = [];
  // xmldom reports an unclosed or mis-nested element only as a warning and carries on; a
  // project file that is not well-formed is refused whole rather than read in part.
  const onError = (_level: string, message: string) => {
    problems.push(message.replace(/\[xmldom \w+\]|@#\[line:\w+,col:\w+\]/g, '').replace(/\s+/g, ' ').trim());
  };
  let doc: XmlDocument;
  try {
    doc = new (lib().DOMParser)({ errorHandler: onError }).parseFromString(text, 'text/xml');
  } catch (err) {
    problems.push((err as Error).message);
    doc = null as unknown as XmlDocument;
  }
  if (problems.length || !doc?.documentElement) throw new Error(`${fileName} is not well-formed XML: ${problems[0] ?? 'no root element'}`);
  return doc;
}

export function createXml(ns: string, root: string): XmlDocument {
  return new (lib().DOMImplementation)().createDocument(ns, root, null);
}

export function serializeXml(doc: XmlDocument): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n${new (lib().XMLSerializer)().serializeToString(doc)}\n`;
}

/** The element children of `el`, optionally only those named `name`. */
export function children(el: XmlElement, name?: string): XmlElement[] {
  return Array.from(el.childNodes).filter((n): n is XmlElement => n.nodeType === 1 && (!name || (n as XmlElement).localName === name));
}

export function child(el: XmlElement, name: string): XmlElement | undefined {
  return children(el, name)[0];
}
