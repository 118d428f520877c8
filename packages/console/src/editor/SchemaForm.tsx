import type { JsonSchema } from '../api/types';
import { type Doc, getAt } from './configPaths';
import { fieldKind, unwrap } from './fieldKind';
import { SchemaField } from './SchemaField';
import { SecretField } from './SecretField';

export interface SchemaFormProps {
  schema: JsonSchema;
  doc: Doc;
  errors: Record<string, string>;
  secretFields: readonly string[];
  kept: readonly string[];
  file: string;
  onChange(path: string[], value: unknown): void;
  onForget(name: string): void;
  /** Where this part of the form sits in the document; empty for the top. */
  path?: string[];
}

// Written by editors, not people: stays in the JSON source view only.
const hidden = new Set(['$schema']);

/** The fields of an object schema, required ones first; nested objects as their own group. */
export function SchemaForm(props: SchemaFormProps) {
  const { schema, doc, errors, secretFields, kept, file, onChange, onForget, path = [] } = props;
  const properties = Object.entries(unwrap(schema).properties ?? {}).filter(([name]) => !hidden.has(name));
  const required = new Set(unwrap(schema).required ?? []);
  properties.sort(([a], [b]) => Number(required.has(b)) - Number(required.has(a)));
  return (
    <>
      {properties.map(([name, child]) => {
        const childPath = [...path, name];
        const field = childPath.join('.');
        const value = getAt(doc, childPath);
        if (fieldKind(child) === 'object') {
          return (
            <fieldset key={field} className="group">
              <legend>{name}</legend>
              {unwrap(child).description && <p className="hint">{unwrap(child).description}</p>}
              {errors[field] && <p className="field-error">{errors[field]}</p>}
              <SchemaForm {...props} schema={child} path={childPath} />
            </fieldset>
          );
        }
        if (path.length === 0 && secretFields.includes(name)) {
          return (
            <SecretField
              key={field}
              name={name}
              schema={child}
              required={required.has(name)}
              value={value}
              error={errors[field]}
              kept={kept.includes(name)}
              file={file}
              onChange={(next) => onChange(childPath, next)}
              onForget={() => onForget(name)}
            />
          );
        }
        return (
          <SchemaField
            key={field}
            name={name}
            schema={child}
            required={required.has(name)}
            value={value}
            error={errors[field]}
            onChange={(next) => onChange(childPath, next)}
          />
        );
      })}
    </>
  );
}
