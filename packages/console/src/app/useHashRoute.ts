import { useEffect, useState } from 'react';
import { parseRoute, type Route } from './route';

/** The current route; changes when the hash does (links, back and forward). */
export function useHashRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const update = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', update);
    return () => window.removeEventListener('hashchange', update);
  }, []);
  return route;
}

export function navigate(hash: string): void {
  window.location.hash = hash;
}
