import type { ReactNode } from "react";
import type { BadgeTone } from "./badge";
import { cx } from "./class-names";

/** One row: a carrier scan, an admin note, anything that happened at a time. */
export type TimelineEntry = {
  id: string;
  title: ReactNode;
  /** Extra words under the title (the carrier's description). */
  description?: ReactNode;
  /** Where it happened. */
  place?: ReactNode;
  /** The time as shown (e.g. "2:32 pm"), and its ISO form for `<time dateTime>`. */
  time: ReactNode;
  dateTime: string;
  /** Colours the dot: warning for a failed attempt, danger for an exception. */
  tone?: BadgeTone;
  /** Arrived live just now: drawn with a brief highlight. */
  fresh?: boolean;
};

/** A heading (a calendar day) and the rows under it. */
export type TimelineGroup = { id: string; heading: ReactNode; entries: TimelineEntry[] };

export type TimelineProps = {
  groups: TimelineGroup[];
  /** Names the list for assistive tech. */
  label: string;
  /** Shown when there are no rows at all. */
  empty?: ReactNode;
  className?: string;
};

/**
 * A vertical timeline, in the order given (newest first is the caller's choice), grouped under
 * headings. The first row is drawn as the latest.
 */
export function Timeline({ groups, label, empty = "Nothing yet.", className }: TimelineProps) {
  const count = groups.reduce((sum, group) => sum + group.entries.length, 0);
  if (count === 0) return <p className="wb-timeline__empty">{empty}</p>;
  let first = true;
  return (
    <section className={cx("wb-timeline", className)} aria-label={label}>
      {groups.map((group) => (
        <section key={group.id} className="wb-timeline__group">
          <h3 className="wb-timeline__heading">{group.heading}</h3>
          <ol className="wb-timeline__list">
            {group.entries.map((entry) => {
              const latest = first;
              first = false;
              return (
                <li
                  key={entry.id}
                  className={cx(
                    "wb-timeline__item",
                    latest && "wb-timeline__item--latest",
                    entry.tone && `wb-timeline__item--${entry.tone}`,
                    entry.fresh && "wb-timeline__item--fresh",
                  )}
                  data-entry-id={entry.id}
                >
                  <span className="wb-timeline__dot" aria-hidden="true" />
                  <div className="wb-timeline__body">
                    <p className="wb-timeline__title">
                      {entry.title}
                      {latest && <span className="wb-sr-only"> (latest)</span>}
                    </p>
                    {entry.description && (
                      <p className="wb-timeline__description">{entry.description}</p>
                    )}
                    <p className="wb-timeline__meta">
                      <time dateTime={entry.dateTime}>{entry.time}</time>
                      {entry.place && (
                        <>
                          <span aria-hidden="true"> · </span>
                          <span className="wb-timeline__place">{entry.place}</span>
                        </>
                      )}
                    </p>
                  </div>
                </li>
              );
            })}
          </ol>
        </section>
      ))}
    </section>
  );
}
