import { Field, Input, useToast } from "@waybill/ui";
import { AuthForm, AuthPage, readFormProblem, trpc, useSignedIn } from "@waybill/ui/client";
import { Link, useSearchParams } from "react-router";

/** Creates a customer account and signs it in. */
export function SignUpPage() {
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
  const next = params.get("next");

  return (
    <AuthPage
      documentTitle="Create account · Waybill"
      title="Create your account"
      lead="See every order and its live tracking in one place."
      footer={
        <>
          Already have an account?{" "}
          <Link to={next ? `/signin?next=${encodeURIComponent(next)}` : "/signin"}>Sign in</Link>
        </>
      }
    >
      <AuthForm
        problem={problem}
        pending={register.isPending}
        submitLabel="Create account"
        onSubmit={(data) => {
          const phone = String(data.get("phone") ?? "").trim();
          register.mutate({
            name: String(data.get("name") ?? ""),
            email: String(data.get("email") ?? ""),
            password: String(data.get("password") ?? ""),
            ...(phone ? { phone } : {}),
          });
        }}
      >
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
      </AuthForm>
    </AuthPage>
  );
}
