import { useId, useState } from 'react';
import type { JsonSchema } from '../api/types';
import { isReference } from './configPaths';
import { describedBy, FieldHelp } from './FieldHelp';
import { FieldLabel } from './FieldLabel';

interface SecretFieldProps {
  name: string;
  schema: JsonSchema;
  required: boolean;
  value: unknown;
  error?: string;
  /** The file on disk holds a literal value the server did not send: it stays unless replaced. */
  kept: boolean;
  file: string;
  onChange(value: unknown): void;
  onForget(): void;
}

const suggestion = (name: string): string => `\${${name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase()}}`;

/**
 * A secret (the Type's `secretFields`): a password input that suggests a `${VAR}` reference, so
 * the secret stays in the environment, and says so when a literal would be written to disk.
 */
export function SecretField({
  name,
  schema,
  required,
  value,
  error,
  kept,
  file,
  onChange,
  onForget,
}: SecretFieldProps) {
  const id = useId();
  const [shown, setShown] = useState(false);
  const text = typeof value === 'string' ? value : '';
  const literal = text !== '' && !isReference(text);
  const reference = suggestion(name);
  const hasHint = true;
  return (
    <div className={error ? 'field secret invalid' : 'field secret'}>
      <label htmlFor={id}>
        <FieldLabel name={name} required={required} /> <span className="tag">secret</span>
      </label>
      <span className="input-row">
        <input
          id={id}
          type={shown || isReference(text) ? 'text' : 'password'}
          autoComplete="new-password"
          spellCheck={false}
          placeholder={kept ? 'Kept, unchanged. Type to replace it.' : reference}
          value={text}
          aria-invalid={error !== undefined ? true : undefined}
          aria-required={required || undefined}
          aria-describedby={describedBy(id, hasHint, error !== undefined)}
          onChange={(event) => onChange(event.target.value === '' ? undefined : event.target.value)}
        />
        <button type="button" aria-pressed={shown} onClick={() => setShown(!shown)}>
          {shown ? 'Hide' : 'Show'}
          <span className="visually-hidden"> {name}</span>
        </button>
        {text === '' && !kept && (
          <button type="button" onClick={() => onChange(reference)}>
            Use <code>{reference}</code>
          </button>
        )}
      </span>
      <FieldHelp
        id={id}
        description={
          kept && text === ''
            ? 'Kept, unchanged: the value in the file stays as it is.'
            : (schema.description ?? 'Write a ${VAR} reference so the secret is read from the environment.')
        }
        error={error}
      />
      {kept && text === '' && (
        <button type="button" className="link small" onClick={onForget}>
          Remove the kept value
        </button>
      )}
      {literal && (
        <p className="callout warn small" role="status">
          This secret would be written to <code>{file}</code> as plain text. A reference such as{' '}
          <code>{reference}</code> keeps it in the environment instead.
        </p>
      )}
    </div>
  );
}
