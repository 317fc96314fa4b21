'use client';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { compactMoney, count } from '@/lib/format';

export interface BarDatum {
  label: string;
  value: number;
  /** The exact value as the page shows it (money or a count, in the page's language). */
  text: string;
}

const ACCENT = '#0b57d0';

/**
 * A bar chart for people who can see it. It is hidden from assistive technology: every chart on
 * the site sits under a title with the same numbers in a table next to it.
 */
export function Bars({ data, locale, currency, series, horizontal = false }: { data: BarDatum[]; locale: string; currency?: string; series: string; horizontal?: boolean }) {
  const tick = (v: number) => (currency ? compactMoney(v, currency, locale) : count(v, locale));
  const height = horizontal ? Math.max(140, 40 + data.length * 34) : 240;
  return (
    <div aria-hidden="true" className="bars" style={{ height }}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} layout={horizontal ? 'vertical' : 'horizontal'} accessibilityLayer={false} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={!horizontal} horizontal={horizontal ? false : true} />
          {horizontal ? (
            <>
              <XAxis type="number" tickFormatter={tick} />
              <YAxis type="category" dataKey="label" width={140} />
            </>
          ) : (
            <>
              <XAxis dataKey="label" />
              <YAxis tickFormatter={tick} width={currency ? 88 : 56} allowDecimals={false} />
            </>
          )}
          <Tooltip formatter={(_value, _name, item) => [(item.payload as BarDatum).text, series]} cursor={{ fill: '#e8f0fe' }} />
          <Bar dataKey="value" name={series} fill={ACCENT} isAnimationActive={false} maxBarSize={48} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
