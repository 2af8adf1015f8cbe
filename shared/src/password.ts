import { z } from 'zod';
import { emailAddressSchema, typeError } from './common';

/** OWASP ASVS: at least 12 characters, up to 200; the server also refuses the commonly used ones. */
export const minPasswordLength = 12;

export const newPasswordSchema = z
  .string({ error: typeError('must be text') })
  .min(minPasswordLength, { error: `must be at least ${minPasswordLength} characters` })
  .max(200, { error: 'must be at most 200 characters' });

export const changePasswordSchema = z
  .object({
    currentPassword: z
      .string({ error: typeError('must be text') })
      .min(1, { error: 'is required' })
      .max(200, { error: 'must be at most 200 characters' }),
    newPassword: newPasswordSchema,
  })
  .meta({
    id: 'ChangePassword',
    example: { currentPassword: 'my old pass phrase', newPassword: 'a new and longer pass phrase' },
  });
export type ChangePassword = z.infer<typeof changePasswordSchema>;

/** A password changed: `emailed` when the planner sends mail, and so emails the person that it changed. */
export const passwordChangedSchema = z.object({ emailed: z.boolean() }).meta({ id: 'PasswordChanged' });
export type PasswordChanged = z.infer<typeof passwordChangedSchema>;

export const passwordResetRequestSchema = z
  .object({ email: emailAddressSchema('must be an address like name@district.org') })
  .meta({ id: 'PasswordResetRequest', example: { email: 'principal@lakeview.test' } });

export const passwordResetSchema = z
  .object({ password: newPasswordSchema })
  .meta({ id: 'PasswordReset', example: { password: 'a new and longer pass phrase' } });

/** A reset link an admin made for a person, to send them when the planner sends no mail. */
export const resetLinkSchema = z.object({ resetUrl: z.url(), expiresAt: z.iso.datetime() }).meta({ id: 'ResetLink' });
