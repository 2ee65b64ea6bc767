import { buttonClass, Card } from "@waybill/ui";
import { useSession } from "@waybill/ui/client";
import { Link } from "react-router";

const PROMISES = [
  {
    title: "Live status",
    body: "Your order's status changes the moment the courier reports a scan. No refreshing.",
  },
  {
    title: "Every scan, in order",
    body: "A timeline of where your parcel has been, with the courier's own time and place.",
  },
  {
    title: "Carriers you know",
    body: "Shipments with Shiprocket, Sequel247 and Maystro Delivery, tracked in one place.",
  },
] as const;

/** The shop's front page: what tracking here means, and the way in. */
export function HomePage() {
  const session = useSession();
  const user = session.status === "ready" ? session.user : null;

  return (
    <>
      <title>Waybill · Track every order live</title>
      <section className="wb-hero" aria-labelledby="hero-title">
        <p className="wb-hero__eyebrow">Order tracking</p>
        <h1 className="wb-hero__title" id="hero-title">
          Track every order live
        </h1>
        <p className="wb-hero__lead">
          From the moment your parcel leaves the warehouse to the knock on your door, see where it
          is and what happens next.
        </p>
        <div className="wb-row">
          <Link to="/shop" className={buttonClass({ variant: "primary" })}>
            Shop now
          </Link>
          {user ? (
            <Link to="/orders" className={buttonClass()}>
              Your orders
            </Link>
          ) : (
            <Link to="/signup" className={buttonClass()}>
              Create an account
            </Link>
          )}
          <Link to="/track" className={buttonClass({ variant: "ghost" })}>
            Track a parcel
          </Link>
        </div>
      </section>
      <div className="wb-feature-grid">
        {PROMISES.map((promise) => (
          <Card key={promise.title} title={promise.title} titleAs="h2">
            <p className="wb-muted">{promise.body}</p>
          </Card>
        ))}
      </div>
    </>
  );
}
