package newsfeed.dedup.message;

/**
 * One judge partition's verdict on one paragraph: the earliest copy of each kind it found among the paragraphs that
 * share a claim key with it there (null: none).
 *
 * @param position the paragraph's position
 * @param claimId  the version of the paragraph judged ({@link ParagraphClaim#claimId()}); a verdict for an older
 *                 version is ignored
 * @param exact    earliest exact copy, earlier than the paragraph
 * @param near     earliest near copy, earlier than the paragraph
 * @param preview  for a truncated preview, the earliest complete paragraph it previews, earlier or later
 */
public record ParagraphVerdict(int position, long claimId, Match exact, Match near, Match preview) {
}
