import { BinaryRoutes, type BinaryRoute } from './binary-routes';

function route(prefix: string): BinaryRoute {
  return { prefix, admit: async () => ({ ok: true, admitted: undefined }), accept: () => undefined };
}

describe('BinaryRoutes', () => {
  it('matches paths under a prefix that name something after it, and nothing else', () => {
    const routes = new BinaryRoutes();
    const collab = route('/collab/');
    routes.register(collab);
    expect(routes.match('/collab/notes')).toBe(collab);
    expect(routes.match('/collab/a/b')).toBe(collab);
    expect(routes.match('/collab/')).toBeUndefined();
    expect(routes.match('/collab')).toBeUndefined();
    expect(routes.match('/ws')).toBeUndefined();
    expect(routes.match('/collaboration/x')).toBeUndefined();
  });

  it('refuses a prefix without its slashes, and the same prefix twice', () => {
    const routes = new BinaryRoutes();
    expect(() => routes.register(route('/collab'))).toThrow(/starts and ends with/);
    expect(() => routes.register(route('collab/'))).toThrow(/starts and ends with/);
    routes.register(route('/collab/'));
    expect(() => routes.register(route('/collab/'))).toThrow(/twice/);
  });
});
