import { API_URL, sessionHeaders } from '@/api/client';
import { readView } from './query';
import { slim, type PlanPerformance } from './series';

/**
 * The performance figures for another grain, breakdown or row, for the page's switches: the browser
 * holds no token, so the web server asks the API for it. Re-rendering the whole plan page instead
 * would send the editor's lines again on every switch.
 */
export async function GET(req: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const query = new URL(req.url).searchParams;
  const { grain, by, row } = readView((k) => query.get(k));
  const res = await fetch(`${API_URL}/api/v1/media-plans/${encodeURIComponent(id)}/performance?${new URLSearchParams({ grain, by })}`, { headers: await sessionHeaders() });
  if (!res.ok) return new Response(res.body, { status: res.status, headers: { 'content-type': res.headers.get('content-type') ?? 'application/json' } });
  return Response.json(slim((await res.json()) as PlanPerformance, row), { headers: { 'cache-control': 'no-store' } });
}
