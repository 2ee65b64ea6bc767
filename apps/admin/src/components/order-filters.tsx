import { Button, buttonClass, Field, Input } from "@waybill/ui";
import { trpc } from "@waybill/ui/client";
import { useEffect, useRef, useState } from "react";
import type { CarrierId, OrderStatus } from "../lib/api-types";
import { CARRIER_IDS, CARRIER_LABEL, ORDER_STATUS_IDS, orderStatusLabel } from "../lib/labels";
import { csvExportHref, hasFilters, type OrderQuery, PAGE_SIZES } from "../lib/order-query";
import { Select } from "./controls";

const SEARCH_SETTLE_MS = 350;

export type OrderFiltersProps = {
  query: OrderQuery;
  onChange: (next: OrderQuery) => void;
};

/** The orders table's filters. Every change goes to the URL; the server does the filtering. */
export function OrderFilters({ query, onChange }: OrderFiltersProps) {
  const accounts = trpc.admin.carriers.list.useQuery(undefined, { staleTime: 60_000 });
  const [search, setSearch] = useState(query.search);
  const searchRef = useRef<HTMLInputElement>(null);
  const latest = useRef({ query, onChange });
  latest.current = { query, onChange };

  // The URL can change under us (back button, a dashboard link): the box follows it.
  useEffect(() => setSearch(query.search), [query.search]);

  useEffect(() => {
    if (search.trim() === latest.current.query.search) return;
    const timer = setTimeout(() => {
      latest.current.onChange({ ...latest.current.query, search: search.trim() });
    }, SEARCH_SETTLE_MS);
    return () => clearTimeout(timer);
  }, [search]);

  // "/" jumps to the search box, as in most admin tools, unless the person is typing somewhere.
  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      if (event.key !== "/" || event.metaKey || event.ctrlKey || event.altKey) return;
      const target = event.target as HTMLElement | null;
      if (target?.closest("input, textarea, select, [contenteditable='true']")) return;
      event.preventDefault();
      searchRef.current?.focus();
    }
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, []);

  function toggleStatus(status: OrderStatus) {
    const next = query.status.includes(status)
      ? query.status.filter((s) => s !== status)
      : [...query.status, status];
    onChange({ ...query, status: ORDER_STATUS_IDS.filter((s) => next.includes(s)) });
  }

  const accountOptions = (accounts.data ?? []).filter(
    (account) => !query.carrier || account.carrier === query.carrier,
  );

  return (
    <div className="adm-filters">
      <search className="adm-filters__search">
        <form
          onSubmit={(event) => {
            event.preventDefault();
            onChange({ ...query, search: search.trim() });
          }}
        >
          <Field
            label="Search"
            hint="Order number (or its start), tracking number, or customer e-mail. Press / to jump here."
          >
            {(control) => (
              <Input
                {...control}
                ref={searchRef}
                type="search"
                value={search}
                placeholder="WB-2026-000123, 0581094993, asha@example.com"
                onChange={(event) => setSearch(event.target.value)}
              />
            )}
          </Field>
        </form>
      </search>

      <fieldset className="adm-chips">
        <legend className="wb-field__label">Status</legend>
        {ORDER_STATUS_IDS.map((status) => (
          <button
            key={status}
            type="button"
            className="adm-chip"
            aria-pressed={query.status.includes(status)}
            onClick={() => toggleStatus(status)}
          >
            {orderStatusLabel(status)}
          </button>
        ))}
      </fieldset>

      <div className="adm-filters__row">
        <Field label="Carrier">
          {(control) => (
            <Select
              {...control}
              value={query.carrier ?? ""}
              onChange={(event) => {
                const carrier = (event.target.value || null) as CarrierId | null;
                const keepAccount = accounts.data?.some(
                  (a) => a.id === query.accountId && (!carrier || a.carrier === carrier),
                );
                onChange({ ...query, carrier, accountId: keepAccount ? query.accountId : null });
              }}
            >
              <option value="">All carriers</option>
              {CARRIER_IDS.map((carrier) => (
                <option key={carrier} value={carrier}>
                  {CARRIER_LABEL[carrier]}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <Field label="Account">
          {(control) => (
            <Select
              {...control}
              value={query.accountId ?? ""}
              onChange={(event) => onChange({ ...query, accountId: event.target.value || null })}
            >
              <option value="">All accounts</option>
              {accountOptions.map((account) => (
                <option key={account.id} value={account.id}>
                  {account.name}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <Field label="Placed from">
          {(control) => (
            <Input
              {...control}
              type="date"
              value={query.from ?? ""}
              max={query.to ?? undefined}
              onChange={(event) => onChange({ ...query, from: event.target.value || null })}
            />
          )}
        </Field>
        <Field label="Placed to">
          {(control) => (
            <Input
              {...control}
              type="date"
              value={query.to ?? ""}
              min={query.from ?? undefined}
              onChange={(event) => onChange({ ...query, to: event.target.value || null })}
            />
          )}
        </Field>
        <Field label="Sort">
          {(control) => (
            <Select
              {...control}
              value={query.sort}
              onChange={(event) =>
                onChange({ ...query, sort: event.target.value === "oldest" ? "oldest" : "newest" })
              }
            >
              <option value="newest">Newest first</option>
              <option value="oldest">Oldest first</option>
            </Select>
          )}
        </Field>
        <Field label="Per page">
          {(control) => (
            <Select
              {...control}
              value={query.pageSize}
              onChange={(event) => onChange({ ...query, pageSize: Number(event.target.value) })}
            >
              {PAGE_SIZES.map((size) => (
                <option key={size} value={size}>
                  {size}
                </option>
              ))}
            </Select>
          )}
        </Field>
      </div>

      <div className="wb-row adm-between">
        <div className="wb-row">
          {hasFilters(query) && (
            <Button
              size="sm"
              variant="ghost"
              onClick={() => {
                setSearch("");
                onChange({
                  ...query,
                  status: [],
                  carrier: null,
                  accountId: null,
                  from: null,
                  to: null,
                  search: "",
                });
              }}
            >
              Clear filters
            </Button>
          )}
        </div>
        <a className={buttonClass({ size: "sm" })} href={csvExportHref(query)} download>
          Export CSV
        </a>
      </div>
    </div>
  );
}
