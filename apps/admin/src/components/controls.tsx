import { type ComponentProps, useId } from "react";

function join(...names: Array<string | false | null | undefined>): string {
  return names.filter(Boolean).join(" ");
}

/** A native select in the input look; `Field` wires its label and errors like an input's. */
export function Select({ className, ...rest }: ComponentProps<"select">) {
  return <select {...rest} className={join("wb-input adm-select", className)} />;
}

/** A multi-line text input in the input look. */
export function Textarea({ className, rows = 3, ...rest }: ComponentProps<"textarea">) {
  return <textarea {...rest} rows={rows} className={join("wb-input adm-textarea", className)} />;
}

export type CheckboxProps = Omit<ComponentProps<"input">, "type"> & { label: string };

/** A checkbox with its label beside it, the whole line clickable. */
export function Checkbox({ label, className, ...rest }: CheckboxProps) {
  return (
    <label className={join("adm-checkbox", className)}>
      <input {...rest} type="checkbox" />
      <span>{label}</span>
    </label>
  );
}

/** A compact labelled select for a toolbar (list filters), label and control on one line. */
export function InlineSelect({ label, ...rest }: ComponentProps<"select"> & { label: string }) {
  const id = useId();
  return (
    <span className="adm-inline-field">
      <label htmlFor={id}>{label}</label>
      <Select {...rest} id={id} />
    </span>
  );
}
