package newsfeed.store.api;

/** A query parameter the API cannot use; answered 400 naming the parameter. */
public class BadParameterException extends RuntimeException {

    private final String parameter;

    public BadParameterException(String parameter, String problem) {
        super(parameter + " " + problem);
        this.parameter = parameter;
    }

    public String parameter() {
        return parameter;
    }
}
