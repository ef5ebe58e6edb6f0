import { StrictMode, Suspense, lazy } from 'react';
import { createRoot } from 'react-dom/client';
import { MyPage } from './MyPage';
import { PublicPage } from './PublicPage';

// The time bank's phone pages load only under /t/: a form opened from a QR code carries none of them.
const TimeBankApp = lazy(() =>
  import('./timebank/TimeBankApp').then((m) => ({ default: m.TimeBankApp })),
);

// /f/me is a signed-in resident's or volunteer's own page; /t/… their time bank; every other
// /f/… is a form or receipt.
const own = /^\/f\/me\/?$/.test(location.pathname);
const timeBank = /^\/t(\/|$)/.test(location.pathname);

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    {timeBank ? (
      <Suspense fallback={null}>
        <TimeBankApp />
      </Suspense>
    ) : own ? (
      <MyPage />
    ) : (
      <PublicPage />
    )}
  </StrictMode>,
);
