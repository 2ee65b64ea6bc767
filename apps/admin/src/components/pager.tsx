import { Button } from "@waybill/ui";

export type PagerProps = {
  /** 0-based index of the page shown. */
  page: number;
  pageSize: number;
  /** Items on this page. */
  shown: number;
  /** All matching items, when the api counted them. */
  total: number | null;
  hasNext: boolean;
  onPrevious: () => void;
  onNext: () => void;
  busy?: boolean;
  label: string;
};

/** "1–50 of 200,000" with previous/next, for cursor-paginated lists (no jumping to page N). */
export function Pager({
  page,
  pageSize,
  shown,
  total,
  hasNext,
  onPrevious,
  onNext,
  busy = false,
  label,
}: PagerProps) {
  const first = shown === 0 ? 0 : page * pageSize + 1;
  const last = page * pageSize + shown;
  return (
    <nav className="adm-pager" aria-label={label}>
      <span className="adm-pager__range" aria-live="polite">
        {shown === 0
          ? "No results"
          : `${first.toLocaleString()}–${last.toLocaleString()}${
              total === null ? "" : ` of ${total.toLocaleString()}`
            }`}
      </span>
      <div className="wb-row">
        <Button size="sm" onClick={onPrevious} disabled={page === 0 || busy}>
          ← Previous
        </Button>
        <Button size="sm" onClick={onNext} disabled={!hasNext || busy}>
          Next →
        </Button>
      </div>
    </nav>
  );
}
