import { type FormEvent, useMemo, useState } from 'react';
import { ApiError } from '../api/ApiError';
import { saveSource } from '../api/elementsApi';
import type { TypeSchema } from '../api/types';
import { useElements } from '../app/ElementsContext';
import { type Doc, setAt } from './configPaths';
import { JsonSourceView } from './JsonSourceView';
import { NameFields, type NameValue, nameProblems } from './NameFields';
import { SaveOutcome } from './SaveOutcome';
import { SchemaForm } from './SchemaForm';
import { useSaveStatus } from './useSaveStatus';
import { validateConfig } from './validateConfig';

export interface ElementEditorProps {
  typeName: string;
  schema: TypeSchema;
  /** Set for a new element: the name is typed here. Unset: editing `fullName`. */
  newName?: NameValue;
  fullName?: string;
  initialTitle: string;
  initialDoc: Doc;
  hiddenSecrets?: string[];
}

/**
 * The form of a Type's config and its JSON source, kept in sync, checked against the Type's JSON
 * Schema before it is sent; the server's refusal is shown on the field it names.
 */
export function ElementEditor(props: ElementEditorProps) {
  const { typeName, schema, initialTitle, initialDoc, hiddenSecrets = [] } = props;
  const { elements } = useElements();
  const [name, setName] = useState<NameValue | undefined>(props.newName);
  const [title, setTitle] = useState(initialTitle);
  const [doc, setDoc] = useState<Doc>(initialDoc);
  const [kept, setKept] = useState<string[]>(hiddenSecrets);
  const [checked, setChecked] = useState(false);
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string>();
  const { status, saving, saved, reset } = useSaveStatus();

  const fullName = name === undefined ? (props.fullName ?? '') : `${name.group}.${name.name}`;
  const group = fullName.slice(0, fullName.indexOf('.'));
  const base = fullName.slice(fullName.indexOf('.') + 1);
  const shown = base === '' ? '<Name>' : base;
  const file = `${group || '<group>'}/${shown}/${shown}.json`;
  // A kept secret counts as given until the person types a new value for it.
  const keptNow = useMemo(() => kept.filter((field) => doc[field] === undefined), [kept, doc]);

  const clientErrors = useMemo(
    () => (schema.jsonSchema === null ? { byField: {}, count: 0 } : validateConfig(schema.jsonSchema, doc, keptNow)),
    [schema.jsonSchema, doc, keptNow],
  );
  const nameErrors = useMemo(() => (name === undefined ? {} : nameProblems(name, elements ?? [])), [name, elements]);
  const errors = { ...(checked ? clientErrors.byField : {}), ...serverErrors };

  const change = (path: string[], value: unknown) => {
    setDoc((current) => setAt(current, path, value));
    setServerErrors((current) => {
      const { [path.join('.')]: _gone, ...rest } = current;
      return rest;
    });
  };

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setChecked(true);
    setFailure(undefined);
    setServerErrors({});
    const form = event.currentTarget;
    if (clientErrors.count > 0 || Object.keys(nameErrors).length > 0) {
      // Focus the first field that needs attention, so keyboard and screen reader users land there.
      requestAnimationFrame(() => form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return;
    }
    saving();
    try {
      const result = await saveSource(fullName, {
        type: typeName,
        title: title.trim() === '' ? base : title.trim(),
        config: doc,
        ...(keptNow.length > 0 ? { keepSecrets: keptNow } : {}),
      });
      saved(result.fullName);
    } catch (error) {
      reset();
      if (ApiError.is(error) && (error.issues !== undefined || error.field !== undefined)) {
        const byField: Record<string, string> = {};
        for (const issue of error.issues ?? []) byField[issue.path] ??= issue.message;
        if (error.field !== undefined) byField[error.field] ??= error.message;
        setServerErrors(byField);
        requestAnimationFrame(() => form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      }
      setFailure(ApiError.messageOf(error));
    }
  };

  const problemCount = checked ? clientErrors.count + Object.keys(nameErrors).length : 0;

  return (
    <form
      className="editor"
      noValidate
      onSubmit={(event) => void submit(event)}
      aria-label={`Config of ${fullName || 'the new element'}`}
    >
      <div className="editor-form">
        {name !== undefined && <NameFields value={name} onChange={setName} errors={checked ? nameErrors : {}} />}
        <label className="field">
          <span className="field-name">Title</span>
          <input
            type="text"
            value={title}
            placeholder={base || 'A name people read'}
            onChange={(e) => setTitle(e.target.value)}
          />
        </label>
        {schema.jsonSchema === null ? (
          <p className="callout">
            <code>{typeName}</code> declares no config schema: write the config in the JSON source.
          </p>
        ) : (
          <SchemaForm
            schema={schema.jsonSchema}
            doc={doc}
            errors={errors}
            secretFields={schema.secretFields}
            kept={keptNow}
            file={file}
            onChange={change}
            onForget={(field) => setKept((current) => current.filter((k) => k !== field))}
          />
        )}
      </div>
      <div className="editor-source">
        <JsonSourceView doc={doc} file={file} onChange={setDoc} />
      </div>
      <div className="editor-foot">
        {problemCount > 0 && (
          <p className="callout error" role="alert">
            {problemCount === 1 ? 'One field needs' : `${problemCount} fields need`} attention before this can be saved.
          </p>
        )}
        {failure !== undefined && (
          <p className="callout error" role="alert">
            The gateway did not save it: {failure}
          </p>
        )}
        <SaveOutcome status={status} />
        <button type="submit" className="primary" disabled={status.state === 'saving'}>
          {status.state === 'saving' ? 'Saving…' : props.newName ? 'Create element' : 'Save changes'}
        </button>
      </div>
    </form>
  );
}
