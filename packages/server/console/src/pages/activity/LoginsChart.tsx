// LoginsChart: logins over time (uPlot lines of started / received / completed / failed per bucket), with its numbers
// in a caption and a visually hidden table for screen readers.
import 'uplot/dist/uPlot.min.css';
import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import { type Activity, count, SERIES } from './activityTypes.js';

export function LoginsChart(props: { activity: Activity; title: string }) {
  const { activity } = props;
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const ink = getComputedStyle(element).color;
    const grid = { stroke: 'rgba(128,128,128,0.25)', width: 1 };
    const axis = { stroke: ink, grid, ticks: grid };
    const data: uPlot.AlignedData = [
      activity.buckets.map((b) => b.at / 1000),
      ...SERIES.map(([key]) => activity.buckets.map((b) => b[key])),
    ];
    const plot = new uPlot(
      {
        width: element.clientWidth || 600,
        height: 240,
        legend: { show: false },
        cursor: { drag: { x: false, y: false } },
        scales: { y: { range: (_u, _min, max) => [0, Math.max(4, max)] } },
        axes: [axis, { ...axis, size: 48 }],
        series: [
          {},
          ...SERIES.map(([, label, colour], i) => ({
            label,
            stroke: colour,
            width: 2,
            dash: i === 3 ? [6, 4] : undefined,
            points: { show: false },
          })),
        ],
      },
      data,
      element,
    );
    const resize = new ResizeObserver(() => plot.setSize({ width: element.clientWidth, height: 240 }));
    resize.observe(element);
    return () => {
      resize.disconnect();
      plot.destroy();
    };
  }, [activity]);

  const totals = Object.fromEntries(
    SERIES.map(([key]) => [key, activity.buckets.reduce((sum, b) => sum + b[key], 0)]),
  ) as Record<(typeof SERIES)[number][0], number>;
  const busiest = activity.buckets.reduce<Activity['buckets'][number] | null>(
    (best, b) => (best === null || b.started > best.started ? b : best),
    null,
  );
  const active = activity.buckets.filter((b) => b.started + b.received + b.completed + b.failed > 0);
  const time = (at: number) =>
    new Date(at).toLocaleString(undefined, {
      weekday: activity.range === 'week' ? 'short' : undefined,
      hour: '2-digit',
      minute: '2-digit',
    });

  return (
    <figure class="chart" aria-labelledby="logins-caption">
      <figcaption id="logins-caption">
        <strong>{props.title}</strong>:{' '}
        {SERIES.map(([key, label]) => `${count(totals[key])} ${label.toLowerCase()}`).join(', ')}
        {busiest && busiest.started > 0 ? `; busiest at ${time(busiest.at)} (${count(busiest.started)} started)` : ''}.
      </figcaption>
      <ul class="legend" aria-hidden="true">
        {SERIES.map(([key, label, colour], i) => (
          <li key={key}>
            <span class={i === 3 ? 'swatch dashed' : 'swatch'} style={{ borderColor: colour }} />
            {label}
          </li>
        ))}
      </ul>
      <div ref={box} class="plot" aria-hidden="true" />
      <table class="visually-hidden">
        <caption>{props.title}, by time (periods without logins left out)</caption>
        <thead>
          <tr>
            <th scope="col">Time</th>
            {SERIES.map(([key, label]) => (
              <th key={key} scope="col">
                {label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {active.map((b) => (
            <tr key={b.at}>
              <th scope="row">{time(b.at)}</th>
              {SERIES.map(([key]) => (
                <td key={key}>{b[key]}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
