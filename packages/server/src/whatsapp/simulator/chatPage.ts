// chatPage: the simulator's WhatsApp-like chat page (one self-contained HTML document, no external assets).

/** HTML-escapes text for element content and quoted attribute values. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"'`]/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * The page a simulator-mode `redirectUrl` opens: the prefilled message as an editable draft, a "Send as" phone
 * field (remembered in localStorage) and a Send button; then the replies appear, reply buttons tappable.
 * Everything interpolated is escaped; the script reads its inputs from the DOM, never from interpolated JS.
 */
export function chatPage(p: { businessNumber: string; text: string; nonce: string }): string {
  const number = escapeHtml(p.businessNumber);
  const nonce = escapeHtml(p.nonce);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>WhatsApp simulator</title>
<link rel="icon" href="data:,">
<style nonce="${nonce}">
  * { box-sizing: border-box; }
  body { margin: 0; font: 15px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; background: #e5ddd5; color: #111b21; }
  .app { max-width: 560px; margin: 0 auto; min-height: 100vh; display: flex; flex-direction: column; background: #efeae2; }
  header { background: #008069; color: #fff; padding: 12px 16px; display: flex; gap: 12px; align-items: center; }
  header .avatar { width: 36px; height: 36px; border-radius: 50%; background: #25d366; display: grid; place-items: center; font-weight: 700; }
  header h1 { font-size: 16px; margin: 0; font-weight: 600; }
  header p { margin: 0; font-size: 12px; opacity: .85; }
  .sender { background: #f0f2f5; padding: 8px 16px; display: flex; gap: 8px; align-items: center; font-size: 13px; border-bottom: 1px solid #d1d7db; }
  .sender input { flex: 1; padding: 6px 8px; border: 1px solid #d1d7db; border-radius: 6px; font: inherit; }
  #chat { flex: 1; padding: 16px; display: flex; flex-direction: column; gap: 6px; overflow-y: auto; }
  .bubble { max-width: 80%; padding: 6px 10px 4px; border-radius: 8px; box-shadow: 0 1px .5px rgba(0,0,0,.13); white-space: pre-wrap; word-wrap: break-word; }
  .bubble time { display: block; text-align: right; font-size: 11px; color: #667781; }
  .out { align-self: flex-end; background: #d9fdd3; }
  .in { align-self: flex-start; background: #fff; }
  .choices { display: flex; flex-direction: column; gap: 4px; margin-top: 6px; }
  .choices button { border: 0; border-top: 1px solid #e9edef; background: #fff; color: #027eb5; padding: 8px; font: inherit; cursor: pointer; }
  .choices button:disabled { color: #8696a0; cursor: default; }
  .note { align-self: center; font-size: 12px; background: #fff5c4; padding: 4px 10px; border-radius: 6px; }
  form.compose { display: flex; gap: 8px; padding: 8px; background: #f0f2f5; align-items: flex-end; }
  form.compose textarea { flex: 1; min-height: 44px; max-height: 160px; resize: vertical; padding: 10px 12px; border: 0; border-radius: 8px; font: inherit; }
  form.compose button { background: #00a884; color: #fff; border: 0; border-radius: 22px; padding: 0 18px; height: 44px; font: inherit; font-weight: 600; cursor: pointer; }
  form.compose button:disabled { background: #8696a0; }
  #status { min-height: 18px; padding: 0 16px 8px; font-size: 12px; color: #b42318; background: #f0f2f5; }
</style>
</head>
<body>
<div class="app">
  <header>
    <div class="avatar" aria-hidden="true">W</div>
    <div><h1>WhatsApp simulator — business ${number}</h1><p>Messages here go through notp's real webhook, signed as WhatsApp signs them.</p></div>
  </header>
  <div class="sender">
    <label for="from">Send as</label>
    <input type="tel" id="from" name="from" placeholder="+1 650 555 1234" autocomplete="tel" required>
  </div>
  <main id="chat" aria-live="polite"></main>
  <form class="compose" id="compose">
    <label for="text" hidden>Message</label>
    <textarea id="text" name="text" rows="2">${escapeHtml(p.text)}</textarea>
    <button type="submit" id="send">Send</button>
  </form>
  <div id="status" role="status"></div>
</div>
<script nonce="${nonce}">
(() => {
  const KEY = 'notp.simulator.from';
  const POLL_MS = 700, POLL_FOR_MS = 10 * 60 * 1000;
  const $ = (id) => document.getElementById(id);
  const from = $('from'), text = $('text'), chat = $('chat'), status = $('status'), send = $('send');
  try { from.value = localStorage.getItem(KEY) || ''; } catch {}
  from.addEventListener('change', () => { try { localStorage.setItem(KEY, from.value.trim()); } catch {} });

  let shown = 0, pollUntil = 0, polling = false, phone = '';
  const clock = (at) => new Date(at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  function bubble(kind, body, at) {
    const div = document.createElement('div');
    div.className = 'bubble ' + kind;
    div.textContent = body;
    const t = document.createElement('time');
    t.textContent = clock(at);
    div.appendChild(t);
    chat.appendChild(div);
    chat.scrollTop = chat.scrollHeight;
    return div;
  }
  function note(body) {
    const div = document.createElement('div');
    div.className = 'note';
    div.textContent = body;
    chat.appendChild(div);
  }
  async function replies() {
    const res = await fetch('messages?to=' + encodeURIComponent(phone), { cache: 'no-store' });
    const body = await res.json();
    if (!res.ok) throw new Error(body.errorMessage || body.errorDescription || 'error');
    return body.messages;
  }
  async function poll() {
    if (polling) return;
    polling = true;
    try {
      while (Date.now() < pollUntil) {
        const list = await replies().catch(() => null);
        if (list) for (const m of list.slice(shown)) {
          const div = bubble('in', m.text, m.at);
          if (m.buttons) {
            const box = document.createElement('div');
            box.className = 'choices';
            for (const b of m.buttons) {
              const btn = document.createElement('button');
              btn.type = 'button';
              btn.textContent = b.title;
              btn.addEventListener('click', () => {
                for (const x of box.querySelectorAll('button')) x.disabled = true;
                deliver({ from: phone, buttonId: b.id }, b.title);
              });
              box.appendChild(btn);
            }
            div.insertBefore(box, div.lastChild);
          }
        }
        if (list) shown = list.length;
        await new Promise((r) => setTimeout(r, POLL_MS));
      }
    } finally { polling = false; }
  }
  async function deliver(payload, shownText) {
    status.textContent = '';
    send.disabled = true;
    try {
      const res = await fetch('messages', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(payload) });
      const body = await res.json().catch(() => ({}));
      if (!res.ok) { status.textContent = body.errorMessage || body.errorDescription || ('HTTP ' + res.status); return false; }
      bubble('out', shownText, Date.now());
      pollUntil = Date.now() + POLL_FOR_MS;
      poll();
      return true;
    } catch (e) {
      status.textContent = 'Could not reach the server: ' + e.message;
      return false;
    } finally { send.disabled = false; }
  }
  $('compose').addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const value = from.value.trim();
    if (!value) { status.textContent = 'Enter the phone number to send as (international format, e.g. +1 650 555 1234).'; from.focus(); return; }
    try { localStorage.setItem(KEY, value); } catch {}
    if (value !== phone) {
      phone = value;
      // Replies sent to this phone before now are history, not answers to this message.
      shown = (await replies().catch(() => [])).length;
    }
    const body = text.value;
    if (!body.trim()) return;
    if (await deliver({ from: value, text: body }, body)) text.value = '';
  });
  if (!text.value) note('Type a message, or open this page from a login link to get the prefilled one.');
})();
</script>
</body>
</html>
`;
}
