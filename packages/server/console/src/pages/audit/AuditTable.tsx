// AuditTable: audit events as rows — time, type, the user concerned, who did it, IP, and what happened.
import type { AuditRecord } from '../../../../src/store/auditPorts.js';
import { Link } from '../../components/Link.js';
import { LocalTime, userPath } from '../users/shared.js';

/** One event as GET /v1/mgmt/notp/audit answers it: the store's record (packages/server/src/store/auditPorts.ts). */
export type AuditEvent = AuditRecord;

/** Events an administrator causes: without an admin user, the management key (or a console signed in with it) did. */
const ADMIN_EVENTS: ReadonlySet<string> = new Set(['management', 'session-revoked', 'key-rotated', 'project-changed']);

function Actor(props: { event: AuditEvent }) {
  const { actorUserId, type } = props.event;
  if (actorUserId) return <Link to={userPath(actorUserId)}>{actorUserId}</Link>;
  return <span>{ADMIN_EVENTS.has(type) ? 'management key' : '—'}</span>;
}

export function AuditTable(props: { events: AuditEvent[] }) {
  return (
    <table class="striped">
      <thead>
        <tr>
          <th scope="col">Time</th>
          <th scope="col">Type</th>
          <th scope="col">User</th>
          <th scope="col">Actor</th>
          <th scope="col">IP</th>
          <th scope="col">Detail</th>
        </tr>
      </thead>
      <tbody>
        {props.events.map((event) => (
          <tr key={event.id}>
            <td>
              <LocalTime at={event.at} />
            </td>
            <td>{event.type}</td>
            <td>{event.userId ? <Link to={userPath(event.userId)}>{event.userId}</Link> : '—'}</td>
            <td>
              <Actor event={event} />
            </td>
            <td>{event.ip || '—'}</td>
            <td>
              {event.reason ? <code>{event.reason}</code> : null}
              {event.reason && event.detail ? ' ' : null}
              {event.detail}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
