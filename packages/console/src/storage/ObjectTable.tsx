import type { ListPage } from '../api/types';
import { href } from '../app/route';
import { baseName } from '../ui/format';
import { Icon } from '../ui/Icon';
import { ObjectRow } from './ObjectRow';
import { useRevealed } from './useRevealed';

/** Rows drawn per animation frame: a slice of a 1,000-row page took 50–110 ms in CI Chromium. */
const ROWS_PER_FRAME = 100;

interface ObjectTableProps {
  fullName: string;
  page: ListPage;
  prefix: string;
  selected: ReadonlySet<string>;
  selectable: boolean;
  onToggle(key: string): void;
  onToggleAll(keys: string[], on: boolean): void;
  onOpen(key: string): void;
}

/** The "folders" and files of one page of a prefix. */
export function ObjectTable({
  fullName,
  page,
  prefix,
  selected,
  selectable,
  onToggle,
  onToggleAll,
  onOpen,
}: ObjectTableProps) {
  // A zero-byte "folder" object named like the prefix itself is not a file to show in it.
  const items = page.items.filter((item) => item.key !== prefix);
  const keys = items.map((item) => item.key);
  const allOn = keys.length > 0 && keys.every((key) => selected.has(key));
  // A page is known by its first entries: another page is drawn in slices again, the same page
  // listed again (a refresh) keeps the rows it has.
  const shown = useRevealed(items.length, ROWS_PER_FRAME, `${page.prefixes[0] ?? ''}\n${items[0]?.key ?? ''}`);
  return (
    <table className="table objects-table" aria-busy={shown < items.length}>
      <caption className="visually-hidden">Files in {prefix || 'the top folder'}</caption>
      <thead>
        <tr>
          {selectable && (
            <th scope="col" className="select-cell">
              <input
                type="checkbox"
                aria-label="Select every file on this page"
                checked={allOn}
                disabled={keys.length === 0}
                onChange={() => onToggleAll(keys, !allOn)}
              />
            </th>
          )}
          <th scope="col">Name</th>
          <th scope="col" className="num col-size">
            Size
          </th>
          <th scope="col" className="col-date">
            Last modified
          </th>
          <th scope="col" className="col-class">
            Storage class
          </th>
        </tr>
      </thead>
      <tbody>
        {page.prefixes.map((folder) => (
          <tr key={folder} className="folder-row">
            {selectable && <td className="select-cell" />}
            <td data-label="Name">
              <a href={href.browse(fullName, folder)} className="folder">
                <Icon name="folder" />
                {baseName(folder)}/
              </a>
            </td>
            <td className="num muted" data-label="Size">
              —
            </td>
            <td className="muted" data-label="Last modified">
              Folder
            </td>
            <td data-label="Storage class" />
          </tr>
        ))}
        {items.slice(0, shown).map((item) => (
          <ObjectRow
            key={item.key}
            item={item}
            selected={selected.has(item.key)}
            selectable={selectable}
            onToggle={onToggle}
            onOpen={onOpen}
          />
        ))}
      </tbody>
    </table>
  );
}
