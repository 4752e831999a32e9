package io.mailtls.testsupport;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/** Marks a test class that talks to the shared real Postfix: tagged {@code postfix}, served by {@link PostfixExtension}. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("postfix")
@ExtendWith(PostfixExtension.class)
public @interface WithPostfix {
}
