import { memo } from 'react';
import type { ListItem } from '../api/types';
import { baseName, formatBytes, formatDate } from '../ui/format';
import { Icon } from '../ui/Icon';

/** One file of a listing; memoised, so drawing more rows of a page leaves the drawn ones alone. */
export const ObjectRow = memo(function ObjectRow({
  item,
  selected,
  selectable,
  onToggle,
  onOpen,
}: {
  item: ListItem;
  selected: boolean;
  selectable: boolean;
  onToggle(key: string): void;
  onOpen(key: string): void;
}) {
  return (
    <tr className={selected ? 'selected' : undefined}>
      {selectable && (
        <td className="select-cell">
          <input
            type="checkbox"
            aria-label={`Select ${baseName(item.key)}`}
            checked={selected}
            onChange={() => onToggle(item.key)}
          />
        </td>
      )}
      <td data-label="Name">
        <button type="button" className="link file" onClick={() => onOpen(item.key)}>
          <Icon name="file" />
          {baseName(item.key)}
        </button>
      </td>
      <td className="num" data-label="Size">
        {formatBytes(item.size)}
      </td>
      <td data-label="Last modified">{formatDate(item.lastModified)}</td>
      <td data-label="Storage class">{item.storageClass}</td>
    </tr>
  );
});
