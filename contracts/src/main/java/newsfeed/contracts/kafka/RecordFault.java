package newsfeed.contracts.kafka;

/**
 * Which failures of decoding a record are the record's fault, and the dead-letter reason of each: the one rule of
 * every stage that dead-letters ({@link DeadLetteringProcessor} in the Kafka Streams stages, store-service's consumer).
 *
 * <ul>
 *   <li>Whatever pure per-record work throws is the record's fault, {@link Error}s included: it would throw again
 *       on every replay and stop the stage for good. The reason is the message of a {@link RuntimeException} (which
 *       names the field or position at fault), else the throwable's class and message (a
 *       {@code java.lang.StackOverflowError}: the stack is unwound by the time it is caught, and the depth that
 *       overflowed was the record's doing).</li>
 *   <li>A {@link VirtualMachineError} other than {@link StackOverflowError} (out of memory, an internal error: the
 *       process is in trouble, whatever record it was reading) and a {@link LinkageError} (a class missing or failing
 *       to initialise: every record would fail the same way, and dead-lettering them all would empty the topic into
 *       the dead letters) are never a record's: they are thrown on.</li>
 * </ul>
 */
public final class RecordFault {

    private RecordFault() {
    }

    /**
     * @param failure what decoding a record threw
     * @return the dead-letter reason, never null
     * @throws VirtualMachineError the failure itself, if it is one other than a {@link StackOverflowError}
     * @throws LinkageError        the failure itself, if it is one
     */
    public static String reason(Throwable failure) {
        if (failure instanceof StackOverflowError) {
            return failure.toString();
        }
        if (failure instanceof VirtualMachineError || failure instanceof LinkageError) {
            throw (Error) failure;
        }
        if (failure instanceof RuntimeException && failure.getMessage() != null) {
            return failure.getMessage();
        }
        return failure.toString();
    }
}
