import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { MyPage } from './MyPage';
import { PublicPage } from './PublicPage';

// /f/me is a signed-in resident's or volunteer's own page; every other /f/… is a form or receipt.
const own = /^\/f\/me\/?$/.test(location.pathname);

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>{own ? <MyPage /> : <PublicPage />}</StrictMode>,
);
