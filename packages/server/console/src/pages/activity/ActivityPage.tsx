// ActivityPage: logins over time, the funnel with its drop-off, completion time, failures and the WhatsApp provider.
import { useState } from 'preact/hooks';
import { api } from '../../api.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { PageTitle } from '../../components/PageTitle.js';
import { useLoad } from '../../components/useLoad.js';
import {
  type Activity,
  type ActivityRange,
  ago,
  count,
  duration,
  percent,
  RANGES,
  reasonLabel,
} from './activityTypes.js';
import { LoginsChart } from './LoginsChart.js';

export function ActivityPage() {
  const [range, setRange] = useState<ActivityRange>('hour');
  const activity = useLoad(() => api<Activity>('GET', '/v1/mgmt/notp/activity', undefined, { range }), [range]);
  const label = RANGES.find(([key]) => key === range)?.[1] ?? range;
  const data = activity.data;
  return (
    <>
      <PageTitle>Activity</PageTitle>
      <div class="toolbar">
        {/* biome-ignore lint/a11y/useSemanticElements: Pico CSS draws role=group as one bar of buttons */}
        <div role="group" aria-label="Time range">
          {RANGES.map(([key, text]) => (
            <button
              key={key}
              type="button"
              class={key === range ? undefined : 'secondary outline'}
              aria-pressed={key === range}
              onClick={() => setRange(key)}
            >
              {text}
            </button>
          ))}
        </div>
        <button type="button" class="secondary outline" onClick={activity.reload} aria-busy={activity.loading}>
          Refresh
        </button>
      </div>
      <ErrorNotice error={activity.error} />
      {data ? (
        <div aria-busy={activity.loading}>
          <section aria-labelledby="logins-heading">
            <h2 id="logins-heading">Logins over time</h2>
            <LoginsChart activity={data} title={`Logins, ${label.toLowerCase()}`} />
          </section>
          <div class="grid">
            <Funnel funnel={data.funnel} />
            <CompletionTime completion={data.completionMs} />
          </div>
          <div class="grid">
            <Failures failures={data.failures} />
            <Provider provider={data.provider} now={data.to} />
          </div>
        </div>
      ) : (
        <p aria-busy={activity.loading}>Loading the activity…</p>
      )}
    </>
  );
}

/** Horizontal bars, one per row: label, number, and a bar as wide as its share of `max`. */
function Bars(props: { id: string; rows: { label: string; value: number; note?: string }[]; max: number }) {
  return (
    <table class="bars" aria-labelledby={props.id}>
      <tbody>
        {props.rows.map((row) => (
          <tr key={row.label}>
            <th scope="row">{row.label}</th>
            <td class="bar-cell">
              <span class="bar" style={{ width: `${props.max === 0 ? 0 : (row.value / props.max) * 100}%` }} />
            </td>
            <td class="number">
              {count(row.value)}
              {row.note ? <small> {row.note}</small> : null}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Funnel(props: { funnel: Activity['funnel'] }) {
  const { started, received, completed } = props.funnel;
  return (
    <section aria-labelledby="funnel-heading">
      <h2 id="funnel-heading">Funnel</h2>
      <Bars
        id="funnel-heading"
        max={started}
        rows={[
          { label: 'Started', value: started },
          {
            label: 'Message received',
            value: received,
            note: `(${percent(received, started)}; ${count(Math.max(0, started - received))} dropped)`,
          },
          {
            label: 'Completed',
            value: completed,
            note: `(${percent(completed, started)}; ${count(Math.max(0, received - completed))} dropped)`,
          },
        ]}
      />
    </section>
  );
}

function CompletionTime(props: { completion: Activity['completionMs'] }) {
  const { p50, p95, count: n } = props.completion;
  return (
    <section aria-labelledby="completion-heading">
      <h2 id="completion-heading">Completion time</h2>
      <dl class="stats">
        <div>
          <dt>Median (p50)</dt>
          <dd>{duration(p50)}</dd>
        </div>
        <div>
          <dt>p95</dt>
          <dd>{duration(p95)}</dd>
        </div>
        <div>
          <dt>Completed logins</dt>
          <dd>{count(n)}</dd>
        </div>
      </dl>
      <small>
        From start to the user's WhatsApp message verifying the login (upper bound of its histogram bucket).
      </small>
    </section>
  );
}

function Failures(props: { failures: Activity['failures'] }) {
  const rows = props.failures.map((f) => ({ label: reasonLabel(f.reason), value: f.count }));
  return (
    <section aria-labelledby="failures-heading">
      <h2 id="failures-heading">Failures by reason</h2>
      {rows.length === 0 ? (
        <p>No failed logins in this period.</p>
      ) : (
        <Bars id="failures-heading" rows={rows} max={Math.max(...rows.map((r) => r.value))} />
      )}
    </section>
  );
}

function Provider(props: { provider: Activity['provider']; now: number }) {
  const p = props.provider;
  const now = Math.min(props.now, Date.now());
  return (
    <section aria-labelledby="provider-heading">
      <h2 id="provider-heading">WhatsApp provider</h2>
      {p.repliesFailed > 0 ? (
        <p class="notice warning" role="alert">
          {count(p.repliesFailed)} {p.repliesFailed === 1 ? 'reply' : 'replies'} could not be sent in this period. Check
          the provider's credentials and status.
        </p>
      ) : null}
      <dl class="stats">
        <div>
          <dt>Provider</dt>
          <dd>{p.name}</dd>
        </div>
        <div>
          <dt>Last webhook received</dt>
          <dd>
            {p.lastWebhookAt === null ? (
              'never'
            ) : (
              <time dateTime={new Date(p.lastWebhookAt).toISOString()}>{ago(p.lastWebhookAt, now)}</time>
            )}
          </dd>
        </div>
        <div>
          <dt>Replies sent</dt>
          <dd>{count(p.repliesSent)}</dd>
        </div>
        <div>
          <dt>Replies failed</dt>
          <dd>{count(p.repliesFailed)}</dd>
        </div>
        <div>
          <dt>Replies retried</dt>
          <dd>{count(p.repliesRetried)}</dd>
        </div>
      </dl>
    </section>
  );
}
