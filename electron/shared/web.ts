/**
 * What both shells send with the interface: the Content-Security-Policy (nothing from
 * anywhere else, no inline script or style) and the content types of its files.
 */
export const CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/**
 * The policy for the page itself: as CSP, but the few `<style>` elements the interface's
 * dialogs add (Radix's scroll lock measures the scrollbar at run time, so no hash can
 * name them) may carry this page's nonce. A nonce is new with every page served.
 */
export function pageCsp(nonce: string): string {
  if (!/^[A-Za-z0-9+/=]{16,}$/.test(nonce)) throw new Error('a CSP nonce is base64, at least 16 characters');
  return CSP.replace("style-src 'self'", `style-src 'self' 'nonce-${nonce}'`);
}

/** The page with its nonce where the interface reads it (`<meta name="csp-nonce">`), for its style elements. */
export function pageWithNonce(html: string, nonce: string): string {
  return html.replace('<head>', `<head><meta name="csp-nonce" content="${nonce}">`);
}

export const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};
