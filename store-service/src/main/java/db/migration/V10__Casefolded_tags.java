package db.migration;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Arrays;
import newsfeed.contracts.text.Hashtags;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Folds every stored post's {@code tags_folded} again by {@link Hashtags#fold} (NFKC_Casefold), the rule ingest groups
 * tags by, where V2 and the store until 2026-12-07 lower-cased them: {@code ?tag=strasse} did not find
 * {@code #Straße}, nor {@code ?tag=nlc} a full-width {@code #ＮＬＣ} (a helper's trial). PostgreSQL has no case
 * folding of its own (its {@code lower()} keeps ß), so the migration is Java. Only rows with a tag outside ASCII are
 * read, {@value #BATCH} at a time, and only those whose folding differs are written.
 */
public class V10__Casefolded_tags extends BaseJavaMigration {

    /**
     * Rows fetched at once, and updates sent at once: few, as a post may hold many tags (ingest caps the text, not
     * the tags: a review's posts of 100,000 tags each ran run.sh's 112 MB heap out at 500 rows a fetch, and the store
     * failed at every start).
     */
    private static final int BATCH = 10;

    @Override
    public void migrate(Context context) throws Exception {
        Connection connection = context.getConnection();
        try (Statement select = connection.createStatement();
                PreparedStatement update = connection.prepareStatement(
                        "UPDATE post SET tags_folded = ? WHERE post_id = ?")) {
            // read in chunks (the migration's transaction keeps the cursor open), not every post at once
            select.setFetchSize(BATCH);
            int pending = 0;
            try (ResultSet rows = select.executeQuery(
                    // lower() and NFKC_Casefold agree on ASCII: only a row with another character can change
                    "SELECT post_id, hashtags, tags_folded FROM post WHERE octet_length(array_to_string(hashtags, ''))"
                            + " > char_length(array_to_string(hashtags, ''))")) {
                while (rows.next()) {
                    String[] tags = (String[]) rows.getArray(2).getArray();
                    String[] folded = Arrays.stream(tags).map(Hashtags::fold).toArray(String[]::new);
                    if (!Arrays.equals(folded, (String[]) rows.getArray(3).getArray())) {
                        Array array = connection.createArrayOf("text", folded);
                        update.setArray(1, array);
                        update.setString(2, rows.getString(1));
                        update.addBatch();
                        if (++pending == BATCH) {
                            update.executeBatch();
                            pending = 0;
                        }
                    }
                }
            }
            if (pending > 0) {
                update.executeBatch();
            }
        }
    }
}
