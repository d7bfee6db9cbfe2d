package newsfeed.ingest.telegram;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import newsfeed.contracts.PostId;
import newsfeed.ingest.api.InvalidRequestException;

/**
 * Chooses the source slug ({@link PostId#SOURCE_PATTERN}) of each imported Telegram chat.
 *
 * <ul>
 *   <li>One-chat export: the {@code source} query parameter when given, else the slug derived from the chat.</li>
 *   <li>Full-account export: each channel's derived slug, prefixed {@code <source>-} when {@code source} is given.
 *       When several channels of the export derive the same slug, or would end with the same source once cut to
 *       length, each of them gets {@code -<id>} appended; channels that would still share a source (no ids) are
 *       rejected.</li>
 * </ul>
 * The derived slug of a chat is its name in lower case with every run of other characters turned into one {@code -}
 * ({@code "Lantern Bay Dispatch"} → {@code lantern-bay-dispatch}; accents are dropped: {@code "Café Ñews"} →
 * {@code cafe-news}; apostrophes vanish), when every letter and digit of the name is ASCII once accents are removed;
 * otherwise (a Cyrillic or Greek name, no name) {@code tg-<id>} from the chat's numeric id. A slug is cut to fit 64
 * characters. Deterministic: the same export always gives the same sources, so re-importing it gives the same postIds.
 */
public final class TelegramSources {

    private static final int MAX_LENGTH = 64;

    private TelegramSources() {
    }

    /**
     * @param chats  the chats to import, in export order
     * @param source the {@code source} query parameter (already a valid slug), or null
     * @param shape  the export's shape
     * @return the source of each chat, by {@link TelegramChat#index()}, in the order of {@code chats}
     * @throws InvalidRequestException naming every chat whose source cannot be chosen (no usable name and no id; a
     *                                prefix too long for the slug)
     */
    public static Map<Integer, String> choose(List<TelegramChat> chats, String source, TelegramExportReader.Shape shape) {
        Map<Integer, String> sources = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        if (shape == TelegramExportReader.Shape.SINGLE_CHAT && source != null) {
            chats.forEach(chat -> sources.put(chat.index(), source));
            return sources;
        }
        String prefix = source == null ? "" : source + "-";
        Map<Integer, String> derived = new LinkedHashMap<>();
        Map<String, Integer> uses = new HashMap<>();
        for (TelegramChat chat : chats) {
            String slug = derive(chat);
            if (slug == null) {
                problems.add(chat.label() + ": its name gives no ASCII slug and it has no id; pass ?source=SLUG");
                continue;
            }
            derived.put(chat.index(), slug);
            uses.merge(slug, 1, Integer::sum);
        }
        Map<Integer, TelegramChat> byIndex = new HashMap<>();
        for (TelegramChat chat : chats) {
            String slug = derived.get(chat.index());
            if (slug == null) {
                continue;
            }
            byIndex.put(chat.index(), chat);
            boolean suffixed = uses.get(slug) > 1 && hasIdSuffixRoom(chat, slug);
            String fitted = fit(prefix, slug, suffixed ? "-" + chat.id() : "");
            if (fitted == null) {
                problems.add(chat.label() + ": source " + prefix + slug + (suffixed ? "-" + chat.id() : "")
                        + " is longer than " + MAX_LENGTH + " characters; pass a shorter ?source= prefix");
            } else {
                sources.put(chat.index(), fitted);
            }
        }
        // Slugs cut to length, or a slug with an id suffix, can still meet another chat's source: those chats get
        // their id too, and chats that stay together (no ids) are rejected rather than merged into one source.
        for (List<Integer> together : collisions(sources)) {
            for (int index : together) {
                TelegramChat chat = byIndex.get(index);
                String slug = derived.get(index);
                if (hasIdSuffixRoom(chat, slug) && !sources.get(index).endsWith("-" + chat.id())) {
                    String fitted = fit(prefix, slug, "-" + chat.id());
                    if (fitted != null) {
                        sources.put(index, fitted);
                    }
                }
            }
        }
        for (List<Integer> together : collisions(sources)) {
            problems.add(String.join(" and ", together.stream().map(i -> byIndex.get(i).label()).toList())
                    + " would share the source " + sources.get(together.get(0)) + ", and they have no ids to tell"
                    + " them apart; import them one at a time with ?source=SLUG");
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException("cannot choose a source", problems);
        }
        return sources;
    }

    /** Whether the chat has an id that can tell its source apart (a {@code tg-<id>} slug already is its id). */
    private static boolean hasIdSuffixRoom(TelegramChat chat, String slug) {
        return chat.id() != null && !slug.equals("tg-" + Math.abs(chat.id()));
    }

    /** The groups of chats (by index, in order) that have the same source. */
    private static List<List<Integer>> collisions(Map<Integer, String> sources) {
        Map<String, List<Integer>> bySource = new LinkedHashMap<>();
        sources.forEach((index, source) -> bySource.computeIfAbsent(source, s -> new ArrayList<>()).add(index));
        return bySource.values().stream().filter(group -> group.size() > 1).toList();
    }

    /** The chat's own slug: from its name when that is ASCII once accents are removed, else {@code tg-<id>}. */
    static String derive(TelegramChat chat) {
        String fromName = chat.name() == null ? null : slug(chat.name());
        if (fromName != null) {
            return fromName;
        }
        return chat.id() == null ? null : "tg-" + Math.abs(chat.id());
    }

    /** The name as a slug, or null when it has a non-ASCII letter or digit, or none at all. */
    static String slug(String name) {
        String decomposed = Normalizer.normalize(name, Normalizer.Form.NFKD);
        StringBuilder slug = new StringBuilder();
        boolean gap = false;
        for (int i = 0; i < decomposed.length(); ) {
            int c = decomposed.codePointAt(i);
            i += Character.charCount(c);
            int type = Character.getType(c);
            if (type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK
                    || type == Character.ENCLOSING_MARK || c == '\'' || c == '’' || c == 'ʼ') {
                continue;
            }
            if (c < 128 && Character.isLetterOrDigit(c)) {
                if (gap && !slug.isEmpty()) {
                    slug.append('-');
                }
                slug.append(Character.toLowerCase((char) c));
                gap = false;
            } else if (Character.isLetterOrDigit(c)) {
                return null;
            } else {
                gap = true;
            }
        }
        return slug.isEmpty() ? null : slug.toString();
    }

    /** {@code prefix + slug + suffix}, the slug cut so that the whole fits; null when even one character does not. */
    private static String fit(String prefix, String slug, String suffix) {
        int room = MAX_LENGTH - prefix.length() - suffix.length();
        if (slug.length() <= room) {
            return prefix + slug + suffix;
        }
        if (slug.startsWith("tg-") || room < 1) {
            return null;
        }
        String cut = slug.substring(0, room);
        while (cut.endsWith("-")) {
            cut = cut.substring(0, cut.length() - 1);
        }
        return prefix + cut + suffix;
    }
}
