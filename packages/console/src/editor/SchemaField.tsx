import { useId } from 'react';
import type { JsonSchema } from '../api/types';
import { describedBy, FieldHelp } from './FieldHelp';
import { FieldLabel } from './FieldLabel';
import { fieldKind, unwrap } from './fieldKind';
import { JsonInput } from './JsonInput';
import { NumberInput } from './NumberInput';

interface SchemaFieldProps {
  name: string;
  schema: JsonSchema;
  required: boolean;
  value: unknown;
  error?: string;
  /** undefined removes the field from the document (the Type's default then applies). */
  onChange(value: unknown): void;
}

/** One field of the form, its control chosen from the schema (fieldKind). */
export function SchemaField({ name, schema: raw, required, value, error, onChange }: SchemaFieldProps) {
  const id = useId();
  const schema = unwrap(raw);
  const kind = fieldKind(raw);
  const hasHint = schema.description !== undefined || schema.default !== undefined;
  const common = {
    id,
    'aria-invalid': error !== undefined ? true : undefined,
    'aria-required': required || undefined,
    'aria-describedby': describedBy(id, hasHint, error !== undefined),
  };
  const help = <FieldHelp id={id} description={schema.description} defaultValue={schema.default} error={error} />;

  if (kind === 'boolean') {
    return (
      <div className={error ? 'field check invalid' : 'field check'}>
        <span className="check-row">
          <input
            type="checkbox"
            {...common}
            checked={value === true}
            onChange={(event) => onChange(event.target.checked)}
          />
          <label htmlFor={id}>
            <FieldLabel name={name} required={required} />
          </label>
          {value === undefined ? (
            <span className="muted small">not set</span>
          ) : (
            <button type="button" className="link small" onClick={() => onChange(undefined)}>
              Unset <span className="visually-hidden">{name}</span>
            </button>
          )}
        </span>
        {help}
      </div>
    );
  }

  return (
    <div className={error ? 'field invalid' : 'field'}>
      <label htmlFor={id}>
        <FieldLabel name={name} required={required} />
      </label>
      {kind === 'enum' ? (
        <select
          {...common}
          value={value === undefined ? '' : String(value)}
          onChange={(e) => onChange(e.target.value || undefined)}
        >
          <option value="">
            {schema.default !== undefined ? `Default (${String(schema.default)})` : required ? 'Choose…' : 'Not set'}
          </option>
          {(schema.enum ?? []).map((option) => (
            <option key={String(option)} value={String(option)}>
              {String(option)}
            </option>
          ))}
        </select>
      ) : kind === 'number' || kind === 'integer' ? (
        <NumberInput common={common} schema={schema} value={value} integer={kind === 'integer'} onChange={onChange} />
      ) : kind === 'json' ? (
        <JsonInput common={common} value={value} onChange={onChange} />
      ) : (
        <input
          type="text"
          {...common}
          spellCheck={false}
          autoComplete="off"
          placeholder={schema.default !== undefined ? String(schema.default) : undefined}
          value={typeof value === 'string' ? value : value === undefined ? '' : JSON.stringify(value)}
          onChange={(event) => onChange(event.target.value === '' ? undefined : event.target.value)}
        />
      )}
      {help}
    </div>
  );
}
