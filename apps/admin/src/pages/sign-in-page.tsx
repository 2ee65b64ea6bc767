import { AuthPage, SignInForm } from "@waybill/ui/client";

/** Admin sign-in, outside the admin frame. On success the route guard moves the person on. */
export function SignInPage() {
  return (
    <AuthPage
      landmark
      documentTitle="Sign in · Waybill Admin"
      title="Sign in to Waybill Admin"
      lead="For the people who run the shop."
    >
      <SignInForm welcome={(user) => `Signed in as ${user.name}`} />
    </AuthPage>
  );
}
