import { api } from '@/api/client';

/**
 * The partners a plan's lines name, for the insertion order's partner choice: the form asks for them
 * when a plan is chosen (the browser holds no token, so the web server asks the API).
 */
export async function GET(req: Request) {
  const planId = new URL(req.url).searchParams.get('planId') ?? '';
  if (!/^[0-9a-f-]{36}$/i.test(planId)) return Response.json({ partners: [] }, { status: 400 });
  const { data, response } = await (await api()).GET('/api/v1/media-plans/{planId}/line-items', { params: { path: { planId } } });
  if (!data) return Response.json({ partners: [] }, { status: response.status });
  const partners = [...new Set(data.items.map((l) => l.partner?.trim()).filter((p): p is string => !!p))].sort((a, b) => a.localeCompare(b));
  return Response.json({ partners }, { headers: { 'cache-control': 'no-store' } });
}
