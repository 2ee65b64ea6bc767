import {
  Alert,
  Button,
  buttonClass,
  Card,
  EmptyState,
  Field,
  formatMoney,
  Input,
  useShopLocale,
  useToast,
} from "@waybill/ui";
import {
  PageLoading,
  readFormProblem,
  trpc,
  useFocusFirstInvalid,
  useSignedInUser,
} from "@waybill/ui/client";
import { useRef, useState } from "react";
import { Link, useNavigate } from "react-router";
import { LoadProblem } from "../components/load-problem";
import { QuantityStepper } from "../components/quantity-stepper";
import type { Product } from "../lib/api-types";
import { useCart } from "../lib/cart";
import { type CheckoutErrors, type CheckoutField, readCheckoutForm } from "../lib/checkout-form";

/** Cart, contact, address and payment on one page; placing the order leads to its confirmation. */
export function CheckoutPage() {
  const products = trpc.catalog.products.useQuery();
  const cart = useCart();

  if (products.isPending) return <PageLoading label="Loading your cart…" />;
  if (products.isError) {
    return (
      <LoadProblem
        title="We couldn't load your cart"
        error={products.error}
        retry={() => void products.refetch()}
      />
    );
  }
  const byId = new Map(products.data.map((product) => [product.id, product]));
  const lines = cart.lines.flatMap((line) => {
    const product = byId.get(line.productId);
    return product ? [{ product, quantity: line.quantity }] : [];
  });
  if (lines.length === 0) {
    return (
      <>
        <title>Checkout · Waybill</title>
        <EmptyState
          titleAs="h1"
          icon="🛒"
          title="Your cart is empty"
          description="Add something from the shop, then come back here to place your order."
          action={
            <Link to="/shop" className={buttonClass({ variant: "primary" })}>
              Browse the shop
            </Link>
          }
        />
      </>
    );
  }
  return <CheckoutForm lines={lines} />;
}

