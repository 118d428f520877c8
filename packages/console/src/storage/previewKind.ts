export type PreviewKind = 'image' | 'text' | 'pdf' | 'video' | 'audio' | 'none';

const textTypes =
  /^(text\/|application\/(json|xml|javascript|x-ndjson|yaml|x-yaml|toml|csv|x-sh|sql)|[^;]*\+(json|xml))/i;
const textExtensions =
  /\.(txt|md|markdown|log|csv|tsv|json|ndjson|ya?ml|toml|ini|conf|xml|html?|css|js|mjs|ts|tsx|jsx|py|rb|go|rs|java|c|h|cpp|sh|sql|env)$/i;

/** How an object can be previewed, from its Content-Type, or its name when that says nothing. */
export function previewKind(contentType: string, key: string): PreviewKind {
  const type = contentType.toLowerCase();
  if (type.startsWith('image/')) return 'image';
  if (type === 'application/pdf') return 'pdf';
  if (type.startsWith('video/')) return 'video';
  if (type.startsWith('audio/')) return 'audio';
  if (textTypes.test(type)) return 'text';
  if (
    (type === '' || type === 'application/octet-stream' || type === 'binary/octet-stream') &&
    textExtensions.test(key)
  )
    return 'text';
  if (type === 'application/octet-stream' && /\.pdf$/i.test(key)) return 'pdf';
  return 'none';
}
