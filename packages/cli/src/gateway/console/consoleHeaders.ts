/**
 * The console page's Content-Security-Policy: its own scripts and styles only; images, media
 * and frames also from `blob:` (previews of objects fetched with the token) and `data:` images;
 * no plugins, no `<base>`, no form posts, and no other page may frame it (clickjacking).
 */
export const CONSOLE_CSP =
  "default-src 'self'; img-src 'self' blob: data:; media-src 'self' blob:; frame-src 'self' blob:; " +
  "object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** Headers of every console file (`nosniff` and CORP are set on every response already). */
export function setConsoleHeaders(reply: { header(name: string, value: string): unknown }): void {
  reply.header('content-security-policy', CONSOLE_CSP);
  reply.header('x-frame-options', 'DENY');
  reply.header('referrer-policy', 'no-referrer');
}
