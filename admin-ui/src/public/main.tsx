import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { PublicPage } from './PublicPage';

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <PublicPage />
  </StrictMode>,
);
