import { useCallback, useEffect, useState } from 'react';
import { parseRoute, routePath, type Route } from './routes';

export interface RouteControl {
  readonly route: Route;
  /** Goes to `route` as a new history entry (back returns here), keeping the page's query (`?transport=`). */
  readonly navigate: (route: Route) => void;
}

/** The route in the address bar, following back and forward. */
export function useRoute(): RouteControl {
  const [route, setRoute] = useState<Route>(() => parseRoute(window.location.pathname));

  useEffect(() => {
    const onPopState = () => setRoute(parseRoute(window.location.pathname));
    window.addEventListener('popstate', onPopState);
    return () => window.removeEventListener('popstate', onPopState);
  }, []);

  const navigate = useCallback((next: Route) => {
    const path = routePath(next);
    if (path !== window.location.pathname)
      window.history.pushState(null, '', `${path}${window.location.search}`);
    setRoute(next);
  }, []);

  return { route, navigate };
}
