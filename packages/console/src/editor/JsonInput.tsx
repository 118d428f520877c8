import { useEffect, useState } from 'react';
import type { Common } from './NumberInput';

/** A field the form has no control for (arrays, maps): edited as JSON. */
export function JsonInput({
  common,
  value,
  onChange,
}: {
  common: Common;
  value: unknown;
  onChange(value: unknown): void;
}) {
  const [text, setText] = useState(value === undefined ? '' : JSON.stringify(value));
  const [bad, setBad] = useState(false);
  useEffect(() => {
    setText((current) => {
      try {
        if (current !== '' && JSON.stringify(JSON.parse(current)) === JSON.stringify(value)) return current;
      } catch {
        // The typed text is not JSON yet: replaced by the document's value below.
      }
      return value === undefined ? '' : JSON.stringify(value);
    });
  }, [value]);
  return (
    <>
      <textarea
        {...common}
        rows={3}
        spellCheck={false}
        value={text}
        onChange={(event) => {
          setText(event.target.value);
          if (event.target.value.trim() === '') return (setBad(false), onChange(undefined));
          try {
            onChange(JSON.parse(event.target.value));
            setBad(false);
          } catch {
            setBad(true);
          }
        }}
      />
      {bad && <span className="field-error">Not valid JSON yet.</span>}
    </>
  );
}
