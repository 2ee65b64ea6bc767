import { Alert, Button, Field, Input } from "@waybill/ui";
import { trpc, useFocusFirstInvalid } from "@waybill/ui/client";
import { type FormEvent, useMemo, useRef, useState } from "react";
import { Link } from "react-router";
import { readApiProblem } from "../lib/api-problem";
import type { CarrierAccount, CarrierId, RouterOutputs } from "../lib/api-types";
import { CARRIER_IDS, CARRIER_LABEL } from "../lib/labels";
import {
  docketProblem,
  EMPTY_SHIP_FORM,
  type ShipFormErrors,
  type ShipFormField,
  type ShipFormValues,
  validateShipForm,
} from "../lib/ship-form";
import { Checkbox, Select, Textarea } from "./controls";

export type ShipResult = RouterOutputs["admin"]["orders"]["ship"];

export type ShipFormProps = {
  orderId: string;
  orderNumber: string;
  accounts: readonly CarrierAccount[];
  onShipped: (result: ShipResult) => void;
};

function initialValues(accounts: readonly CarrierAccount[]): ShipFormValues {
  const usable = accounts.filter((account) => account.active);
  // One usable account is the obvious choice; with several, the admin picks.
  return { ...EMPTY_SHIP_FORM, accountId: usable.length === 1 ? (usable[0]?.id ?? "") : "" };
}

/**
 * Hands the order to a carrier: Sequel247 takes a docket number booked in its own tools;
 * Shiprocket and Maystro create the shipment at the carrier. Mistakes show beside their field
 * before anything is sent; a carrier's refusal shows in its own words with its code.
 */
