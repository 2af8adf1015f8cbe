import type { Knex } from 'knex';
import * as foundation from '../../../migrations/001_foundation';
import * as plans from '../../../migrations/002_plans';
import * as stageTables from '../../../migrations/003_stage_tables';
import * as roles from '../../../migrations/004_roles';
import * as reviewOncePerRound from '../../../migrations/005_review_once_per_round';
import * as structure from '../../../migrations/006_structure';
import * as people from '../../../migrations/007_people';
import * as history from '../../../migrations/008_history';
import * as workingTogether from '../../../migrations/009_working_together';
import * as rowLevelSecurity from '../../../migrations/010_row_level_security';
import * as shareLinks from '../../../migrations/011_share_links';
import * as missteps from '../../../migrations/012_missteps';
import * as roleAlignment from '../../../migrations/013_role_alignment';
import * as logicModel from '../../../migrations/015_logic_model';
import * as readiness from '../../../migrations/014_readiness';
import * as stakeholderTrace from '../../../migrations/016_stakeholder_trace';
import * as shareLinkOpenLimits from '../../../migrations/017_share_link_open_limits';
import * as alignmentComments from '../../../migrations/018_alignment_comments';
import * as planDocuments from '../../../migrations/019_plan_documents';
import * as sessionFingerprint from '../../../migrations/020_session_fingerprint';
import * as signInDomainClaims from '../../../migrations/021_sign_in_domain_claims';
import * as emailRetries from '../../../migrations/022_email_retries';
import * as archivedPlansReadOnly from '../../../migrations/023_archived_plans_read_only';
import * as resetEmailRetries from '../../../migrations/024_reset_email_retries';
import * as districtTimeZone from '../../../migrations/025_district_time_zone';
import * as notificationComments from '../../../migrations/026_notification_comments';
import * as planDocumentsByTimeZone from '../../../migrations/027_plan_documents_by_time_zone';
import * as revokeInvitationsOfFormerAdmins from '../../../migrations/028_revoke_invitations_of_former_admins';
import * as notificationsOfEarlierComments from '../../../migrations/029_notifications_of_earlier_comments';
import * as passwordChangedEmails from '../../../migrations/030_password_changed_emails';
import * as signInDomainVerification from '../../../migrations/031_sign_in_domain_verification';
import * as resetLinksInOrder from '../../../migrations/032_reset_links_in_order';
import * as resetEmailSending from '../../../migrations/033_reset_email_sending';
import * as signInDomainsKeptWhenOff from '../../../migrations/034_sign_in_domains_kept_when_off';
import * as signInDomainRechecks from '../../../migrations/035_sign_in_domain_rechecks';
import * as signInDomainRecheckAttempts from '../../../migrations/036_sign_in_domain_recheck_attempts';
import * as roleReviewSchools from '../../../migrations/037_role_review_schools';
import * as notificationDigests from '../../../migrations/038_notification_digests';
import * as commentItemWriters from '../../../migrations/039_comment_item_writers';
import * as measureDirection from '../../../migrations/040_measure_direction';
import * as undecidedRoleFields from '../../../migrations/041_undecided_role_fields';
import * as notificationEmailedAs from '../../../migrations/042_notification_emailed_as';
import * as undecidedPayKindAndAuthority from '../../../migrations/043_undecided_pay_kind_and_authority';

// Imported, not read from a folder at run time, so the bundled server and the tests run the same list.
const migrations: Record<string, Knex.Migration> = {
  '001_foundation': foundation,
  '002_plans': plans,
  '003_stage_tables': stageTables,
  '004_roles': roles,
  '005_review_once_per_round': reviewOncePerRound,
  '006_structure': structure,
  '007_people': people,
  '008_history': history,
  '009_working_together': workingTogether,
  '010_row_level_security': rowLevelSecurity,
  '011_share_links': shareLinks,
  '012_missteps': missteps,
  '013_role_alignment': roleAlignment,
  '015_logic_model': logicModel,
  '014_readiness': readiness,
  '016_stakeholder_trace': stakeholderTrace,
  '017_share_link_open_limits': shareLinkOpenLimits,
  '018_alignment_comments': alignmentComments,
  '019_plan_documents': planDocuments,
  '020_session_fingerprint': sessionFingerprint,
  '021_sign_in_domain_claims': signInDomainClaims,
  '022_email_retries': emailRetries,
  '023_archived_plans_read_only': archivedPlansReadOnly,
  '024_reset_email_retries': resetEmailRetries,
  '025_district_time_zone': districtTimeZone,
  '026_notification_comments': notificationComments,
  '027_plan_documents_by_time_zone': planDocumentsByTimeZone,
  '028_revoke_invitations_of_former_admins': revokeInvitationsOfFormerAdmins,
  '029_notifications_of_earlier_comments': notificationsOfEarlierComments,
  '030_password_changed_emails': passwordChangedEmails,
  '031_sign_in_domain_verification': signInDomainVerification,
  '032_reset_links_in_order': resetLinksInOrder,
  '033_reset_email_sending': resetEmailSending,
  '034_sign_in_domains_kept_when_off': signInDomainsKeptWhenOff,
  '035_sign_in_domain_rechecks': signInDomainRechecks,
  '036_sign_in_domain_recheck_attempts': signInDomainRecheckAttempts,
  '037_role_review_schools': roleReviewSchools,
  '038_notification_digests': notificationDigests,
  '039_comment_item_writers': commentItemWriters,
  '040_measure_direction': measureDirection,
  '041_undecided_role_fields': undecidedRoleFields,
  '042_notification_emailed_as': notificationEmailedAs,
  '043_undecided_pay_kind_and_authority': undecidedPayKindAndAuthority,
};

export const migrationSource: Knex.MigrationSource<string> = {
  getMigrations: async () => Object.keys(migrations).sort(),
  getMigrationName: (name) => name,
  getMigration: async (name) => migrations[name]!,
};

export async function migrateToLatest(db: Knex): Promise<string[]> {
  const [, applied] = (await db.migrate.latest({ migrationSource })) as [number, string[]];
  return applied;
}
