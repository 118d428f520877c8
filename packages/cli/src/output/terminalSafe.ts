/**
 * Text as it may reach a terminal: control characters other than newline and tab are written
 * out as `\x1b`-style escapes. Titles, keys and messages come from files and requests, and a
 * raw ESC could move the cursor, rewrite earlier lines, set the window title or worse.
 */
export function terminalSafe(text: string): string {
  // C0 controls but \t and \n, DEL, and the C1 range that some terminals also obey.
  return text.replace(
    /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g,
    (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`,
  );
}
