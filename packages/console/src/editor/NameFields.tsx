import { useId } from 'react';
import type { ElementSummary } from '../api/types';

export interface NameValue {
  group: string;
  name: string;
}

const segment = /^[A-Za-z][A-Za-z0-9_]*$/;

/** What is wrong with a new element's name, per field (the project's fullName rules). */
export function nameProblems(value: NameValue, elements: readonly ElementSummary[]): Record<string, string> {
  const problems: Record<string, string> = {};
  if (!segment.test(value.group)) problems.group = 'A letter, then letters, digits or _.';
  if (value.name === '') problems.name = 'Required.';
  else if (!segment.test(value.name)) problems.name = 'A letter, then letters, digits or _ (such as MyS3).';
  else if (elements.some((element) => element.fullName === `${value.group}.${value.name}`))
    problems.name = `${value.group}.${value.name} already exists; pick another name or edit that one.`;
  return problems;
}

/** `<group>.<Name>`: the folder the element's files go into. */
export function NameFields({
  value,
  onChange,
  errors,
}: {
  value: NameValue;
  onChange(value: NameValue): void;
  errors: Record<string, string>;
}) {
  const id = useId();
  return (
    <fieldset className="group name-fields">
      <legend>Name</legend>
      <div className="name-row">
        <div className={errors.group ? 'field invalid' : 'field'}>
          <label htmlFor={`${id}-group`}>
            <span className="field-name">Group</span>
          </label>
          <input
            id={`${id}-group`}
            value={value.group}
            spellCheck={false}
            aria-invalid={errors.group ? true : undefined}
            aria-describedby={errors.group ? `${id}-group-error` : undefined}
            onChange={(event) => onChange({ ...value, group: event.target.value.trim() })}
          />
          {errors.group && (
            <span className="field-error" id={`${id}-group-error`}>
              {errors.group}
            </span>
          )}
        </div>
        <span className="name-dot" aria-hidden="true">
          .
        </span>
        <div className={errors.name ? 'field invalid' : 'field'}>
          <label htmlFor={`${id}-name`}>
            <span className="field-name">
              Name <span className="required">*</span>
              <span className="visually-hidden"> (required)</span>
            </span>
          </label>
          <input
            id={`${id}-name`}
            value={value.name}
            placeholder="MyFiles"
            spellCheck={false}
            aria-required
            aria-invalid={errors.name ? true : undefined}
            aria-describedby={`${id}-name-hint${errors.name ? ` ${id}-name-error` : ''}`}
            onChange={(event) => onChange({ ...value, name: event.target.value.trim() })}
          />
          {errors.name && (
            <span className="field-error" id={`${id}-name-error`}>
              {errors.name}
            </span>
          )}
        </div>
      </div>
      <p className="hint" id={`${id}-name-hint`}>
        Files go to <code>{`${value.group || '<group>'}/${value.name || '<Name>'}/`}</code> in the app folder.
      </p>
    </fieldset>
  );
}
