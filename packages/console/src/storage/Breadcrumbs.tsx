import { href } from '../app/route';

/** The prefix as links, one per level: the storage's root, then each "folder". */
export function Breadcrumbs({ fullName, prefix }: { fullName: string; prefix: string }) {
  const parts = prefix.split('/').filter((part) => part !== '');
  return (
    <nav className="crumbs" aria-label="Folder">
      <ol>
        <li>
          <a href={href.elements()}>Elements</a>
        </li>
        <li>
          {parts.length === 0 ? (
            <span aria-current="page">{fullName}</span>
          ) : (
            <a href={href.browse(fullName)}>{fullName}</a>
          )}
        </li>
        {parts.map((part, index) => {
          const target = `${parts.slice(0, index + 1).join('/')}/`;
          const last = index === parts.length - 1;
          return (
            <li key={target}>
              {last ? <span aria-current="page">{part}</span> : <a href={href.browse(fullName, target)}>{part}</a>}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
