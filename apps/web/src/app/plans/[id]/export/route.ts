import { API_URL, sessionHeaders } from '@/api/client';

/** Downloads go through the web server, which holds the session; the file streams straight through. */
export async function GET(req: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const query = new URL(req.url).searchParams;
  const upstream = new URLSearchParams({ format: query.get('format') === 'json' ? 'json' : 'xlsx', locale: query.get('locale') === 'en' ? 'en' : 'ru' });
  if (query.get('version')) upstream.set('version', query.get('version')!);
  const res = await fetch(`${API_URL}/api/v1/media-plans/${encodeURIComponent(id)}/export?${upstream}`, { headers: await sessionHeaders() });
  const headers = new Headers();
  for (const h of ['content-type', 'content-disposition', 'cache-control']) {
    const v = res.headers.get(h);
    if (v) headers.set(h, v);
  }
  return new Response(res.body, { status: res.status, headers });
}
