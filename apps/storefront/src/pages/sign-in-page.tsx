import { Alert, Button, Card, Field, Input, useToast } from "@waybill/ui";
import { useRef } from "react";
import { Link, useSearchParams } from "react-router";
import { readFormProblem } from "../lib/form-problem";
import { useSignedIn } from "../lib/session";
import { trpc } from "../lib/trpc";
import { useFocusFirstInvalid } from "../lib/use-focus-first-invalid";

/** E-mail and password sign-in. On success the route guard moves the person on. */
export function SignInPage() {
  const formRef = useRef<HTMLFormElement>(null);
  const [params] = useSearchParams();
  const signedIn = useSignedIn();
  const toast = useToast();
  const login = trpc.auth.login.useMutation({
    onSuccess: ({ user }) => {
      signedIn(user);
      toast.show({ title: `Welcome back, ${user.name}`, tone: "success" });
    },
  });
  const problem = login.error ? readFormProblem(login.error) : null;
  useFocusFirstInvalid(formRef, problem);
  const next = params.get("next");

  return (
    <div className="wb-main--narrow wb-auth">
      <title>Sign in · Waybill</title>
      <div>
        <h1 className="wb-auth__title">Sign in</h1>
        <p className="wb-muted">Follow your orders from the warehouse to your door.</p>
      </div>
      <Card>
        <form
          ref={formRef}
          className="wb-form"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            const data = new FormData(event.currentTarget);
            login.mutate({
              email: String(data.get("email") ?? ""),
              password: String(data.get("password") ?? ""),
            });
          }}
        >
          {problem && <Alert tone="danger">{problem.message}</Alert>}
          <Field label="Email" error={problem?.fieldErrors.email}>
            {(control) => (
              <Input {...control} name="email" type="email" autoComplete="email" required />
            )}
          </Field>
          <Field label="Password" error={problem?.fieldErrors.password}>
            {(control) => (
              <Input
                {...control}
                name="password"
                type="password"
                autoComplete="current-password"
                required
              />
            )}
          </Field>
          <Button type="submit" variant="primary" block pending={login.isPending}>
            Sign in
          </Button>
        </form>
      </Card>
      <p className="wb-muted">
        New here?{" "}
        <Link to={next ? `/signup?next=${encodeURIComponent(next)}` : "/signup"}>
          Create an account
        </Link>
      </p>
    </div>
  );
}
