/**
 * Tiny server-rendered SVG charts (no client library): a bar chart and a line chart. Text is
 * escaped by JSX; the chart has a title and a description for screen readers (every figure, as
 * text: the trend chart has no table beside it).
 */
export interface Point {
  label: string;
  value: number | null;
}

interface ChartProps {
  title: string;
  points: Point[];
  max?: number;
  width?: number;
  height?: number;
  /** Value shown above each bar, e.g. (v) => v.toFixed(1). */
  format?: (v: number) => string;
}

const PAD = { top: 18, right: 8, bottom: 28, left: 30 };

/** The figures as text, for the chart's <desc> (its accessible description). */
function describe(points: Point[], format: (v: number) => string): string {
  return points.map((p) => `${p.label}: ${p.value == null ? '–' : format(p.value)}`).join('; ');
}

export function BarChart({ title, points, max, width = 640, height = 220, format = (v) => String(v) }: ChartProps) {
  const top = max ?? Math.max(1, ...points.map((p) => p.value ?? 0));
  const w = width - PAD.left - PAD.right;
  const h = height - PAD.top - PAD.bottom;
  const step = points.length ? w / points.length : w;
  const bw = Math.max(4, step * 0.7);
  const y = (v: number) => PAD.top + h - (v / top) * h;
  const ticks = [0, 0.5, 1].map((f) => Math.round(top * f * 100) / 100);
  return (
    <svg viewBox={`0 0 ${width} ${height}`} width="100%" role="img" aria-label={title} xmlns="http://www.w3.org/2000/svg">
      <title>{title}</title>
      <desc>{describe(points, format)}</desc>
      {ticks.map((t) => (
        <g>
          <line x1={PAD.left} x2={width - PAD.right} y1={y(t)} y2={y(t)} stroke="#ccc" stroke-width="1" />
          <text x={PAD.left - 4} y={y(t) + 4} text-anchor="end" font-size="10" fill="#555">
            {String(t)}
          </text>
        </g>
      ))}
      {points.map((p, i) => {
        const x = PAD.left + i * step + (step - bw) / 2;
        const v = p.value ?? 0;
        return (
          <g>
            {p.value != null && (
              <rect x={x} y={y(v)} width={bw} height={Math.max(0, PAD.top + h - y(v))} fill="#1f5fa8">
                <title>{`${p.label}: ${format(v)}`}</title>
              </rect>
            )}
            <text x={x + bw / 2} y={p.value == null ? PAD.top + h - 4 : y(v) - 3} text-anchor="middle" font-size="10" fill="#222">
              {p.value == null ? '–' : format(v)}
            </text>
            <text x={x + bw / 2} y={height - 10} text-anchor="middle" font-size="10" fill="#333">
              {p.label}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

export function LineChart({ title, points, max, width = 640, height = 220, format = (v) => String(v) }: ChartProps) {
  const top = max ?? Math.max(1, ...points.map((p) => p.value ?? 0));
  const w = width - PAD.left - PAD.right;
  const h = height - PAD.top - PAD.bottom;
  const step = points.length > 1 ? w / (points.length - 1) : w;
  const xy = points.map((p, i) => ({ x: PAD.left + i * step, y: p.value == null ? null : PAD.top + h - (p.value / top) * h, p }));
  const path = xy
    .filter((q) => q.y != null)
    .map((q, i) => `${i ? 'L' : 'M'}${q.x.toFixed(1)},${q.y!.toFixed(1)}`)
    .join(' ');
  return (
    <svg viewBox={`0 0 ${width} ${height}`} width="100%" role="img" aria-label={title} xmlns="http://www.w3.org/2000/svg">
      <title>{title}</title>
      <desc>{describe(points, format)}</desc>
      <line x1={PAD.left} x2={width - PAD.right} y1={PAD.top + h} y2={PAD.top + h} stroke="#999" />
      {path && <path d={path} fill="none" stroke="#1f5fa8" stroke-width="2" />}
      {xy.map((q) => (
        <g>
          {q.y != null && (
            <circle cx={q.x} cy={q.y} r="3" fill="#1f5fa8">
              <title>{`${q.p.label}: ${format(q.p.value!)}`}</title>
            </circle>
          )}
          {q.y != null && (
            <text x={q.x} y={q.y - 6} text-anchor="middle" font-size="10">
              {format(q.p.value!)}
            </text>
          )}
          <text x={q.x} y={height - 10} text-anchor="middle" font-size="10" fill="#333">
            {q.p.label}
          </text>
        </g>
      ))}
    </svg>
  );
}

/** Horizontal bars, one row per item: readable on a phone with many units (labels never overlap). */
export function HBarChart({ title, points, max, width = 400, format = (v) => String(v) }: Omit<ChartProps, 'height'>) {
  const top = max ?? Math.max(1, ...points.map((p) => p.value ?? 0));
  const row = 22;
  const labelW = Math.round(width * 0.5);
  const barW = width - labelW - 52;
  const height = points.length * row + 8;
  const clip = (s: string) => (s.length > 24 ? `${s.slice(0, 23)}…` : s);
  // In a 28rem box (class "narrow"): 13 px text stays readable from a 360 px phone to a desktop.
  return (
    <div class="narrow">
      <svg viewBox={`0 0 ${width} ${height}`} width="100%" role="img" aria-label={title} xmlns="http://www.w3.org/2000/svg">
        <title>{title}</title>
        <desc>{describe(points, format)}</desc>
        {points.map((p, i) => {
          const y = 4 + i * row;
          const w = p.value == null ? 0 : Math.max(1, (p.value / top) * barW);
          return (
            <g>
              <text x={labelW - 6} y={y + 15} text-anchor="end" font-size="13" fill="#222">
                {clip(p.label)}
              </text>
              <rect x={labelW} y={y + 3} width={w} height={row - 8} fill="#1f5fa8">
                <title>{`${p.label}: ${p.value == null ? '–' : format(p.value)}`}</title>
              </rect>
              <text x={labelW + w + 4} y={y + 15} font-size="13" fill="#222">
                {p.value == null ? '–' : format(p.value)}
              </text>
            </g>
          );
        })}
      </svg>
    </div>
  );
}
