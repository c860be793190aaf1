// main: mounts the React demo page with the project the server named in /demo/config.js.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { type DemoConfig, ReactDemo } from './ReactDemo.js';

const config = (window as Window & { NOTP_CONFIG?: DemoConfig }).NOTP_CONFIG;
const root = document.getElementById('root');
if (root && config) {
  createRoot(root).render(
    <StrictMode>
      <ReactDemo config={config} />
    </StrictMode>,
  );
} else if (root) {
  root.textContent = 'The demo needs /demo/config.js (served by notp in simulator mode).';
}
