import { keepPreviousData } from "@tanstack/react-query";
import { Alert, Button, EmptyState } from "@waybill/ui";
import { trpc } from "@waybill/ui/client";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useSearchParams } from "react-router";
import { BulkStatusDialog, MAX_BULK_ORDERS } from "../components/bulk-status-dialog";
import { useOrderEvents } from "../components/live-order-events";
import { LoadProblem } from "../components/load-problem";
import { OrderFilters } from "../components/order-filters";
import { OrdersTable } from "../components/orders-table";
import { PageHeader } from "../components/page-header";
import { Pager } from "../components/pager";
import type { AdminOrderRow } from "../lib/api-types";
import {
  hasFilters,
  type OrderQuery,
  parseOrderQuery,
  toListInput,
  toSearchParams,
} from "../lib/order-query";

/** Live changes to the rows on screen are folded into one refetch per this long. */
const LIVE_REFETCH_MS = 750;

/** Orders: server-side filters, search, sort and pages over any number of orders; live rows. */
export function OrdersPage() {
  const [params, setParams] = useSearchParams();
  const query = useMemo(() => parseOrderQuery(params), [params]);
  const queryKey = toSearchParams(query).toString();
  // The page's cursors, so "previous" needs no backwards query; a new filter starts over.
  const [pages, setPages] = useState<{ key: string; cursors: Array<string | null> }>({
    key: queryKey,
    cursors: [null],
  });
  const cursors = pages.key === queryKey ? pages.cursors : [null];
  const pageIndex = cursors.length - 1;
  const cursor = cursors[pageIndex] ?? null;

  const input = toListInput(query, cursor);
  const list = trpc.admin.orders.list.useQuery(input, { placeholderData: keepPreviousData });
  const utils = trpc.useUtils();

  const [selected, setSelected] = useState<Map<string, string>>(() => new Map());
  const [bulkOpen, setBulkOpen] = useState(false);
  const [changed, setChanged] = useState<Set<string>>(() => new Set());
  const [elsewhere, setElsewhere] = useState(0);

  const rows = list.data?.items ?? [];
  const visible = useRef(new Set<string>());
  visible.current = new Set(rows.map((row) => row.id));

  const refetchTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const scheduleRefetch = useCallback(() => {
    if (refetchTimer.current) return;
    refetchTimer.current = setTimeout(() => {
      refetchTimer.current = null;
      void list.refetch();
    }, LIVE_REFETCH_MS);
  }, [list.refetch]);
  useEffect(
    () => () => {
      if (refetchTimer.current) clearTimeout(refetchTimer.current);
    },
    [],
  );

  useOrderEvents((event) => {
    if (visible.current.has(event.orderId)) {
      setChanged((current) => new Set(current).add(event.orderId));
      scheduleRefetch();
    } else {
      setElsewhere((n) => n + 1);
    }
  });

  function setQuery(next: OrderQuery) {
    setParams(toSearchParams(next), { replace: false });
    setElsewhere(0);
    setChanged(new Set());
  }

  function reload() {
    setPages({ key: queryKey, cursors: [null] });
    setElsewhere(0);
    setChanged(new Set());
    void utils.admin.orders.list.invalidate();
  }

  function toggle(row: AdminOrderRow) {
    setSelected((current) => {
      const next = new Map(current);
      if (next.has(row.id)) next.delete(row.id);
      else next.set(row.id, row.number);
      return next;
    });
  }

  function togglePage(select: boolean) {
    setSelected((current) => {
      const next = new Map(current);
      for (const row of rows) {
        if (select) next.set(row.id, row.number);
        else next.delete(row.id);
      }
      return next;
    });
  }

  const selectedOrders = [...selected].map(([id, number]) => ({ id, number }));

  return (
    <>
      <PageHeader
        title="Orders"
        subtitle={
          list.data?.total !== undefined && list.data.total !== null
            ? `${list.data.total.toLocaleString()} ${hasFilters(query) ? "matching" : "in all"}`
            : "Every order, filtered and searched on the server"
        }
      />
      <div className="wb-stack">
        <OrderFilters query={query} onChange={setQuery} />

        {elsewhere > 0 && (
          <Alert tone="info">
            <div className="wb-row adm-between">
              <span>
                {elsewhere === 1 ? "1 change" : `${elsewhere.toLocaleString()} changes`} to orders
                not on this page since it loaded.
              </span>
              <Button size="sm" onClick={reload}>
                Refresh the list
              </Button>
            </div>
          </Alert>
        )}

        {selected.size > 0 && (
          <section className="adm-selection" aria-label="Selection">
            <span>
              <strong>{selected.size}</strong> selected
              {selected.size > MAX_BULK_ORDERS && ` (at most ${MAX_BULK_ORDERS} at once)`}
            </span>
            <div className="wb-row">
              <Button size="sm" variant="primary" onClick={() => setBulkOpen(true)}>
                Change status…
              </Button>
              <Button size="sm" variant="ghost" onClick={() => setSelected(new Map())}>
                Clear selection
              </Button>
            </div>
          </section>
        )}

        {list.isError && !list.data ? (
          <LoadProblem error={list.error} what="the orders" retry={() => void list.refetch()} />
        ) : (
          <>
            <OrdersTable
              rows={rows}
              selected={new Set(selected.keys())}
              onToggle={toggle}
              onTogglePage={togglePage}
              busy={list.isFetching}
              recentlyChanged={changed}
              empty={
                list.isPending ? (
                  "Loading orders…"
                ) : (
                  <EmptyState
                    title={hasFilters(query) ? "No orders match" : "No orders yet"}
                    description={
                      hasFilters(query)
                        ? "Try fewer filters, or search for a whole order number or e-mail."
                        : "Orders placed in the shop appear here."
                    }
                  />
                )
              }
            />
            <Pager
              label="Orders pages"
              page={pageIndex}
              pageSize={query.pageSize}
              shown={rows.length}
              total={list.data?.total ?? null}
              hasNext={Boolean(list.data?.nextCursor)}
              busy={list.isFetching}
              onPrevious={() => setPages({ key: queryKey, cursors: cursors.slice(0, -1) })}
              onNext={() => {
                const next = list.data?.nextCursor;
                if (next) setPages({ key: queryKey, cursors: [...cursors, next] });
              }}
            />
          </>
        )}
      </div>
      <BulkStatusDialog
        open={bulkOpen}
        orders={selectedOrders}
        onClose={({ changed }) => {
          setBulkOpen(false);
          if (changed) setSelected(new Map());
        }}
        onChanged={() => void utils.admin.orders.list.invalidate()}
      />
    </>
  );
}
