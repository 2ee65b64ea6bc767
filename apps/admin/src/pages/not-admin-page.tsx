import { Button, buttonClass, Card } from "@waybill/ui";
import { type User, useSignOut } from "@waybill/ui/client";

/** What a signed-in customer sees at /admin: a kind refusal and the ways out. */
export function NotAdminPage({ user }: { user: User }) {
  const { signOut, pending } = useSignOut({ redirectTo: "/signin" });
  return (
    <main id="main" className="wb-main wb-main--narrow wb-auth">
      <title>Admins only · Waybill</title>
      <Card
        title="This area is for shop admins"
        titleAs="h1"
        description={`You're signed in as ${user.name} (${user.email}), which is a customer account.`}
        footer={
          <>
            {/* The shop is another app on this origin, outside the admin router. */}
            <a href="/" className={buttonClass()}>
              Go to the shop
            </a>
            <Button variant="primary" onClick={signOut} pending={pending}>
              Sign out
            </Button>
          </>
        }
      >
        <p className="wb-muted">
          To manage orders and carriers, sign out and sign in with an admin account.
        </p>
      </Card>
    </main>
  );
}
