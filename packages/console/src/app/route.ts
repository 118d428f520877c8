import { keyPath } from '../api/paths';

/**
 * The console's pages, read from the URL's hash: the gateway serves only `/` and `/assets/*`, so
 * every page lives after the `#`.
 */
export type Route =
  | { page: 'elements' }
  | { page: 'new'; type?: string }
  | { page: 'element'; fullName: string }
  | { page: 'edit'; fullName: string }
  | { page: 'browse'; fullName: string; prefix: string }
  | { page: 'missing'; hash: string };

const decode = (segment: string): string => {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
};

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '');
  if (path === '' || path === '/') return { page: 'elements' };
  if (path === '/new' || path.startsWith('/new?')) {
    const type = new URLSearchParams(path.slice('/new'.length)).get('type');
    return type === null ? { page: 'new' } : { page: 'new', type };
  }
  const match = /^\/elements\/([^/]+)(?:\/(edit|browse)(?:\/(.*))?)?\/?$/.exec(path);
  if (match === null) return { page: 'missing', hash: path };
  const fullName = decode(match[1] ?? '');
  if (match[2] === 'edit') return { page: 'edit', fullName };
  if (match[2] === 'browse') {
    const rest = match[3] ?? '';
    return { page: 'browse', fullName, prefix: rest.split('/').map(decode).join('/') };
  }
  return { page: 'element', fullName };
}

export const href = {
  elements: () => '#/',
  newElement: () => '#/new',
  element: (fullName: string) => `#/elements/${encodeURIComponent(fullName)}`,
  edit: (fullName: string) => `#/elements/${encodeURIComponent(fullName)}/edit`,
  browse: (fullName: string, prefix = '') => `#/elements/${encodeURIComponent(fullName)}/browse/${keyPath(prefix)}`,
};
