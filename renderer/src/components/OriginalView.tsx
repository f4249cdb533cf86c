import { useEffect, useState } from 'react';
import { useApiQuery } from '../query';

/**
 * The frame's own policy: nothing loads from anywhere (no network, no script, no style, no
 * form, no frame); only pictures kept inside the page as data:. The page also runs with
 * sandbox="" (no script, an origin of its own, no navigation of the workbench). A srcdoc frame
 * inherits the workbench's policy too, which refuses inline style: the page's own styles are
 * taken out rather than left to be refused, and it shows in the browser's plain layout.
 */
const FRAME_CSP = "default-src 'none'; img-src data:; form-action 'none'; base-uri 'none'";

/**
 * A saved page, sanitized with DOMPurify: no script, no handler, no address that would reach
 * the network. Links keep their text and show where they pointed; nothing is followed.
 */
async function sanitize(html: string): Promise<string> {
  const { default: DOMPurify } = await import('dompurify');
  const purify = DOMPurify(window);
  const remote = (v: string) => !/^data:/i.test(v.trim());
  purify.addHook('afterSanitizeAttributes', (node) => {
    for (const attr of ['src', 'srcset', 'poster', 'background', 'action', 'formaction', 'xlink:href']) {
      const v = node.getAttribute(attr);
      if (v !== null && (attr === 'srcset' || remote(v))) node.removeAttribute(attr);
    }
    const href = node.getAttribute('href');
    if (href !== null) {
      node.removeAttribute('href');
      if (node.tagName === 'A' && !node.getAttribute('title')) node.setAttribute('title', `${href} (not opened: the workbench stays offline)`);
    }
  });
  // Parsing alone would have the workbench's own policy refuse (and report) every inline style:
  // styles go before DOMPurify parses the page. They would be taken out after it anyway.
  const unstyled = html.replace(/<style\b[\s\S]*?<\/style\s*>/gi, '').replace(/(<[a-z][^>]*?)\sstyle\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)/gi, '$1');
  const clean = purify.sanitize(unstyled, {
    WHOLE_DOCUMENT: true,
    FORBID_TAGS: ['style', 'link', 'meta', 'base', 'iframe', 'frame', 'object', 'embed', 'form', 'input', 'button', 'video', 'audio', 'source', 'track', 'svg'],
    FORBID_ATTR: ['style', 'srcset', 'ping'],
  });
  const head = `<meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="${FRAME_CSP}">`;
  // DOMPurify hands back <html>…</html>: the policy goes first, before anything could load.
  return /<head[^>]*>/i.test(clean) ? clean.replace(/<head([^>]*)>/i, `<head$1>${head}`) : `<!doctype html><html><head>${head}</head>${clean}</html>`;
}

/** The original a document came from: a saved page rendered (locked down), or its source. */
export function OriginalView({ id }: { id: number }) {
  const original = useApiQuery('documents.source', { id });
  const isHtml = /html/i.test(original.data?.mediaType ?? '');
  const [view, setView] = useState<'page' | 'source'>('page');
  const [page, setPage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const html = isHtml ? (original.data?.text ?? null) : null;
  useEffect(() => {
    setPage(null);
    if (html === null) return;
    let live = true;
    sanitize(html)
      .then((p) => live && setPage(p))
      .catch((err: unknown) => live && setError(`The page could not be shown safely: ${String(err)}`));
    return () => {
      live = false;
    };
  }, [html]);

  if (!original.data) {
    return <p className="empty">{original.loading ? 'Loading…' : 'No original is kept for this document.'}</p>;
  }
  const showPage = isHtml && view === 'page' && !error;
  return (
    <div className="original-view">
      {isHtml && (
        <div className="original-switch" role="group" aria-label="How to show the original">
          <button type="button" aria-pressed={view === 'page'} onClick={() => setView('page')}>
            Page
          </button>
          <button type="button" aria-pressed={view === 'source'} onClick={() => setView('source')}>
            Source
          </button>
          <span className="hint">{view === 'page' ? 'Rendered offline: no script runs, nothing is fetched, links are not followed.' : 'The file as it was saved.'}</span>
        </div>
      )}
      {error && <p role="alert" className="error">{error}</p>}
      {showPage ? (
        page === null ? (
          <p className="empty">Preparing the page…</p>
        ) : (
          <iframe className="original-page" title="Original page" sandbox="" srcDoc={page} referrerPolicy="no-referrer" />
        )
      ) : (
        <pre className="original" aria-label="Original file">
          {original.data.text}
        </pre>
      )}
    </div>
  );
}
