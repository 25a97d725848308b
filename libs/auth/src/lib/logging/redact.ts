/** A request target without its query string (tickets live in URLs) or fragment: what logs may show. */
export function pathOf(url: string | undefined): string {
  if (!url) return '/';
  const end = url.search(/[?#]/);
  return end === -1 ? url : url.slice(0, end);
}
