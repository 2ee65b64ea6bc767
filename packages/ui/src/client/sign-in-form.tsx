import { Field } from "../field";
import { Input } from "../input";
import { useToast } from "../toast";
import { AuthForm } from "./auth-form";
import { readFormProblem } from "./form-problem";
import { useSignedIn } from "./session";
import { trpc, type User } from "./trpc";

export type SignInFormProps = {
  /** The success toast's title, e.g. `Welcome back, ${user.name}`. */
  welcome: (user: User) => string;
};

/**
 * E-mail and password sign-in (`auth.login`). On success the session is recorded and the route
 * guard around the page (`RedirectIfSignedIn`) moves the person on.
 */
export function SignInForm({ welcome }: SignInFormProps) {
  const signedIn = useSignedIn();
  const toast = useToast();
  const login = trpc.auth.login.useMutation({
    onSuccess: ({ user }) => {
      signedIn(user);
      toast.show({ title: welcome(user), tone: "success" });
    },
  });
  const problem = login.error ? readFormProblem(login.error) : null;

  return (
    <AuthForm
      problem={problem}
      pending={login.isPending}
      submitLabel="Sign in"
      onSubmit={(data) =>
        login.mutate({
          email: String(data.get("email") ?? ""),
          password: String(data.get("password") ?? ""),
        })
      }
    >
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
    </AuthForm>
  );
}
