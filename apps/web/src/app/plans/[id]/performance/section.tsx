import { NextIntlClientProvider } from 'next-intl';
import { getLocale, getMessages, getTranslations } from 'next-intl/server';
import { api } from '@/api/client';
import type { View } from './query';
import { PerformanceView } from './view';
import { slim } from './series';
import { Empty } from './empty';

/**
 * Delivery against plan, first drawn on the server for the view the link asks for (so a shared
 * link shows its numbers at once); the switches then work in the browser.
 */
export async function Performance({ planId, view }: { planId: string; view: View }) {
  const locale = await getLocale();
  const { data } = await (await api()).GET('/api/v1/media-plans/{id}/performance', { params: { path: { id: planId }, query: { grain: view.grain, by: view.by } } });
  // Nothing to chart: no figures go to the browser (a 2,000-line plan's would weigh megabytes).
  if (data && !data.groups.some((g) => g.matched)) {
    const t = await getTranslations('performance');
    return <Empty title={t('title')} text={t('empty')} hint={t('emptyHint')} />;
  }
  const messages = (await getMessages()) as { performance: Record<string, unknown>; connections: { platforms: Record<string, string> } };
  return (
    <NextIntlClientProvider locale={locale} messages={{ performance: messages.performance, connections: { platforms: messages.connections.platforms } }} timeZone="Europe/Moscow">
      <PerformanceView planId={planId} initial={data ? slim(data, view.row) : null} />
    </NextIntlClientProvider>
  );
}
