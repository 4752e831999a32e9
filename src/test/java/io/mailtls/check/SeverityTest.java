package io.mailtls.check;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SeverityTest {
    @Test
    void ordersFromOkToCritical() {
        assertThat(Severity.CRITICAL.worseThan(Severity.HIGH)).isTrue();
        assertThat(Severity.LOW.worseThan(Severity.MEDIUM)).isFalse();
        assertThat(Severity.OK.worseThan(Severity.OK)).isFalse();
    }
}
