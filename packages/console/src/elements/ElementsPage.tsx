import { useMemo, useState } from 'react';
import type { Kind } from '../api/types';
import { useElements } from '../app/ElementsContext';
import { href } from '../app/route';
import { Empty, Failed, Loading } from '../ui/States';
import { ElementRow } from './ElementRow';
import { indexByName } from './typeChain';

const kinds: (Kind | 'all')[] = ['all', 'Instance', 'Type', 'Meta'];
const kindOrder: Record<Kind, number> = { Instance: 0, Type: 1, Meta: 2 };

/** Every element of the app: Metas, Types and Instances, with their status and errors. */
export function ElementsPage() {
  const { elements, error, refresh } = useElements();
  const [filter, setFilter] = useState('');
  const [kind, setKind] = useState<Kind | 'all'>('all');

  const byName = useMemo(() => indexByName(elements ?? []), [elements]);
  const shown = useMemo(() => {
    const needle = filter.trim().toLowerCase();
    return (elements ?? [])
      .filter((element) => kind === 'all' || element.kind === kind)
      .filter(
        (element) =>
          needle === '' ||
          element.fullName.toLowerCase().includes(needle) ||
          element.title.toLowerCase().includes(needle),
      )
      .sort((a, b) => kindOrder[a.kind] - kindOrder[b.kind] || a.fullName.localeCompare(b.fullName));
  }, [elements, filter, kind]);

  const errors = (elements ?? []).filter((element) => element.status === 'error').length;

  return (
    <section className="page" aria-labelledby="elements-title">
      <div className="page-head">
        <div>
          <h1 id="elements-title">Elements</h1>
          <p className="muted">
            {elements === undefined
              ? 'The Metas, Types and Instances of this app.'
              : `${elements.length} elements${errors > 0 ? `, ${errors} with errors` : ''}.`}
          </p>
        </div>
        <a className="button primary" href={href.newElement()}>
          New element
        </a>
      </div>

      <div className="toolbar">
        <label className="field inline grow">
          <span>Filter</span>
          <input
            type="search"
            placeholder="Name or title"
            value={filter}
            onChange={(event) => setFilter(event.target.value)}
          />
        </label>
        <label className="field inline">
          <span>Kind</span>
          <select value={kind} onChange={(event) => setKind(event.target.value as Kind | 'all')}>
            {kinds.map((k) => (
              <option key={k} value={k}>
                {k === 'all' ? 'All kinds' : k}
              </option>
            ))}
          </select>
        </label>
      </div>

      {elements === undefined && error === undefined && <Loading label="Loading elements…" />}
      {elements === undefined && error !== undefined && (
        <Failed title="The elements could not be loaded" message={error} onRetry={() => void refresh()} />
      )}
      {elements !== undefined && error !== undefined && (
        <p className="callout error" role="alert">
          The list may be out of date: {error}
        </p>
      )}
      {elements !== undefined && shown.length === 0 && (
        <Empty title={elements.length === 0 ? 'This app has no elements yet' : 'No element matches'}>
          {elements.length === 0 ? (
            <a href={href.newElement()}>Create the first one</a>
          ) : (
            <button type="button" onClick={() => (setFilter(''), setKind('all'))}>
              Clear the filter
            </button>
          )}
        </Empty>
      )}
      {shown.length > 0 && (
        <table className="table elements-table">
          <caption className="visually-hidden">Elements of the app</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Kind</th>
              <th scope="col">Type chain</th>
              <th scope="col">Origin</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((element) => (
              <ElementRow key={element.fullName} element={element} byName={byName} />
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
