/**
 * A text field of a pack form: label in the UI language, the length limit shown
 * as the admin types, required fields marked. Typing is one undo step per word
 * (the caller dispatches with a key; leaving the field seals it).
 */
import { useId } from 'react';
import { useT } from '../i18n.js';

export function FieldInput(props: {
  label: string;
  value: string;
  maxLength: number;
  required?: boolean;
  onChange: (value: string) => void;
  onBlur?: () => void;
  testId?: string;
  id?: string;
  placeholder?: string;
  invalid?: boolean;
}) {
  const t = useT();
  const generated = useId();
  const id = props.id ?? generated;
  const count = `${props.value.length}/${props.maxLength}`;
  const missing = props.required && props.value.trim() === '';
  return (
    <div className={`field${props.invalid && missing ? ' field--invalid' : ''}`}>
      <label htmlFor={id} className="field__label">
        {props.label}
        {props.required && <span className="field__required" title={t('form.required')}> *</span>}
        <span className="field__count" aria-live="polite" data-testid={props.testId ? `${props.testId}-count` : undefined}>{count}</span>
      </label>
      <input
        id={id}
        type="text"
        value={props.value}
        maxLength={props.maxLength}
        required={props.required}
        aria-required={props.required}
        aria-invalid={Boolean(props.invalid && missing)}
        placeholder={props.placeholder}
        onChange={(event) => props.onChange(event.target.value)}
        onBlur={props.onBlur}
        data-testid={props.testId}
      />
    </div>
  );
}
