/**
 * Dead letters an operator can act on (issue 11): {@code GET /api/dead-letters} lists the records of
 * {@code posts.dead-letter} with their reason, stage and origin, and {@code POST /api/dead-letters/replay} sends chosen
 * ones back, bytes unchanged, to the pipeline topic they came from, once their cause is fixed.
 * <pre>
 *  DeadLettersResource ─► DeadLetterReader (a consumer without a group: assign, seek, read to the end offsets
 *                         taken at the request's start; never commits) ─► DeadLetterPage of DeadLetterView
 *                      ─► DeadLetterReplayer (DeadLetterReader.find, then acks=all to posts.raw, posts.normalized or
 *                         posts.deduplicated only) ─► ReplayAnswer of ReplayOutcome
 * </pre>
 * A replay is safe to repeat: every stage is idempotent on the postId, so a post replayed twice is stored once.
 */
package newsfeed.ingest.deadletter;
