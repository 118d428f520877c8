/** A field's name, with the mark and words that say it is required. */
export function FieldLabel({ name, required }: { name: string; required: boolean }) {
  return (
    <span className="field-name">
      {name}
      {required && (
        <span className="required" title="Required">
          {' *'}
          <span className="visually-hidden"> (required)</span>
        </span>
      )}
    </span>
  );
}
