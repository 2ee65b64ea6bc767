import { Alert, Button, Field, Input } from "@waybill/ui";
import { trpc, useFocusFirstInvalid } from "@waybill/ui/client";
import { type FormEvent, useMemo, useRef, useState } from "react";
import { readApiProblem } from "../lib/api-problem";
import type { CarrierAccount, CarrierId } from "../lib/api-types";
import {
  CREDENTIAL_FIELDS,
  type CredentialField,
  credentialsFrom,
  missingCredentials,
  SCHEDULE_PRESETS,
} from "../lib/credentials";
import { CARRIER_IDS, CARRIER_LABEL } from "../lib/labels";
import { Select } from "./controls";

export type CarrierAccountFormProps =
  | { mode: "create"; onSaved: (account: CarrierAccount) => void; onCancel?: () => void }
  | {
      mode: "edit";
      account: CarrierAccount;
      onSaved: (account: CarrierAccount) => void;
      onCancel?: () => void;
    };

/**
 * Creates a carrier account or edits one. Credentials are write-only: on edit the fields start
 * empty and are only sent when the admin types new ones (all of them, as the carrier needs).
 */
export function CarrierAccountForm(props: CarrierAccountFormProps) {
  const existing = props.mode === "edit" ? props.account : null;
  const [carrier, setCarrier] = useState<CarrierId>(existing?.carrier ?? "sequel247");
  const [name, setName] = useState(existing?.name ?? "");
  const [baseUrl, setBaseUrl] = useState(existing?.baseUrl ?? "");
  const [schedule, setSchedule] = useState(existing?.syncSchedule ?? "*/5 * * * *");
  const [secrets, setSecrets] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [attempt, setAttempt] = useState(0);
  const formRef = useRef<HTMLFormElement>(null);

  const create = trpc.admin.carriers.create.useMutation({ onSuccess: props.onSaved });
  const update = trpc.admin.carriers.update.useMutation({
    onSuccess: (account) => {
      setSecrets({});
      props.onSaved(account);
    },
  });
  const mutation = props.mode === "create" ? create : update;
  const problem = mutation.error ? readApiProblem(mutation.error) : null;
  const focusKey = useMemo(
    () => (attempt > 0 ? { attempt, error: mutation.error } : null),
    [attempt, mutation.error],
  );
  useFocusFirstInvalid(formRef, focusKey);

  const fields: readonly CredentialField[] = CREDENTIAL_FIELDS[carrier];
  const [customSchedule, setCustomSchedule] = useState(
    () => !SCHEDULE_PRESETS.some((p) => p.value === (existing?.syncSchedule ?? "*/5 * * * *")),
  );

  function errorOf(field: string): string | undefined {
    return errors[field] ?? problem?.fieldErrors[field];
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setAttempt((n) => n + 1);
    const found: Record<string, string> = {};
    if (name.trim() === "") found.name = "Name the account, e.g. “Main Sequel247”.";
    const typed = credentialsFrom(carrier, secrets);
    // On create every credential is needed; on edit, typing any of them means replacing them all.
    if (props.mode === "create" || typed)
      Object.assign(found, missingCredentials(carrier, secrets));
    if (baseUrl.trim() !== "" && !/^https?:\/\/\S+$/.test(baseUrl.trim())) {
      found.baseUrl = "A full URL, e.g. https://api.example.com.";
    }
    if (schedule.trim().split(/\s+/).length < 5) {
      found.syncSchedule = "A cron pattern has five fields, e.g. */5 * * * *.";
    }
    setErrors(found);
    if (Object.keys(found).length > 0) return;

    const common = {
      name: name.trim(),
      baseUrl: baseUrl.trim() === "" ? null : baseUrl.trim(),
      syncSchedule: schedule.trim(),
    };
    if (props.mode === "create") {
      create.mutate({ carrier, credentials: typed ?? {}, ...common });
    } else {
      update.mutate({ id: props.account.id, ...common, ...(typed ? { credentials: typed } : {}) });
    }
  }

  return (
    <form ref={formRef} className="wb-form" onSubmit={submit} noValidate>
      {problem && <Alert tone="danger">{problem.message}</Alert>}
      {props.mode === "create" ? (
        <Field label="Carrier">
          {(control) => (
            <Select
              {...control}
              value={carrier}
              onChange={(event) => {
                setCarrier(event.target.value as CarrierId);
                setSecrets({});
                setErrors({});
              }}
            >
              {CARRIER_IDS.map((id) => (
                <option key={id} value={id}>
                  {CARRIER_LABEL[id]}
                </option>
              ))}
            </Select>
          )}
        </Field>
      ) : null}
      <Field label="Name" hint="How this account shows in the admin." error={errorOf("name")}>
        {(control) => (
          <Input
            {...control}
            value={name}
            maxLength={80}
            onChange={(e) => setName(e.target.value)}
          />
        )}
      </Field>

      <fieldset className="adm-fieldset">
        <legend>
          {CARRIER_LABEL[carrier]} credentials
          {props.mode === "edit" && (
            <span className="wb-field__optional">
              {" "}
              (stored encrypted; leave empty to keep them)
            </span>
          )}
        </legend>
        <div className="wb-stack">
          {fields.map((field) => (
            <Field
              key={`${carrier}-${field.name}`}
              label={field.label}
              optional={field.optional}
              hint={field.hint}
              error={errorOf(field.name)}
            >
              {(control) => (
                <Input
                  {...control}
                  type={field.type}
                  autoComplete={field.autoComplete ?? "off"}
                  placeholder={props.mode === "edit" ? "•••••••• (unchanged)" : undefined}
                  value={secrets[field.name] ?? ""}
                  onChange={(event) =>
                    setSecrets((current) => ({ ...current, [field.name]: event.target.value }))
                  }
                />
              )}
            </Field>
          ))}
        </div>
      </fieldset>

      <div className="adm-form-grid">
        <Field
          label="Sync schedule"
          hint="How often the shipments that are due get checked."
          error={customSchedule ? undefined : errorOf("syncSchedule")}
        >
          {(control) => (
            <Select
              {...control}
              value={customSchedule ? "custom" : schedule}
              onChange={(event) => {
                const custom = event.target.value === "custom";
                setCustomSchedule(custom);
                if (!custom) setSchedule(event.target.value);
              }}
            >
              {SCHEDULE_PRESETS.map((p) => (
                <option key={p.value} value={p.value}>
                  {p.label}
                </option>
              ))}
              <option value="custom">Custom cron pattern…</option>
            </Select>
          )}
        </Field>
        {customSchedule && (
          <Field
            label="Cron pattern"
            hint="minute hour day month weekday"
            error={errorOf("syncSchedule")}
          >
            {(control) => (
              <Input
                {...control}
                className="wb-mono"
                value={schedule}
                onChange={(event) => setSchedule(event.target.value)}
              />
            )}
          </Field>
        )}
      </div>
      <Field
        label="API base URL"
        optional
        hint="Only for a sandbox or staging host; empty uses the carrier's production API."
        error={errorOf("baseUrl")}
      >
        {(control) => (
          <Input
            {...control}
            type="url"
            value={baseUrl}
            placeholder="https://…"
            onChange={(event) => setBaseUrl(event.target.value)}
          />
        )}
      </Field>
      <div className="wb-row">
        <Button type="submit" variant="primary" pending={mutation.isPending}>
          {props.mode === "create" ? "Add the account" : "Save changes"}
        </Button>
        {props.onCancel && <Button onClick={props.onCancel}>Cancel</Button>}
      </div>
    </form>
  );
}
