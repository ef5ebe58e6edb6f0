import type { Knex } from 'knex';
import { ensureAppendOnly, ensureCheck } from '../migrate';

/**
 * What the database itself keeps true for consultation, whatever code runs: one ballot per
 * elector of a vote (two ballots from one household at the same moment: the second insert
 * fails), one elector per household/owner/resident and vote, a ballot code that belongs to one
 * elector, one support per resident and topic, one ranking per resident or representative and
 * topic, one procedure per community, a topic's procedure nobody can edit or delete; and the
 * indexes the lists and the tally read by.
 */
export const repeatable = true;

export async function up(knex: Knex, client: 'sqlite' | 'postgres'): Promise<void> {
  const index = (name: string, table: string, columns: string, unique = false) =>
    knex.raw(
      `CREATE ${unique ? 'UNIQUE ' : ''}INDEX IF NOT EXISTS ${name} ON ${table} (${columns})`,
    );
  await index('consultation_topics_number', 'consultation_topics', 'number', true);
  await index('consultation_topics_by_area', 'consultation_topics', 'area_path, stage, id');
  await index('consultation_topics_receipt', 'consultation_topics', 'receipt_code');
  await index('consultation_topic_steps_by_topic', 'consultation_topic_steps', 'topic_id, id');
  await index('consultation_supports_one', 'consultation_supports', 'topic_id, user_id', true);
  await index('consultation_comments_by_topic', 'consultation_comments', 'topic_id, id');
  // One rating per resident and topic, whether they rated on the phone or staff entered their
  // paper evaluation (both keyed by the person); comments without a rating are opinions, as many
  // as wished.
  await knex.raw('DROP INDEX IF EXISTS consultation_ratings_one');
  await knex.raw(
    'CREATE UNIQUE INDEX IF NOT EXISTS consultation_ratings_by_person ON consultation_comments (topic_id, person_id) WHERE rating IS NOT NULL',
  );
  // One ranking per topic and ranker: a resident ranking for themself (keyed by the user), or a
  // residents' representative whose ranking staff entered (keyed by the person; the user is
  // the staff member who entered it, who may enter many).
  await knex.raw('DROP INDEX IF EXISTS consultation_rank_marks_one');
  await knex.raw(
    'CREATE UNIQUE INDEX IF NOT EXISTS consultation_rank_marks_resident ON consultation_rank_marks (topic_id, user_id) WHERE representative_id IS NULL',
  );
  await knex.raw(
    'CREATE UNIQUE INDEX IF NOT EXISTS consultation_rank_marks_representative ON consultation_rank_marks (topic_id, representative_id) WHERE representative_id IS NOT NULL',
  );
  await index('consultation_meetings_by_area', 'consultation_meetings', 'area_path, held_at');
  await index('consultation_decisions_by_topic', 'consultation_decisions', 'topic_id');
  await index('consultation_vote_rules_key', 'consultation_vote_rules', 'key', true);
  await index('consultation_votes_number', 'consultation_votes', 'number', true);
  await index('consultation_votes_by_area', 'consultation_votes', 'area_path, status');
  await index('consultation_electors_one', 'consultation_electors', 'vote_id, elector_key', true);
  await index('consultation_electors_code', 'consultation_electors', 'code_hash', true);
  await index('consultation_ballots_one', 'consultation_ballots', 'vote_id, elector_id', true);
  await index('consultation_procedures_area', 'consultation_procedures', 'area_path', true);

  await knex.raw(
    `CREATE TABLE IF NOT EXISTS consultation_counters (
       kind varchar(20) NOT NULL,
       year integer NOT NULL,
       last integer NOT NULL DEFAULT 0,
       PRIMARY KEY (kind, year))`,
  );
  // Who may cast which elector's ballot (a household's members, an owner, a resident): looked
  // up by vote and person when a signed-in resident votes, without reading the whole roll.
  await knex.raw(
    `CREATE TABLE IF NOT EXISTS consultation_elector_people (
       vote_id integer NOT NULL,
       person_id integer NOT NULL,
       elector_id integer NOT NULL,
       PRIMARY KEY (vote_id, person_id, elector_id))`,
  );

  await ensureAppendOnly(knex, client, 'consultation_topic_steps');
  const check = (table: string, name: string, expression: string) =>
    ensureCheck(knex, client, table, name, expression);
  await check('consultation_electors', 'consultation_electors_area', '{area} >= 0');
  await check('consultation_comments', 'consultation_comments_rating', '{rating} BETWEEN 1 AND 5');
  await check('consultation_rank_marks', 'consultation_rank_marks_points', '{points} >= 0');
  await check(
    'consultation_topics',
    'consultation_topics_counts',
    '{support_count} >= 0 AND {comment_count} >= 0',
  );
}
