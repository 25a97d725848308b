import { inviteLink, parseRoute, routePath, type Route } from './routes';

describe('routes', () => {
  it.each<[string, Route]>([
    ['/', { page: 'lobby' }],
    ['/ticker', { page: 'ticker' }],
    ['/rooms/lobby', { page: 'room', room: 'lobby' }],
    ['/rooms/team-7.alpha/', { page: 'room', room: 'team-7.alpha' }],
    ['/rooms/admin%3Alobby', { page: 'room', room: 'admin:lobby' }],
    ['/rooms/lobby/notes', { page: 'notes', room: 'lobby' }],
  ])('reads %s', (path, route) => {
    expect(parseRoute(path)).toEqual(route);
  });

  it.each([
    '/rooms/',
    '/rooms/has space',
    '/rooms/%E0%A4%A',
    `/rooms/${'x'.repeat(65)}`,
    '/rooms/a/b',
    '/nowhere',
    '/rooms/%2F',
  ])('takes %s for the lobby', (path) => expect(parseRoute(path)).toEqual({ page: 'lobby' }));

  it('writes each route as a path that reads back as it', () => {
    const routes: Route[] = [
      { page: 'lobby' },
      { page: 'ticker' },
      { page: 'room', room: 'admin:lobby' },
      { page: 'notes', room: 'r.1' },
    ];
    for (const route of routes) expect(parseRoute(routePath(route))).toEqual(route);
    expect(routePath({ page: 'notes', room: 'lobby' })).toBe('/rooms/lobby/notes');
  });

  it('makes invite links to a room on this origin', () => {
    expect(inviteLink('https://pulse.example', 'lobby')).toBe('https://pulse.example/rooms/lobby');
  });
});
