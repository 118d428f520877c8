import { useEffect, useId, useRef, useState } from 'react';
import { type Doc, isObject } from './configPaths';

const show = (doc: Doc): string => `${JSON.stringify(doc, null, 2)}\n`;

/**
 * The config as the JSON file it becomes, editable. Edits that parse to an object update the
 * form; while the text does not parse, the form keeps the last good document and this says why.
 */
export function JsonSourceView({ doc, file, onChange }: { doc: Doc; file: string; onChange(doc: Doc): void }) {
  const id = useId();
  const [text, setText] = useState(() => show(doc));
  const [problem, setProblem] = useState<string>();
  const lastSent = useRef<string>(JSON.stringify(doc));

  // The form changed the document: show it, unless it is what this view just sent.
  useEffect(() => {
    const now = JSON.stringify(doc);
    if (now === lastSent.current) return;
    lastSent.current = now;
    setText(show(doc));
    setProblem(undefined);
  }, [doc]);

  return (
    <div className="field source">
      <label htmlFor={id}>
        <span className="field-name">JSON source</span> <span className="muted small">{file}</span>
      </label>
      <textarea
        id={id}
        className="code-area"
        spellCheck={false}
        autoCapitalize="off"
        value={text}
        aria-invalid={problem !== undefined || undefined}
        aria-describedby={problem ? `${id}-error` : undefined}
        onChange={(event) => {
          setText(event.target.value);
          try {
            const parsed: unknown = JSON.parse(event.target.value);
            if (!isObject(parsed)) throw new Error('the config must be a JSON object { … }');
            setProblem(undefined);
            lastSent.current = JSON.stringify(parsed);
            onChange(parsed);
          } catch (error) {
            setProblem(error instanceof Error ? error.message : String(error));
          }
        }}
      />
      {problem !== undefined && (
        <span className="field-error" id={`${id}-error`}>
          Not valid JSON: {problem}. The form keeps the last valid version.
        </span>
      )}
    </div>
  );
}
