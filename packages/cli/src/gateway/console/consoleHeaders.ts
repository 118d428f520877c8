/**
 * The console page's Content-Security-Policy: its own scripts and styles only (no eval, so no
 * library it loads can compile code from data); images and media also from `blob:` and `data:`
 * images; workers (pdf.js's) from its own files only; no frames (a PDF is drawn by pdf.js, so no
 * object is ever framed into the page), no plugins, no `<base>`, no form posts, and no other page
 * may frame it (clickjacking).
 */
const CONSOLE_CSP =
  "default-src 'self'; img-src 'self' blob: data:; media-src 'self' blob:; worker-src 'self'; frame-src 'none'; " +
  "object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** Headers of every console file (`nosniff` and CORP are set on every response already). */
export function setConsoleHeaders(reply: { header(name: string, value: string): unknown }): void {
  reply.header('content-security-policy', CONSOLE_CSP);
  reply.header('x-frame-options', 'DENY');
  reply.header('referrer-policy', 'no-referrer');
}
