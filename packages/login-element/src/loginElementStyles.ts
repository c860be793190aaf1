// loginElementStyles: the element's shadow-DOM stylesheet (no external assets); narrow or touch screens get a button.
export const loginElementStyles = `
:host { display: inline-block; font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #111b21; }
:host([hidden]) { display: none; }
.box { box-sizing: border-box; width: 100%; max-width: 320px; padding: 16px; border: 1px solid #d1d7db; border-radius: 12px;
  background: #fff; text-align: center; }
.title { margin: 0 0 12px; font-size: 1.1em; font-weight: 600; }
.qr { display: block; width: 220px; height: 220px; margin: 0 auto 8px; image-rendering: pixelated; }
.hint, .status { margin: 8px 0; font-size: 0.9em; color: #54656f; }
.status.error { color: #b3261e; }
.link { color: #008069; font-size: 0.9em; }
.open { display: none; padding: 12px 20px; border-radius: 24px; background: #25d366; color: #fff; font-weight: 600;
  text-decoration: none; }
button.restart { padding: 8px 16px; border: 1px solid #008069; border-radius: 20px; background: #fff; color: #008069;
  font: inherit; cursor: pointer; }
[hidden] { display: none !important; }
@media (max-width: 600px), (pointer: coarse) {
  .qr, .hint, .link { display: none; }
  .open { display: inline-block; }
}
`;
