import { useMemo } from 'react';
import type { ElementSummary } from '../api/types';
import { href } from '../app/route';
import { StatusBadge } from '../ui/StatusBadge';
import { ErrorDetails } from './ErrorDetails';
import { ChainLinks } from './ChainLinks';
import { isStorage, typeChain } from './typeChain';

/** One element in the list; on a phone its cells stack, each labelled (data-label). */
export function ElementRow({
  element,
  byName,
}: {
  element: ElementSummary;
  byName: ReadonlyMap<string, ElementSummary>;
}) {
  const known = useMemo(() => new Set(byName.keys()), [byName]);
  const storage = isStorage(element) && element.status === 'ready';
  return (
    <tr className={element.status === 'error' ? 'row-error' : undefined}>
      <td data-label="Name">
        <a className="strong" href={href.element(element.fullName)}>
          {element.fullName}
        </a>
        {element.title !== '' && <div className="muted small">{element.title}</div>}
        {storage && (
          <div className="small">
            <a href={href.browse(element.fullName)}>Browse files</a>
          </div>
        )}
      </td>
      <td data-label="Kind">
        <span className={`kind kind-${element.kind}`}>{element.kind}</span>
      </td>
      <td data-label="Type chain">
        <ChainLinks chain={typeChain(element.fullName, byName)} known={known} />
      </td>
      <td data-label="Origin">
        {element.origin === 'builtin' ? 'Built-in' : 'App'}
        {element.overrides !== undefined && (
          <div className="muted small">
            overrides <code>{element.overrides}</code>
          </div>
        )}
      </td>
      <td data-label="Status">
        <StatusBadge status={element.status} />
        {element.error !== undefined && <ErrorDetails error={element.error} />}
      </td>
    </tr>
  );
}
