/** A small time-series chart (uPlot): one or more series over days, following the colour scheme. */
import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

interface ChartProps {
  title: string;
  days: string[];
  series: { label: string; values: (number | null)[]; colour: string; unit?: string }[];
}

export function Chart({ title, days, series }: ChartProps) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!host.current) return;
    const width = Math.max(280, Math.min(640, host.current.clientWidth || 600));
    const axisStroke = getComputedStyle(document.body).color;
    const plot = new uPlot(
      {
        width,
        height: 200,
        title,
        scales: { x: { time: true } },
        axes: [{ stroke: axisStroke }, { stroke: axisStroke }],
        series: [{}, ...series.map((s) => ({ label: s.label, stroke: s.colour, width: 2, points: { show: true }, value: (_: unknown, v: number | null) => (v === null ? '—' : `${Math.round(v * 100) / 100}${s.unit ?? ''}`) }))],
      },
      [days.map((day) => Date.parse(`${day}T00:00:00Z`) / 1000), ...series.map((s) => s.values)] as uPlot.AlignedData,
      host.current,
    );
    return () => plot.destroy();
  }, [title, JSON.stringify(days), JSON.stringify(series)]);
  return <div class="chart" ref={host} role="img" aria-label={title} />;
}
