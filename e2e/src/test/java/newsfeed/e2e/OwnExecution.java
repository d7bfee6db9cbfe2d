package newsfeed.e2e;

import org.junit.jupiter.api.Assumptions;

/**
 * For the tests that run in a failsafe execution of their own ({@code telegram-heap}, {@code containers}): the
 * execution names its test in the POM, so {@code -Dit.test} does not narrow it; such a test skips itself when
 * {@code -Dit.test} names only other classes.
 */
final class OwnExecution {

    private OwnExecution() {
    }

    /** Skips the calling test unless {@code -Dit.test} is unset or selects {@code test}. */
    static void assumeSelected(Class<?> test) {
        String itTest = System.getProperty("it.test");
        Assumptions.assumeTrue(selectedByItTest(itTest, test),
                "-Dit.test=" + itTest + " does not name " + test.getSimpleName());
    }

    /** Whether {@code itTest} (comma-separated class patterns with {@code *}, as failsafe takes them) selects it. */
    static boolean selectedByItTest(String itTest, Class<?> test) {
        if (itTest == null || itTest.isBlank()) {
            return true;
        }
        for (String pattern : itTest.split(",")) {
            String name = pattern.strip().replaceFirst("#.*$", "").replaceFirst("^.*/", "")
                    .replaceFirst("\\.(java|class)$", "");
            if (test.getSimpleName().matches(name.replace(".", "\\.").replace("*", ".*"))) {
                return true;
            }
        }
        return false;
    }
}