function CheckoutForm({ lines }: { lines: Array<{ product: Product; quantity: number }> }) {
  const user = useSignedInUser();
  const cart = useCart();
  const shop = useShopLocale();
  const toast = useToast();
  const navigate = useNavigate();
  const utils = trpc.useUtils();
  const formRef = useRef<HTMLFormElement>(null);
  const [errors, setErrors] = useState<CheckoutErrors | null>(null);
  // A new object per refused submit: focus moves to the first invalid field then, not while typing.
  const [refusedSubmit, setRefusedSubmit] = useState<object | null>(null);

  const place = trpc.orders.place.useMutation({
    onSuccess: async ({ orderId, number }) => {
      cart.clear();
      void utils.orders.my.invalidate();
      toast.show({ title: `Order ${number} placed`, description: "Thank you!", tone: "success" });
      await navigate(`/orders/${orderId}/confirmation`);
    },
  });
  const serverProblem = place.error ? readFormProblem(place.error) : null;
  // Top-level fields only: the server reports the nested address as one message (shown in the banner).
  const fieldErrors: CheckoutErrors = {
    ...(serverProblem?.fieldErrors.contactEmail
      ? { contactEmail: serverProblem.fieldErrors.contactEmail }
      : {}),
    ...(serverProblem?.fieldErrors.contactPhone
      ? { contactPhone: serverProblem.fieldErrors.contactPhone }
      : {}),
    ...errors,
  };
  useFocusFirstInvalid(formRef, refusedSubmit ?? place.error);

  const subtotal = lines.reduce((sum, line) => sum + line.product.priceCents * line.quantity, 0);
  const money = (cents: number) => formatMoney(cents, shop);

  return (
    <>
      <title>Checkout · Waybill</title>
      <div className="wb-page-header">
        <div>
          <h1 className="wb-page-title">Checkout</h1>
          <p className="wb-page-subtitle">
            Delivery across India. Tracking from the moment it ships.
          </p>
        </div>
      </div>
      <form
        ref={formRef}
        className="sf-checkout"
        noValidate
        // A field's message goes as soon as the person edits it; the rest stay until the next try.
        onChange={(event) => {
          const field: EventTarget = event.target;
          if (!(field instanceof HTMLInputElement)) return;
          const name = field.name as CheckoutField;
          if (errors?.[name]) {
            setErrors((current) => {
              const rest = { ...current };
              delete rest[name];
              return rest;
            });
          }
        }}
        onSubmit={(event) => {
          event.preventDefault();
          const read = readCheckoutForm(
            new FormData(event.currentTarget),
            lines.map((line) => ({ productId: line.product.id, quantity: line.quantity })),
          );
          if (!read.ok) {
            setErrors(read.errors);
            setRefusedSubmit({});
            return;
          }
          setErrors(null);
          setRefusedSubmit(null);
          place.mutate(read.request);
        }}
      >
        <div className="sf-checkout__fields">
          {errors && Object.keys(errors).length > 0 ? (
            <Alert tone="danger">Check the highlighted fields.</Alert>
          ) : (
            serverProblem && <Alert tone="danger">{serverProblem.message}</Alert>
          )}
          <Card title="Contact" description="Where we send order updates.">
            <div className="wb-form">
              <Field label="Email" error={fieldErrors.contactEmail}>
                {(control) => (
                  <Input
                    {...control}
                    name="contactEmail"
                    type="email"
                    autoComplete="email"
                    defaultValue={user.email}
                    required
                  />
                )}
              </Field>
              <Field
                label="Phone"
                hint="The courier calls this number. Also lets you track without signing in."
                error={fieldErrors.contactPhone}
              >
                {(control) => (
                  <Input
                    {...control}
                    name="contactPhone"
                    type="tel"
                    autoComplete="tel"
                    defaultValue={user.phone ?? ""}
                    required
                  />
                )}
              </Field>
            </div>
          </Card>
          <Card title="Delivery address">
            <div className="wb-form">
              <Field label="Full name" error={fieldErrors.name}>
                {(control) => (
                  <Input
                    {...control}
                    name="name"
                    autoComplete="shipping name"
                    defaultValue={user.name}
                    required
                  />
                )}
              </Field>
              <Field label="Address" error={fieldErrors.line1}>
                {(control) => (
                  <Input {...control} name="line1" autoComplete="shipping address-line1" required />
                )}
              </Field>
              <Field label="Apartment, landmark" optional error={fieldErrors.line2}>
                {(control) => (
                  <Input {...control} name="line2" autoComplete="shipping address-line2" />
                )}
              </Field>
              <div className="sf-field-row">
                <Field label="City" error={fieldErrors.city}>
                  {(control) => (
                    <Input
                      {...control}
                      name="city"
                      autoComplete="shipping address-level2"
                      required
                    />
                  )}
                </Field>
                <Field label="State" error={fieldErrors.state}>
                  {(control) => (
                    <Input
                      {...control}
                      name="state"
                      autoComplete="shipping address-level1"
                      required
                    />
                  )}
                </Field>
              </div>
              <div className="sf-field-row">
                <Field label="PIN code" error={fieldErrors.postalCode}>
                  {(control) => (
                    <Input
                      {...control}
                      name="postalCode"
                      inputMode="numeric"
                      autoComplete="shipping postal-code"
                      required
                    />
                  )}
                </Field>
                <div className="wb-field">
                  <span className="wb-field__label">Country</span>
                  <span className="sf-static-field">India</span>
                </div>
              </div>
            </div>
          </Card>
          <Card title="Payment">
            <fieldset className="sf-choices">
              <legend className="wb-sr-only">Payment method</legend>
              <label className="sf-choice">
                <input type="radio" name="paymentMethod" value="prepaid" defaultChecked />
                <span>
                  <strong>Prepaid</strong>
                  <span className="wb-muted"> · paid now (this demo shop charges nothing)</span>
                </span>
              </label>
              <label className="sf-choice">
                <input type="radio" name="paymentMethod" value="cod" />
                <span>
                  <strong>Cash on delivery</strong>
                  <span className="wb-muted"> · pay the courier</span>
                </span>
              </label>
            </fieldset>
            <label className="sf-choice sf-choice--check">
              <input type="checkbox" name="emailOptOut" />
              <span>Don't e-mail me about this order (updates still appear here)</span>
            </label>
          </Card>
        </div>
        <aside className="sf-checkout__summary" aria-label="Order summary">
          <Card title="Your order" titleAs="h2">
            <ul className="sf-lines">
              {lines.map(({ product, quantity }) => (
                <li key={product.id} className="sf-line sf-line--editable">
                  <span className="sf-line__name">{product.name}</span>
                  <span className="sf-line__controls">
                    <QuantityStepper
                      label={product.name}
                      value={quantity}
                      onChange={(next) => cart.setQuantity(product.id, next)}
                    />
                    <span>{money(product.priceCents * quantity)}</span>
                  </span>
                </li>
              ))}
            </ul>
            <dl className="sf-totals">
              <div>
                <dt>Subtotal</dt>
                <dd>{money(subtotal)}</dd>
              </div>
              <div>
                <dt>Shipping</dt>
                <dd>Free</dd>
              </div>
              <div className="sf-totals__total">
                <dt>Total</dt>
                <dd>{money(subtotal)}</dd>
              </div>
            </dl>
            <Button type="submit" variant="primary" block pending={place.isPending}>
              Place order
            </Button>
          </Card>
        </aside>
      </form>
    </>
  );
}
