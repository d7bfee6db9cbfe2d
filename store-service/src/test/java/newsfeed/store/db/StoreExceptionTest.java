package newsfeed.store.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which database refusals are the record's fault (dead letter) and which the database's (retry). */
class StoreExceptionTest {

    @ParameterizedTest(name = "SQLSTATE {0} ({1}): the record's fault = {2}")
    @CsvSource({
            "22021, character not in repertoire (a NUL in text), true",
            "22003, numeric value out of range, true",
            "23505, unique violation, true",
            "54000, program limit exceeded (index row too large), true",
            "08006, connection failure, false",
            "57P01, admin shutdown, false",
            "53100, disk full, false",
            "40001, serialization failure, false",
            "25006, read-only transaction (a standby), false",
            "28P01, invalid password, false",
            "42501, insufficient privilege, false",
            "42P01, undefined table, false"})
    void classifiesBySqlState(String state, String meaning, boolean recordsFault) {
        StoreException e = new StoreException("cannot store post p:1", new SQLException(meaning, state));
        assertThat(e.isRecordsFault()).isEqualTo(recordsFault);
        assertThat(e.sqlState()).isEqualTo(state);
    }

    @Test
    void noSqlStateIsNotTheRecordsFault() {
        assertThat(new StoreException("cannot store", new SQLException("I/O error")).isRecordsFault()).isFalse();
    }
}