export function ShipForm({ orderId, orderNumber, accounts, onShipped }: ShipFormProps) {
  const [values, setValues] = useState(() => initialValues(accounts));
  const [errors, setErrors] = useState<ShipFormErrors>({});
  const [attempt, setAttempt] = useState(0);
  const formRef = useRef<HTMLFormElement>(null);
  const ship = trpc.admin.orders.ship.useMutation({ onSuccess: onShipped });
  const problem = ship.error ? readApiProblem(ship.error) : null;
  // A new key per submit and per server answer: focus moves then, not while the admin types.
  const focusKey = useMemo(
    () => (attempt > 0 ? { attempt, error: ship.error } : null),
    [attempt, ship.error],
  );
  useFocusFirstInvalid(formRef, focusKey);

  const account = accounts.find((a) => a.id === values.accountId) ?? null;
  const carrier: CarrierId | null = account?.carrier ?? null;
  const grouped = useMemo(
    () =>
      CARRIER_IDS.map((id) => ({ id, accounts: accounts.filter((a) => a.carrier === id) })).filter(
        (group) => group.accounts.length > 0,
      ),
    [accounts],
  );

  function set<K extends ShipFormField>(field: K, value: ShipFormValues[K]) {
    setValues((current) => ({ ...current, [field]: value }));
    if (errors[field]) setErrors((current) => ({ ...current, [field]: undefined }));
  }

  function errorOf(field: ShipFormField): string | undefined {
    return errors[field] ?? problem?.fieldErrors[field];
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const result = validateShipForm(carrier, orderId, values);
    setAttempt((n) => n + 1);
    if (!result.ok) {
      setErrors(result.errors);
      ship.reset();
      return;
    }
    setErrors({});
    ship.mutate(result.input);
  }

  if (accounts.length === 0) {
    return (
      <Alert tone="info" title="No carrier account yet">
        Add one under <Link to="/carriers/new">Carrier accounts</Link> to ship this order.
      </Alert>
    );
  }

  const label = carrier ? CARRIER_LABEL[carrier] : "the carrier";

  return (
    <form
      ref={formRef}
      className="wb-form"
      onSubmit={submit}
      noValidate
      aria-label={`Ship ${orderNumber}`}
    >
      {problem && (
        <Alert
          tone="danger"
          title={problem.carrier ? `${label} refused the shipment` : "The order was not shipped"}
        >
          <p>{problem.message}</p>
          {problem.carrier && (
            <p className="adm-small">
              Carrier error <code>{problem.carrier.code}</code>. Nothing was recorded; fix the cause
              and ship again. A retry never books the order twice.
            </p>
          )}
        </Alert>
      )}

      <Field label="Carrier account" error={errorOf("accountId")}>
        {(control) => (
          <Select
            {...control}
            value={values.accountId}
            onChange={(event) => {
              set("accountId", event.target.value);
              ship.reset();
            }}
          >
            <option value="">Choose an account…</option>
            {grouped.map((group) => (
              <optgroup key={group.id} label={CARRIER_LABEL[group.id]}>
                {group.accounts.map((a) => (
                  <option key={a.id} value={a.id} disabled={!a.active}>
                    {a.name}
                    {a.active ? "" : " (disabled)"}
                  </option>
                ))}
              </optgroup>
            ))}
          </Select>
        )}
      </Field>

      {carrier === "sequel247" && (
        <Field
          label="Docket number"
          hint="The 10-digit number from the Sequel247 booking; tracking starts at once."
          error={errorOf("docket")}
        >
          {(control) => (
            <Input
              {...control}
              name="docket"
              inputMode="numeric"
              autoComplete="off"
              className="wb-mono"
              value={values.docket}
              placeholder="0581094993"
              onChange={(event) => set("docket", event.target.value)}
              onBlur={() => {
                if (values.docket.trim() !== "") {
                  setErrors((current) => ({ ...current, docket: docketProblem(values.docket) }));
                }
              }}
            />
          )}
        </Field>
      )}

      {carrier === "shiprocket" && (
        <>
          <div className="adm-form-grid">
            <Field
              label="Pickup location"
              hint="Its nickname in the Shiprocket panel."
              error={errorOf("pickupLocation")}
            >
              {(control) => (
                <Input
                  {...control}
                  value={values.pickupLocation}
                  onChange={(event) => set("pickupLocation", event.target.value)}
                />
              )}
            </Field>
            <Field
              label="Courier id"
              optional
              hint="Leave empty to let Shiprocket choose."
              error={errorOf("courierId")}
            >
              {(control) => (
                <Input
                  {...control}
                  inputMode="numeric"
                  value={values.courierId}
                  onChange={(event) => set("courierId", event.target.value)}
                />
              )}
            </Field>
          </div>
          <fieldset className="adm-fieldset">
            <legend>
              Parcel{" "}
              <span className="wb-field__optional">
                (optional: empty uses 20×15×10 cm and the items' weight)
              </span>
            </legend>
            <div className="adm-form-grid adm-form-grid--4">
              {(
                [
                  ["lengthCm", "Length (cm)"],
                  ["breadthCm", "Breadth (cm)"],
                  ["heightCm", "Height (cm)"],
                  ["weightKg", "Weight (kg)"],
                ] as const
              ).map(([field, fieldLabel]) => (
                <Field key={field} label={fieldLabel} error={errorOf(field)}>
                  {(control) => (
                    <Input
                      {...control}
                      inputMode="decimal"
                      value={values[field]}
                      onChange={(event) => set(field, event.target.value)}
                    />
                  )}
                </Field>
              ))}
            </div>
          </fieldset>
        </>
      )}

      {carrier === "maystro" && (
        <>
          <div className="adm-form-grid">
            <Field label="Wilaya" hint="Its number, e.g. 16 for Alger." error={errorOf("wilaya")}>
              {(control) => (
                <Input
                  {...control}
                  inputMode="numeric"
                  value={values.wilaya}
                  onChange={(event) => set("wilaya", event.target.value)}
                />
              )}
            </Field>
            <Field
              label="Commune id"
              hint="Maystro's numeric id, e.g. 1621."
              error={errorOf("commune")}
            >
              {(control) => (
                <Input
                  {...control}
                  inputMode="numeric"
                  value={values.commune}
                  onChange={(event) => set("commune", event.target.value)}
                />
              )}
            </Field>
            <Field label="Delivery" error={errorOf("deliveryType")}>
              {(control) => (
                <Select
                  {...control}
                  value={values.deliveryType}
                  onChange={(event) => set("deliveryType", event.target.value === "2" ? "2" : "1")}
                >
                  <option value="1">Home delivery</option>
                  <option value="2">Stop desk (pickup point)</option>
                </Select>
              )}
            </Field>
            {values.deliveryType === "2" && (
              <Field
                label="Stop desk id"
                optional
                hint="One per wilaya, in its centre commune."
                error={errorOf("stopDeskId")}
              >
                {(control) => (
                  <Input
                    {...control}
                    inputMode="numeric"
                    value={values.stopDeskId}
                    onChange={(event) => set("stopDeskId", event.target.value)}
                  />
                )}
              </Field>
            )}
          </div>
          <Checkbox
            label="Express delivery"
            checked={values.express}
            onChange={(event) => set("express", event.target.checked)}
          />
          <Field label="Note to the driver" optional error={errorOf("noteToDriver")}>
            {(control) => (
              <Textarea
                {...control}
                rows={2}
                maxLength={300}
                value={values.noteToDriver}
                onChange={(event) => set("noteToDriver", event.target.value)}
              />
            )}
          </Field>
        </>
      )}

      <div>
        <Button type="submit" variant="primary" pending={ship.isPending} disabled={!carrier}>
          {carrier === "sequel247"
            ? "Start tracking this docket"
            : carrier
              ? `Create the shipment at ${label}`
              : "Ship"}
        </Button>
      </div>
    </form>
  );
}
