import { StrictMode, Suspense, lazy, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { authProvider, getToken } from './authProvider';
import { LoginForm, storeLoginLang, storedLoginLang, type LoginLang } from './login/LoginForm';

/**
 * The console's first page. Signed out, it is the sign-in form alone (React and one small file);
 * react-admin, MUI and the screens are fetched when the person presses 登录, alongside the
 * sign-in request, and rendered once it succeeds. Signed in, the console loads at once.
 */
const loadConsole = () => import('./App');
const App = lazy(() => loadConsole().then((m) => ({ default: m.App })));

function SignInFirst() {
  const [lang, setLang] = useState<LoginLang>(storedLoginLang);
  const [signedIn, setSignedIn] = useState(() => getToken() !== null);
  if (signedIn)
    return (
      <Suspense fallback={null}>
        <App />
      </Suspense>
    );
  const signIn = async (username: string, password: string) => {
    // Fetched while the server checks the password; a failure here shows when it is awaited.
    void loadConsole().catch(() => undefined);
    const done = await authProvider.login({ username, password });
    // As react-admin's own login does: a role's landing page, else the page asked for (a deep
    // link stays in the address), else the dashboard.
    const landing = done && typeof done === 'object' ? done.redirectTo : undefined;
    if (typeof landing === 'string') window.location.hash = `#${landing}`;
    else if (/^(#\/?)?$|^#\/login\b/.test(window.location.hash)) window.location.hash = '#/';
    await loadConsole();
    setSignedIn(true);
  };
  return (
    <LoginForm
      onSignIn={signIn}
      lang={lang}
      onLang={(l) => {
        storeLoginLang(l);
        setLang(l);
      }}
    />
  );
}

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <SignInFirst />
  </StrictMode>,
);
