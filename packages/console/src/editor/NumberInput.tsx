import type { JsonSchema } from '../api/types';

export type Common = Record<string, unknown> & { id: string };

/**
 * A number input that also accepts a `${VAR}` reference typed into it: the server reads such a
 * value from its environment, so the form keeps it as text.
 */
export function NumberInput({
  common,
  schema,
  value,
  integer,
  onChange,
}: {
  common: Common;
  schema: JsonSchema;
  value: unknown;
  integer: boolean;
  onChange(value: unknown): void;
}) {
  const isText = typeof value === 'string';
  return (
    <input
      type={isText ? 'text' : 'number'}
      inputMode={integer ? 'numeric' : 'decimal'}
      {...common}
      step={integer ? 1 : 'any'}
      min={schema.minimum}
      max={schema.maximum}
      placeholder={schema.default !== undefined ? String(schema.default) : undefined}
      value={value === undefined ? '' : String(value)}
      onChange={(event) => {
        const text = event.target.value;
        if (text === '') return onChange(undefined);
        const number = Number(text);
        onChange(text.includes('${') || Number.isNaN(number) ? text : number);
      }}
    />
  );
}
