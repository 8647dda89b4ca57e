/** A number field that dispatches as the admin types (one undo step per field while typing). */
import { useId } from 'react';

export function NumberField(props: {
  label: string;
  value: number;
  step: number;
  min?: number;
  max?: number;
  unit?: string;
  onChange: (value: number) => void;
  onBlur?: () => void;
  testId?: string;
}) {
  const id = useId();
  return (
    <div className="field field--number">
      <label htmlFor={id} className="field__label">{props.label}</label>
      <span className="field__row">
        <input
          id={id}
          type="number"
          value={Number(props.value.toFixed(3))}
          step={props.step}
          min={props.min}
          max={props.max}
          onChange={(event) => {
            const value = Number(event.target.value);
            if (event.target.value !== '' && Number.isFinite(value)) props.onChange(value);
          }}
          onBlur={props.onBlur}
          data-testid={props.testId}
        />
        {props.unit && <span className="field__unit">{props.unit}</span>}
      </span>
    </div>
  );
}
