import type { Knex } from 'knex';

/**
 * An administrator deactivated or given another role now takes the open invitations they sent with them
 * (commands/update-person.ts). Those sent before that by someone who is no longer an active administrator
 * are revoked here, with the same line in the People log (no actor: nobody chose it), or their links would
 * still let people in, as administrators too.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    with revoked as (
      update invitations i set revoked_at = now(), updated_at = now()
      from users u
      where u.id = i.invited_by and i.accepted_at is null and i.revoked_at is null
        and (u.deactivated_at is not null or u.role <> 'district_admin')
      returning i.district_id, i.name, i.email, u.name as inviter, u.deactivated_at is not null as deactivated
    )
    insert into people_events (district_id, kind, subject_name, subject_email, note)
    select district_id, 'invitation_revoked', name, email,
      'Revoked because ' || inviter || ', who sent it, ' ||
      case when deactivated then 'was deactivated' else 'is no longer a district administrator' end || '.'
    from revoked`);
}

/** The links stay revoked: nothing says which of them anyone would want working again. */
export async function down(): Promise<void> {}
