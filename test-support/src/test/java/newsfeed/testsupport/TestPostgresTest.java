package newsfeed.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class TestPostgresTest {

    @Test
    void createsTwoIndependentDatabases() throws SQLException {
        String first = TestPostgres.createDatabase("store");
        String second = TestPostgres.createDatabase("store");
        assertThat(first).isNotEqualTo(second).startsWith("jdbc:postgresql://");

        for (String url : new String[] {first, second}) {
            try (Connection c = DriverManager.getConnection(url, TestPostgres.username(), TestPostgres.password());
                 Statement s = c.createStatement()) {
                try (ResultSet rs = s.executeQuery("select 1")) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getInt(1)).isEqualTo(1);
                }
                s.execute("create table paragraph (id bigint primary key, body text not null)");
                s.execute("insert into paragraph values (1, 'x')");
            }
        }
    }

    @Test
    void databaseNamesAreSanitisedAndUnique() {
        assertThat(TestPostgres.databaseName("Ingest-Service")).matches("ingest_service_[0-9a-f]{12}");
        assertThat(TestPostgres.databaseName("1x")).matches("db_1x_[0-9a-f]{12}");
    }

    @Test
    void withDatabaseKeepsHostAndParameters() {
        assertThat(TestPostgres.withDatabase("jdbc:postgresql://h:5432/test?loggerLevel=OFF", "d"))
                .isEqualTo("jdbc:postgresql://h:5432/d?loggerLevel=OFF");
        assertThat(TestPostgres.withDatabase("jdbc:postgresql://h", "d")).isEqualTo("jdbc:postgresql://h/d");
        assertThatThrownBy(() -> TestPostgres.withDatabase("jdbc:mysql://h/x", "d"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("jdbc:mysql://h/x");
    }
}
