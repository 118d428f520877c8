import { useMemo, useState } from 'react';
import { ApiError } from '../api/ApiError';
import { deleteElement } from '../api/elementsApi';
import { useElements } from '../app/ElementsContext';
import { href } from '../app/route';
import { navigate } from '../app/useHashRoute';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { Empty, Loading } from '../ui/States';
import { StatusBadge } from '../ui/StatusBadge';
import { ChainLinks } from './ChainLinks';
import { ErrorDetails } from './ErrorDetails';
import { indexByName, isStorage, typeChain } from './typeChain';

/** One element: what it is, where it comes from, its status, and what can be done with it. */
export function ElementPage({ fullName }: { fullName: string }) {
  const { elements, refresh } = useElements();
  const byName = useMemo(() => indexByName(elements ?? []), [elements]);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string>();

  if (elements === undefined) return <Loading label="Loading the element…" />;
  const element = byName.get(fullName);
  if (element === undefined) {
    return (
      <Empty title={`There is no element named ${fullName}`}>
        <p>It may have been deleted, or its folder renamed.</p>
        <a href={href.elements()}>Back to the elements</a>
      </Empty>
    );
  }

  const chain = typeChain(fullName, byName);
  const editable = element.kind === 'Instance' && element.origin === 'app';
  const storage = isStorage(element) && element.status === 'ready';
  const children = elements.filter((other) => other.type === fullName);

  const remove = async () => {
    setBusy(true);
    setFailure(undefined);
    try {
      await deleteElement(fullName);
      setConfirming(false);
      await refresh();
      navigate(href.elements());
    } catch (error) {
      setFailure(ApiError.messageOf(error));
      setConfirming(false);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="page" aria-labelledby="element-title">
      <nav className="crumbs" aria-label="Breadcrumb">
        <a href={href.elements()}>Elements</a> <span aria-hidden="true">/</span> <span>{fullName}</span>
      </nav>
      <div className="page-head">
        <div>
          <h1 id="element-title">{fullName}</h1>
          {element.title !== '' && <p className="muted">{element.title}</p>}
        </div>
        <div className="actions">
          {storage && (
            <a className="button primary" href={href.browse(fullName)}>
              Browse files
            </a>
          )}
          {editable && (
            <a className="button" href={href.edit(fullName)}>
              Edit
            </a>
          )}
          {editable && (
            <button type="button" className="danger" onClick={() => setConfirming(true)}>
              Delete
            </button>
          )}
          {element.kind === 'Type' && (
            <a className="button" href={`${href.newElement()}?type=${encodeURIComponent(fullName)}`}>
              New Instance of this Type
            </a>
          )}
        </div>
      </div>

      {failure !== undefined && (
        <p className="callout error" role="alert">
          The element could not be deleted: {failure}
        </p>
      )}

      <dl className="facts">
        <dt>Status</dt>
        <dd>
          <StatusBadge status={element.status} />
          {element.error !== undefined && <ErrorDetails error={element.error} />}
        </dd>
        <dt>Kind</dt>
        <dd>{element.kind}</dd>
        <dt>Type chain</dt>
        <dd>
          <ChainLinks chain={chain} known={new Set(byName.keys())} />
        </dd>
        <dt>Origin</dt>
        <dd>
          {element.origin === 'builtin' ? 'Built-in' : 'The app folder'}
          {element.overrides !== undefined && (
            <>
              {' '}
              (overrides the built-in one from <code>{element.overrides}</code>)
            </>
          )}
        </dd>
        {element.functions !== undefined && element.functions.length > 0 && (
          <>
            <dt>Functions</dt>
            <dd>
              <ul className="functions">
                {element.functions.map((fn) => (
                  <li key={fn.name}>
                    <code>
                      {fn.name}({fn.params.join(', ')})
                    </code>
                  </li>
                ))}
              </ul>
            </dd>
          </>
        )}
        {children.length > 0 && (
          <>
            <dt>{element.kind === 'Meta' ? 'Types' : 'Instances'}</dt>
            <dd>
              <ul className="plain">
                {children.map((child) => (
                  <li key={child.fullName}>
                    <a href={href.element(child.fullName)}>{child.fullName}</a> <StatusBadge status={child.status} />
                  </li>
                ))}
              </ul>
            </dd>
          </>
        )}
      </dl>

      {confirming && (
        <ConfirmDialog
          title={`Delete ${fullName}?`}
          confirmLabel="Delete the element"
          danger
          busy={busy}
          onConfirm={() => void remove()}
          onCancel={() => setConfirming(false)}
        >
          <p>
            This removes its folder from the app, with <code>e.json</code> and its config. The files it stored stay
            where they are.
          </p>
        </ConfirmDialog>
      )}
    </section>
  );
}
