// Writes docs/examples/vesna-2027.xlsx: a 50-line plan as a planner keeps it in Excel (Russian
// headers, a title row above the table, numbers as numbers), used by the README walk-through.
import ExcelJS from 'exceljs';
import { fileURLToPath } from 'node:url';

const OUT = fileURLToPath(new URL('../docs/examples/vesna-2027.xlsx', import.meta.url));
const PARTNERS = [
  ['Digital', 'Яндекс', 'Яндекс Директ', 'Поиск', 'cpc', 38.5],
  ['Digital', 'VK', 'VK Реклама', 'Баннер 240×400', 'cpm', 210],
  ['TV', 'Первый канал', 'Первый канал', 'Ролик 20 с', 'cpp', 185000],
  ['OOH', 'Gallery', 'Билборды Москва', 'Щит 3×6', 'flat_rate', 450000],
  ['Radio', 'Европа Плюс', 'Европа Плюс', 'Ролик 30 с', 'cpp', 22000],
  ['Digital', 'Ozon', 'Ozon Реклама', 'Товарная полка', 'cpc', 12.4],
];
const wb = new ExcelJS.Workbook();
const ws = wb.addWorksheet('Медиаплан');
ws.addRow(['Медиаплан «Весна 2027»', '', 'Клиент: ООО «Ромашка»']);
ws.addRow([]);
ws.addRow(['Название', 'Канал', 'Партнёр', 'Площадка', 'Формат', 'Начало', 'Окончание', 'Модель закупки', 'Ставка', 'Объём', 'Бюджет', 'Показы', 'Клики', 'erid']);
for (let i = 0; i < 50; i++) {
  const [channel, partner, vehicle, format, model, rate] = PARTNERS[i % PARTNERS.length];
  const month = 3 + (i % 3);
  const units = model === 'flat_rate' ? 1 : model === 'cpp' ? 40 + (i % 7) * 5 : model === 'cpm' ? 2_000_000 + i * 10_000 : 8_000 + i * 100;
  const cost = model === 'cpm' ? (rate * units) / 1000 : rate * units;
  ws.addRow([
    `${vehicle} — волна ${i + 1}`,
    channel,
    partner,
    vehicle,
    format,
    new Date(Date.UTC(2027, month - 1, 1)),
    new Date(Date.UTC(2027, month - 1, 28)),
    model,
    rate,
    units,
    Math.round(cost * 100) / 100,
    model === 'cpm' ? units : null,
    model === 'cpc' ? units : null,
    `Kra${(100000 + i).toString(36)}`,
  ]);
}
ws.getColumn(6).numFmt = 'dd.mm.yyyy';
ws.getColumn(7).numFmt = 'dd.mm.yyyy';
ws.getColumn(11).numFmt = '#,##0.00 "₽"';
await wb.xlsx.writeFile(OUT);
console.log(`wrote ${OUT}`);
