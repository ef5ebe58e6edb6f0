/**
 * Strapi 5 puts every route of every plugin in one @koa/router (557 here), and the router finds
 * a request's route by testing each route's regular expression in turn, on every request: the
 * largest single cost of an authenticated request after the work itself (issue 15's profile,
 * about a tenth of a transfer's CPU over HTTP). Which routes match depends only on the method,
 * the path and the routes, so the answer is kept per method and path.
 *
 * - The routes are fixed once Strapi has booted; should their number change, everything kept is
 *   dropped.
 * - At most MAX_KEPT answers are kept (paths carry ids); past that the cache starts again, so
 *   requests for endless different paths cost what they cost without it, and no more memory.
 * - The router adds the matched layers to `ctx.matched` and may push to that list, so each
 *   request gets its own copy of the list (not of the layers).
 */

/** What @koa/router 12's `Router.prototype.match` answers (lib/router.js). */
interface Matched {
  path: unknown[];
  pathAndMethod: unknown[];
  route: boolean;
}

export interface MatchingRouter {
  stack: unknown[];
  match(path: string, method: string): Matched;
}

const MAX_KEPT = 5000;

export function keepRouteMatches(router: MatchingRouter): void {
  const match = router.match.bind(router);
  const kept = new Map<string, Matched>();
  let routes = router.stack.length;
  router.match = (path: string, method: string): Matched => {
    if (router.stack.length !== routes) {
      kept.clear();
      routes = router.stack.length;
    }
    const key = `${method} ${path}`;
    let answer = kept.get(key);
    if (!answer) {
      if (kept.size >= MAX_KEPT) kept.clear();
      answer = match(path, method);
      kept.set(key, {
        path: [...answer.path],
        pathAndMethod: answer.pathAndMethod,
        route: answer.route,
      });
    }
    return { path: [...answer.path], pathAndMethod: answer.pathAndMethod, route: answer.route };
  };
}
