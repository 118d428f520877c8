import { useId } from 'react';

export interface Choice {
  value: string;
  label: string;
  detail?: string;
  disabled?: boolean;
}

/** A step of "New element": radio buttons shown as cards, one per choice. */
export function ChoiceList({
  legend,
  hint,
  choices,
  value,
  onChange,
  empty,
}: {
  legend: string;
  hint: string;
  choices: Choice[];
  value: string | undefined;
  onChange(value: string): void;
  empty?: string;
}) {
  const id = useId();
  return (
    <fieldset className="choices" aria-describedby={`${id}-hint`}>
      <legend>{legend}</legend>
      <p className="hint" id={`${id}-hint`}>
        {hint}
      </p>
      {choices.length === 0 && <p className="muted">{empty}</p>}
      <div className="choice-grid">
        {choices.map((choice) => (
          <label key={choice.value} className={choice.value === value ? 'choice chosen' : 'choice'}>
            <input
              type="radio"
              name={id}
              value={choice.value}
              checked={choice.value === value}
              disabled={choice.disabled}
              onChange={() => onChange(choice.value)}
            />
            <span>
              <span className="choice-label">{choice.label}</span>
              {choice.detail && <span className="muted small choice-detail">{choice.detail}</span>}
            </span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
