import { Alert, Button, Card, Field, Input, useToast } from "@waybill/ui";
import { useRef } from "react";
import { Link, useSearchParams } from "react-router";
import { readFormProblem } from "../lib/form-problem";
import { useSignedIn } from "../lib/session";
import { trpc } from "../lib/trpc";
import { useFocusFirstInvalid } from "../lib/use-focus-first-invalid";

/** Creates a customer account and signs it in. */
export function SignUpPage() {
  const formRef = useRef<HTMLFormElement>(null);
  const [params] = useSearchParams();
  const signedIn = useSignedIn();
  const toast = useToast();
  const register = trpc.auth.register.useMutation({
    onSuccess: ({ user }) => {
      signedIn(user);
      toast.show({ title: `Welcome to Waybill, ${user.name}`, tone: "success" });
    },
  });
  const problem = register.error ? readFormProblem(register.error) : null;
  useFocusFirstInvalid(formRef, problem);
  const next = params.get("next");

  return (
    <div className="wb-main--narrow wb-auth">
      <title>Create account · Waybill</title>
      <div>
        <h1 className="wb-auth__title">Create your account</h1>
        <p className="wb-muted">See every order and its live tracking in one place.</p>
      </div>
      <Card>
        <form
          ref={formRef}
          className="wb-form"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            const data = new FormData(event.currentTarget);
            const phone = String(data.get("phone") ?? "").trim();
            register.mutate({
              name: String(data.get("name") ?? ""),
              email: String(data.get("email") ?? ""),
              password: String(data.get("password") ?? ""),
              ...(phone ? { phone } : {}),
            });
          }}
        >
          {problem && <Alert tone="danger">{problem.message}</Alert>}
          <Field label="Name" error={problem?.fieldErrors.name}>
            {(control) => <Input {...control} name="name" autoComplete="name" required />}
          </Field>
          <Field label="Email" error={problem?.fieldErrors.email}>
            {(control) => (
              <Input {...control} name="email" type="email" autoComplete="email" required />
            )}
          </Field>
          <Field
            label="Password"
            hint="At least 10 characters."
            error={problem?.fieldErrors.password}
          >
            {(control) => (
              <Input
                {...control}
                name="password"
                type="password"
                autoComplete="new-password"
                required
              />
            )}
          </Field>
          <Field
            label="Phone"
            optional
            hint="With country code, for example +91 98765 43210."
            error={problem?.fieldErrors.phone}
          >
            {(control) => <Input {...control} name="phone" type="tel" autoComplete="tel" />}
          </Field>
          <Button type="submit" variant="primary" block pending={register.isPending}>
            Create account
          </Button>
        </form>
      </Card>
      <p className="wb-muted">
        Already have an account?{" "}
        <Link to={next ? `/signin?next=${encodeURIComponent(next)}` : "/signin"}>Sign in</Link>
      </p>
    </div>
  );
}
