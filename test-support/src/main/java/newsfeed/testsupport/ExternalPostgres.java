package newsfeed.testsupport;

/** A PostgreSQL server that somebody else runs; never stopped by this JVM. */
record ExternalPostgres(String jdbcUrl, String username, String password) implements PostgresBackend {

    @Override
    public String description() {
        return "external PostgreSQL at " + jdbcUrl + " as " + username;
    }

    @Override
    public void close() {
    }
}
