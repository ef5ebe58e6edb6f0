import { StrictMode, Suspense, lazy } from 'react';
import { createRoot } from 'react-dom/client';
import { PublicPage } from './PublicPage';

// A signed-in resident's own page (/f/me) loads only there: a form opened from a QR code, the
// page phones open most, carries React and the form alone.
const MyPage = lazy(() => import('./MyPage').then((m) => ({ default: m.MyPage })));

// The time bank's phone pages load only under /t/: a form opened from a QR code carries none of them.
const TimeBankApp = lazy(() =>
  import('./timebank/TimeBankApp').then((m) => ({ default: m.TimeBankApp })),
);
// The grid worker's page (网格呼叫) likewise loads only under /g/.
const GridApp = lazy(() => import('./cases/GridApp').then((m) => ({ default: m.GridApp })));
// Consultation: a resident's topics and votes under /c/, and the code ballot page /v.
const ConsultationApp = lazy(() =>
  import('./consultation/ConsultationApp').then((m) => ({ default: m.ConsultationApp })),
);
const CodeBallotApp = lazy(() =>
  import('./consultation/CodeBallot').then((m) => ({ default: m.CodeBallotApp })),
);

// /f/me is a signed-in resident's or volunteer's own page; /t/… their time bank; /g/… a grid
// worker's cases; every other /f/… is a form or receipt.
const own = /^\/f\/me\/?$/.test(location.pathname);
const timeBank = /^\/t(\/|$)/.test(location.pathname);
const grid = /^\/g(\/|$)/.test(location.pathname);
const consultation = /^\/c(\/|$)/.test(location.pathname);
const codeBallot = /^\/v\/?$/.test(location.pathname);

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    {timeBank ? (
      <Suspense fallback={null}>
        <TimeBankApp />
      </Suspense>
    ) : grid ? (
      <Suspense fallback={null}>
        <GridApp />
      </Suspense>
    ) : consultation ? (
      <Suspense fallback={null}>
        <ConsultationApp />
      </Suspense>
    ) : codeBallot ? (
      <Suspense fallback={null}>
        <CodeBallotApp />
      </Suspense>
    ) : own ? (
      <Suspense fallback={null}>
        <MyPage />
      </Suspense>
    ) : (
      <PublicPage />
    )}
  </StrictMode>,
);
