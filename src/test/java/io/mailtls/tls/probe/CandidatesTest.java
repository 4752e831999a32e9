package io.mailtls.tls.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Dealing candidates into lanes: every item once, the head spread over the lanes, never an empty lane. */
class CandidatesTest {

    @Test
    void dealsLikeCardsSoTheHeadSpreadsOverTheLanes() {
        assertThat(Candidates.deal(List.of(1, 2, 3, 4, 5, 6, 7), 3))
                .containsExactly(List.of(1, 4, 7), List.of(2, 5), List.of(3, 6));
    }

    @Test
    void neverMoreLanesThanItemsAndAtLeastOne() {
        assertThat(Candidates.deal(List.of(1, 2), 3)).containsExactly(List.of(1), List.of(2));
        assertThat(Candidates.deal(List.of(1, 2), 0)).containsExactly(List.of(1, 2));
        assertThat(Candidates.deal(List.of(), 3)).isEmpty();
    }
}
