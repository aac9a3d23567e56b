/** What an administrator may change in the settings, with bounds (the criteria stay as data in the seed). */
import { z } from 'zod';

export const SETTING_FIELDS = ['answerDays', 'refusalDays', 'infoRequestDays', 'publishDays', 'ratingChangeDays', 'unsatisfiedAtOrBelow'] as const;

const days = (max: number) => z.number().int().min(1).max(max);

export const settingsBody = z.object({
  answerDays: days(60),
  refusalDays: days(30),
  infoRequestDays: days(30),
  publishDays: days(30),
  ratingChangeDays: z.number().int().min(0).max(90),
  unsatisfiedAtOrBelow: z.number().int().min(1).max(4),
});
