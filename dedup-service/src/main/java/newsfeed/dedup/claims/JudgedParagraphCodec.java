package newsfeed.dedup.claims;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import newsfeed.contracts.RemovalReason;
import newsfeed.dedup.fingerprint.ClaimKey;
import newsfeed.dedup.fingerprint.ClaimKind;
import newsfeed.dedup.fingerprint.FactTokens;
import newsfeed.dedup.fingerprint.ParagraphFingerprinter;
import newsfeed.dedup.message.Match;
import org.apache.kafka.common.errors.SerializationException;

/**
 * The binary form of a {@link JudgedParagraph} in store {@value ClaimIndexReader#PARAGRAPHS}: read and written for
 * every candidate a judge compares, so it is a compact field-by-field encoding (big-endian, strings as an int length
 * and UTF-8 bytes) rather than JSON. The first byte is the format version; an unknown version is refused with a
 * {@link SerializationException}. Version 2 adds {@link JudgedParagraph#keptFrom()} at the end; version 1, written
 * before, is read with {@code keptFrom} its publication time. Version 3 adds, last, the {@link FactTokens#RULES} the
 * facts hash was made under. A facts hash made under other rules, or of versions 1 and 2 (which do not say), is made
 * again from the key when read, since a near copy's facts must hash alike. The store's changelog restores the
 * paragraphs as written, and the judge's derived claim-key entries are rebuilt from them as read when its task starts
 * ({@code JudgeState.rebuild}), so no hash of other rules is ever compared.
 */
final class JudgedParagraphCodec {

    static final byte VERSION = 3;
    private static final byte VERSION_WITHOUT_FACTS_RULES = 2;
    private static final byte VERSION_WITHOUT_KEPT_FROM = 1;

    private JudgedParagraphCodec() {
    }

    static byte[] encode(JudgedParagraph p) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(96 + p.key().length() + p.postId().length());
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            writeString(out, p.postId());
            out.writeInt(p.position());
            out.writeShort(p.partition());
            writeInstant(out, p.publishedAt());
            out.writeLong(p.claimId());
            writeString(out, p.key());
            out.writeBoolean(p.truncated());
            out.writeInt(p.shingles());
            out.writeLong(p.facts());
            out.writeByte(p.claimKeys().size());
            for (ClaimKey key : p.claimKeys()) {
                out.writeByte(key.kind().code());
                out.writeLong(key.high());
                out.writeLong(key.low());
            }
            writeMatch(out, p.exact());
            writeMatch(out, p.near());
            writeMatch(out, p.preview());
            writeInstant(out, p.keptFrom());
            out.writeByte(FactTokens.RULES);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static JudgedParagraph decode(byte[] data) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            byte version = in.readByte();
            if (version < VERSION_WITHOUT_KEPT_FROM || version > VERSION) {
                throw new SerializationException("judged paragraph in format version " + version + ", this "
                        + "dedup-service reads versions " + VERSION_WITHOUT_KEPT_FROM + " to " + VERSION
                        + "; reset the dedup application to rebuild its state");
            }
            String postId = readString(in);
            int position = in.readInt();
            int partition = in.readShort();
            Instant publishedAt = readInstant(in);
            long claimId = in.readLong();
            String key = readString(in);
            boolean truncated = in.readBoolean();
            int shingles = in.readInt();
            long storedFacts = in.readLong();
            int keys = in.readByte();
            List<ClaimKey> claimKeys = new ArrayList<>(keys);
            for (int i = 0; i < keys; i++) {
                claimKeys.add(new ClaimKey(ClaimKind.ofCode(in.readByte()), in.readLong(), in.readLong()));
            }
            Match exact = readMatch(in);
            Match near = readMatch(in);
            Match preview = readMatch(in);
            Instant keptFrom = version >= VERSION_WITHOUT_FACTS_RULES ? readInstant(in) : publishedAt;
            boolean factsOfTheseRules = version == VERSION && in.readByte() == FactTokens.RULES;
            long facts = factsOfTheseRules ? storedFacts : ParagraphFingerprinter.factsHash(key);
            return new JudgedParagraph(postId, position, partition, publishedAt, claimId, key, truncated, shingles,
                    facts, claimKeys, exact, near, preview, keptFrom);
        } catch (IOException | RuntimeException e) {
            if (e instanceof SerializationException s) {
                throw s;
            }
            throw new SerializationException("unreadable judged paragraph (" + data.length + " bytes): " + e, e);
        }
    }

    private static void writeMatch(DataOutputStream out, Match match) throws IOException {
        out.writeBoolean(match != null);
        if (match != null) {
            writeString(out, match.postId());
            out.writeInt(match.position());
            writeInstant(out, match.publishedAt());
            out.writeByte(match.reason().ordinal());
            out.writeDouble(match.similarity());
        }
    }

    private static Match readMatch(DataInputStream in) throws IOException {
        if (!in.readBoolean()) {
            return null;
        }
        return new Match(readString(in), in.readInt(), readInstant(in), RemovalReason.values()[in.readByte()],
                in.readDouble());
    }

    private static void writeInstant(DataOutputStream out, Instant instant) throws IOException {
        out.writeLong(instant.getEpochSecond());
        out.writeInt(instant.getNano());
    }

    private static Instant readInstant(DataInputStream in) throws IOException {
        return Instant.ofEpochSecond(in.readLong(), in.readInt());
    }

    private static void writeString(DataOutputStream out, String text) throws IOException {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    private static String readString(DataInputStream in) throws IOException {
        byte[] utf8 = new byte[in.readInt()];
        in.readFully(utf8);
        return new String(utf8, StandardCharsets.UTF_8);
    }
}
