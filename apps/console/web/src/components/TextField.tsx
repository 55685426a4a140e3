import { type InputHTMLAttributes, useId } from 'react';
import { FieldError } from './problems';

/**
 * A labelled input with its 422 message: the message is tied to the input (aria-describedby)
 * and marks it invalid, so a screen reader reads the problem with the field.
 */
export function TextField({
  label,
  error,
  hint,
  onValue,
  ...input
}: { label: string; error?: string; hint?: string; onValue?: (value: string) => void } & InputHTMLAttributes<HTMLInputElement>) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        {...input}
        onChange={onValue ? (event) => onValue(event.target.value) : input.onChange}
        aria-invalid={error ? true : undefined}
        aria-describedby={[error ? `${id}-error` : '', hint ? `${id}-hint` : ''].filter(Boolean).join(' ') || undefined}
      />
      {hint && (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      <FieldError id={`${id}-error`} message={error} />
    </div>
  );
}
