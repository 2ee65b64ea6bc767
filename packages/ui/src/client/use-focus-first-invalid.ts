import { type RefObject, useEffect } from "react";

/**
 * After a failed submit, moves focus to the first invalid control so keyboard and screen-reader
 * users land on what needs fixing. `problem` is the failure object (a new one per attempt).
 */
export function useFocusFirstInvalid(form: RefObject<HTMLFormElement | null>, problem: unknown) {
  useEffect(() => {
    if (!problem) return;
    const invalid = form.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
    invalid?.focus();
  }, [form, problem]);
}
