// SettingsPage: the project's name and settings (docs/settings.md) and its message texts, saved by one "Save" button.
import { useEffect, useState } from 'preact/hooks';
import { api } from '../../api.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { PageTitle } from '../../components/PageTitle.js';
import { useLoad } from '../../components/useLoad.js';
import { useSession } from '../../session.js';
import { changesOf, type Draft, draftOf, type ProjectView, RATE_LIMIT_RULES, TTL_FIELDS } from './settingsForm.js';
import { TemplatesEditor } from './TemplatesEditor.js';

export function SettingsPage() {
  const project = useLoad(() => api<ProjectView>('GET', '/v1/mgmt/notp/project'), []);
  return (
    <>
      <PageTitle>Settings</PageTitle>
      <ErrorNotice error={project.error} />
      {project.data ? (
        <SettingsForm project={project.data} onSaved={project.reload} />
      ) : (
        <p aria-busy={project.loading}>Loading the settings…</p>
      )}
    </>
  );
}

function SettingsForm(props: { project: ProjectView; onSaved(): void }) {
  const { refresh } = useSession();
  const [draft, setDraft] = useState<Draft>(() => draftOf(props.project));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  useEffect(() => setDraft(draftOf(props.project)), [props.project]);
  const change = (next: Partial<Draft>) => {
    setDraft((current) => ({ ...current, ...next }));
    setSaved(false);
  };
  const { name, patch } = changesOf(props.project, draft);
  const dirty = name !== undefined || Object.keys(patch).length > 0;

  const save = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setSaved(false);
    try {
      // The settings first: the server checks them as a whole and changes nothing when one is wrong.
      if (Object.keys(patch).length > 0) await api('PATCH', '/v1/mgmt/notp/project/settings', patch);
      if (name !== undefined) {
        await api('POST', '/v1/mgmt/project/update/name', { name });
        await refresh();
      }
      setSaved(true);
      props.onSaved();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  const rule = (key: (typeof RATE_LIMIT_RULES)[number][0], part: 'limit' | 'windowMs', value: string) =>
    change({ rateLimits: { ...draft.rateLimits, [key]: { ...draft.rateLimits[key], [part]: value } } });

  return (
    <form onSubmit={save} aria-describedby="settings-result">
      <section aria-labelledby="general-heading">
        <h2 id="general-heading">App</h2>
        <label>
          App name
          <input
            name="name"
            value={draft.name}
            maxLength={60}
            required
            aria-describedby="name-help"
            onInput={(e) => change({ name: e.currentTarget.value })}
          />
        </label>
        <small class="help" id="name-help">
          The name WhatsApp messages show ("Log in to …").
        </small>
        <label>
          Allowed origins
          <textarea
            name="allowedOrigins"
            rows={4}
            spellcheck={false}
            aria-describedby="origins-help"
            value={draft.allowedOrigins}
            onInput={(e) => change({ allowedOrigins: e.currentTarget.value })}
          />
        </label>
        <small class="help" id="origins-help">
          One browser origin a line, e.g. https://app.example.com, or http://localhost:* for any port.
        </small>
      </section>

      <section aria-labelledby="tokens-heading">
        <h2 id="tokens-heading">Sessions and tokens</h2>
        <div class="grid">
          {TTL_FIELDS.map(([key, label]) => (
            <label key={key}>
              {label}
              <input
                type="number"
                name={key}
                inputMode="numeric"
                value={draft.ttl[key]}
                onInput={(e) => change({ ttl: { ...draft.ttl, [key]: e.currentTarget.value } })}
              />
            </label>
          ))}
        </div>
        <label>
          <input
            type="checkbox"
            name="refreshRotation"
            checked={draft.refreshRotation}
            onChange={(e) => change({ refreshRotation: e.currentTarget.checked })}
          />
          Refresh token rotation
        </label>
        <label>
          <input
            type="checkbox"
            name="confirmation"
            checked={draft.confirmation}
            onChange={(e) => change({ confirmation: e.currentTarget.checked })}
          />
          Confirmation step
        </label>
        <small class="help">
          Confirmation: the user answers "Yes, it's me" in WhatsApp before the login completes (against login phishing).
        </small>
        <div class="grid">
          <label>
            Token delivery
            <select
              name="tokenDelivery"
              value={draft.tokenDelivery}
              onChange={(e) => change({ tokenDelivery: e.currentTarget.value as Draft['tokenDelivery'] })}
            >
              <option value="body">In the response body</option>
              <option value="cookies">As cookies (DS / DSR)</option>
            </select>
          </label>
          <label>
            Cookie domain
            <input
              name="cookieDomain"
              value={draft.cookieDomain}
              placeholder="host-only"
              spellcheck={false}
              onInput={(e) => change({ cookieDomain: e.currentTarget.value })}
            />
          </label>
          <label>
            Signing algorithm
            <select
              name="signingAlg"
              value={draft.signingAlg}
              aria-describedby="alg-help"
              onChange={(e) => change({ signingAlg: e.currentTarget.value as Draft['signingAlg'] })}
            >
              <option value="RS256">RS256</option>
              <option value="ES256">ES256</option>
              <option value="EdDSA">EdDSA</option>
            </select>
          </label>
        </div>
        <small class="help" id="alg-help">
          The signing algorithm applies from the next signing key (Keys: "Rotate signing key").
        </small>
      </section>

      <section aria-labelledby="limits-heading">
        <h2 id="limits-heading">Rate limits</h2>
        <p>
          <small>
            Leave both fields empty to use the server's limit. A window is in milliseconds (1,000 – 86,400,000).
          </small>
        </p>
        <div class="table-scroll">
          <table class="rate-limits">
            <thead>
              <tr>
                <th scope="col">Rule</th>
                <th scope="col" id="rate-limit">
                  Limit
                </th>
                <th scope="col" id="rate-window">
                  Window (ms)
                </th>
              </tr>
            </thead>
            <tbody>
              {RATE_LIMIT_RULES.map(([key, label]) => (
                <tr key={key}>
                  <th scope="row" id={`rule-${key}`}>
                    {label}
                  </th>
                  <td>
                    <input
                      type="number"
                      inputMode="numeric"
                      name={`${key}.limit`}
                      aria-labelledby={`rule-${key} rate-limit`}
                      value={draft.rateLimits[key].limit}
                      onInput={(e) => rule(key, 'limit', e.currentTarget.value)}
                    />
                  </td>
                  <td>
                    <input
                      type="number"
                      inputMode="numeric"
                      name={`${key}.windowMs`}
                      aria-labelledby={`rule-${key} rate-window`}
                      value={draft.rateLimits[key].windowMs}
                      onInput={(e) => rule(key, 'windowMs', e.currentTarget.value)}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <TemplatesEditor
        templates={draft.templates}
        saved={props.project}
        onChange={(templates) => change({ templates })}
      />

      <div class="save-bar" id="settings-result">
        <ErrorNotice error={error} />
        <p role="status">{saved ? 'Saved' : ''}</p>
        <button type="submit" aria-busy={busy} disabled={busy || !dirty}>
          Save
        </button>
      </div>
    </form>
  );
}
