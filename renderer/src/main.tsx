import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { installApi } from './api/client.js';
import { App } from './App.js';
import './styles.css';

installApi();
const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
