import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import './app/app.css';
import './features/theme/theme.css';
import './features/admin/admin-console.css';
import { themeOfPage } from './features/theme/theme-controller';

themeOfPage();

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');

createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
