import { API_URL, sessionHeaders } from '@/api/client';

/**
 * The Download button: the browser cannot send the session's token, so the web server asks the API
 * for the report's short-lived file link and sends the browser there. When there is no file (not
 * ready yet, or deleted by retention) the report's page says why.
 */
export async function GET(_req: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const res = await fetch(`${API_URL}/api/v1/reports/${encodeURIComponent(id)}/download`, { headers: await sessionHeaders(), redirect: 'manual' });
  const location = res.headers.get('location');
  if (res.status >= 300 && res.status < 400 && location) {
    return new Response(null, { status: 302, headers: { location: new URL(location, API_URL).toString(), 'cache-control': 'private, no-store' } });
  }
  await res.body?.cancel();
  const why = res.status === 410 ? 'expired' : res.status === 409 ? 'not-ready' : 'error';
  // A relative location: the page is on this site whatever name the site is reached by.
  return new Response(null, { status: 303, headers: { location: `/reports/${encodeURIComponent(id)}?file=${why}`, 'cache-control': 'no-store' } });
}
