import { Button, Card } from "@waybill/ui";
import { useSignedInUser, useSignOut } from "@waybill/ui/client";

/** The signed-in person's details and the way out. */
export function AccountPage() {
  const user = useSignedInUser();
  const { signOut, pending } = useSignOut({ redirectTo: "/" });

  return (
    <>
      <title>Your account · Waybill</title>
      <div className="wb-page-header">
        <div>
          <h1 className="wb-page-title">Your account</h1>
          <p className="wb-page-subtitle">Signed in as {user.email}</p>
        </div>
      </div>
      <Card
        title="Profile"
        description="The details your orders and deliveries use."
        footer={
          <Button onClick={signOut} pending={pending}>
            Sign out
          </Button>
        }
      >
        <dl className="wb-definition-list">
          <dt>Name</dt>
          <dd>{user.name}</dd>
          <dt>Email</dt>
          <dd>{user.email}</dd>
          <dt>Phone</dt>
          <dd>{user.phone ?? <span className="wb-muted">Not given</span>}</dd>
        </dl>
      </Card>
    </>
  );
}
