// main: the console's entry point — the stylesheets and the app, rendered into #app.
import '@picocss/pico/css/pico.min.css';
import './styles.css';
import { render } from 'preact';
import { App } from './App.js';

render(<App />, document.getElementById('app') as HTMLElement);
