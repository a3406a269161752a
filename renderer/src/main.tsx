import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { chooseApi } from './api/client';
import { useConnection } from './shell/connection';
import './styles/app.css';

const rootEl = document.getElementById('root');
if (!rootEl) throw new Error('index.html must contain <div id="root">');
const { api, transport } = chooseApi(window, (state) => useConnection.getState().set(state));

createRoot(rootEl).render(
  <StrictMode>
    <App api={api} transport={transport} />
  </StrictMode>,
);
