import { useRef } from 'react';

/**
 * A button that opens the browser's own file picker (the harness has no native
 * dialogs): the chosen files go to `onFiles`, as a drop would give them.
 */
export function FileChooser(props: { label: string; accept: string; multiple?: boolean; onFiles: (files: File[]) => void; testId: string; className?: string }) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <button type="button" className={props.className ?? 'button button--primary'} onClick={() => input.current?.click()} data-testid={props.testId}>
        {props.label}
      </button>
      <input
        ref={input}
        type="file"
        hidden
        tabIndex={-1}
        accept={props.accept}
        multiple={props.multiple}
        onChange={(event) => {
          const files = Array.from(event.target.files ?? []);
          // cleared, so choosing the same file again fires again
          event.target.value = '';
          if (files.length > 0) props.onFiles(files);
        }}
        data-testid={`${props.testId}-input`}
      />
    </>
  );
}
