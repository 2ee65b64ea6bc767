import { formatHours } from "../lib/dates";

export type DeliveryTimeRow = {
  label: string;
  delivered: number;
  averageHours: number | null;
  p90Hours: number | null;
};

const BAR_HEIGHT = 14;
const ROW_GAP = 18;
const LABEL_WIDTH = 150;
const CHART_WIDTH = 560;
const VALUE_ROOM = 70;

/**
 * Average and 90th-percentile delivery time per carrier as paired horizontal bars, in plain SVG.
 * The figures are also in a visually hidden table for screen readers.
 */
export function DeliveryTimeChart({ rows }: { rows: DeliveryTimeRow[] }) {
  const max = Math.max(1, ...rows.map((row) => row.p90Hours ?? row.averageHours ?? 0));
  const plotWidth = CHART_WIDTH - LABEL_WIDTH - VALUE_ROOM;
  const rowHeight = BAR_HEIGHT * 2 + 4 + ROW_GAP;
  const height = rows.length * rowHeight;
  const widthOf = (hours: number | null) => (hours === null ? 0 : (hours / max) * plotWidth);

  return (
    <figure className="adm-chart">
      <svg
        viewBox={`0 0 ${CHART_WIDTH} ${height}`}
        className="adm-chart__svg"
        aria-hidden="true"
        focusable="false"
      >
        {rows.map((row, index) => {
          const top = index * rowHeight;
          const empty = row.delivered === 0;
          return (
            <g key={row.label} transform={`translate(0 ${top})`}>
              <text x={0} y={BAR_HEIGHT + 2} className="adm-chart__label">
                {row.label}
              </text>
              <text x={0} y={BAR_HEIGHT * 2 + 4} className="adm-chart__sub">
                {empty ? "no deliveries" : `${row.delivered.toLocaleString()} delivered`}
              </text>
              <rect
                x={LABEL_WIDTH}
                y={0}
                width={plotWidth}
                height={BAR_HEIGHT * 2 + 4}
                className="adm-chart__track"
                rx={3}
              />
              <rect
                x={LABEL_WIDTH}
                y={0}
                width={widthOf(row.averageHours)}
                height={BAR_HEIGHT}
                className="adm-chart__bar adm-chart__bar--avg"
                rx={3}
              />
              <rect
                x={LABEL_WIDTH}
                y={BAR_HEIGHT + 4}
                width={widthOf(row.p90Hours)}
                height={BAR_HEIGHT}
                className="adm-chart__bar adm-chart__bar--p90"
                rx={3}
              />
              <text
                x={LABEL_WIDTH + widthOf(row.averageHours) + 6}
                y={BAR_HEIGHT - 3}
                className="adm-chart__value"
              >
                {empty ? "" : formatHours(row.averageHours)}
              </text>
              <text
                x={LABEL_WIDTH + widthOf(row.p90Hours) + 6}
                y={BAR_HEIGHT * 2 + 1}
                className="adm-chart__value"
              >
                {empty ? "" : formatHours(row.p90Hours)}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption className="adm-chart__legend">
        <span className="adm-chart__key adm-chart__key--avg" aria-hidden="true" /> Average
        <span className="adm-chart__key adm-chart__key--p90" aria-hidden="true" /> 90th percentile
        <span className="wb-muted"> · shipment created → delivered, last 30 days</span>
      </figcaption>
      <table className="wb-sr-only">
        <caption>Delivery time per carrier, last 30 days</caption>
        <thead>
          <tr>
            <th scope="col">Carrier</th>
            <th scope="col">Delivered</th>
            <th scope="col">Average</th>
            <th scope="col">90th percentile</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.label}>
              <th scope="row">{row.label}</th>
              <td>{row.delivered}</td>
              <td>{formatHours(row.averageHours)}</td>
              <td>{formatHours(row.p90Hours)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
