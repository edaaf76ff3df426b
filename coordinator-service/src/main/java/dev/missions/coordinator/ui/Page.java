package dev.missions.coordinator.ui;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a resource class of Mission Control. The API's bearer check skips it; {@link SessionGuard} guards it instead,
 * so every route is guarded by exactly one of the two, decided by the matched class rather than by its path.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Page {

    /** False only for the sign-in page, which is what a person without a session is sent to. */
    boolean signedIn() default true;
}
