package newsfeed.store.db;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DatabaseReadinessTest {

    @Test
    void theCheckNamesTheServerWithoutTheUrlsParameters() {
        assertThat(DatabaseReadiness.subject("jdbc:postgresql://localhost:5432/newsfeed"))
                .isEqualTo("PostgreSQL at localhost:5432/newsfeed");
        assertThat(DatabaseReadiness.subject("jdbc:postgresql://db.internal/newsfeed?user=app&password=s3cret"))
                .isEqualTo("PostgreSQL at db.internal/newsfeed");
        assertThat(DatabaseReadiness.subject("jdbc:postgresql://[::1]:5433/newsfeed"))
                .isEqualTo("PostgreSQL at [::1]:5433/newsfeed");
        assertThat(DatabaseReadiness.subject("jdbc:postgresql://news_db:5432/newsfeed"))
                .isEqualTo("PostgreSQL at news_db:5432/newsfeed");
    }

    @Test
    void aUrlWithSeveralHostsIsNamedWithoutAPlace() {
        assertThat(DatabaseReadiness.subject("jdbc:postgresql://primary:5432,standby:5432/newsfeed?password=x"))
                .isEqualTo("PostgreSQL");
        assertThat(DatabaseReadiness.subject("jdbc:postgresql:newsfeed")).isEqualTo("PostgreSQL");
        assertThat(DatabaseReadiness.subject("jdbc:postgresql://app:s3cret@db.internal/newsfeed"))
                .isEqualTo("PostgreSQL");
    }
}
