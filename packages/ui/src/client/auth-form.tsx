import { type ReactNode, useRef } from "react";
import { Alert } from "../alert";
import { Button } from "../button";
import { Card } from "../card";
import type { FormProblem } from "./form-problem";
import { useFocusFirstInvalid } from "./use-focus-first-invalid";

export type AuthFormProps = {
  /** Called with the form's fields on submit; the browser's own validation is off. */
  onSubmit: (data: FormData) => void;
  /** The last failure (`readFormProblem(mutation.error)`): a banner, and focus on the first invalid field. */
  problem: FormProblem | null;
  pending: boolean;
  submitLabel: string;
  /** The `Field`s, wired to `problem.fieldErrors`. */
  children: ReactNode;
};

/** The card-and-form frame of the sign-in and sign-up forms: banner, fields, one submit button. */
export function AuthForm({ onSubmit, problem, pending, submitLabel, children }: AuthFormProps) {
  const formRef = useRef<HTMLFormElement>(null);
  useFocusFirstInvalid(formRef, problem);
  return (
    <Card>
      <form
        ref={formRef}
        className="wb-form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          onSubmit(new FormData(event.currentTarget));
        }}
      >
        {problem && <Alert tone="danger">{problem.message}</Alert>}
        {children}
        <Button type="submit" variant="primary" block pending={pending}>
          {submitLabel}
        </Button>
      </form>
    </Card>
  );
}
