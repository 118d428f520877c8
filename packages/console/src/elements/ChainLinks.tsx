import { href } from '../app/route';

/** The chain as links, so each Type and Meta is one click away. */
export function ChainLinks({ chain, known }: { chain: string[]; known: ReadonlySet<string> }) {
  const rest = chain.slice(1);
  if (rest.length === 0) return <span className="muted">—</span>;
  return (
    <span className="chain">
      {rest.map((name, index) => (
        <span key={name}>
          {index > 0 && (
            <span className="chain-arrow" aria-label="then">
              {' → '}
            </span>
          )}
          {known.has(name) ? <a href={href.element(name)}>{name}</a> : <span className="missing">{name}</span>}
        </span>
      ))}
    </span>
  );
}
