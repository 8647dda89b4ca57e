import { useId, useState, type FormEvent } from 'react';

/**
 * A path typed by hand: the browser harness has no native file dialogs, so
 * each "choose…" action there is a field and a button.
 */
export function PathField(props: {
  label: string;
  placeholder?: string;
  action: string;
  onSubmit: (path: string) => void | Promise<void>;
  testId: string;
  keep?: boolean;
}) {
  const [value, setValue] = useState('');
  const id = useId();
  async function submit(event: FormEvent) {
    event.preventDefault();
    // a path pasted with quotes (Windows "Copy as path") is accepted as it is meant
    const trimmed = value.trim();
    const path = /^(["']).*\1$/.test(trimmed) ? trimmed.slice(1, -1).trim() : trimmed;
    if (!path) return;
    // cleared at once, so a path typed while this one is still importing is not lost
    if (!props.keep) setValue('');
    await props.onSubmit(path);
  }
  return (
    <form className="path-field" onSubmit={submit} data-testid={props.testId}>
      <label htmlFor={id}>{props.label}</label>
      <div className="path-field__row">
        <input
          id={id}
          type="text"
          spellCheck={false}
          autoComplete="off"
          placeholder={props.placeholder}
          value={value}
          onChange={(event) => setValue(event.target.value)}
        />
        <button type="submit" className="button button--secondary" disabled={!value.trim()}>
          {props.action}
        </button>
      </div>
    </form>
  );
}
