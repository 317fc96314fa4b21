// Name-based suggestions for matching line items to platform campaigns. Planners name lines after
// the campaign more or less ("VK Реклама — охват, видео" for the VK campaign "Охват — видео"), so
// the score is word overlap with light stemming, nudged by whether the line talks about the
// campaign's platform and whether their dates meet. A suggestion is only ever a suggestion: the
// planner confirms it.
import type { CampaignSuggestion, PlatformCampaign } from '@mrm/contracts';

export interface LineForMatching {
  name: string;
  channel: string | null;
  partner: string | null;
  startDate: string;
  endDate: string;
}

const PLATFORM_WORDS: Record<string, string[]> = {
  vk_ads: ['vk', 'вк', 'вконтакте', 'vkontakte', 'mytarget'],
  yandex_direct: ['яндекс', 'yandex', 'директ', 'direct', 'рся'],
  google_ads: ['google', 'гугл', 'youtube', 'ютуб', 'adwords'],
  meta: ['meta', 'facebook', 'instagram', 'fb', 'ig', 'фейсбук', 'инстаграм'],
};
const ALL_PLATFORM_WORDS = new Set(Object.values(PLATFORM_WORDS).flat());
// Words every line and campaign may carry; they say nothing about which is which.
const NOISE = new Set(['реклама', 'рекламная', 'кампания', 'campaign', 'ads', 'ad', 'и', 'на', 'в', 'the', 'and', 'of']);

const words = (s: string) => s.toLowerCase().replace(/ё/g, 'е').split(/[^\p{L}\p{N}%]+/u).filter(Boolean);
// Russian inflects endings ("ретаргетинга", "ретаргетинг"): the first five letters stand for the word.
const stem = (w: string) => (w.length > 5 ? w.slice(0, 5) : w);
const nameStems = (s: string) => new Set(words(s).filter((w) => !NOISE.has(w) && !ALL_PLATFORM_WORDS.has(w)).map(stem));

/** Dice coefficient of the two names' word stems (0–1). */
export function nameSimilarity(a: string, b: string): number {
  const x = nameStems(a);
  const y = nameStems(b);
  if (!x.size || !y.size) return 0;
  let common = 0;
  for (const w of x) if (y.has(w)) common++;
  return (2 * common) / (x.size + y.size);
}

/** Which platforms the line's name, channel and partner mention. */
export function platformsMentioned(line: LineForMatching): Set<string> {
  const said = new Set(words(`${line.name} ${line.channel ?? ''} ${line.partner ?? ''}`));
  return new Set(Object.entries(PLATFORM_WORDS).filter(([, ws]) => ws.some((w) => said.has(w))).map(([p]) => p));
}

const MIN_SCORE = 0.35;

/** The best (up to `limit`) campaigns for a line, best first; ties go to the newest campaign. */
export function suggest(line: LineForMatching, campaigns: readonly PlatformCampaign[], limit = 3): CampaignSuggestion[] {
  const mentioned = platformsMentioned(line);
  const out: CampaignSuggestion[] = [];
  for (const c of campaigns) {
    // A line that names other platforms and not this one is about them, however alike the words.
    if (mentioned.size && !mentioned.has(c.platform)) continue;
    const name = nameSimilarity(line.name, c.name);
    if (name === 0) continue;
    let score = name;
    const reasons: CampaignSuggestion['reasons'] = ['name'];
    if (mentioned.has(c.platform)) {
      score += 0.15;
      reasons.push('platform');
    }
    if (c.firstDate <= line.endDate && c.lastDate >= line.startDate) {
      score += 0.1;
      reasons.push('dates');
    } else score *= 0.7;
    score = Math.min(1, Math.round(score * 100) / 100);
    if (score >= MIN_SCORE) out.push({ ...c, score, reasons });
  }
  return out.sort((a, b) => b.score - a.score || b.lastDate.localeCompare(a.lastDate) || a.campaignId.localeCompare(b.campaignId)).slice(0, limit);
}
