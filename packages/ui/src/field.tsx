import { type ReactNode, useId } from "react";
import { cx } from "./class-names";

/** Props `Field` hands to its control so label, hint and error are wired for assistive tech. */
export type FieldControlProps = {
  id: string;
  "aria-describedby": string | undefined;
  "aria-invalid": true | undefined;
};

export type FieldProps = {
  label: ReactNode;
  /** Help text shown under the control. */
  hint?: ReactNode;
  /** Validation message; when present the control is marked invalid and describes itself with it. */
  error?: ReactNode;
  /** Adds an "(optional)" marker next to the label. */
  optional?: boolean;
  /** Use a fixed id instead of a generated one. */
  id?: string;
  className?: string;
  children: (control: FieldControlProps) => ReactNode;
};

/**
 * A label, a control, an optional hint and an inline error.
 *
 * ```tsx
 * <Field label="Email" error={errors.email}>{(p) => <Input {...p} type="email" />}</Field>
 * ```
 */
export function Field({ label, hint, error, optional, id, className, children }: FieldProps) {
  const generatedId = useId();
  const controlId = id ?? generatedId;
  const hintId = `${controlId}-hint`;
  const errorId = `${controlId}-error`;
  const hasError = error !== undefined && error !== null && error !== false && error !== "";
  const describedBy = [hint ? hintId : null, hasError ? errorId : null].filter(Boolean).join(" ");

  return (
    <div className={cx("wb-field", className)}>
      <label className="wb-field__label" htmlFor={controlId}>
        {label}
        {optional && (
          <>
            {" "}
            <span className="wb-field__optional">(optional)</span>
          </>
        )}
      </label>
      {children({
        id: controlId,
        "aria-describedby": describedBy || undefined,
        "aria-invalid": hasError || undefined,
      })}
      {hint && (
        <p className="wb-field__hint" id={hintId}>
          {hint}
        </p>
      )}
      {hasError && (
        <p className="wb-field__error" id={errorId}>
          {error}
        </p>
      )}
    </div>
  );
}
