/** Description, default and error under a field; the input points at them with aria-describedby. */
export function FieldHelp({
  id,
  description,
  defaultValue,
  error,
}: {
  id: string;
  description?: string;
  defaultValue?: unknown;
  error?: string;
}) {
  return (
    <>
      {(description !== undefined || defaultValue !== undefined) && (
        <span className="hint" id={`${id}-hint`}>
          {description}
          {defaultValue !== undefined && (
            <>
              {description !== undefined && ' '}
              Default: <code>{JSON.stringify(defaultValue)}</code>.
            </>
          )}
        </span>
      )}
      {error !== undefined && (
        <span className="field-error" id={`${id}-error`}>
          {error}
        </span>
      )}
    </>
  );
}

export const describedBy = (id: string, hasHint: boolean, hasError: boolean): string | undefined =>
  [hasHint ? `${id}-hint` : '', hasError ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
