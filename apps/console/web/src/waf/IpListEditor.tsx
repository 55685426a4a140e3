import { useId } from 'react';
import { FieldError } from '../components/problems';

/**
 * An IP allow or deny list: one input per entry, so a 422 that names `ipDeny[3]` shows its
 * message beside the fourth entry.
 */
export function IpListEditor(props: {
  name: string;
  legend: string;
  entries: string[];
  onChange: (entries: string[]) => void;
  errors: Record<string, string>;
  disabled?: boolean;
}) {
  const id = useId();
  const set = (index: number, value: string) => props.onChange(props.entries.map((entry, at) => (at === index ? value : entry)));
  return (
    <fieldset className="ip-list">
      <legend>{props.legend}</legend>
      <FieldError id={`${id}-list`} message={props.errors[props.name]} />
      {props.entries.length === 0 && <p className="hint">No entries.</p>}
      <ol>
        {props.entries.map((entry, index) => {
          const path = `${props.name}[${index}]`;
          const errorId = `${id}-${index}-error`;
          return (
            <li key={index}>
              <label htmlFor={`${id}-${index}`}>{`${props.legend} entry ${index + 1}`}</label>
              <input
                id={`${id}-${index}`}
                value={entry}
                disabled={props.disabled}
                placeholder="192.0.2.0/24 or 2001:db8::1"
                aria-invalid={props.errors[path] ? true : undefined}
                aria-describedby={props.errors[path] ? errorId : undefined}
                onChange={(event) => set(index, event.target.value)}
              />
              <button type="button" disabled={props.disabled} onClick={() => props.onChange(props.entries.filter((_, at) => at !== index))}>
                Remove {`${props.legend} entry ${index + 1}`}
              </button>
              <FieldError id={errorId} message={props.errors[path]} />
            </li>
          );
        })}
      </ol>
      <button type="button" disabled={props.disabled} onClick={() => props.onChange([...props.entries, ''])}>
        Add {props.legend} entry
      </button>
    </fieldset>
  );
}
