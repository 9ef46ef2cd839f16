import { formatCount } from '../format';

interface Day {
  date: string;
  requests: number;
  rejected: number;
}

const HEIGHT = 160;
const AXIS = 28;
/** Room above the top gridline for its label. */
const TOP = 10;

/**
 * Daily requests (let through) and rejected (429) as stacked bars, in SVG; the same numbers are in a
 * table under "Show as table" for screen readers and copying.
 */
export function UsageChart({ days }: { days: readonly Day[] }) {
  const max = Math.max(1, ...days.map((d) => d.requests + d.rejected));
  const top = niceCeiling(max);
  const width = 720;
  const slot = (width - AXIS) / Math.max(days.length, 1);
  const bar = Math.max(2, Math.min(24, slot * 0.7));
  const y = (value: number) => TOP + HEIGHT - (value / top) * HEIGHT;
  const totalRequests = days.reduce((sum, d) => sum + d.requests, 0);
  const totalRejected = days.reduce((sum, d) => sum + d.rejected, 0);
  const labelEvery = Math.ceil(days.length / 8);

  return (
    <figure className="chart">
      <svg
        viewBox={`0 0 ${width} ${TOP + HEIGHT + 24}`}
        role="img"
        aria-label={`${formatCount(totalRequests)} requests and ${formatCount(totalRejected)} rejected over ${days.length} days`}
      >
        {[0, 0.5, 1].map((f) => (
          <g key={f}>
            <line className="chart-grid" x1={AXIS} x2={width} y1={y(top * f)} y2={y(top * f)} />
            <text className="chart-axis" x={AXIS - 6} y={y(top * f) + 4} textAnchor="end">
              {compact(top * f)}
            </text>
          </g>
        ))}
        {days.map((d, i) => {
          const x = AXIS + i * slot + (slot - bar) / 2;
          return (
            <g key={d.date}>
              <title>{`${d.date}: ${d.requests} requests, ${d.rejected} rejected`}</title>
              <rect
                className="chart-requests"
                x={x}
                width={bar}
                y={y(d.requests)}
                height={TOP + HEIGHT - y(d.requests)}
                rx={2}
              />
              <rect
                className="chart-rejected"
                x={x}
                width={bar}
                y={y(d.requests + d.rejected)}
                height={TOP + HEIGHT - y(d.rejected)}
                rx={2}
              />
              {i % labelEvery === 0 && (
                <text className="chart-axis" x={x + bar / 2} y={TOP + HEIGHT + 16} textAnchor="middle">
                  {d.date.slice(5)}
                </text>
              )}
            </g>
          );
        })}
      </svg>
      <figcaption className="chart-legend">
        <span>
          <i className="swatch swatch-requests" /> Requests <strong>{formatCount(totalRequests)}</strong>
        </span>
        <span>
          <i className="swatch swatch-rejected" /> Rejected (429){' '}
          <strong>{formatCount(totalRejected)}</strong>
        </span>
      </figcaption>
      <details className="chart-table">
        <summary>Show as table</summary>
        <table className="table table-compact">
          <thead>
            <tr>
              <th scope="col">Day (UTC)</th>
              <th scope="col">Requests</th>
              <th scope="col">Rejected</th>
            </tr>
          </thead>
          <tbody>
            {days.map((d) => (
              <tr key={d.date}>
                <td>{d.date}</td>
                <td>{d.requests}</td>
                <td>{d.rejected}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}

function niceCeiling(value: number): number {
  const magnitude = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 5, 10]) if (value <= step * magnitude) return step * magnitude;
  return 10 * magnitude;
}

function compact(value: number): string {
  if (value >= 1000) return `${Math.round(value / 100) / 10}k`;
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}
