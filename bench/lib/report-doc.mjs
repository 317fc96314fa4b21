// A plan-vs-actual report document of any size, Russian, with money, dates, percent and totals:
// what the renderer benchmarks lay out.
const PARTNERS = ['Яндекс Директ', 'VK Реклама', 'Первый канал', 'Европа Плюс', 'Ozon', 'Gallery', 'Ёлка «Медиа»'];
const CHANNELS = ['Digital', 'TV', 'Radio', 'OOH'];

const kopecks = (k) => `${k / 100n}.${String(k % 100n).padStart(2, '0')}`;
const signed = (k) => (k < 0n ? `-${kopecks(-k)}` : kopecks(k));

export function planVsActualDoc(lines) {
  let plan = 0n;
  let fact = 0n;
  let imps = 0;
  const rows = Array.from({ length: lines }, (_, i) => {
    const p = 150_000_00n + BigInt((i * 7_919_37) % 900_000_000) + BigInt(i % 100);
    const f = (p * BigInt(80 + ((i * 13) % 35))) / 100n;
    const month = String((i % 9) + 1).padStart(2, '0');
    plan += p;
    fact += f;
    imps += 1_000_000 + i * 12_345;
    return {
      n: i + 1,
      channel: CHANNELS[i % CHANNELS.length],
      partner: `${PARTNERS[i % PARTNERS.length]} — размещение ${i + 1}`,
      start: `2026-${month}-01`,
      end: `2026-${month}-28`,
      plan: kopecks(p),
      fact: kopecks(f),
      delta: signed(f - p),
      rate: Number(f) / Number(p),
      imps: 1_000_000 + i * 12_345,
    };
  });
  const money = (key, label) => ({ key, label, kind: 'money', currency: 'RUB', width: 1.4 });
  return {
    locale: 'ru',
    title: 'План-факт — «Весна 2026»',
    subtitle: 'Клиент: АО «Ёлка и Ко»',
    generatedAt: new Date(),
    fileStem: 'План-факт — Весна 2026',
    orientation: 'landscape',
    sections: [
      { kind: 'facts', items: [{ label: 'Клиент', value: 'АО «Ёлка и Ко»' }, { label: 'Период', value: '01.01.2026–30.09.2026' }] },
      {
        kind: 'table',
        title: 'План-факт по размещениям',
        columns: [
          { key: 'n', label: '№', kind: 'integer', width: 0.5 },
          { key: 'channel', label: 'Канал', kind: 'text', width: 1 },
          { key: 'partner', label: 'Площадка', kind: 'text', width: 2.2 },
          { key: 'start', label: 'Начало', kind: 'date', width: 1 },
          { key: 'end', label: 'Окончание', kind: 'date', width: 1 },
          money('plan', 'План'),
          money('fact', 'Факт'),
          money('delta', 'Отклонение'),
          { key: 'rate', label: 'Исполнение', kind: 'percent', width: 0.9 },
          { key: 'imps', label: 'Показы', kind: 'integer', width: 1.2 },
        ],
        rows,
        totals: { channel: 'Итого', plan: kopecks(plan), fact: kopecks(fact), delta: signed(fact - plan), rate: Number(fact) / Number(plan), imps },
      },
    ],
  };
}

