import { AuthPage, SignInForm } from "@waybill/ui/client";
import { Link, useSearchParams } from "react-router";

/** E-mail and password sign-in. On success the route guard moves the person on. */
export function SignInPage() {
  const [params] = useSearchParams();
  const next = params.get("next");
  return (
    <AuthPage
      documentTitle="Sign in · Waybill"
      title="Sign in"
      lead="Follow your orders from the warehouse to your door."
      footer={
        <>
          New here?{" "}
          <Link to={next ? `/signup?next=${encodeURIComponent(next)}` : "/signup"}>
            Create an account
          </Link>
        </>
      }
    >
      <SignInForm welcome={(user) => `Welcome back, ${user.name}`} />
    </AuthPage>
  );
}
