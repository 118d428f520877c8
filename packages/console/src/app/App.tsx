import { lazy, Suspense, useEffect, useRef } from 'react';
import { ElementPage } from '../elements/ElementPage';
import { ElementsPage } from '../elements/ElementsPage';
import { Empty, Loading } from '../ui/States';
import { TokenDialog } from '../ui/TokenDialog';
import { AppHeader } from './AppHeader';
import { ElementsProvider } from './ElementsProvider';
import { href, type Route } from './route';
import { useHashRoute } from './useHashRoute';

// The editor (with its JSON Schema validator) and the file browser load when first opened: the
// element list, the first thing seen, stays small.
const NewElementPage = lazy(() => import('../editor/NewElementPage').then((m) => ({ default: m.NewElementPage })));
const EditElementPage = lazy(() => import('../editor/EditElementPage').then((m) => ({ default: m.EditElementPage })));
const StorageBrowser = lazy(() => import('../storage/StorageBrowser').then((m) => ({ default: m.StorageBrowser })));

const titles = (route: Route): string => {
  switch (route.page) {
    case 'elements':
      return 'Elements';
    case 'new':
      return 'New element';
    case 'element':
      return route.fullName;
    case 'edit':
      return `Edit ${route.fullName}`;
    case 'browse':
      return `${route.prefix || route.fullName} – files`;
    default:
      return 'Not found';
  }
};

/** The console: a header, the page the hash names, and the token dialog when the gateway asks. */
export function App() {
  const route = useHashRoute();
  const main = useRef<HTMLElement>(null);
  const first = useRef(true);

  // A new page moves focus to its content, as a page load would, so screen readers announce it.
  const routeKey = route.page === 'browse' ? `browse:${route.fullName}` : JSON.stringify(route);
  useEffect(() => {
    document.title = `${titles(route)} · mti console`;
    if (first.current) {
      first.current = false;
      return;
    }
    main.current?.focus({ preventScroll: false });
  }, [routeKey]);

  return (
    <ElementsProvider>
      <a className="skip" href="#main" onClick={(event) => (event.preventDefault(), main.current?.focus())}>
        Skip to the content
      </a>
      <AppHeader route={route} />
      <main id="main" ref={main} tabIndex={-1}>
        <Suspense fallback={<Loading />}>
          <Page route={route} />
        </Suspense>
      </main>
      <TokenDialog />
    </ElementsProvider>
  );
}

function Page({ route }: { route: Route }) {
  switch (route.page) {
    case 'elements':
      return <ElementsPage />;
    case 'new':
      return <NewElementPage {...(route.type === undefined ? {} : { presetType: route.type })} />;
    case 'element':
      return <ElementPage fullName={route.fullName} />;
    case 'edit':
      return <EditElementPage key={route.fullName} fullName={route.fullName} />;
    case 'browse':
      return <StorageBrowser fullName={route.fullName} prefix={route.prefix} />;
    default:
      return (
        <Empty title="There is no such page">
          <a href={href.elements()}>Go to the elements</a>
        </Empty>
      );
  }
}
