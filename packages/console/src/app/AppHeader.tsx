import { LiveIndicator } from '../ui/LiveIndicator';
import { useElements } from './ElementsContext';
import { href, type Route } from './route';

/** The bar at the top: the console's name, its two main places, and whether it is live. */
export function AppHeader({ route }: { route: Route }) {
  const { connection } = useElements();
  const current = (page: Route['page']) => (route.page === page ? 'page' : undefined);
  return (
    <header className="app-header">
      <a className="brand" href={href.elements()}>
        mti <span>console</span>
      </a>
      <nav aria-label="Main">
        <a href={href.elements()} aria-current={current('elements')}>
          Elements
        </a>
        <a href={href.newElement()} aria-current={current('new')}>
          New element
        </a>
      </nav>
      <LiveIndicator connection={connection} />
    </header>
  );
}
