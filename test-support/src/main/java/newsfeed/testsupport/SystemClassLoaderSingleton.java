package newsfeed.testsupport;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * Runs a per-JVM singleton in the copy of its class that the system class loader holds.
 *
 * <p>Quarkus loads test dependencies into a fresh class loader for every test application (one per test profile)
 * and closes it when that application stops. A broker started from such a copy would be duplicated for each
 * application and would keep running on a closed class loader. The system class loader holds the same test class
 * path under Surefire and is never closed, so every caller in the JVM shares one server there. Callers that are
 * not on the system class path (some IDE or dev-mode runners) use their own copy.
 */
final class SystemClassLoaderSingleton {

    private SystemClassLoaderSingleton() {
    }

    /**
     * Invokes the static no-argument method {@code method} of {@code owner}'s system-class-loader copy (or of
     * {@code owner} itself when that is the system copy or there is none) and returns its result, which must be a
     * JDK type. Runtime exceptions and errors of the method are rethrown unchanged.
     */
    static Object invoke(Class<?> owner, String method) {
        Method target;
        try {
            target = systemCopy(owner).getDeclaredMethod(method);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("no method " + method + " on the system copy of " + owner.getName(), e);
        }
        target.setAccessible(true);
        // Kafka, Testcontainers (ServiceLoader) and the threads they start use the context class loader: it must be
        // the loader of the classes doing the work, or they mix copies ("... not a subtype").
        Thread thread = Thread.currentThread();
        ClassLoader callerContext = thread.getContextClassLoader();
        thread.setContextClassLoader(target.getDeclaringClass().getClassLoader());
        try {
            return target.invoke(null);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(owner.getSimpleName() + "." + method + " failed", e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot call " + owner.getName() + "." + method, e);
        } finally {
            thread.setContextClassLoader(callerContext);
        }
    }

    private static Class<?> systemCopy(Class<?> owner) {
        ClassLoader system = ClassLoader.getSystemClassLoader();
        if (owner.getClassLoader() == system) {
            return owner;
        }
        try {
            return Class.forName(owner.getName(), true, system);
        } catch (ClassNotFoundException notOnSystemClassPath) {
            return owner;
        }
    }
}
